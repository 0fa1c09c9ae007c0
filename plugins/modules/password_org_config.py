#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_org_config
short_description: Manage the org-wide password settings of SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Makes the org's password settings (digit tokens for password resets, custom password instructions) match the
    task, through the ISC API (V3 or v1, see O(api_version)).
  - A tenant has one set of these settings, without an ID. Only the options the task sets are managed; the others
    keep the tenant's values.
  - When the tenant has no settings yet, the module creates them (POST), with ISC's defaults for the options the
    task does not set; afterwards it only updates them (PUT, which changes only the fields it sends).
  - The ranges are checked before any request, and a failure names the option and the range.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes
options:
  custom_instructions_enabled:
    description:
      - Show the org's custom password instructions to users (ISC field C(customInstructionsEnabled)).
      - ISC's default is V(false).
    type: bool
  digit_token_enabled:
    description:
      - Allow password resets with a digit token, a one-time code sent to the user (ISC field C(digitTokenEnabled)).
      - ISC's default is V(false).
    type: bool
  digit_token_duration_minutes:
    description:
      - How many minutes a digit token stays valid, V(1) to V(60) (ISC field C(digitTokenDurationMinutes)).
      - ISC's default is V(5).
    type: int
  digit_token_length:
    description:
      - How many digits a digit token has, V(6) to V(18) (ISC field C(digitTokenLength)).
      - ISC's default is V(6).
    type: int
notes:
  - Writes need a personal access token of a user with the C(ORG_ADMIN) user level.
  - What ISC answers to a read before the settings were ever saved is not documented; a 404 and an empty answer are
    both taken as "no settings yet".
seealso:
  - module: sailpoint_community.isc.password_org_config_info
  - module: sailpoint_community.isc.password_dictionary
  - name: ISC password configuration API
    description: SailPoint's reference of the password org config endpoints.
    link: https://developer.sailpoint.com/docs/api/v3/password-configuration
"""

EXAMPLES = r"""
- name: Allow password resets with an 8-digit token valid for 10 minutes
  sailpoint_community.isc.password_org_config:
    digit_token_enabled: true
    digit_token_length: 8
    digit_token_duration_minutes: 10

- name: Turn on the custom password instructions; the digit token settings keep the tenant's values
  sailpoint_community.isc.password_org_config:
    custom_instructions_enabled: true

- name: Copy the settings of one tenant to another
  sailpoint_community.isc.password_org_config:
    base_url: https://acme-prod.api.identitynow.com
    custom_instructions_enabled: "{{ sandbox.password_org_config.custom_instructions_enabled }}"
    digit_token_enabled: "{{ sandbox.password_org_config.digit_token_enabled }}"
    digit_token_duration_minutes: "{{ sandbox.password_org_config.digit_token_duration_minutes }}"
    digit_token_length: "{{ sandbox.password_org_config.digit_token_length }}"
"""

RETURN = r"""
password_org_config:
  description:
    - The settings after the task, with the module's option names; predicted in check mode.
  returned: always
  type: dict
  sample:
    custom_instructions_enabled: false
    digit_token_enabled: true
    digit_token_duration_minutes: 10
    digit_token_length: 8
diff:
  description:
    - The managed options before and after; C({}) before the settings were first created.
  returned: always
  type: dict
  sample:
    before: {digit_token_length: 6}
    after: {digit_token_length: 8}
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils import org_config
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module


def main():
    module = IscModule(
        argument_spec=argument_spec(**org_config.module_options()),
        required_one_of=[org_config.OPTIONS],
        supports_check_mode=True,
    )
    run_module(module, lambda client: org_config.ensure(client, module.params, module.check_mode))


if __name__ == "__main__":
    main()
