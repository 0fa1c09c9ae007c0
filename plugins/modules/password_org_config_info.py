#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: password_org_config_info
short_description: Read the org-wide password settings of SailPoint Identity Security Cloud
version_added: 1.0.0
description:
  - Returns the org's password settings (digit tokens, custom password instructions) with the option names of
    M(sailpoint_community.isc.password_org_config), so that they can be passed back to that module.
  - Never changes anything.
author:
  - sailpoint_community.isc maintainers (@sailpoint-community)
extends_documentation_fragment:
  - sailpoint_community.isc.connection
  - sailpoint_community.isc.attributes.info_module
options: {}
seealso:
  - module: sailpoint_community.isc.password_org_config
"""

EXAMPLES = r"""
- name: Read the org's password settings
  sailpoint_community.isc.password_org_config_info:
  register: org

- name: Show whether digit tokens are allowed
  ansible.builtin.debug:
    msg: "{{ org.password_org_config.digit_token_enabled if org.password_org_config else 'never configured' }}"
"""

RETURN = r"""
password_org_config:
  description:
    - The settings, with the option names of M(sailpoint_community.isc.password_org_config).
    - Null when the tenant has never saved them (ISC then applies its defaults).
  returned: always
  type: dict
  sample:
    custom_instructions_enabled: false
    digit_token_enabled: true
    digit_token_duration_minutes: 10
    digit_token_length: 8
"""


from ansible_collections.sailpoint_community.isc.plugins.module_utils import org_config
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import IscModule, argument_spec, run_module


def main():
    module = IscModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, lambda client: dict(changed=False, password_org_config=org_config.read(client)))


if __name__ == "__main__":
    main()
