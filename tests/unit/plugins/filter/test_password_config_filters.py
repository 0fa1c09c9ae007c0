"""The role's input check: its variables (misspelt names, wrong types) and the items, each in one line."""

from pathlib import Path

import pytest
import yaml

from ansible_collections.sailpoint_community.isc.plugins.filter.password_config import password_config_input_errors, password_config_variable_errors

ROLE = Path(__file__).resolve().parents[4] / "roles" / "password_config"
SPEC = yaml.safe_load((ROLE / "meta" / "argument_specs.yml").read_text(encoding="utf-8"))["argument_specs"]["main"]["options"]


def test_a_misspelt_variable_is_named_with_the_closest_known_one():
    errors = password_config_variable_errors(["password_config_policy", "password_config_exclusive", "password_config_sync_group"], SPEC)
    assert errors == [
        "password_config_policy is not a variable of the password_config role (did you mean password_config_policies?)",
        "password_config_sync_group is not a variable of the password_config role (did you mean password_config_sync_groups?)",
    ]


def test_the_roles_own_internal_and_documented_variables_are_no_error():
    defaults = yaml.safe_load((ROLE / "defaults" / "main.yml").read_text(encoding="utf-8"))
    internal = yaml.safe_load((ROLE / "vars" / "main.yml").read_text(encoding="utf-8"))
    assert set(defaults) <= set(SPEC)  # every default is documented, so it is known
    assert all(name.startswith("password_config__") for name in internal)
    names = list(SPEC) + list(internal) + ["password_config__run", "password_config__report"]
    assert password_config_variable_errors(names, SPEC) == []


def test_a_name_far_from_every_variable_gets_no_guess():
    assert password_config_variable_errors(["password_config_zzzzzzzzzzzzzzzzzz"], SPEC) == [
        "password_config_zzzzzzzzzzzzzzzzzz is not a variable of the password_config role"
    ]


@pytest.mark.parametrize(
    "name, value, expected",
    [
        ("password_config_policies", {"name": "Corp"}, "password_config_policies must be a list of dicts, one per policy, got a dict"),
        ("password_config_sync_groups", "G", "password_config_sync_groups must be a list of dicts, one per sync group, got a string"),
        ("password_config_org_config", [8], "password_config_org_config must be a dict of options, got a list"),
        ("password_config_dictionary", 8, "password_config_dictionary must be a dict of options, got a number"),
    ],
)
def test_a_variable_of_the_wrong_type_is_one_line_that_says_what_is_expected(name, value, expected):
    assert password_config_variable_errors([name], SPEC, {name: value}) == [expected]


def test_a_misspelt_settings_option_is_named_with_the_closest_known_one():
    errors = password_config_variable_errors([], SPEC, {"password_config_org_config": {"digit_token_lenght": 8}, "password_config_dictionary": {}})
    assert errors == ["password_config_org_config: unknown option digit_token_lenght (did you mean digit_token_length?)"]


def test_lists_of_the_right_type_and_unset_ones_are_no_error():
    values = {"password_config_policies": [{"name": "P"}], "password_config_sync_groups": None, "password_config_org_config": {"digit_token_length": 8}}
    assert password_config_variable_errors(list(values), SPEC, values) == []


def test_the_input_check_refuses_an_empty_list_in_exclusive_mode_and_a_negative_limit():
    assert password_config_input_errors([{"name": "P"}], [], exclusive=True)[0].startswith(
        "password_config_sync_groups is empty while password_config_exclusive"
    )
    assert password_config_input_errors([{"name": "P"}], [], exclusive=True, exclusive_allow_empty=True) == []
    assert password_config_input_errors([], [], max_deletions="-1") == ["password_config_max_deletions (module option max_deletions) must be 0 or more, got -1"]
