"""Password policies: ids, dates, defaults, full-replacement PUT and request validation."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

HEX32 = re.compile(r"[0-9a-f]{32}")
DEFAULTS = {
    "description": None,
    "firstExpirationReminder": 0,  # not nullable; a recorded real default policy has 0
    "accountIdMinWordLength": -1,
    "accountNameMinWordLength": -1,
    "maxLength": 0,
    "maxRepeatedChars": -1,
    "minAlpha": 0,
    "minCharacterTypes": -1,
    "minLength": 0,
    "minLower": 0,
    "minNumeric": 0,
    "minSpecial": 0,
    "minUpper": 0,
    "passwordExpiration": 90,
    "defaultPolicy": False,
    "enablePasswdExpiration": False,
    "requireStrongAuthn": False,
    "requireStrongAuthOffNetwork": False,
    "requireStrongAuthUntrustedGeographies": False,
    "useAccountAttributes": False,
    "useDictionary": False,
    "useIdentityAttributes": False,
    "validateAgainstAccountId": False,
    "validateAgainstAccountName": False,
    "sourceIds": [],
}


def test_create_returns_200_with_defaults_and_server_fields(api):
    before = int(time.time() * 1000)
    response = api.post("/v3/password-policies", json={"id": None, "name": "Minimal", "lastUpdated": 5, "created": "x"})
    assert response.status_code == 200
    policy = response.json()
    assert HEX32.fullmatch(policy["id"])
    assert isinstance(policy["dateCreated"], int) and before <= policy["dateCreated"] <= int(time.time() * 1000)
    assert policy["lastUpdated"] is None
    assert policy["created"] is None and policy["modified"] is None  # keys present and null, as on real tenants
    assert {key: policy[key] for key in DEFAULTS} == DEFAULTS
    assert set(policy) == set(DEFAULTS) | {"id", "name", "dateCreated", "lastUpdated", "created", "modified"}
    assert api.get(f"/v3/password-policies/{policy['id']}").json() == policy


def test_put_is_a_full_replacement(api, source_id):
    github = source_id(api.sim, "GitHub")
    created = api.post(
        "/v3/password-policies",
        json={"name": "Rich", "description": "d", "minLength": 12, "minUpper": 2, "useDictionary": True, "firstExpirationReminder": 10, "sourceIds": [github]},
    ).json()
    time.sleep(0.002)
    response = api.put(f"/v3/password-policies/{created['id']}", json={"name": "Rich", "minLength": 14})
    assert response.status_code == 200
    updated = response.json()
    assert updated["minLength"] == 14
    # Every field missing from the PUT body went back to its default.
    assert updated["minUpper"] == 0 and updated["useDictionary"] is False and updated["description"] is None
    assert updated["firstExpirationReminder"] == 0 and updated["sourceIds"] == []
    assert updated["id"] == created["id"] and updated["dateCreated"] == created["dateCreated"]
    assert isinstance(updated["lastUpdated"], int) and updated["lastUpdated"] > created["dateCreated"]


def test_default_policy_flag_is_server_controlled(api):
    default = api.sim.state()["policies"][0]
    assert default["defaultPolicy"] is True and default["minLength"] == 8
    kept = api.put(f"/v3/password-policies/{default['id']}", json={"name": default["name"], "defaultPolicy": False})
    assert kept.json()["defaultPolicy"] is True
    created = api.post("/v3/password-policies", json={"name": "Wannabe", "defaultPolicy": True}).json()
    assert created["defaultPolicy"] is False


def test_delete_is_204_and_unknown_ids_are_404(api, error_dto):
    created = api.post("/v3/password-policies", json={"name": "Temp"}).json()
    deleted = api.delete(f"/v3/password-policies/{created['id']}")
    assert deleted.status_code == 204 and deleted.content == b"" and "Content-Length" not in deleted.headers
    for method in ("GET", "PUT", "DELETE"):
        error_dto(api.request(method, f"/v3/password-policies/{created['id']}", json={"name": "x"}), 404, "404 Not found")


def test_names_are_not_unique_and_lists_keep_creation_order(api):
    for name in ("Same", "Same", "Other"):
        assert api.post("/v3/password-policies", json={"name": name}).status_code == 200
    names = [policy["name"] for policy in api.get("/v3/password-policies").json()]
    assert names == ["Default", "Same", "Same", "Other"]


@pytest.mark.parametrize(
    "body, fragment",
    [
        ({"name": "x", "min_length": 8}, "min_length"),
        ({"name": "x", "minLength": "8"}, "minLength"),
        ({"name": "x", "minLength": True}, "minLength"),
        ({"name": "x", "minLength": 8.5}, "minLength"),
        ({"name": "x", "useDictionary": "true"}, "useDictionary"),
        ({"name": "x", "description": 5}, "description"),
        ({"name": "x", "sourceIds": "abc"}, "sourceIds"),
        ({"name": "x", "sourceIds": [1]}, "sourceIds"),
        ({"name": "   "}, "name"),
        ({"minLength": 3}, "name"),
        ({"name": "x", "sourceIds": ["ffffffffffffffffffffffffffffffff"]}, "ffffffffffffffffffffffffffffffff"),
    ],
)
def test_invalid_bodies_are_400(api, error_dto, body, fragment):
    assert fragment in error_dto(api.post("/v3/password-policies", json=body), 400, "400.1 Bad Request Content")
    assert len(api.sim.state()["policies"]) == 1


def test_body_must_be_a_json_object(api, error_dto):
    error_dto(api.post("/v3/password-policies", json=["name"]), 400, "400.1 Bad Request Content")
    error_dto(api.post("/v3/password-policies", data="{not json", headers={"Content-Type": "application/json"}), 400, "400.1 Bad Request Content")
    assert api.post("/v3/password-policies", data='{"name": "x"}', headers={"Content-Type": "text/plain"}).status_code == 415


def test_null_means_default_and_unknown_put_source_is_400(api, error_dto):
    created = api.post("/v3/password-policies", json={"name": "Nulls", "minLength": None, "maxRepeatedChars": None}).json()
    assert created["minLength"] == 0 and created["maxRepeatedChars"] == -1
    text = error_dto(api.put(f"/v3/password-policies/{created['id']}", json={"name": "Nulls", "sourceIds": ["nope"]}), 400, "400.1 Bad Request Content")
    assert "nope" in text


def test_put_with_a_different_id_in_the_body_is_400(api, error_dto):
    created = api.post("/v3/password-policies", json={"name": "A"}).json()
    path = f"/v3/password-policies/{created['id']}"
    error_dto(api.put(path, json={"id": "0" * 32, "name": "A"}), 400, "400.1 Bad Request Content")
    assert api.put(path, json={"id": created["id"], "name": "B"}).json()["name"] == "B"


def test_duplicate_source_ids_are_stored_once(api, source_id):
    okta = source_id(api.sim, "Okta")
    assert api.post("/v3/password-policies", json={"name": "D", "sourceIds": [okta, okta]}).json()["sourceIds"] == [okta]


def test_concurrent_creates_are_all_kept(api):
    with ThreadPoolExecutor(max_workers=8) as pool:
        created = list(pool.map(lambda i: api.sim.store.create_policy({"name": f"P{i}"}), range(40)))
    assert len({policy["id"] for policy in created}) == 40
    assert len(api.get("/v3/password-policies").json()) == 41
