# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the password_config role: plan a run, report on it, export a tenant.

The work is in module_utils (plan.py, report.py); these wrappers hand Ansible's data to it.
Documentation: one YAML file per filter, next to this one.
"""

from ansible.errors import AnsibleFilterError
from ansible_collections.sailpoint_community.isc.plugins.module_utils import plan, report


def password_config_plan(tenant, policies=None, sync_groups=None, exclusive=False):
    if not isinstance(tenant, dict):
        raise AnsibleFilterError("password_config_plan expects the tenant as a dict of policies, sync_groups, sources")
    return plan.plan(tenant, policies or [], sync_groups or [], exclusive=bool(exclusive))


def password_config_report(run_plan, tenant, results=None, check_mode=True, host=None, base_url=None):
    return report.build_report(run_plan, tenant, results or [], check_mode=bool(check_mode), host=host,
                               base_url=base_url)


def password_config_markdown(run_report):
    return report.markdown(run_report)


def password_config_export(policies, sync_groups=None):
    return report.export(policies or [], sync_groups or [])


class FilterModule:

    def filters(self):
        return {
            "password_config_plan": password_config_plan,
            "password_config_report": password_config_report,
            "password_config_markdown": password_config_markdown,
            "password_config_export": password_config_export,
        }
