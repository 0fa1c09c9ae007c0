# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the password_config role: plan a run, report on it, export a tenant (and write it as YAML).

The work is in module_utils (plan.py, report.py); these wrappers hand Ansible's data to it.
Documentation: one YAML file per filter, next to this one.
"""

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.sailpoint_community.isc.plugins.module_utils import plan, report
from ansible_collections.sailpoint_community.isc.plugins.plugin_utils import export_yaml


def plain(value):
    """A plain copy of Ansible's data: dicts, lists, str, numbers, for the report and the export.

    ansible-core 2.19 hands filters lazy, tagged containers whose every access goes back through
    templating. The plan needs no copy: it reads the tenant once, into its in-memory collections.
    """
    if isinstance(value, Mapping):
        return dict((str(key), plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    for kind in (bool, str, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


def password_config_plan(tenant, policies=None, sync_groups=None, exclusive=False):
    if not isinstance(tenant, Mapping):
        raise AnsibleFilterError("password_config_plan expects the tenant as a dict of policies, sync_groups, sources")
    return plan.plan(tenant, policies or [], sync_groups or [], exclusive=bool(exclusive))


def password_config_input_errors(policies, sync_groups=None, exclusive=False, exclusive_allow_empty=False, max_deletions=None):
    limit = plan.MAX_DELETIONS if max_deletions is None else int(max_deletions)
    return plan.input_errors(policies or [], sync_groups or [], bool(exclusive), bool(exclusive_allow_empty), limit)


def password_config_variable_errors(names, spec, values=None):
    return plan.variable_errors(names, spec, values)


def password_config_report(run_plan, tenant, results=None, check_mode=True, host=None, base_url=None, settings=None):
    return report.build_report(
        plain(run_plan), plain(tenant), plain(results or []), check_mode=bool(check_mode), host=host, base_url=base_url, settings=plain(settings or {})
    )


def password_config_markdown(run_report):
    return report.markdown(plain(run_report))


def password_config_export(policies, sync_groups=None, org_config=None, dictionary=None):
    return report.export(plain(policies or []), plain(sync_groups or []), org_config=plain(org_config), dictionary=plain(dictionary))


def password_config_export_yaml(exported):
    if not isinstance(exported, Mapping):
        raise AnsibleFilterError("password_config_export_yaml expects the dict that password_config_export returns")
    return export_yaml.dump(plain(exported))


class FilterModule:
    def filters(self):
        return {
            "password_config_input_errors": password_config_input_errors,
            "password_config_variable_errors": password_config_variable_errors,
            "password_config_plan": password_config_plan,
            "password_config_report": password_config_report,
            "password_config_markdown": password_config_markdown,
            "password_config_export": password_config_export,
            "password_config_export_yaml": password_config_export_yaml,
        }
