"""The plan's rounds: a step that takes a name or a source that another step of its phase frees goes out in
a later round (the engine sends a round's steps at once), whatever the order of the role's items."""

from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds, state
from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan

DEFAULT_ID, A_ID, B_ID = "d" * 32, "a" * 32, "b" * 32
SOURCES = [
    {"id": "s%d" % number, "name": name, "type": "Other", "features": ["PASSWORD"]}
    for number, name in enumerate(["AD", "GitHub", "LDAP", "Okta", "ServiceNow", "Salesforce"])
] + [{"id": "idn", "name": "IdentityNow", "type": "IdentityNowConnector", "features": ["AUTHENTICATE", "PASSWORD"]}]


def policy(object_id, name, default=False, **values):
    return dict(state.defaults(kinds.POLICY.fields), id=object_id, name=name, default_policy=default, **values)


def tenant(sync_groups=()):
    return {
        "policies": [policy(DEFAULT_ID, "Default", default=True, source_ids=["idn"]), policy(A_ID, "A"), policy(B_ID, "B")],
        "sync_groups": list(sync_groups),
        "sources": SOURCES,
    }


def rounds(result, kind=kinds.POLICY.name):
    return dict((step["name"], (step["action"], step["round"])) for step in result["steps"] if step["kind"] == kind)


def test_a_rename_onto_a_name_another_rename_frees_goes_out_a_round_later_in_either_order():
    free_b = {"id": B_ID, "name": "C"}
    take_b = {"id": A_ID, "name": "B"}
    for items in ([free_b, take_b], [take_b, free_b]):
        result = plan(tenant(), policies=items)
        assert result["errors"] == []
        assert rounds(result) == {"C": ("update", 1), "B": ("update", 2)}, items


def test_a_new_policy_taking_a_name_a_rename_frees_waits_for_it():
    result = plan(tenant(), policies=[{"name": "A", "min_length": 12}, {"id": A_ID, "name": "Renamed"}])
    assert result["errors"] == []
    # The item named A is replayed first, finds the tenant's A and updates it; the rename then renames that
    # same object, so it waits a round: two PUTs of one object sent at once could land in either order.
    assert rounds(result) == {"A": ("update", 1), "Renamed": ("update", 2)}
    result = plan(tenant(), policies=[{"id": A_ID, "name": "Renamed"}, {"name": "A", "min_length": 12}])
    assert result["errors"] == []
    assert rounds(result) == {"Renamed": ("update", 1), "A": ("create", 2)}


def test_a_swap_of_names_is_refused_before_anything_is_written():
    result = plan(tenant(), policies=[{"id": A_ID, "name": "B"}, {"id": B_ID, "name": "A"}])
    assert [error["msg"].split(":")[0] for error in result["errors"]] == ["name", "name"]
    assert all("another password policy has that name" in error["msg"] for error in result["errors"])
    assert result["steps"] == []


def test_a_rename_onto_a_name_this_run_deletes_later_says_to_delete_it_first():
    result = plan(tenant(), policies=[{"default_policy": True, "name": "B"}, {"name": "B", "state": "absent"}])
    ((error,),) = [[error for error in result["errors"] if error["name"] == "B"]]
    assert "cannot rename password policy 'Default' to 'B'" in error["msg"]
    assert "this run deletes 'B', but only after renames and creations: delete it in a run of its own first" in error["msg"]
    exclusive = plan(tenant(), policies=[{"default_policy": True, "name": "B"}, {"name": "A"}], exclusive=True)
    assert any("delete it in a run of its own first" in error["msg"] for error in exclusive["errors"])


def test_a_sync_group_taking_a_source_another_group_frees_goes_out_a_round_later_in_either_order():
    groups = [
        {"id": "g1", "name": "G1", "password_policy_id": A_ID, "source_ids": ["s0", "s1", "s2"]},
        {"id": "g2", "name": "G2", "password_policy_id": B_ID, "source_ids": ["s3", "s4"]},
    ]
    frees = {"name": "G1", "sources": ["AD", "GitHub"]}  # gives LDAP up
    takes = {"name": "G2", "sources": ["Okta", "ServiceNow", "LDAP"]}
    for items in ([frees, takes], [takes, frees]):
        result = plan(tenant(groups), sync_groups=items)
        assert result["errors"] == []
        assert rounds(result, kinds.SYNC_GROUP.name) == {"G1": ("update", 1), "G2": ("update", 2)}, items


def test_independent_changes_share_the_first_round():
    result = plan(tenant(), policies=[{"id": A_ID, "name": "A2"}, {"id": B_ID, "name": "B2"}, {"name": "New"}])
    assert result["errors"] == []
    assert rounds(result) == {"A2": ("update", 1), "B2": ("update", 1), "New": ("create", 1)}


def test_the_identitynow_source_in_a_group_of_another_policy_is_a_plan_warning():
    result = plan(tenant(), sync_groups=[{"name": "With ISC", "password_policy": "A", "sources": ["IdentityNow", "Okta"]}])
    assert result["errors"] == []
    assert [(warning["name"], "not the org's default" in warning["msg"]) for warning in result["warnings"]] == [("With ISC", True)]
    under_default = plan(tenant(), sync_groups=[{"name": "With ISC", "password_policy": "Default", "sources": ["IdentityNow", "Okta"]}])
    assert under_default["errors"] == [] and under_default["warnings"] == []
