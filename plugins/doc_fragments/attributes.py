# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes of the collection's modules: check mode, diff mode, the isc action group."""


class ModuleDocFragment:
    DOCUMENTATION = r"""
attributes:
  check_mode:
    description: Can run in check mode and predict the change without modifying the tenant.
    support: full
    details:
      - Check mode sends no write request at all, and predicts the same C(changed) as a real run.
  diff_mode:
    description: Returns the managed fields before and after the change when run with C(--diff).
    support: full
  action_group:
    description: Use C(group/sailpoint_community.isc.isc) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - sailpoint_community.isc.isc
"""

    INFO_MODULE = r"""
attributes:
  check_mode:
    description: Only reads the tenant, so it runs the same in check mode.
    support: full
  diff_mode:
    description: Changes nothing, so there is no diff.
    support: N/A
  action_group:
    description: Use C(group/sailpoint_community.isc.isc) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - sailpoint_community.isc.isc
"""
