"""The role checks its items with the modules' own argument specs, and names the wrong item in one line.

Its argument_specs.yml describes the item lists but not the items' options: Ansible would dump the
whole spec on a wrong item without saying which one, and a second list of options could drift from
the modules'. The planner's input_errors() uses policy.module_options() / sync_group.module_options().
"""

from pathlib import Path

import pytest
import yaml

from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import input_errors, variable_errors

ROLE_SPECS = Path(__file__).resolve().parents[3] / "roles" / "password_config" / "meta" / "argument_specs.yml"
SPEC = yaml.safe_load(ROLE_SPECS.read_text(encoding="utf-8"))["argument_specs"]["main"]["options"]


@pytest.mark.parametrize("variable", ["password_config_policies", "password_config_sync_groups"])
def test_role_items_are_left_to_the_modules_argument_specs(variable):
    # raw: the role's input check says "must be a list" in one line (password_config_variable_errors)
    options = yaml.safe_load(ROLE_SPECS.read_text(encoding="utf-8"))["argument_specs"]["main"]["options"]
    assert options[variable]["type"] == "raw" and "elements" not in options[variable]
    assert not set(options[variable]) & {"options", "required_one_of", "mutually_exclusive", "required_together"}


def test_good_items_have_no_errors():
    policies = [{"name": "Corp", "min_length": "12", "sources": "AD, GitHub"}, {"default_policy": True, "min_length": 8}]
    groups = [{"name": "G", "password_policy": "Corp", "sources": ["AD", "GitHub"], "state": "present"}]
    assert input_errors(policies, groups) == []


@pytest.mark.parametrize(
    "policies, groups, expected",
    [
        pytest.param(
            [{"name": "Ok"}, {"name": "Typo", "min_length": "twelve"}],
            [],
            ["password_config_policies[1], password policy 'Typo': argument 'min_length' is of type str and we were unable to convert to int: "],
            id="wrong-type",
        ),
        pytest.param(
            [{"name": "Typo", "min_lenght": 12, "expiration_dys": 3}],
            [],
            [
                "password_config_policies[0], password policy 'Typo': "
                "unknown option expiration_dys (did you mean expiration_days?), min_lenght (did you mean min_length?)"
            ],
            id="unknown-options",
        ),
        pytest.param(
            [{"min_length": 12}],
            [],
            ["password_config_policies[0], password policy None: one of the following is required: name, id, default_policy"],
            id="no-name",
        ),
        pytest.param(
            [],
            [{"name": "G", "password_policy": "P", "password_policy_id": "x"}],
            ["password_config_sync_groups[0], password sync group 'G': parameters are mutually exclusive: password_policy|password_policy_id"],
            id="mutually-exclusive",
        ),
        pytest.param([], ["G"], ["password_config_sync_groups[0], password sync group None: must be a dict of options, got str"], id="not-a-dict"),
        pytest.param(
            [{"name": "P", "state": "gone"}],
            [],
            ["password_config_policies[0], password policy 'P': value of state must be one of: present, absent, got: gone"],
            id="bad-choice",
        ),
    ],
)
def test_wrong_items_are_named_in_one_short_line(policies, groups, expected):
    errors = input_errors(policies, groups)
    assert len(errors) == len(expected)
    for error, start in zip(errors, expected):
        assert error.startswith(start), error
        assert "\n" not in error and len(error) < 400, error


def test_the_role_page_explains_how_it_works_as_the_readme_does():
    # The docs site's role page is built from argument_specs.yml; the README's "How it works" steps belong there too.
    description = " ".join(yaml.safe_load(ROLE_SPECS.read_text(encoding="utf-8"))["argument_specs"]["main"]["description"])
    readme = (ROLE_SPECS.parents[1] / "README.md").read_text(encoding="utf-8")
    steps = [line.split("**")[1] for line in readme.split("## How it works", 1)[1].split("\n## ", 1)[0].splitlines() if line[:1].isdigit() and "**" in line]
    assert steps == ["Read", "Plan", "Apply", "Report"]
    for step in steps:
        assert "B(%s)" % step in description, step


def test_a_misspelt_variable_is_named_with_the_closest_known_one():
    errors = variable_errors(["password_config_policy", "password_config_exclusive", "password_config_sync_group"], SPEC)
    assert errors == [
        "password_config_policy is not a variable of the password_config role (did you mean password_config_policies?)",
        "password_config_sync_group is not a variable of the password_config role (did you mean password_config_sync_groups?)",
    ]


def test_the_roles_own_internal_and_documented_variables_are_no_error():
    defaults = yaml.safe_load((ROLE_SPECS.parents[1] / "defaults" / "main.yml").read_text(encoding="utf-8"))
    internal = yaml.safe_load((ROLE_SPECS.parents[1] / "vars" / "main.yml").read_text(encoding="utf-8"))
    assert set(defaults) <= set(SPEC)  # every default is documented, so it is known
    assert all(name.startswith("password_config__") for name in internal)
    names = list(SPEC) + list(internal) + ["password_config__run", "password_config__report"]
    assert variable_errors(names, SPEC) == []


def test_a_name_far_from_every_variable_gets_no_guess():
    assert variable_errors(["password_config_zzzzzzzzzzzzzzzzzz"], SPEC) == ["password_config_zzzzzzzzzzzzzzzzzz is not a variable of the password_config role"]


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
    assert variable_errors([name], SPEC, {name: value}) == [expected]


def test_a_misspelt_settings_option_is_named_with_the_closest_known_one():
    errors = variable_errors([], SPEC, {"password_config_org_config": {"digit_token_lenght": 8}, "password_config_dictionary": {}})
    assert errors == ["password_config_org_config: unknown option digit_token_lenght (did you mean digit_token_length?)"]


def test_lists_of_the_right_type_and_unset_ones_are_no_error():
    values = {"password_config_policies": [{"name": "P"}], "password_config_sync_groups": None, "password_config_org_config": {"digit_token_length": 8}}
    assert variable_errors(list(values), SPEC, values) == []


def test_the_role_passes_every_option_of_the_password_config_module_on():
    """A module option the role does not pass is one a role user cannot set (as the lock's were once)."""
    from ansible_collections.sailpoint_community.isc.plugins.doc_fragments.connection import ModuleDocFragment
    from ansible_collections.sailpoint_community.isc.plugins.modules import password_config

    options = set(yaml.safe_load(password_config.DOCUMENTATION)["options"]) | set(yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"])
    tasks = yaml.safe_load((ROLE_SPECS.parents[1] / "tasks" / "main.yml").read_text(encoding="utf-8"))
    passed = [set(task["sailpoint_community.isc.password_config"]) for task in tasks if isinstance(task.get("sailpoint_community.isc.password_config"), dict)]
    assert passed and all(args == options for args in passed)
