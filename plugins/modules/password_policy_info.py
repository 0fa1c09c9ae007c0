#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_policy_info
short_description: Read password policies of SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Returns the password policies of an ISC tenant, all of them (reading every page) or those matching
    O(name) or O(id).
  - Each item has the option names of M(sailpoint_community.isc.password_policy), so it can be passed back to
    that module, for example to copy a policy to another tenant, after leaving out one of C(sources) and
    C(source_ids) (they are mutually exclusive), and C(id) of the default policy (it goes by C(default_policy)).
  - Never changes anything.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes.info_module
options:
  name:
    description: Return only the policies with exactly this name (names are not unique in ISC).
    type: str
  id:
    description: Return only the policy with this ID; an unknown ID gives an empty list.
    type: str
  default_policy:
    description:
      - With V(true), return only the org's default password policy (the one ISC marks C(defaultPolicy)), whatever
        its name. Not together with O(name) or O(id) when V(true).
    type: bool
    default: false
  resolve_names:
    description:
      - Look up the names of the governed sources for C(sources).
      - With V(false) they are null and only the IDs are returned, which saves one request per 50
        sources on large tenants (the P(sailpoint_community.isc.password_config#role) role reads the sources itself).
    type: bool
    default: true
seealso:
  - module: sailpoint_community.isc.password_policy
"""

EXAMPLES = r"""
- name: Read every password policy
  sailpoint_community.isc.password_policy_info:
  register: policies

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ policies.password_policies | map(attribute='name') | list }}"

- name: Read every policy with source IDs only, one request fewer per 50 sources
  sailpoint_community.isc.password_policy_info:
    resolve_names: false
  register: policies_by_id

- name: Read the org's default policy, whatever it is called
  sailpoint_community.isc.password_policy_info:
    default_policy: true
  register: default_policy

- name: Read one policy by name
  sailpoint_community.isc.password_policy_info:
    name: Corporate
  register: corporate

- name: Read one policy by id, with the connection given explicitly
  sailpoint_community.isc.password_policy_info:
    id: 2c91808e7d976f3b017d9f5ceae440c8
    base_url: https://acme.api.identitynow.com
    client_id: "{{ isc_client_id }}"
    client_secret: "{{ isc_client_secret }}"
"""

RETURN = r"""
password_policies:
  description:
    - The policies, with the option names of M(sailpoint_community.isc.password_policy) plus the read-only C(id),
      C(default_policy), C(created) and C(modified); C(sources) holds the names of the governed sources
      (null with O(resolve_names=false)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2c91808e7d976f3b017d9f5ceae440c8
      name: Default
      description: Default Password Policy
      default_policy: true
      min_length: 8
      max_length: 0
      min_alpha: 1
      min_upper: 0
      min_lower: 0
      min_numeric: 1
      min_special: 0
      min_character_types: -1
      max_repeated_chars: -1
      account_id_min_word_length: -1
      account_name_min_word_length: -1
      use_account_attributes: false
      use_identity_attributes: false
      use_dictionary: false
      validate_against_account_id: false
      validate_against_account_name: false
      expiration_enabled: false
      expiration_days: 90
      expiration_reminder_days: 0
      require_strong_auth: false
      require_strong_auth_off_network: false
      require_strong_auth_untrusted_geographies: false
      source_ids: []
      sources: []
      created: "2026-01-05T10:00:00.000Z"
      modified: null
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import PolicyReconciler


def main():
    module = IscModule(
        argument_spec=argument_spec(
            name=dict(type="str"), id=dict(type="str"), default_policy=dict(type="bool", default=False), resolve_names=dict(type="bool", default=True)
        ),
        # default_policy excludes name and id only when true (a templated false must not fail), so it is checked below.
        mutually_exclusive=[("name", "id")],
        supports_check_mode=True,
    )
    params = module.params
    if params["default_policy"] and (params["name"] or params["id"]):
        module.fail_json(msg="parameters are mutually exclusive: default_policy=true|%s" % ("name" if params["name"] else "id"), option="default_policy")
    run_module(
        module,
        lambda client: dict(
            changed=False,
            password_policies=PolicyReconciler(client).read(
                object_id=params["id"], name=params["name"], default_policy=params["default_policy"], resolve_names=params["resolve_names"]
            ),
        ),
    )


if __name__ == "__main__":
    main()
