#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_dictionary_info
short_description: Read the password dictionary of SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Returns the org's password dictionary, its locale and words, in the option names of
    M(sailpoint_community.isc.password_dictionary).
  - Never changes anything.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes.info_module
options: {}
seealso:
  - module: sailpoint_community.isc.password_dictionary
"""

EXAMPLES = r"""
- name: Read the password dictionary
  sailpoint_community.isc.password_dictionary_info:
  register: tenant_dictionary

- name: Copy it to another tenant
  sailpoint_community.isc.password_dictionary:
    base_url: https://acme-sb.api.identitynow.com
    locale: "{{ tenant_dictionary.password_dictionary.locale }}"
    words: "{{ tenant_dictionary.password_dictionary.words }}"
  when: tenant_dictionary.password_dictionary is not none
"""

RETURN = r"""
password_dictionary:
  description:
    - The dictionary; null when none was ever uploaded.
    - Comments and blank lines of the tenant's file are left out, and a word repeated in another case is kept once.
  returned: always
  type: dict
  contains:
    locale:
      description: The locale of the file's locale line, for example C(en_US); null if the file has none.
      type: str
    words:
      description: The words, in the file's spelling and order.
      type: list
      elements: str
    word_count:
      description: How many words there are.
      type: int
  sample:
    locale: en_US
    words: [acme, password, qwerty]
    word_count: 3
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils import dictionary
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module


def main():
    module = IscModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, lambda client: dict(changed=False, password_dictionary=dictionary.read(client)))


if __name__ == "__main__":
    main()
