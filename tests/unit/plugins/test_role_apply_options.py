"""The role's apply step passes every field of a kind to its module.

roles/password_config/tasks/apply.yml spells the module's options out, one per line (a module
task cannot take a dict of options). A field added to a kind (policy.FIELDS, sync_group.FIELDS)
but not to that task would silently never be sent, and the role would report the object in sync.
"""

from pathlib import Path

import pytest
import yaml

from ansible_collections.sailpoint_community.isc.plugins.module_utils import policy, sync_group

APPLY = Path(__file__).resolve().parents[3] / "roles" / "password_config" / "tasks" / "apply.yml"


def apply_task(module, state):
    tasks = yaml.safe_load(APPLY.read_text(encoding="utf-8"))
    (task,) = [task for task in tasks if module in task and task[module].get("state") == state]
    return task[module]


@pytest.mark.parametrize(
    "module, fields, by_plan",
    [
        ("sailpoint_community.isc.password_policy", policy.FIELDS, set()),
        # The group's policy: an id from the plan, or from the policies this run created (by name).
        ("sailpoint_community.isc.password_sync_group", sync_group.FIELDS, {"password_policy_id"}),
    ],
)
def test_every_field_of_the_kind_is_passed_from_the_plan(module, fields, by_plan):
    options = apply_task(module, "present")
    for field in fields:
        assert field.option in options, "%s is not passed to %s in apply.yml" % (field.option, module)
        if field.option not in by_plan:
            assert options[field.option] in ("{{ item.args.%s | default(omit) }}" % field.option, "{{ item.args.%s }}" % field.option), field.option
