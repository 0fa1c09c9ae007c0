#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_sync_group_info
short_description: Read password sync groups of SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Returns the password sync groups of an ISC tenant, all of them (reading every page) or those matching O(name)
    or O(id), with the names of their policy and sources as well as the ids.
  - Each item has the option names of M(sailpoint_community.isc.password_sync_group), so it can be passed back to
    that module after leaving out one of C(sources) and C(source_ids), and one of C(password_policy) and
    C(password_policy_id) (each pair is mutually exclusive).
  - Never changes anything.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes.info_module
options:
  name:
    description: Return only the groups with exactly this name (names are not unique in ISC).
    type: str
  id:
    description: Return only the group with this ID; an unknown ID gives an empty list.
    type: str
  resolve_names:
    description:
      - Look up the names of the group's sources and policy for C(sources) and C(password_policy).
      - With V(false) they are null and only the IDs are returned, which saves one request per 50
        sources and one for the policies on large tenants (the P(sailpoint_community.isc.password_config#role) role reads the sources itself).
    type: bool
    default: true
seealso:
  - module: sailpoint_community.isc.password_sync_group
"""

EXAMPLES = r"""
- name: Read every password sync group
  sailpoint_community.isc.password_sync_group_info:
  register: groups

- name: Which sources share a password with Active Directory
  ansible.builtin.debug:
    msg: "{{ groups.password_sync_groups | selectattr('sources', 'contains', 'Active Directory') | list }}"

- name: Read one group by name
  sailpoint_community.isc.password_sync_group_info:
    name: Corporate accounts
"""

RETURN = r"""
password_sync_groups:
  description:
    - The groups, with the option names of M(sailpoint_community.isc.password_sync_group) plus the read-only C(id),
      C(created) and C(modified). C(password_policy) and C(sources) hold names, C(password_policy_id) and
      C(source_ids) the ids; a name is null when its id no longer exists on the tenant, and
      with O(resolve_names=false).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 6881f631-3bd5-4213-9c75-8e05cc3e35dd
      name: Corporate accounts
      password_policy: Corporate
      password_policy_id: 2c91808d744ba0ce01746f93b6204501
      sources: [Active Directory, GitHub]
      source_ids: [2c918084660f45d6016617daa9210500, 2c918084660f45d6016617daa9210584]
      created: "2026-11-21T09:30:00.000Z"
      modified: "2026-11-21T09:30:00.000Z"
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import SyncGroupReconciler


def main():
    module = IscModule(
        argument_spec=argument_spec(name=dict(type="str"), id=dict(type="str"), resolve_names=dict(type="bool", default=True)),
        mutually_exclusive=[("name", "id")],
        supports_check_mode=True,
    )
    run_module(
        module,
        lambda client: dict(
            changed=False,
            password_sync_groups=SyncGroupReconciler(client).read(
                object_id=module.params["id"], name=module.params["name"], resolve_names=module.params["resolve_names"]
            ),
        ),
    )


if __name__ == "__main__":
    main()
