#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_sync_group
short_description: Create, update and delete password sync groups in SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Makes a password sync group of an ISC tenant match the task, through the ISC API (V3 or v1). The sources of a
    sync group share one password, and the group's password policy applies to all of them.
  - The group is found by O(name), or by O(id) (which also allows renaming it).
  - The policy and the sources can be given by name; all source names are resolved with one request.
  - Before anything is written, the group is checked against the rules below, and a failure names the
    option and the rule.
  - "A source can be in one sync group only: adding a source that another group holds is an error that names
    that group. ISC does not document whether it allows this; a second group would break the first group's
    promise that the source shares its password, and could apply another policy to it. To move a source,
    first remove it from its group, then add it to the other (the P(sailpoint_community.isc.password_config#role)
    role orders such moves for you)."
  - Deleting a group makes its sources' passwords independent again; as ISC documents, the group's policy is
    then assigned directly to those sources.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes
  - sailpoint_community.isc.read_only_fields
options:
  state:
    description:
      - V(present) creates the group or updates it to match the task.
      - V(absent) deletes it; a group that does not exist is fine (not changed).
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - Name of the group, shown to users in Password Manager. ISC does not require unique names; a name that
        matches two or more groups is an error that lists their ids (use O(id) then).
      - Required to create a group. With O(id), the group is renamed to this name, unless another group has it
        (an error before any write, since names must stay unique to be found).
    type: str
  id:
    description: ID of the group (a UUID), to target one group exactly, for example to rename it.
    type: str
  password_policy:
    description:
      - Name of the password policy enforced on every source of the group. Required to create a group, unless
        O(password_policy_id) is given. Mutually exclusive with O(password_policy_id).
      - Choose a policy whose rules every source of the group can accept; ISC allows no per-source exceptions in a group.
    type: str
  password_policy_id:
    description:
      - ID of the password policy, instead of O(password_policy) (mutually exclusive with it).
    type: str
  sources:
    description:
      - Names of the sources whose passwords the group synchronises; exactly these (order does not matter).
      - A single string is read as comma-separated names (C(Active Directory, Okta)); spaces around each name are ignored.
      - At least two, each supporting password management (the C(PASSWORD) feature), and none already in
        another sync group.
      - Required to create a group, unless O(source_ids) is given. Mutually exclusive with O(source_ids).
      - The tenant's hidden IdentityNow source is found by its name too. Putting it in a group whose policy is not the
        org's default policy gives a warning, since ISC does not document which policy then governs ISC's own logins.
    type: list
    elements: str
  source_ids:
    description: IDs of the sources, instead of O(sources) (mutually exclusive with it); the same rules apply.
    type: list
    elements: str
seealso:
  - module: sailpoint_community.isc.password_sync_group_info
  - module: sailpoint_community.isc.password_policy
  - module: sailpoint_community.isc.source_info
  - name: ISC password sync groups API
    description: SailPoint's reference of the V3 password sync group endpoints.
    link: https://developer.sailpoint.com/docs/api/v3/password-sync-groups
"""

EXAMPLES = r"""
- name: Three sources sharing one password, under the Corporate policy
  sailpoint_community.isc.password_sync_group:
    name: Corporate accounts
    password_policy: Corporate
    sources:
      - Active Directory
      - GitHub
      - Salesforce

- name: "Move GitHub from one group to another: first remove it from its group"
  sailpoint_community.isc.password_sync_group:
    name: Corporate accounts
    sources: [Active Directory, Salesforce]

- name: "... then add it to the other group"
  sailpoint_community.isc.password_sync_group:
    name: Engineering accounts
    password_policy: Engineering
    sources: [GitHub, LDAP]

- name: Delete a group; its sources keep its policy, now assigned to them directly
  sailpoint_community.isc.password_sync_group:
    name: Engineering accounts
    state: absent
"""

RETURN = r"""
password_sync_group:
  description:
    - The group after the task, with the module's option names; predicted in check mode (then C(id) is null for
      a group that would be created). Empty after O(state=absent).
    - C(password_policy) and C(sources) hold names when the task gave names or the module looked them up;
      otherwise null (use P(sailpoint_community.isc.password_sync_group_info#module) for names).
  returned: always
  type: dict
  sample:
    id: 6881f631-3bd5-4213-9c75-8e05cc3e35dd
    name: Corporate accounts
    password_policy: Corporate
    password_policy_id: 2c91808d744ba0ce01746f93b6204501
    sources: [Active Directory, GitHub, Salesforce]
    source_ids: [2c918084660f45d6016617daa9210500, 2c918084660f45d6016617daa9210584, 2c918084660f45d6016617daa9210599]
    created: "2026-11-21T09:30:00.000Z"
    modified: "2026-11-21T09:30:00.000Z"
diff:
  description:
    - The managed fields before and after, with the option names; C({}) for the side where the group does not
      exist. The policy and the sources are shown by name when the task gave names.
  returned: always
  type: dict
  sample:
    before: {name: Corporate accounts, sources: [Active Directory, GitHub]}
    after: {name: Corporate accounts, sources: [Active Directory, GitHub, Salesforce]}
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module, run_reconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.sync_group import SyncGroupReconciler, module_options, module_rules


def main():
    module = IscModule(
        argument_spec=argument_spec(**module_options()),
        supports_check_mode=True,
        **module_rules(),
    )
    run_module(module, lambda client: run_reconciler(module, SyncGroupReconciler(client, module.check_mode)))


if __name__ == "__main__":
    main()
