# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The user level that the modules of the org-wide settings need to write."""


class ModuleDocFragment:
    DOCUMENTATION = r"""
notes:
  - Writes need a personal access token of a user with the C(ORG_ADMIN) user level.
"""
