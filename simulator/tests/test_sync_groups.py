"""Password sync groups: shapes, validation, what is deliberately accepted, and the documented delete rule."""

import re
import time
import uuid
from datetime import datetime

ISO_MS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


def default_policy_id(sim):
    return sim.state()["policies"][0]["id"]


def test_create_shape(api, source_id):
    sources = [source_id(api.sim, "Active Directory"), source_id(api.sim, "LDAP")]
    response = api.post("/v3/password-sync-groups", json={"name": "Directories", "passwordPolicyId": default_policy_id(api.sim), "sourceIds": sources})
    assert response.status_code == 200
    group = response.json()
    assert uuid.UUID(group["id"]).version == 4 and str(uuid.UUID(group["id"])) == group["id"]
    assert ISO_MS.fullmatch(group["created"]) and group["modified"] == group["created"]
    assert datetime.fromisoformat(group["created"].replace("Z", "+00:00")).tzinfo is not None
    assert group == {
        "id": group["id"],
        "name": "Directories",
        "passwordPolicyId": default_policy_id(api.sim),
        "sourceIds": sources,
        "created": group["created"],
        "modified": group["created"],
    }
    assert api.get(f"/v3/password-sync-groups/{group['id']}").json() == group


def test_put_replaces_and_updates_modified(api, error_dto, source_id):
    policy_id = default_policy_id(api.sim)
    okta, ldap, github = (source_id(api.sim, name) for name in ("Okta", "LDAP", "GitHub"))
    group = api.post("/v3/password-sync-groups", json={"name": "G", "passwordPolicyId": policy_id, "sourceIds": [okta, ldap]}).json()
    time.sleep(0.005)
    updated = api.put(f"/v3/password-sync-groups/{group['id']}", json={"name": "G2", "passwordPolicyId": policy_id, "sourceIds": [github, okta]})
    assert updated.status_code == 200
    body = updated.json()
    assert body["name"] == "G2" and body["sourceIds"] == [github, okta]
    assert body["created"] == group["created"] and body["modified"] > group["modified"]
    # An omitted field is reset: no sources, which the two-source rule refuses.
    assert "at least 2 sources" in error_dto(
        api.put(f"/v3/password-sync-groups/{group['id']}", json={"name": "G3", "passwordPolicyId": policy_id}), 400, "400.1 Bad Request Content"
    )


def test_validation(api, error_dto, source_id):
    policy_id = default_policy_id(api.sim)
    bad = [
        {"passwordPolicyId": policy_id},
        {"name": "", "passwordPolicyId": policy_id},
        {"name": "G"},
        {"name": "G", "passwordPolicyId": "f" * 32},
        {"name": "G", "passwordPolicyId": policy_id, "sourceIds": [source_id(api.sim, "Okta"), "missing-1"]},
        {"name": "G", "passwordPolicyId": policy_id, "sourcesIds": []},
        {"name": "G", "passwordPolicyId": 5},
    ]
    for body in bad:
        error_dto(api.post("/v3/password-sync-groups", json=body), 400, "400.1 Bad Request Content")
    assert "missing-1" in error_dto(api.post("/v3/password-sync-groups", json=bad[4]), 400, "400.1 Bad Request Content")
    assert api.sim.state()["sync_groups"] == []


def test_documented_sync_group_rules_are_enforced(api, error_dto, source_id):
    """SailPoint: at least two sources configured for password management, a source in one group only, and the
    group's policy must exist (test_validation). ISC answers 400; nothing is written."""
    policy_id = default_policy_id(api.sim)
    ad, ldap, okta, workday = (source_id(api.sim, name) for name in ("Active Directory", "LDAP", "Okta", "Workday"))
    group = {"name": "G", "passwordPolicyId": policy_id}
    for sources, words in (
        ([], "at least 2 sources"),
        ([ad], "at least 2 sources"),
        ([ad, ad], "at least 2 sources"),  # one source, twice
        ([ad, workday], f"{workday} do not support password management"),
    ):
        assert words in error_dto(api.post("/v3/password-sync-groups", json=dict(group, sourceIds=sources)), 400, "400.1 Bad Request Content")
    assert api.sim.state()["sync_groups"] == []
    first = api.post("/v3/password-sync-groups", json=dict(group, name="First", sourceIds=[ad, ldap])).json()
    taken = api.post("/v3/password-sync-groups", json=dict(group, name="Second", sourceIds=[ldap, okta]))
    assert f"{ldap} (in 'First')" in error_dto(taken, 400, "400.1 Bad Request Content")
    second = api.post("/v3/password-sync-groups", json=dict(group, name="Second", sourceIds=[okta, source_id(api.sim, "GitHub")])).json()
    moved = api.put(f"/v3/password-sync-groups/{second['id']}", json=dict(second, sourceIds=[okta, ad]))
    assert "in 'First'" in error_dto(moved, 400, "400.1 Bad Request Content")
    assert api.put(f"/v3/password-sync-groups/{first['id']}", json=dict(first, name="Renamed")).status_code == 200  # its own sources
    assert [g["name"] for g in api.sim.state()["sync_groups"]] == ["Renamed", "Second"]


def test_seeds_may_break_the_sync_group_rules(simulator, source_id):
    """Like groups an old tenant may hold: a seed is the tenant as it is, not a request."""
    workday = source_id(simulator, "Workday")
    simulator.seed({"sync_groups": [{"name": n, "passwordPolicyId": default_policy_id(simulator), "sourceIds": [workday]} for n in ("One", "Two")]})
    assert len(simulator.state()["sync_groups"]) == 2


def test_undocumented_rules_are_accepted(api):
    """The simulator does not enforce what SailPoint does not document (the modules refuse it)."""
    policy_id = default_policy_id(api.sim)
    assert api.delete(f"/v3/password-policies/{policy_id}").status_code == 204  # the default policy


def test_unknown_group_ids(api, error_dto):
    assert api.delete(f"/v3/password-sync-groups/{uuid.uuid4()}").status_code == 204
    error_dto(api.get(f"/v3/password-sync-groups/{uuid.uuid4()}"), 404, "404 Not found")
    error_dto(api.put(f"/v3/password-sync-groups/{uuid.uuid4()}", json={"name": "x"}), 404, "404 Not found")


def test_delete_assigns_the_policy_to_the_sources(api, source_id):
    """Documented: after deleting a group, its policy is assigned directly to its sources."""
    ad, ldap, okta = (source_id(api.sim, name) for name in ("Active Directory", "LDAP", "Okta"))
    policy = api.post("/v3/password-policies", json={"name": "Sync policy", "sourceIds": [okta, ad]}).json()
    group = api.post("/v3/password-sync-groups", json={"name": "G", "passwordPolicyId": policy["id"], "sourceIds": [ad, ldap]}).json()
    by_id = {source["id"]: source for source in api.get("/v3/sources").json()}
    assert [ref["id"] for ref in by_id[ldap]["passwordPolicies"]] == [policy["id"]]  # via the group
    assert api.get(f"/v3/password-policies/{policy['id']}").json()["sourceIds"] == [okta, ad]

    assert api.delete(f"/v3/password-sync-groups/{group['id']}").status_code == 204
    assert api.get(f"/v3/password-policies/{policy['id']}").json()["sourceIds"] == [okta, ad, ldap]  # no duplicates
    by_id = {source["id"]: source for source in api.get("/v3/sources").json()}
    expected = [{"type": "PASSWORD_POLICY", "id": policy["id"], "name": "Sync policy"}]
    assert by_id[ldap]["passwordPolicies"] == expected and by_id[ad]["passwordPolicies"] == expected
    assert by_id[source_id(api.sim, "GitHub")]["passwordPolicies"] is None
