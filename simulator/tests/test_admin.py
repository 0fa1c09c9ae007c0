"""The /_sim admin API over HTTP (it shares its code with the in-process methods), and unknown paths."""

import http.client

import pytest
import requests


@pytest.fixture
def admin(simulator):
    session = requests.Session()

    def call(method, path, **kwargs):
        return session.request(method, simulator.admin_url + path, timeout=10, **kwargs)

    yield call
    session.close()


def test_state_and_seed(admin, simulator, source_id):
    assert admin("GET", "/state").json() == simulator.state()
    okta = source_id(simulator, "Okta")
    created = admin(
        "POST",
        "/seed",
        json={
            "sources": [{"name": "Seeded", "features": ["PASSWORD"]}],
            "policies": [{"name": "Seeded policy", "minLength": 10, "sourceIds": [okta]}],
            "sync_groups": [{"name": "Seeded group", "passwordPolicyId": simulator.state()["policies"][0]["id"]}],
        },
    )
    assert created.status_code == 200
    body = created.json()
    assert set(body) == {"policies", "sync_groups", "sources"}
    assert len(body["sources"][0]["id"]) == 32 and body["sources"][0]["status"] == "SOURCE_STATE_HEALTHY"
    assert body["policies"][0]["minLength"] == 10 and body["policies"][0]["maxRepeatedChars"] == -1
    assert body["sync_groups"][0]["created"].endswith("Z")
    assert len(simulator.state()["sources"]) == 11  # the state holds the hidden IdentityNow source too


def test_seed_is_all_or_nothing(admin, simulator):
    before = simulator.state()
    bad = admin("POST", "/seed", json={"sources": [{"name": "Fine"}], "policies": [{"name": "p", "sourceIds": ["nope"]}]})
    assert bad.status_code == 400 and "nope" in bad.text
    assert admin("POST", "/seed", json={"widgets": []}).status_code == 400
    assert admin("POST", "/seed", data="{").status_code == 400
    assert simulator.state() == before


def test_reset_restores_seed_config_faults_and_journal(admin, simulator, make_api):
    api = make_api(simulator)
    api.post("/v3/password-policies", json={"name": "Gone after reset"})
    simulator.add_fault(path="/v3/sources", status=500)
    admin("POST", "/config", json={"token_lifetime": 5, "edge_quirks": False})
    reset = admin("POST", "/reset")
    assert reset.status_code == 200 and [p["name"] for p in reset.json()["policies"]] == ["Default"]
    assert admin("GET", "/faults").json() == {"faults": []}
    assert admin("GET", "/journal").json()["count"] == 0
    assert admin("GET", "/config").json()["token_lifetime"] == 749
    assert api.get("/v3/sources").status_code == 200  # tokens survive a reset
    custom = admin("POST", "/reset", json={"seed": {"sources": [{"name": "Only"}]}}).json()
    assert [s["name"] for s in custom["sources"]] == ["Only"] and custom["policies"] == []
    admin("POST", "/reset")
    assert len(simulator.state()["sources"]) == 10  # the next plain reset goes back to the startup seed


def test_journal_endpoints(admin, simulator, make_api):
    api = make_api(simulator)
    api.get("/v3/sources")
    journal = admin("GET", "/journal", params={"since": 0}).json()
    assert journal["count"] == 2 and journal["writes"] == 0  # token + list
    assert admin("GET", "/journal", params={"since": journal["last_seq"] - 1}).json()["count"] == 1
    assert admin("GET", "/journal", params={"since": "x"}).status_code == 400
    assert admin("DELETE", "/journal").status_code == 204
    assert admin("GET", "/journal").json() == {"requests": [], "count": 0, "writes": 0, "last_seq": journal["last_seq"]}


def test_fault_endpoints(admin):
    queued = admin("POST", "/faults", json=[{"path": "/v3/sources", "status": 503}, {"path": "/oauth/token", "delay": 0.1}])
    assert queued.status_code == 200 and [f["status"] for f in queued.json()["faults"]] == [503, None]
    assert len(admin("GET", "/faults").json()["faults"]) == 2
    assert admin("POST", "/faults", json={"status": 200, "drop": "before"}).status_code == 400
    assert admin("DELETE", "/faults").status_code == 204
    assert admin("GET", "/faults").json() == {"faults": []}


def test_config_endpoints(admin, simulator):
    config = admin("GET", "/config").json()
    assert config == {
        "token_lifetime": 749,
        "rate_limit": {"enabled": False, "limit": 100, "window": 10, "routes": []},
        "edge_quirks": True,
        "quirks": {"offset_400": True, "short_pages": True, "no_total_count": True, "trimmed_dates": True, "source_filters": True},  # real tenants by default
        "v3_deprecated": False,
        "latency": 0.0,
    }
    updated = admin("POST", "/config", json={"rate_limit": {"limit": 5}}).json()
    assert updated["rate_limit"] == {"enabled": False, "limit": 5, "window": 10, "routes": []} and simulator.config() == updated
    for bad in (
        {"rate_limit": {"limit": 0}},
        {"token_lifetime": "long"},
        {"colour": 1},
        {"edge_quirks": "yes"},
        {"quirks": {"slow": True}},
        {"quirks": {"short_pages": "yes"}},
        {"v3_deprecated": "yes"},
        {"v3_deprecated": {"sunset": 2029}},
    ):
        assert admin("POST", "/config", json=bad).status_code == 400
    assert simulator.config() == updated


def test_clients_and_revocation(admin, simulator, make_api):
    assert admin("POST", "/clients", json={"client_id": "pat", "client_secret": "s3cret"}).json()["user_context"] is True
    api = make_api(simulator, "pat", "s3cret")
    assert api.post("/v3/password-policies", json={"name": "By PAT"}).status_code == 200
    assert admin("POST", "/clients", json={"client_id": "x"}).status_code == 400
    assert admin("POST", "/tokens/revoke").json()["revoked"] >= 1
    assert api.get("/v3/sources").status_code == 401


def test_admin_routing_errors(admin):
    assert admin("GET", "/nope").status_code == 404
    wrong = admin("GET", "/reset")
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "POST"


def test_http_11_keep_alive(simulator):
    connection = http.client.HTTPConnection("127.0.0.1", simulator.port, timeout=5)
    for method, path in (("GET", "/v3/sources"), ("POST", "/oauth/token"), ("GET", "/_sim/state"), ("GET", "/nowhere")):
        connection.request(method, path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        body = response.read()
        assert response.version == 11 and not response.will_close
        assert int(response.getheader("Content-Length")) == len(body)
    connection.close()


def test_unknown_paths_and_methods(api, error_dto):
    for path in ("/", "/v2/password-policies", "/v3", "/v3/password-policies/a/b", "/v3/identities"):
        error_dto(api.get(path), 404, "404 Not found")
    assert api.get("/v3/identities", headers={"Authorization": "Bearer x"}).status_code == 401  # auth comes first
    policy_id = api.sim.state()["policies"][0]["id"]
    patch = api.request("PATCH", f"/v3/password-policies/{policy_id}", json=[])
    assert patch.status_code == 405 and patch.headers["Allow"] == "GET, PUT, DELETE"
    assert api.sim.journal()["writes"] == 1  # PATCH counts as a write attempt
    assert api.post("/v3/sources", json={}).status_code == 405
