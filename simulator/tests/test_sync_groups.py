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


def test_put_replaces_and_updates_modified(api, source_id):
    policy_id = default_policy_id(api.sim)
    group = api.post("/v3/password-sync-groups", json={"name": "G", "passwordPolicyId": policy_id, "sourceIds": [source_id(api.sim, "Okta")]}).json()
    time.sleep(0.005)
    updated = api.put(f"/v3/password-sync-groups/{group['id']}", json={"name": "G2", "passwordPolicyId": policy_id})
    assert updated.status_code == 200
    body = updated.json()
    assert body["name"] == "G2" and body["sourceIds"] == []  # omitted field reset
    assert body["created"] == group["created"] and body["modified"] > group["modified"]


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


def test_undocumented_rules_are_accepted(api, source_id):
    """The simulator does not enforce what SailPoint does not document (the modules validate these)."""
    policy_id = default_policy_id(api.sim)
    workday = source_id(api.sim, "Workday")  # no PASSWORD feature, and alone in the group
    first = api.post("/v3/password-sync-groups", json={"name": "One", "passwordPolicyId": policy_id, "sourceIds": [workday]})
    second = api.post("/v3/password-sync-groups", json={"name": "Two", "passwordPolicyId": policy_id, "sourceIds": [workday]})
    assert first.status_code == 200 and second.status_code == 200
    assert api.delete(f"/v3/password-policies/{policy_id}").status_code == 204  # the default policy, still in use


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
