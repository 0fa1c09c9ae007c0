"""The role's org password settings and dictionary inputs take the modules' own options."""

from pathlib import Path

import yaml

from ansible_collections.sailpoint_community.isc.plugins.module_utils import dictionary, org_config

ROLE_SPECS = Path(__file__).resolve().parents[3] / "roles" / "password_config" / "meta" / "argument_specs.yml"


def role_options(variable):
    return yaml.safe_load(ROLE_SPECS.read_text(encoding="utf-8"))["argument_specs"]["main"]["options"][variable]["options"]


def test_org_config_input_is_the_module_options():
    role, module = role_options("password_config_org_config"), org_config.module_options()
    assert sorted(role) == sorted(module)
    for name, spec in module.items():
        assert role[name]["type"] == spec["type"], name


def test_dictionary_input_is_words_or_src_with_a_locale():
    role, module = role_options("password_config_dictionary"), dictionary.module_options()
    assert sorted(role) == ["locale", "src", "words"]
    assert role["words"]["type"] == module["words"]["type"] and role["words"]["elements"] == module["words"]["elements"]
    assert role["locale"]["type"] == module["locale"]["type"]


def test_the_role_passes_each_input_to_the_module_and_the_module_takes_the_settings_options():
    """The role's inputs reach the password_config module whole: a dropped one would never be managed."""
    tasks = yaml.safe_load((ROLE_SPECS.parents[1] / "tasks" / "main.yml").read_text(encoding="utf-8"))
    task = [inner for task in tasks for inner in [task] + task.get("block", []) if "sailpoint_community.isc.password_config" in inner][0]
    options = task["sailpoint_community.isc.password_config"]
    for option in ("policies", "sync_groups", "exclusive", "org_config", "dictionary"):
        assert options[option].startswith("{{ password_config_%s " % option) or options[option] == "{{ password_config_%s }}" % option, option
    from ansible_collections.sailpoint_community.isc.plugins.modules import password_config

    documented = yaml.safe_load(password_config.DOCUMENTATION)["options"]
    assert sorted(documented["org_config"]["suboptions"]) == sorted(org_config.module_options())
    assert set(role_options("password_config_dictionary")) <= set(documented["dictionary"]["suboptions"])
