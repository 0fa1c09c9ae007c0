"""Tokens, 401/403 and the per-client rate limit."""

import base64
import json
import time

import pytest
import requests

EXPIRED = {"error": "JWT validation failed: JWT is expired"}
INVALID = {"error": "JWT validation failed: JWT is invalid"}


def jwt_payload(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_token_response_and_jwt_shape(simulator, make_api):
    api = make_api(simulator, login=False)
    before = time.time()
    body = api.token_response().json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 749
    for key in ("scope", "tenant_id", "pod", "org", "jti", "user_id", "identity_id"):
        assert isinstance(body[key], str) and body[key]
    assert body["internal"] is False and body["strong_auth_supported"] is False
    header = json.loads(base64.urlsafe_b64decode(body["access_token"].split(".")[0] + "=="))
    assert header == {"alg": "HS256", "typ": "JWT"}
    claims = jwt_payload(body["access_token"])
    assert claims["client_id"] == simulator.client_id and claims["jti"] == body["jti"]
    assert int(before) <= claims["iat"] and claims["exp"] - claims["iat"] in (749, 750)


def test_token_request_errors(simulator, make_api):
    api = make_api(simulator, login=False)
    bad = api.token_response(client_secret="wrong")
    assert bad.status_code == 401 and bad.json() == {"error": "invalid_client", "error_description": "Bad credentials"}
    assert api.token_response(client_id="nobody").status_code == 401
    for grant in ("password", ""):
        response = api.token_response(grant_type=grant)
        assert response.status_code == 400 and response.json() == {"error": "unsupported_grant_type"}
    response = api.session.post(
        simulator.base_url + "/oauth/token", timeout=5, data={"client_id": simulator.client_id, "client_secret": simulator.client_secret}
    )
    assert response.status_code == 400 and response.json() == {"error": "unsupported_grant_type"}


@pytest.mark.parametrize("authorization", [None, "Bearer nope", "Bearer a.b.c", "Basic abc"])
def test_missing_or_unknown_tokens_are_401_invalid(simulator, make_api, authorization):
    api = make_api(simulator, login=False)
    headers = {"Authorization": authorization} if authorization else {}
    response = api.get("/v3/password-policies", headers=headers)
    assert response.status_code == 401 and response.json() == INVALID
    assert response.headers["Content-Type"] == "application/json;charset=utf-8"


def test_forged_signature_is_401(api):
    head, payload, _signature = api.access_token.split(".")
    response = api.get("/v3/sources", headers={"Authorization": f"Bearer {head}.{payload}.AAAA"})
    assert response.status_code == 401 and response.json() == INVALID


def test_tokens_expire_after_the_lifetime(sim_factory, make_api):
    api = make_api(sim_factory(token_lifetime=0.3))
    assert api.get("/v3/sources").status_code == 200
    time.sleep(0.4)
    response = api.get("/v3/sources")
    assert response.status_code == 401 and response.json() == EXPIRED
    assert api.login().get("/v3/sources").status_code == 200


def test_revoked_tokens_are_invalid_and_reset_keeps_tokens(api):
    api.sim.reset()
    assert api.get("/v3/sources").status_code == 200  # reset keeps issued tokens
    assert api.sim.revoke_tokens() == 1
    response = api.get("/v3/sources")
    assert response.status_code == 401 and response.json() == INVALID


def test_client_without_user_context_reads_but_cannot_write(simulator, make_api, error_dto):
    simulator.add_client("api-client", "api-secret", user_context=False)
    api = make_api(simulator, "api-client", "api-secret")
    token = api.token_response().json()
    assert "user_id" not in token and "identity_id" not in token
    assert api.get("/v3/password-policies").status_code == 200
    policy_id = simulator.state()["policies"][0]["id"]
    writes = [
        api.post("/v3/password-policies", json={"name": "x"}),
        api.put(f"/v3/password-policies/{policy_id}", json={"name": "x"}),
        api.delete(f"/v3/password-policies/{policy_id}"),
        api.post("/v3/password-sync-groups", json={"name": "x"}),
    ]
    for response in writes:
        error_dto(response, 403, "403 Forbidden")
    assert len(simulator.state()["policies"]) == 1


def test_rate_limit_per_client(sim_factory, make_api):
    sim = sim_factory(rate_limit_enabled=True, rate_limit=3, rate_window=1)
    sim.add_client("other", "other-secret")
    first, second = make_api(sim), make_api(sim, "other", "other-secret")
    assert [first.get("/v3/sources").status_code for _attempt in range(3)] == [200] * 3
    limited = first.get("/v3/sources")
    assert limited.status_code == 429 and limited.json() == {"message": " Rate Limit Exceeded "}
    assert limited.headers["Retry-After"] == "1"
    assert second.get("/v3/sources").status_code == 200  # another client id has its own window
    assert first.session.get(sim.admin_url + "/state", timeout=5).status_code == 200  # admin API is never limited
    assert all(first.token_response().status_code == 200 for _attempt in range(5))  # the token endpoint is not limited
    time.sleep(float(limited.headers["Retry-After"]))
    assert first.get("/v3/sources").status_code == 200


def test_rate_limit_per_api_version(sim_factory, make_api):
    """ISC counts each API version separately: V3 and the v1 paths have a budget each, per client id."""
    sim = sim_factory(rate_limit_enabled=True, rate_limit=2, rate_window=30)
    api = make_api(sim)
    assert [api.get("/v3/sources").status_code for _attempt in range(3)] == [200, 200, 429]
    assert [api.get("/sources/v1").status_code for _attempt in range(3)] == [200, 200, 429]
    assert api.get("/password-sync-groups/v1").status_code == 429  # one v1 budget for every v1 service


def test_route_limits_and_long_retry_after(sim_factory, make_api):
    """A route limit of the config (ISC: "specific APIs may have different rate limiting", Retry-After 60-1,200 s)."""
    sim = sim_factory(rate_limit_enabled=True)
    sim.configure(rate_limit={"routes": [{"method": "POST", "path": "/v3/password-policies", "limit": 1, "window": 600}]})
    api = make_api(sim)
    assert api.post("/v3/password-policies", json={"name": "First"}).status_code == 200
    limited = api.post("/v3/password-policies", json={"name": "Second"})
    assert limited.status_code == 429 and limited.json() == {"message": " Rate Limit Exceeded "}
    assert 595 <= int(limited.headers["Retry-After"]) <= 600
    assert api.get("/v3/password-policies").status_code == 200  # other routes keep the version's budget
    assert api.post("/password-policies/v1", json={"name": "Third"}, headers={"X-SailPoint-Experimental": "true"}).status_code == 200
    assert [policy["name"] for policy in sim.state()["policies"]] == ["Default", "First", "Third"]
    assert sim.journal()["requests"][-3]["retry_after"] >= 595
    # A long Retry-After can also be injected as a fault.
    sim.add_fault(method="GET", path="/v3/sources", status=429, headers={"Retry-After": "1200"})
    assert api.get("/v3/sources").headers["Retry-After"] == "1200"
    for bad in ([{"path": "/v3/x", "limit": 0, "window": 1}], [{"limit": 1, "window": 1}], [{"path": "/v3/x", "limit": 1, "window": 0}], "x"):
        with pytest.raises(ValueError):
            sim.configure(rate_limit={"routes": bad})


def test_retry_after_rounds_up_to_whole_seconds(sim_factory, make_api):
    sim = sim_factory(rate_limit_enabled=True, rate_limit=1, rate_window=2.5)
    api = make_api(sim)
    api.get("/v3/sources")
    assert api.get("/v3/sources").headers["Retry-After"] == "3"


def test_rate_limit_switched_off(sim_factory, make_api):
    sim = sim_factory(rate_limit_enabled=False, rate_limit=1, rate_window=10)
    api = make_api(sim)
    assert {api.get("/v3/sources").status_code for _attempt in range(5)} == {200}
    sim.configure(rate_limit={"enabled": True})
    assert [api.get("/v3/sources").status_code for _attempt in range(2)] == [200, 429]


def test_issued_tokens_are_listed_for_leak_checks(simulator):
    first = requests.post(
        simulator.base_url + "/oauth/token",
        timeout=5,
        data={"grant_type": "client_credentials", "client_id": simulator.client_id, "client_secret": simulator.client_secret},
    ).json()["access_token"]
    simulator.revoke_tokens()
    assert simulator.issued_tokens() == [first]
