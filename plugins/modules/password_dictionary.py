#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_dictionary
short_description: Manage the password dictionary of SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Makes the org's password dictionary, the words that passwords must not contain, hold the words of the task,
    through the ISC API (V3 or v1, see O(api_version)).
  - The words come from a list (O(words)), from a dictionary file on the controller (O(src)) or from the text of
    such a file (O(content)).
  - The tenant's dictionary is compared as ISC uses it. ISC matches words case-insensitively, so case, order,
    repeated words, comments and blank lines make no difference; only the locale and the set of words count. The
    diff shows the words added and removed.
  - Every rule of SailPoint's spec is checked before the upload, and a failure names the option (and the line of
    a file) and the rule. The words are UTF-8 text; each word has no white space and at most 128 characters; a
    dictionary has one locale and from 1 to 2,500 words.
  - ISC replaces the dictionary whole on each upload. The module uploads a file of its own making. It holds a comment
    that says the collection manages it, the locale line written C(locale=xx_XX), and the words in the order given,
    each once. The comments of the task's file are not uploaded.
  - Password policies use the dictionary when their C(use_dictionary) is on (M(sailpoint_community.isc.password_policy)).
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes
options:
  state:
    description:
      - V(present) uploads the words unless the tenant's dictionary already holds them.
      - V(absent) always fails, with an explanation. ISC has no way to delete a dictionary, and it refuses an
        empty one. To stop checking passwords against it, set C(use_dictionary=false) on the password policies.
    type: str
    choices: [present, absent]
    default: present
  words:
    description:
      - The words, in any order and case. Repeats are uploaded once.
      - Each word has no white space, no control or invisible character (Unicode categories Cc and Cf, for example
        a zero-width space), and at most 128 characters, and must not start with C(#), which ISC would read as a comment.
      - One string of comma-separated words is taken as a list, as for every list option; each word is trimmed.
      - Needs O(locale).
    type: list
    elements: str
  src:
    description:
      - Path of a dictionary file on the controller, in SailPoint's format. The file holds one word per line and
        one locale line (C(locale=en_US) or C(locale:en_US)); lines that start with C(#) are comments, and blank
        lines are allowed.
      - The collection's action plugin reads the file on the controller, whatever host the task runs on. A relative
        path is looked up like the O(ansible.builtin.copy#module:src) of M(ansible.builtin.copy), in the role's C(files/) folder and
        then next to the playbook. A vault-encrypted file is decrypted.
      - The file must be UTF-8 text; a leading byte order mark is ignored.
    type: path
  content:
    description:
      - The text of a dictionary file, in the format of O(src). For example, the output of a template lookup.
      - A leading byte order mark is ignored.
    type: str
  locale:
    description:
      - The dictionary's locale, a language code and a country code of two letters each, for example V(en_US) or
        V(de_DE). The case of the letters does not matter.
      - Required with O(words). With O(src) or O(content), needed only when the file has no locale line. When both
        are given, they must be the same.
    type: str
notes:
  - Writes need a personal access token of a user with the C(ORG_ADMIN) user level.
  - ISC matches dictionary words as substrings. The word C(spring) also forbids C(Spring2026!).
seealso:
  - module: sailpoint_community.isc.password_dictionary_info
  - module: sailpoint_community.isc.password_policy
  - name: ISC password dictionary API
    description: SailPoint's reference of the password dictionary endpoints and the file format.
    link: https://developer.sailpoint.com/docs/api/v3/password-dictionary
"""

EXAMPLES = r"""
- name: Forbid the company's name and common passwords
  sailpoint_community.isc.password_dictionary:
    locale: en_US
    words:
      - acme
      - password
      - qwerty
      - spring
      - summer

- name: Upload a dictionary file kept next to the playbook (or in the role's files/)
  sailpoint_community.isc.password_dictionary:
    src: password-dictionary.txt

- name: Upload a templated dictionary
  sailpoint_community.isc.password_dictionary:
    content: "{{ lookup('ansible.builtin.template', 'dictionary.txt.j2') }}"
    locale: de_DE

- name: Check the tenant's dictionary without changing it
  sailpoint_community.isc.password_dictionary:
    src: password-dictionary.txt
  check_mode: true
  diff: true
  register: dictionary_check

- name: Use the dictionary in a policy
  sailpoint_community.isc.password_policy:
    name: Corporate
    use_dictionary: true
"""

RETURN = r"""
password_dictionary:
  description:
    - The dictionary after the task; predicted in check mode. The words are in the task's spelling and order after
      a change, and in the tenant file's otherwise.
  returned: always
  type: dict
  contains:
    locale:
      description: The locale, for example C(en_US).
      type: str
    words:
      description: The words, each once.
      type: list
      elements: str
    word_count:
      description: How many words there are.
      type: int
  sample:
    locale: en_US
    words: [acme, password, qwerty]
    word_count: 3
words_added:
  description: The words (in lower case) that the task adds to the tenant's dictionary, sorted.
  returned: always
  type: list
  elements: str
  sample: [qwerty]
words_removed:
  description: The words (in lower case) that the task removes from the tenant's dictionary, sorted.
  returned: always
  type: list
  elements: str
  sample: [letmein]
diff:
  description:
    - The locale and the words (lower case, sorted, once each) before and after, so that C(--diff) shows the added and
      removed words as C(+) and C(-) lines. C({}) before the first upload.
  returned: always
  type: dict
  sample:
    before: {locale: en_US, words: [acme, letmein, password]}
    after: {locale: en_US, words: [acme, password, qwerty]}
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils import dictionary
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module


def main():
    module = IscModule(
        argument_spec=argument_spec(**dictionary.module_options()),
        mutually_exclusive=dictionary.MUTUALLY_EXCLUSIVE,
        supports_check_mode=True,
    )
    run_module(module, lambda client: dictionary.ensure(client, module.params, module.check_mode))


if __name__ == "__main__":
    main()
