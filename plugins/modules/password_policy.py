#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_policy
short_description: Create, update and delete password policies in SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Makes a password policy of an ISC tenant match the task, through the ISC API (V3 or v1, see O(api_version)).
  - The policy is found by O(name), by O(id), or, with O(default_policy=true), as the org's default policy whatever
    its name (the last two also allow renaming it).
  - Only the options the task sets are managed. ISC has no partial update, so the module reads the
    policy and sends it back whole with the task's values put over it; settings the task does not
    mention keep the tenant's values.
  - Before anything is written, the values are checked against the rules below, and a failure names
    the option and the rule.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes
  - sailpoint_community.isc.read_only_fields
options:
  state:
    description:
      - V(present) creates the policy or updates it to match the task.
      - V(absent) deletes it; a policy that does not exist is fine (not changed). The org's default policy is
        never deleted, nor a policy that a password sync group still uses; V(absent) with O(default_policy=true)
        is refused before any request.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - Name of the policy. ISC does not require unique names; a name that matches two or more policies is an
        error that lists their ids (use O(id) then).
      - Required to create a policy. With O(id) or O(default_policy=true), the policy is renamed to this name,
        unless another policy has it (an error before any write, since names must stay unique to be found).
      - When no policy has this name but the default policy's name differs from it only in letter case or spacing,
        the task warns that it creates a new policy (use O(default_policy=true) to manage the default one).
    type: str
  id:
    description:
      - ID of the policy (32 hexadecimal characters), to target one policy exactly, for example to rename it.
    type: str
  description:
    description: Description of the policy.
    type: str
  min_length:
    description: Minimum password length.
    type: int
  max_length:
    description:
      - Maximum password length; V(0) means no maximum.
      - Must be at least O(min_length) and at least the sum of O(min_upper), O(min_lower), O(min_numeric) and
        O(min_special), unless it is V(0).
    type: int
  min_alpha:
    description: Minimum number of letters.
    type: int
  min_upper:
    description: Minimum number of upper-case letters.
    type: int
  min_lower:
    description: Minimum number of lower-case letters.
    type: int
  min_numeric:
    description: Minimum number of digits.
    type: int
  min_special:
    description: Minimum number of special characters.
    type: int
  min_character_types:
    description:
      - How many of the four character types (upper, lower, digit, special) a password must contain,
        V(-1) to V(4); V(-1) means not enforced.
    type: int
  max_repeated_chars:
    description: Maximum number of times one character may repeat; V(-1) means not enforced.
    type: int
  account_id_min_word_length:
    description:
      - Minimum length of a word of the account ID that the password must not contain; V(-1) means not enforced.
    type: int
  account_name_min_word_length:
    description:
      - Minimum length of a word of the account name that the password must not contain; V(-1) means not enforced.
    type: int
  use_account_attributes:
    description: Reject passwords that contain account attribute values.
    type: bool
  use_identity_attributes:
    description: Reject passwords that contain identity attribute values.
    type: bool
  use_dictionary:
    description:
      - Reject passwords that contain a word of the tenant's password dictionary
        (M(sailpoint_community.isc.password_dictionary)).
      - When this is V(true) and the tenant has no dictionary yet, the module warns.
    type: bool
  validate_against_account_id:
    description: Reject passwords that contain the account ID.
    type: bool
  validate_against_account_name:
    description: Reject passwords that contain the account name.
    type: bool
  expiration_enabled:
    description: Make passwords expire (ISC field C(enablePasswdExpiration)).
    type: bool
  expiration_days:
    description: Days after which a password expires (ISC field C(passwordExpiration)).
    type: int
  expiration_reminder_days:
    description: Days before expiration when users get the first reminder (ISC field C(firstExpirationReminder)).
    type: int
  require_strong_auth:
    description: Require strong authentication to change a password (ISC field C(requireStrongAuthn)).
    type: bool
  require_strong_auth_off_network:
    description: Require strong authentication to change a password off the corporate network.
    type: bool
  require_strong_auth_untrusted_geographies:
    description: Require strong authentication to change a password from untrusted geographies.
    type: bool
  sources:
    description:
      - Names of the sources this policy governs; when set, exactly these (order does not matter).
      - A single string is read as comma-separated names (C(Active Directory, Okta)); spaces around each name are ignored.
      - Names are matched exactly, all in one request; unknown names fail the task before any write, all listed.
      - The tenant's IdentityNow source, which ISC's source list hides, is found by its name too.
      - The IdentityNow source is never removed from the org's default policy; a task that would do it fails before
        any write and says why.
      - Mutually exclusive with O(source_ids).
    type: list
    elements: str
  source_ids:
    description:
      - IDs of the sources this policy governs; when set, exactly these (order does not matter).
      - Mutually exclusive with O(sources); the same rule on the IdentityNow source applies.
    type: list
    elements: str
  default_policy:
    description:
      - With V(true), the task manages the org's default password policy, the one ISC marks C(defaultPolicy),
        whatever its name (a real tenant calls it C(Default), others C(Default Password Policy)). O(name) is then
        optional and, when given, renames it.
      - The default policy is never created nor deleted (O(state=absent) is refused), and the IdentityNow source is
        never removed from it.
      - With V(false) or unset, the policy is found by O(name) or O(id). V(true) is mutually exclusive with O(id).
    type: bool
seealso:
  - module: sailpoint_community.isc.password_policy_info
  - module: sailpoint_community.isc.password_sync_group
  - name: ISC password policies API
    description: SailPoint's reference of the V3 password policy endpoints.
    link: https://developer.sailpoint.com/docs/api/v3/password-policies
"""

EXAMPLES = r"""
- name: Create or update a policy (connection from SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET)
  sailpoint_community.isc.password_policy:
    name: Corporate
    description: Passwords of corporate accounts
    min_length: 12
    min_upper: 1
    min_lower: 1
    min_numeric: 1
    min_special: 1
    max_repeated_chars: 3
    expiration_enabled: true
    expiration_days: 180

- name: Tighten one setting; every other setting keeps the tenant's value
  sailpoint_community.isc.password_policy:
    name: Corporate
    min_length: 14

- name: Manage the org's default policy, whatever it is called on this tenant
  sailpoint_community.isc.password_policy:
    default_policy: true
    min_length: 10
    min_numeric: 1

- name: Rename a policy, found by its id
  sailpoint_community.isc.password_policy:
    id: 2c91808e7d976f3b017d9f5ceae440c8
    name: Corporate (2026)

- name: Govern exactly these sources, by name
  sailpoint_community.isc.password_policy:
    name: Corporate
    sources:
      - Active Directory
      - GitHub

- name: Delete a policy
  sailpoint_community.isc.password_policy:
    name: Legacy contractors
    state: absent

- name: Set the connection once for several tasks
  module_defaults:
    group/sailpoint_community.isc.isc:
      base_url: https://acme.api.identitynow.com
      client_id: "{{ isc_client_id }}"
      client_secret: "{{ isc_client_secret }}"
  block:
    - name: Policy for vendors
      sailpoint_community.isc.password_policy:
        name: Vendors
        min_length: 16
        expiration_enabled: true
        expiration_days: 60

    - name: Policy for service accounts
      sailpoint_community.isc.password_policy:
        name: Service accounts
        min_length: 32
        expiration_enabled: false
"""

RETURN = r"""
password_policy:
  description:
    - The policy after the task, with the module's option names; predicted in check mode (then C(id) is null
      for a policy that would be created). Empty after O(state=absent).
  returned: always
  type: dict
  sample:
    id: 2c91808e7d976f3b017d9f5ceae440c8
    name: Corporate
    description: Passwords of corporate accounts
    default_policy: false
    min_length: 12
    max_length: 0
    min_alpha: 0
    min_upper: 1
    min_lower: 1
    min_numeric: 1
    min_special: 1
    min_character_types: -1
    max_repeated_chars: 3
    account_id_min_word_length: -1
    account_name_min_word_length: -1
    use_account_attributes: false
    use_identity_attributes: false
    use_dictionary: false
    validate_against_account_id: false
    validate_against_account_name: false
    expiration_enabled: true
    expiration_days: 180
    expiration_reminder_days: 0
    require_strong_auth: false
    require_strong_auth_off_network: false
    require_strong_auth_untrusted_geographies: false
    source_ids: [2c91808382ffee0b01830de154f14034]
    sources: [Active Directory]
    created: "2026-11-21T09:30:00.000Z"
    modified: "2026-11-21T09:45:12.345Z"
  contains:
    id:
      description: ID of the policy.
      type: str
    default_policy:
      description: Whether this is the org's default policy.
      type: bool
    sources:
      description:
        - Names of the governed sources, when the task named them or they were read; otherwise null.
      type: list
      elements: str
    source_ids:
      description: IDs of the governed sources, sorted.
      type: list
      elements: str
    created:
      description: When the policy was created (ISO-8601, UTC).
      type: str
    modified:
      description: When the policy was last changed (ISO-8601, UTC); null if never.
      type: str
diff:
  description:
    - The managed fields before and after, with the option names; C({}) for the side where the policy does not
      exist. Sources are shown by name when the task gave names.
  returned: always
  type: dict
  sample:
    before: {name: Corporate, min_length: 12}
    after: {name: Corporate, min_length: 14}
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module, run_reconciler
from ansible_collections.sailpoint_community.isc.plugins.module_utils.dictionary import missing_dictionary_warnings
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import PolicyReconciler, module_options, module_rules


def main():
    module = IscModule(
        argument_spec=argument_spec(**module_options()),
        supports_check_mode=True,
        **module_rules(),
    )

    def action(client):
        reconciler = PolicyReconciler(client, module.check_mode)
        result = run_reconciler(module, reconciler)
        if module.params["use_dictionary"] and module.params["state"] == "present":
            for warning in missing_dictionary_warnings(client, result["password_policy"]):
                module.warn(warning)
        return result

    run_module(module, action)


if __name__ == "__main__":
    main()
