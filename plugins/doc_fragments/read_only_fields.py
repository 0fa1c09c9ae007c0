# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only fields a module accepts so that an item of its _info module can be passed back to it."""


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  created:
    description:
      - Read-only. Accepted and ignored, so that an item of the module's C(_info) peer
        (P(sailpoint_community.isc.password_policy_info#module), P(sailpoint_community.isc.password_sync_group_info#module))
        can be passed back.
    type: str
  modified:
    description:
      - Read-only. Accepted and ignored, like O(created).
    type: str
"""
