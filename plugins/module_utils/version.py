# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's version, for the User-Agent. A unit test keeps it equal to galaxy.yml."""

COLLECTION_VERSION = "1.1.0"
