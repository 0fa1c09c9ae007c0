"""Fault injection, the request journal and the edge's bogus Content-Encoding."""

import time

import pytest
import requests


def test_status_fault_with_headers_and_body_is_consumed(api):
    api.sim.add_fault(method="POST", path="/v3/password-policies", times=2, status=503, headers={"X-Fault": "yes"}, body={"oops": 1})
    for _round in range(2):
        response = api.post("/v3/password-policies", json={"name": "x"})
        assert response.status_code == 503 and response.json() == {"oops": 1} and response.headers["X-Fault"] == "yes"
    assert api.sim.pending_faults() == []
    assert api.post("/v3/password-policies", json={"name": "x"}).status_code == 200
    assert len(api.sim.state()["policies"]) == 2  # the faulted requests changed nothing


def test_default_fault_bodies(api, error_dto):
    api.sim.add_faults(
        [
            {"path": "/v3/sources", "status": 429},
            {"path": "/v3/sources", "status": 401},
            {"path": "/v3/sources", "status": 502},
            {"path": "/v3/sources", "status": 500, "body": "<html/>"},
        ]
    )
    limited = api.get("/v3/sources")
    assert limited.json() == {"message": " Rate Limit Exceeded "} and limited.headers["Retry-After"] == "1"
    assert api.get("/v3/sources").json() == {"error": "JWT validation failed: JWT is expired"}
    error_dto(api.get("/v3/sources"), 502, "502 Bad Gateway")
    html = api.get("/v3/sources")
    assert html.text == "<html/>" and html.headers["Content-Type"].startswith("text/plain")


def test_faults_are_fifo_and_match_methods_and_patterns(api):
    api.sim.add_faults([{"method": "PUT", "path": "/v3/password-policies/*", "status": 500}, {"method": "*", "path": "/v3/password-policies/*", "status": 409}])
    policy_id = api.sim.state()["policies"][0]["id"]
    assert api.get("/v3/password-policies").status_code == 200  # the pattern needs an id segment
    assert api.get(f"/v3/password-policies/{policy_id}").status_code == 409  # first fault is PUT only
    assert api.put(f"/v3/password-policies/{policy_id}", json={"name": "d"}).status_code == 500
    assert api.put(f"/v3/password-policies/{policy_id}", json={"name": "d"}).status_code == 200


def test_faults_apply_to_the_token_endpoint(api):
    api.sim.add_fault(path="/oauth/token", status=503)
    assert api.token_response().status_code == 503
    assert api.token_response().status_code == 200


def test_delay_then_normal_processing(api):
    api.sim.add_fault(path="/v3/sources", delay=0.3)
    start = time.monotonic()
    assert api.get("/v3/sources").status_code == 200
    assert time.monotonic() - start >= 0.3


def test_drop_before_changes_nothing(api):
    api.sim.add_fault(method="POST", path="/v3/password-policies", drop="before")
    with pytest.raises(requests.ConnectionError):
        api.post("/v3/password-policies", json={"name": "lost"})
    assert [p["name"] for p in api.sim.state()["policies"]] == ["Default"]
    assert api.sim.journal()["requests"][-1]["dropped"] == "before"


def test_drop_after_changes_state_but_the_client_sees_an_error(api):
    api.sim.add_fault(method="POST", path="/v3/password-policies", drop="after")
    with pytest.raises(requests.ConnectionError):
        api.post("/v3/password-policies", json={"name": "ghost"})
    assert [p["name"] for p in api.sim.state()["policies"]][-1] == "ghost"
    entry = api.sim.journal()["requests"][-1]
    assert entry["status"] == 200 and entry["dropped"] == "after"
    assert api.get("/v3/password-policies").status_code == 200  # the client reconnects fine


def test_bad_faults_are_rejected(simulator):
    for fault in (
        {"status": "x"},
        {"drop": "sometimes"},
        {"path": "/v3/sources"},
        {"status": 500, "drop": "after"},
        {"status": 500, "times": 0},
        {"status": 500, "colour": "red"},
    ):
        with pytest.raises(ValueError):
            simulator.add_fault(**fault)
    assert simulator.pending_faults() == []


def test_journal_entries_writes_since_and_redaction(api):
    api.sim.clear_journal()
    policy = api.post("/v3/password-policies", json={"name": "J"}).json()
    api.get("/v3/password-policies", params={"limit": 5})
    api.delete(f"/v3/password-policies/{policy['id']}")
    api.delete(f"/v3/password-policies/{policy['id']}")  # 404, still a write
    api.session.post(
        api.sim.base_url + "/oauth/token",
        timeout=5,
        params={"grant_type": "client_credentials", "client_id": api.client_id, "client_secret": api.client_secret},
    )
    journal = api.sim.journal()
    assert journal["count"] == 5 and journal["writes"] == 3
    post, get, delete, missing, token = journal["requests"]
    assert (post["method"], post["path"], post["status"], post["body"]) == ("POST", "/v3/password-policies", 200, {"name": "J"})
    assert post["client_id"] == api.client_id and post["dropped"] is None and isinstance(post["time"], float)
    assert get["query"] == {"limit": "5"} and get["body"] is None
    assert (delete["status"], missing["status"]) == (204, 404)
    assert token["query"]["client_secret"] == "********" and token["body"] is None
    assert token["client_id"] == api.client_id
    assert api.sim.journal(since=get["seq"])["count"] == 3
    assert api.sim.journal(since=journal["last_seq"]) == {"requests": [], "count": 0, "writes": 0, "last_seq": journal["last_seq"]}
    assert api.sim.journal()["requests"][0]["seq"] == post["seq"]  # reading does not consume


def test_journal_skips_admin_and_records_faulted_requests(api):
    api.sim.clear_journal()
    api.sim.add_fault(path="/v3/sources", status=500)
    api.get("/v3/sources")
    api.session.get(api.sim.admin_url + "/state", timeout=5)
    requests_seen = api.sim.journal()["requests"]
    assert [(r["path"], r["status"]) for r in requests_seen] == [("/v3/sources", 500)]


def test_edge_quirk_bogus_gzip_on_4xx(api):
    plain = api.session.get(api.sim.base_url + "/v3/sources", headers={"Accept-Encoding": "gzip, deflate"}, stream=True, timeout=5)
    assert plain.status_code == 401 and plain.headers["Content-Encoding"] == "gzip"
    assert plain.raw.read(decode_content=False).startswith(b'{"error"')  # not gzip at all
    with pytest.raises(requests.exceptions.ContentDecodingError):
        requests.get(api.sim.base_url + "/v3/sources", timeout=5)  # a client that does not ask for identity breaks
    identity = api.get("/v3/sources", headers={"Authorization": "Bearer x"})
    assert identity.status_code == 401 and "Content-Encoding" not in identity.headers
    assert "Content-Encoding" not in api.get("/v3/sources").headers  # 2xx never
    api.sim.configure(edge_quirks=False)
    assert "Content-Encoding" not in requests.get(api.sim.base_url + "/v3/sources", timeout=5).headers


def test_journal_records_the_retry_after_of_a_429(simulator):
    simulator.add_fault(method="GET", path="/v3/sources", status=429, headers={"Retry-After": "7"})
    token = requests.post(
        simulator.base_url + "/oauth/token",
        data={"grant_type": "client_credentials", "client_id": simulator.client_id, "client_secret": simulator.client_secret},
        timeout=5,
    ).json()["access_token"]
    # identity, as ISC's clients must ask: the simulator gives 4xx answers a bogus gzip label otherwise
    requests.get(simulator.base_url + "/v3/sources", timeout=5, headers={"Authorization": "Bearer " + token, "Accept-Encoding": "identity"})
    entries = simulator.journal()["requests"]
    assert [(entry["status"], entry["retry_after"]) for entry in entries] == [(200, None), (429, 7.0)]
