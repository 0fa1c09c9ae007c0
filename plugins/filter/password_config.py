# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the password_config role: plan a run, report on it, export a tenant.

The work is in module_utils (plan.py, report.py); these wrappers hand Ansible's data to it.
Documentation: one YAML file per filter, next to this one.
"""

import difflib
from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.sailpoint_community.isc.plugins.module_utils import plan, report


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


# The role's variables that are a list (of dicts) and a dict; Ansible's own type check of them dumps the whole spec.
SHAPES = {
    "password_config_policies": (list, "a list of dicts, one per policy"),
    "password_config_sync_groups": (list, "a list of dicts, one per sync group"),
    "password_config_org_config": (Mapping, "a dict of options"),
    "password_config_dictionary": (Mapping, "a dict of options"),
}


def password_config_variable_errors(names, spec, values=None):
    """One line per misspelt role variable or option of a settings dict (with the closest known name), and per
    variable of the wrong shape.

    ``names``: the variables defined that start with ``password_config_``; the role's own internal ones
    (``password_config__``) are not the user's. ``spec``: the role's options (its argument_specs.yml).
    ``values``: the variables whose shape the role checks, by name.
    """
    errors = [_unknown("%s is not a variable of the password_config role" % name, name, spec) for name in sorted(set(str(name) for name in names))]
    errors = [error for error in errors if error]
    for name, value in sorted((values or {}).items()):
        kind, expected = SHAPES[name]
        if value is not None and not isinstance(value, kind):
            errors.append("%s must be %s, got %s" % (name, expected, _type_name(value)))
        elif isinstance(value, Mapping):
            options = spec[name].get("options") or {}
            errors += [_unknown("%s: unknown option %s" % (name, key), key, options) for key in sorted(str(key) for key in value) if key not in options]
    return errors


def _unknown(text, name, known):
    """``text`` with the closest of ``known`` for an unknown ``name``; None when it is known or internal."""
    if name in known or name.startswith("password_config__"):
        return None
    close = difflib.get_close_matches(name, [str(key) for key in known], n=1, cutoff=0.6)
    return text + (" (did you mean %s?)" % close[0] if close else "")


def _type_name(value):
    """Ansible's own types by what they hold (its tagged dict is a dict)."""
    for kind, name in ((Mapping, "a dict"), (str, "a string"), (bool, "a boolean"), ((int, float), "a number"), (list, "a list")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def password_config_report(run_plan, tenant, results=None, check_mode=True, host=None, base_url=None, settings=None):
    return report.build_report(
        plain(run_plan), plain(tenant), plain(results or []), check_mode=bool(check_mode), host=host, base_url=base_url, settings=plain(settings or {})
    )


def password_config_markdown(run_report):
    return report.markdown(plain(run_report))


def password_config_export(policies, sync_groups=None, org_config=None, dictionary=None):
    return report.export(plain(policies or []), plain(sync_groups or []), org_config=plain(org_config), dictionary=plain(dictionary))


class FilterModule:
    def filters(self):
        return {
            "password_config_input_errors": password_config_input_errors,
            "password_config_variable_errors": password_config_variable_errors,
            "password_config_plan": password_config_plan,
            "password_config_report": password_config_report,
            "password_config_markdown": password_config_markdown,
            "password_config_export": password_config_export,
        }
