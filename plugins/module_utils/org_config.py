# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The org's password settings (one object per tenant, no id): fields, rules, reconcile."""

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordOrgConfig

F = st.Field
# Every field of PasswordOrgConfig; defaults are ISC's for a field a POST leaves out.
FIELDS = (
    F("custom_instructions_enabled", "customInstructionsEnabled", "bool", False),
    F("digit_token_enabled", "digitTokenEnabled", "bool", False),
    F("digit_token_duration_minutes", "digitTokenDurationMinutes", "int", 5),
    F("digit_token_length", "digitTokenLength", "int", 6),
)
OPTIONS = tuple(field.option for field in FIELDS)
# option -> (minimum, maximum), from SailPoint's spec.
RANGES = {"digit_token_duration_minutes": (1, 60), "digit_token_length": (6, 18)}
RESULT_KEY = "password_org_config"


def module_options():
    """The argument spec of the password_org_config module's own options."""
    spec = dict((field.option, st.option_spec(field)) for field in FIELDS)
    for option in RANGES:
        spec[option]["no_log"] = False  # a number of digits or minutes: "token" in the name trips Ansible's secret heuristic
    return spec


def check_ranges(wanted):
    """The spec's ranges, checked on the task's values before any request."""
    for option, (low, high) in RANGES.items():
        value = wanted.get(option)
        if value is not None and not low <= value <= high:
            raise ValidationError("%s must be between %d and %d (got %s)" % (option, low, high, value), option=option)


def wanted_of(params):
    """{option: normalised value} of the options the task set."""
    kinds = dict((field.option, field.kind) for field in FIELDS)
    return dict((option, st.normalise(params[option], kinds[option])) for option in OPTIONS if params.get(option) is not None)


def read(client):
    """The settings with the option names, or None when the tenant has none yet."""
    current = PasswordOrgConfig(client).get()
    return st.from_api(FIELDS, current) if current is not None else None


def ensure(client, params, check_mode=False):
    """Make the settings the task names match; others keep the tenant's values (or ISC's defaults).

    Returns the module result: changed, password_org_config (after; predicted in check mode), diff.
    """
    check_ranges(wanted_of(params))
    resource = PasswordOrgConfig(client)
    result, write = plan(resource.get(), params)
    if check_mode or write is None:
        return result
    return apply(client, write, result)


def plan(current_obj, params):
    """(predicted result, write) for the tenant's settings ``current_obj`` (None: none yet); no request.

    ``write`` is None when nothing differs, else ("create" or "update", API body).
    """
    wanted = wanted_of(params)
    check_ranges(wanted)
    current = st.from_api(FIELDS, current_obj) if current_obj is not None else None
    desired = st.apply(FIELDS, current if current is not None else st.defaults(FIELDS), wanted)
    managed = [option for option in OPTIONS if option in wanted]
    if current is not None:
        changed_options = st.differences(current, desired, managed)
        if not changed_options:
            return _result(False, current, _diff(current, current, managed)), None
        # PUT changes only the fields sent
        return _result(True, desired, _diff(current, desired, managed)), (
            "update",
            dict((field.api, desired[field.option]) for field in FIELDS if field.option in changed_options),
        )
    # The first POST sends every field, so nothing is left to an undocumented default.
    return _result(True, desired, _diff(current, desired, managed)), ("create", st.to_api(FIELDS, desired))


def apply(client, write, predicted):
    """Send a write of ``plan`` and return the module result."""
    resource = PasswordOrgConfig(client)
    operation, body = write
    saved = resource.create(body) if operation == "create" else resource.update(body)
    after = st.from_api(FIELDS, saved) if isinstance(saved, dict) and saved else predicted[RESULT_KEY]
    return _result(True, after, predicted["diff"])


def _diff(before, after, options):
    """The managed options before and after; {} for the side where there are no settings."""
    return {"before": _view(before, options), "after": _view(after, options)}


def _view(state, options):
    return dict((option, state[option]) for option in options) if state is not None else {}


def _result(changed, state, diff):
    return {"changed": changed, RESULT_KEY: state, "diff": diff}
