"""The role's plan: a replay of the run against a snapshot, in an order that works."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import policy, state
from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import deletion_limit_error, input_errors, plan

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


@pytest.mark.parametrize(
    "items, both",
    [
        pytest.param(
            [{"default_policy": True, "min_length": 10}, {"name": "Default", "min_length": 12}],
            ("the item with default_policy: true", "the item named 'Default'"),
            id="flag-and-name",
        ),
        pytest.param(
            [{"id": "c" * 32, "min_length": 10}, {"name": "Corp", "min_length": 12}],
            ("the item with id '%s'" % ("c" * 32), "the item named 'Corp'"),
            id="id-and-name",
        ),
        pytest.param(
            [{"name": "Corp"}, {"id": "c" * 32, "name": "Corp", "min_length": 12}],
            ("the item named 'Corp'", "the item with id '%s'" % ("c" * 32)),
            id="name-and-id",
        ),
    ],
)
def test_two_items_for_one_policy_are_refused_naming_both(items, both):
    result = plan(tenant([policy_info("c" * 32, "Corp")]), policies=items)
    assert len(result["errors"]) == 1, result["errors"]
    msg = result["errors"][0]["msg"]
    assert "%s and %s are one password policy on the tenant" % both in msg, msg


def test_two_items_for_one_sync_group_by_id_and_name_are_refused():
    existing = tenant([policy_info("c" * 32, "Corp")], [group_info("g1", "G", "c" * 32, ["s0", "s1"])])
    result = plan(existing, sync_groups=[{"id": "g1", "sources": ["AD", "GitHub"]}, {"name": "G", "sources": ["AD", "LDAP"]}])
    assert [error["msg"] for error in result["errors"]] == [
        "the item with id 'g1' and the item named 'G' are one password sync group on the tenant (id g1): manage it in one item"
    ]


def test_a_new_object_named_as_one_an_item_renames_away_is_not_a_duplicate():
    result = plan(tenant([policy_info("c" * 32, "Corp")]), policies=[{"id": "c" * 32, "name": "Corp 2"}, {"name": "Corp"}])
    assert result["errors"] == []
    assert steps(result, "name", "action") == [("Corp 2", "update"), ("Corp", "create")]


def test_a_source_another_group_holds_is_a_conflict_with_the_tenant():
    # A group renamed by hand keeps its sources: the listed group cannot take them.
    existing = tenant([policy_info("c" * 32, "Corp")], [group_info("g1", "Admins (renamed by hand)", "c" * 32, ["s0", "s4"])])
    result = plan(existing, sync_groups=[{"name": "Admins", "password_policy": "Corp", "sources": ["AD", "Okta"]}])
    assert [(error["name"], error.get("conflict")) for error in result["errors"]] == [("Admins", True)]
    assert "'AD' is in 'Admins (renamed by hand)'" in result["errors"][0]["msg"]


def test_input_errors_refuse_an_empty_list_in_exclusive_mode_unless_allowed():
    errors = input_errors([], [{"name": "G", "sources": ["AD", "GitHub"]}], exclusive=True)
    assert errors == [
        "password_config_policies is empty while password_config_exclusive is true, which deletes every password policy on the tenant "
        "but the default one; list the ones to keep, or set password_config_exclusive_allow_empty (module option exclusive_allow_empty) "
        "to true to delete every unlisted one"
    ]
    assert [error.split(" ")[0] for error in input_errors([{"name": "P"}], None, exclusive=True)] == ["password_config_sync_groups"]
    assert input_errors([], [], exclusive=True, exclusive_allow_empty=True) == []
    assert input_errors([], [], exclusive=False) == []


def test_input_errors_refuse_a_negative_deletion_limit():
    assert input_errors([], [], max_deletions=-1) == ["password_config_max_deletions (module option max_deletions) must be 0 or more, got -1"]


def test_the_deletion_limit_names_every_object_the_run_would_delete():
    existing = tenant([policy_info("p%d" % n, "Stray %d" % n) for n in range(3)], [group_info("g1", "G", "p0", ["s0", "s1"])])
    result = plan(existing, policies=[{"name": "Keep"}], sync_groups=[{"name": "H", "sources": ["LDAP", "Okta"], "password_policy": "Keep"}], exclusive=True)
    assert deletion_limit_error(result["steps"], 4) is None
    msg = deletion_limit_error(result["steps"], 3)
    assert msg.startswith("this run would delete 4 objects, more than password_config_max_deletions (module option max_deletions) allows (3): ")
    for name in ("password sync group 'G'", "password policy 'Stray 0'", "password policy 'Stray 1'", "password policy 'Stray 2'"):
        assert name in msg
    assert "'Default'" not in msg and "'Keep'" not in msg
    assert deletion_limit_error(result["steps"], 0).startswith("this run would delete 4 objects")


def test_the_plan_filter_reports_items_that_are_not_dicts_instead_of_crashing():
    tenant = {"policies": [], "sync_groups": [], "sources": []}

    result = plan(tenant, policies=["Corporate", {"name": ["a", "list"]}])

    texts = [error["text"] for error in result["errors"]]
    assert texts[0] == "password_config_policies[0], password policy None: must be a dict of options, got str"
