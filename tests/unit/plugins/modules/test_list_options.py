"""``sources: Active Directory, GitHub`` (one string, a common YAML slip) means two names, in the modules and the role.

Ansible splits such a string on commas for a module and keeps the spaces; the role receives it as
it is. Both read it as comma-separated names with the spaces around each name ignored.
"""

from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan
from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy, password_sync_group

AD, GITHUB = "2c91808a7c1f4e2b017c1f5d00000001", "2c91808a7c1f4e2b017c1f5d00000002"


def test_policy_module_reads_a_comma_separated_string(simulator, run_module):
    result = run_module(password_policy, dict(name="Corporate", sources="Active Directory, GitHub"))

    assert result["changed"] is True, result
    (saved,) = [policy for policy in simulator.state()["policies"] if policy["name"] == "Corporate"]
    assert sorted(saved["sourceIds"]) == [AD, GITHUB]


def test_sync_group_module_reads_a_comma_separated_string(simulator, run_module):
    simulator.seed({"policies": [{"id": "c" * 32, "name": "Corporate"}]})

    result = run_module(password_sync_group, dict(name="G", password_policy="Corporate", sources="Active Directory,  GitHub "))

    assert result["changed"] is True, result
    assert result["password_sync_group"]["sources"] == ["Active Directory", "GitHub"]
    (saved,) = simulator.state()["sync_groups"]
    assert sorted(saved["sourceIds"]) == [AD, GITHUB]


def test_role_plan_reads_a_comma_separated_string_not_letters():
    sources = [{"id": AD, "name": "Active Directory", "features": ["PASSWORD"]}, {"id": GITHUB, "name": "GitHub", "features": ["PASSWORD"]}]
    tenant = {"policies": [], "sync_groups": [], "sources": sources}

    result = plan(
        tenant,
        policies=[{"name": "Corporate", "sources": "Active Directory, GitHub"}],
        sync_groups=[{"name": "G", "password_policy": "Corporate", "sources": " Active Directory,GitHub"}],
    )

    assert result["errors"] == []
    policy_step, group_step = result["steps"]
    assert policy_step["args"]["source_ids"] == [AD, GITHUB]
    assert group_step["args"]["source_ids"] == [AD, GITHUB]
    assert group_step["diff"]["after"]["sources"] == ["Active Directory", "GitHub"]


def test_role_plan_refuses_a_mapping_where_names_belong():
    tenant = {"policies": [], "sync_groups": [], "sources": []}

    result = plan(tenant, policies=[{"name": "Corporate", "sources": {"Active Directory": 1}}])

    assert [error["text"] for error in result["errors"]] == [
        "password_config_policies[0], password policy 'Corporate': argument 'sources' is of type dict and we were unable to convert to list: "
        "<class 'dict'> cannot be converted to a list"
    ]
