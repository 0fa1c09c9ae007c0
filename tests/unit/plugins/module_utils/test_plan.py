"""The role's plan: a replay of the run against a snapshot, in an order that works."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import policy, state
from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan

SOURCES = [
    {"id": "s%d" % n, "name": name, "features": ["PASSWORD"] if n < 6 else []}
    for n, name in enumerate(["AD", "GitHub", "Salesforce", "LDAP", "Okta", "ServiceNow", "Workday"])
]


def policy_info(pid, name, default=False, **values):
    item = dict(state.defaults(policy.FIELDS), id=pid, name=name, default_policy=default)
    item.update(values)
    return item


def group_info(gid, name, policy_id, source_ids):
    return {"id": gid, "name": name, "password_policy_id": policy_id, "source_ids": source_ids}


def tenant(policies=(), groups=()):
    return {"policies": [policy_info("d" * 32, "Default", default=True, min_length=8)] + list(policies), "sync_groups": list(groups), "sources": SOURCES}


def steps(result, *fields):
    return [tuple(step[field] for field in fields) for step in result["steps"]]


def test_converge_from_empty_orders_policies_before_groups_and_passes_ids():
    result = plan(
        tenant(),
        policies=[{"name": "Corp", "min_length": 12, "sources": ["AD"]}],
        sync_groups=[{"name": "G", "password_policy": "Corp", "sources": ["GitHub", "Salesforce"]}],
    )
    assert result["errors"] == []
    assert steps(result, "kind", "name", "phase", "action") == [("password_policy", "Corp", 2, "create"), ("password_sync_group", "G", 3, "create")]
    corp, group = result["steps"]
    assert corp["args"] == {"state": "present", "name": "Corp", "min_length": 12, "source_ids": ["s0"]}
    assert group["args"] == {"state": "present", "name": "G", "password_policy": "Corp", "source_ids": ["s1", "s2"]}
    assert group["diff"]["after"]["sources"] == ["GitHub", "Salesforce"]


def test_steady_state_is_all_in_sync_and_existing_objects_go_by_id():
    existing = tenant([policy_info("c" * 32, "Corp", min_length=12)], [group_info("g1", "G", "c" * 32, ["s1", "s2"])])
    result = plan(
        existing, policies=[{"name": "Corp", "min_length": 12}], sync_groups=[{"name": "G", "password_policy": "Corp", "sources": ["Salesforce", "GitHub"]}]
    )
    assert steps(result, "name", "action") == [("Corp", "none"), ("G", "none")]
    assert [step["args"]["id"] for step in result["steps"]] == ["c" * 32, "g1"]


def test_a_source_moving_between_groups_is_ordered_giver_first():
    existing = tenant([policy_info("c" * 32, "Corp")], [group_info("g1", "A", "c" * 32, ["s0", "s1", "s2"])])
    result = plan(
        existing,
        sync_groups=[
            {"name": "B", "password_policy": "Corp", "sources": ["GitHub", "LDAP"]},  # takes GitHub from A
            {"name": "A", "password_policy": "Corp", "sources": ["AD", "Salesforce"]},  # gives GitHub up
        ],
    )
    assert result["errors"] == []
    assert steps(result, "name", "action") == [("A", "update"), ("B", "create")]


def test_a_swap_between_groups_cannot_be_ordered_and_says_why():
    groups = [group_info("g1", "A", "c" * 32, ["s0", "s1"]), group_info("g2", "B", "c" * 32, ["s2", "s3"])]
    existing = tenant([policy_info("c" * 32, "Corp")], groups)
    result = plan(existing, sync_groups=[{"name": "A", "sources": ["AD", "Salesforce"]}, {"name": "B", "sources": ["GitHub", "LDAP"]}])
    assert [error["name"] for error in result["errors"]] == ["A", "B"]
    assert "one password sync group only" in result["errors"][0]["msg"]


def test_deleted_groups_go_first_so_their_sources_are_free():
    existing = tenant([policy_info("c" * 32, "Corp")], [group_info("g1", "Old", "c" * 32, ["s0", "s1"])])
    result = plan(existing, sync_groups=[{"name": "New", "password_policy": "Corp", "sources": ["AD", "GitHub"]}, {"name": "Old", "state": "absent"}])
    assert result["errors"] == []
    assert steps(result, "name", "phase", "action") == [("Old", 1, "delete"), ("New", 3, "create")]


def test_the_policy_a_deleted_group_leaves_on_its_sources_is_seen_in_the_same_run():
    # ISC assigns a deleted group's policy to its sources; a policy that manages its sources must
    # see that, or a second run would find drift.
    existing = tenant([policy_info("c" * 32, "Corp", source_ids=[])], [group_info("g1", "G", "c" * 32, ["s0", "s1"])])
    result = plan(existing, policies=[{"name": "Corp", "sources": []}], sync_groups=[{"name": "G", "state": "absent"}])
    assert steps(result, "name", "action") == [("G", "delete"), ("Corp", "update")]
    assert result["steps"][1]["diff"]["before"]["sources"] == ["AD", "GitHub"]


def test_every_error_is_found_before_anything_is_written():
    result = plan(
        tenant(),
        policies=[{"name": "Bad", "min_length": -1}, {"name": "Dup"}, {"name": "Dup"}],
        sync_groups=[
            {"name": "G", "password_policy": "Nope", "sources": ["AD", "Nada"]},
            {"name": "H", "password_policy": "Default", "sources": ["AD", "Workday"]},
        ],
    )
    messages = [(error["name"], error["msg"]) for error in result["errors"]]
    assert ("Dup", "password policy 'Dup' is listed twice in the role's input") in messages
    assert any(name == "Bad" and "min_length must be 0 or more" in msg for name, msg in messages)
    assert any(name == "G" and "no password policy named 'Nope'" in msg for name, msg in messages)
    assert any(name == "H" and "'Workday' does not support password management" in msg for name, msg in messages)


def test_a_group_may_use_a_policy_the_same_run_creates():
    result = plan(tenant(), policies=[{"name": "New policy"}], sync_groups=[{"name": "G", "password_policy": "New policy", "sources": ["AD", "GitHub"]}])
    assert result["errors"] == [] and steps(result, "action") == [("create",), ("create",)]


def test_exclusive_deletes_unlisted_objects_but_never_the_default_policy():
    existing = tenant([policy_info("c" * 32, "Corp"), policy_info("e" * 32, "Extra")], [group_info("g1", "Stray", "e" * 32, ["s0", "s1"])])
    result = plan(existing, policies=[{"name": "Corp"}], exclusive=True)
    assert steps(result, "name", "phase", "action", "exclusive") == [
        ("Stray", 1, "delete", True),
        ("Corp", 2, "none", False),
        ("Extra", 4, "delete", True),
        ("Default", 0, "none", False),  # listed as kept, applied by no task
    ]
    assert result["steps"][2]["args"] == {"state": "absent", "id": "e" * 32, "name": "Extra"}
    assert "never deleted" in result["steps"][3]["kept"]


def test_without_exclusive_unlisted_objects_are_left_alone():
    existing = tenant([policy_info("e" * 32, "Extra")])
    assert plan(existing, policies=[])["steps"] == []


def test_deleting_a_policy_a_kept_group_uses_is_an_error():
    existing = tenant([policy_info("c" * 32, "Corp")], [group_info("g1", "G", "c" * 32, ["s0", "s1"])])
    result = plan(existing, policies=[{"name": "Corp", "state": "absent"}])
    assert "still used by password sync group(s) 'G'" in result["errors"][0]["msg"]


@pytest.mark.parametrize("given", [{"sources": ["GitHub"]}, {"source_ids": ["s1"]}])
def test_sources_become_ids_for_the_module(given):
    result = plan(tenant(), policies=[dict(name="P", **given)])
    assert result["steps"][0]["args"]["source_ids"] == ["s1"] and "sources" not in result["steps"][0]["args"]
