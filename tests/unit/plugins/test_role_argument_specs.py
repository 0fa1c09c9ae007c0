"""The role validates its items with the modules' own options: same names, same types."""

from pathlib import Path

import pytest
import yaml

from ansible_collections.sailpoint_community.isc.plugins.module_utils import policy, sync_group

ROLE_SPECS = Path(__file__).resolve().parents[3] / "roles" / "password_config" / "meta" / "argument_specs.yml"
READ_ONLY = {"created", "modified"}  # accepted by the modules for info items, not role input


@pytest.mark.parametrize(
    "variable, module_options",
    [
        ("password_config_policies", policy.module_options),
        ("password_config_sync_groups", sync_group.module_options),
    ],
)
def test_role_items_take_exactly_the_module_options(variable, module_options):
    options = yaml.safe_load(ROLE_SPECS.read_text(encoding="utf-8"))["argument_specs"]["main"]["options"]
    role_items = options[variable]["options"]
    module = dict((name, spec) for name, spec in module_options().items() if name not in READ_ONLY)
    assert sorted(role_items) == sorted(module)
    for name, spec in module.items():
        assert role_items[name]["type"] == spec["type"], name
        assert role_items[name].get("elements") == spec.get("elements"), name
        assert role_items[name].get("choices") == spec.get("choices"), name
