"""meta/runtime.yml: the action group holds every module, so that module_defaults of group/isc reach them all."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


def test_the_action_group_lists_every_module():
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text(encoding="utf-8"))
    modules = sorted(path.stem for path in (ROOT / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
    assert {"password_org_config", "password_org_config_info", "password_dictionary", "password_dictionary_info"} <= set(modules)
    assert sorted(runtime["action_groups"]["isc"]) == modules
