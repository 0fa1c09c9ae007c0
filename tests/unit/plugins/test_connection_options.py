"""Every place that lists the connection options lists the same ones as CONNECTION_ARGUMENT_SPEC.

The argument spec (module_utils/connection.py) is the one definition; the doc fragment, the
access_token lookup, the role (variables, argument_specs, its password_config task), the export playbook and
the AWX credential type follow it.
"""

import ast
from pathlib import Path

import yaml

from ansible_collections.sailpoint_community.isc.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import CONNECTION_ARGUMENT_SPEC

ROOT = Path(__file__).resolve().parents[3]
SPEC = CONNECTION_ARGUMENT_SPEC
OPTIONS = set(SPEC)
ROLE_VARIABLES = {"password_config_" + option for option in OPTIONS}


def lookup_constants():
    """DOCUMENTATION and OPTIONS of the access_token lookup, read without importing it.

    Importing a lookup plugin loads ansible.plugins, which changes how in-process module runs of
    later tests collect their warnings.
    """
    tree = ast.parse((ROOT / "plugins/lookup/access_token.py").read_text(encoding="utf-8"))
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id in ("DOCUMENTATION", "OPTIONS"):
            constants[node.targets[0].id] = ast.literal_eval(node.value)
    return constants


def load(path):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def module_task(tasks, module="sailpoint_community.isc.password_config"):
    """The options of the role's task that runs ``module`` (inside a block)."""
    for task in tasks:
        for inner in [task] + task.get("block", []):
            if module in inner:
                return inner[module]
    raise AssertionError("no %s task" % module)


def test_doc_fragment_documents_the_spec():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert set(documented) == OPTIONS
    for name, spec in SPEC.items():
        assert documented[name]["type"] == spec["type"], name
        assert documented[name].get("default") == spec.get("default"), name
        assert documented[name].get("choices") == spec.get("choices"), name
        for env in (spec.get("fallback") or (None, []))[1]:
            assert "E(%s)" % env in " ".join(documented[name]["description"]), name


def test_api_version_choices_are_the_known_versions():
    assert SPEC["api_version"]["choices"] == list(api_version.VERSIONS)
    assert SPEC["api_version"]["default"] == api_version.DEFAULT_VERSION == "v3"
    assert SPEC["api_version"]["fallback"][1] == ["SAIL_API_VERSION"]


def test_lookup_takes_every_connection_option_but_the_token():
    lookup = lookup_constants()
    documented = yaml.safe_load(lookup["DOCUMENTATION"])["options"]
    assert set(lookup["OPTIONS"]) == OPTIONS - {"access_token"}
    assert set(lookup["OPTIONS"]) <= set(documented)
    # No choices: Ansible's config manager would refuse the SAIL_API_VERSION="" of an AWX credential without
    # api_version before the lookup could take it as unset; the lookup checks the version itself.
    assert "choices" not in documented["api_version"]
    assert all("V(%s)" % version in " ".join(documented["api_version"]["description"]) for version in api_version.VERSIONS)
    assert documented["api_version"]["env"] == [{"name": "SAIL_API_VERSION"}]


def test_role_has_a_variable_per_option_and_passes_each_to_the_modules():
    specs = load("roles/password_config/meta/argument_specs.yml")["argument_specs"]["main"]["options"]
    assert ROLE_VARIABLES <= set(specs)
    assert specs["password_config_api_version"]["choices"] == list(api_version.VERSIONS)
    options = module_task(load("roles/password_config/tasks/main.yml"))
    for option in OPTIONS:
        assert option in options and options[option].startswith("{{ password_config_%s " % option), option
    readme = (ROOT / "roles/password_config/README.md").read_text(encoding="utf-8")
    for variable in ROLE_VARIABLES:
        assert "`%s`" % variable in readme, variable


def test_export_playbook_passes_every_option():
    plays = load("playbooks/export.yml")
    assert set(plays[0]["module_defaults"]["group/sailpoint_community.isc.isc"]) == OPTIONS


def test_awx_credential_type_injects_the_api_version():
    credential_type = load("extensions/awx/isc_credential_type.yml")
    field = next(field for field in credential_type["inputs"]["fields"] if field["id"] == "api_version")
    assert field["choices"] == list(api_version.VERSIONS) and field["default"] == api_version.DEFAULT_VERSION
    assert credential_type["injectors"]["env"]["SAIL_API_VERSION"] == "{{ api_version }}"
