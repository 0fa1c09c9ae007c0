"""What real tenants do beyond the contract: the realistic seed, the hidden IdentityNow source, the
paging quirks, the other error body shapes, and a JSON 405 for any unsupported method."""

import http.client
import json
import os
import re
import subprocess
import sys

import pytest
import requests
from isc_simulator import Simulator
from isc_simulator.simulator import QUIRKS, default_quirks, quirk_settings

IDN_SOURCE_ID = "2c91808a7c1f4e2b017c1f5d0000000a"


def test_default_seed_looks_like_a_recorded_real_tenant(api):
    (default,) = api.get("/v3/password-policies").json()
    assert default["name"] == "Default" and default["description"] == "Default Password Policy" and default["defaultPolicy"] is True
    assert "created" in default and default["created"] is None and "modified" in default and default["modified"] is None
    assert isinstance(default["dateCreated"], int) and isinstance(default["lastUpdated"], int)
    assert IDN_SOURCE_ID in default["sourceIds"] and len(default["sourceIds"]) >= 3
    idn = next(source for source in api.sim.state()["sources"] if source["id"] == IDN_SOURCE_ID)
    assert idn["type"] == "IdentityNowConnector" and idn["name"] == "IdentityNow"
    assert idn["passwordPolicies"] == [{"type": "PASSWORD_POLICY", "id": default["id"], "name": "Default"}]


def test_sources_hide_the_identitynow_source_unless_asked(api):
    def names(**params):
        response = api.get("/v3/sources", params=params)
        assert response.status_code == 200, response.text
        return [source["name"] for source in response.json()]

    assert "IdentityNow" not in names() and "IdentityNow" not in names(includeIDNSource="false")
    assert "IdentityNow" in names(includeIDNSource="true") and "IdentityNow" in names(includeIDNSource="TRUE")
    assert names(filters='name eq "IdentityNow"') == []
    assert names(filters='name eq "IdentityNow"', includeIDNSource="true") == ["IdentityNow"]
    assert names(filters=f'id in ("{IDN_SOURCE_ID}")', includeIDNSource="true") == ["IdentityNow"]
    api.sim.configure(quirks={"no_total_count": False})  # to read the count
    counted = api.get("/v3/sources", params={"count": "true", "includeIDNSource": "true"})
    assert counted.headers["X-Total-Count"] == "10"
    assert api.get("/v3/sources", params={"includeIDNSource": "yes"}).status_code == 400


def test_sync_groups_may_be_seeded_with_null_dates(simulator, api):
    policy_id = simulator.state()["policies"][0]["id"]
    sources = [source["id"] for source in simulator.state()["sources"][:2]]
    simulator.seed({"sync_groups": [{"name": "Old group", "passwordPolicyId": policy_id, "sourceIds": sources, "created": None, "modified": None}]})
    (group,) = api.get("/v3/password-sync-groups").json()
    assert group["created"] is None and group["modified"] is None
    updated = api.put(f"/v3/password-sync-groups/{group['id']}", json={**group, "name": "Renamed"}).json()
    assert updated["created"] is None and updated["modified"].endswith("Z")


def test_quirk_settings():
    assert quirk_settings(False) == quirk_settings("none") == dict.fromkeys(QUIRKS, False)
    assert quirk_settings(True) == quirk_settings("all") == dict.fromkeys(QUIRKS, True)
    assert quirk_settings("short_pages, no_total_count") == {
        "offset_400": False,
        "short_pages": True,
        "no_total_count": True,
        "trimmed_dates": False,
        "source_filters": False,
    }
    assert quirk_settings({"offset_400": True}, quirk_settings(["short_pages"]))["short_pages"] is True
    for bad in ("slow", ["offset_400", "x"], {"offset_400": "yes"}, 3):
        with pytest.raises(ValueError):
            quirk_settings(bad)


def test_default_quirks_come_from_the_environment():
    assert default_quirks({}) == default_quirks({"ISC_SIM_QUIRKS": " "}) == dict.fromkeys(QUIRKS, True)
    assert default_quirks({"ISC_SIM_QUIRKS": "none"}) == dict.fromkeys(QUIRKS, False)
    assert default_quirks({"ISC_SIM_QUIRKS": "trimmed_dates"})["offset_400"] is False
    with pytest.raises(ValueError):
        default_quirks({"ISC_SIM_QUIRKS": "nope"})


def _seed_policies(sim, count):
    sim.reset({"policies": [{"name": f"P{i:03d}"} for i in range(count)]})


def _read_like_a_careful_client(api, path, limit=250):
    """Offsets count records; stop at the total, on an empty page, or on the 400 at the end."""
    items, total = [], None
    while total is None or len(items) < total:
        response = api.get(path, params={"limit": limit, "offset": len(items), "count": "true"})
        if response.status_code == 400 and items:
            assert response.json()["detailMessage"] == "Specified offset is invalid."
            break
        assert response.status_code == 200, response.text
        if "X-Total-Count" in response.headers:
            total = int(response.headers["X-Total-Count"])
        if not response.json():
            break
        items.extend(response.json())
    return items


@pytest.mark.parametrize("count", [0, 1, 249, 250, 251, 500])
@pytest.mark.isc_sim_quirks(False)  # the idealised switch: the contract's paging
def test_idealised_paging(simulator, api, count):
    _seed_policies(simulator, count)
    assert simulator.config()["quirks"] == dict.fromkeys(QUIRKS, False)
    first = api.get("/v3/password-policies", params={"count": "true"})
    assert first.headers["X-Total-Count"] == str(count) and len(first.json()) == min(count, 250)
    assert api.get("/v3/password-policies", params={"offset": count + 5}).json() == []


@pytest.mark.parametrize("count", [0, 1, 249, 250, 251, 500])
def test_paging_quirks_by_default(simulator, api, count):
    _seed_policies(simulator, count)
    assert simulator.config()["quirks"] == dict.fromkeys(QUIRKS, True) == Simulator().config()["quirks"]
    first = api.get("/v3/password-policies", params={"count": "true"})
    assert first.status_code == 200 and "X-Total-Count" not in first.headers
    assert len(first.json()) == (246 if count > 250 else count)  # a short page only before the end
    end = api.get("/v3/password-policies", params={"offset": count})
    if count:
        # The body of a real tenant (sailpoint-oss/typescript-sdk issue 59): no trackingId.
        assert end.status_code == 400
        assert end.json() == {"detailMessage": "Specified offset is invalid.", "stackTrace": [], "suppressedExceptions": []}
    else:
        assert end.status_code == 200 and end.json() == []  # offset 0 of nothing is not past the end
    items = _read_like_a_careful_client(api, "/v3/password-policies")
    assert [item["name"] for item in items] == [f"P{i:03d}" for i in range(count)]


def test_quirks_one_by_one_through_the_admin_api(sim_factory, make_api):
    simulator = sim_factory(quirks=False)
    api = make_api(simulator)
    _seed_policies(simulator, 300)
    requests.post(simulator.admin_url + "/config", json={"quirks": {"no_total_count": True}}, timeout=5).raise_for_status()
    page = api.get("/v3/password-policies", params={"count": "true"})
    assert "X-Total-Count" not in page.headers and len(page.json()) == 250
    assert api.get("/v3/password-policies", params={"offset": 300}).json() == []
    simulator.configure(quirks={"no_total_count": False, "short_pages": True})
    assert len(api.get("/v3/password-policies").json()) == 246
    assert len(api.get("/v3/password-policies", params={"offset": 246}).json()) == 54  # the last page is whole
    simulator.reset()
    assert simulator.config()["quirks"] == dict.fromkeys(QUIRKS, False)  # the startup value


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("2024-06-13T00:00:00.000Z", "2024-06-13T00:00Z"),
        ("2024-06-13T10:20:30.000Z", "2024-06-13T10:20:30Z"),
        ("2024-06-13T10:20:00.500Z", "2024-06-13T10:20:00.500Z"),
        ("2024-06-13T10:20:30.123456+02:00", "2024-06-13T10:20:30.123+02:00"),
        ("2024-06-13T10:20Z", "2024-06-13T10:20Z"),
        ("not a date", "not a date"),
    ],
)
def test_trimmed_dates_as_real_tenants_print_them(simulator, api, stored, shown):
    policy_id = simulator.state()["policies"][0]["id"]
    sources = [source["id"] for source in simulator.state()["sources"][:2]]
    simulator.seed({"sync_groups": [{"name": "G", "passwordPolicyId": policy_id, "sourceIds": sources, "created": stored, "modified": stored}]})
    (group,) = api.get("/v3/password-sync-groups").json()
    assert group["created"] == group["modified"] == shown
    simulator.configure(quirks={"trimmed_dates": False})
    assert api.get("/v3/password-sync-groups").json()[0]["created"] == stored


def test_answers_carry_a_request_id(api):
    seen = set()
    for response in (api.get("/v3/sources"), api.get("/password-policies/v1"), api.token_response(), api.get("/v3/nothing")):
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["SLPT-Request-ID"])
        seen.add(response.headers["SLPT-Request-ID"])
    assert len(seen) == 4
    assert "SLPT-Request-ID" not in requests.get(api.sim.admin_url + "/state", timeout=5).headers  # not the admin API


SHAPES = {
    "error_response": lambda body: body["messages"][0]["text"],
    "detail_message": lambda body: body["detailMessage"],
    "formatted_msg": lambda body: body["formatted_msg"],
    "error_name": lambda body: body["errorMessage"],
    "error": lambda body: body["error"],
    "message": lambda body: body["message"],
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_fault_shapes_json(api, shape):
    api.sim.add_fault(method="GET", path="/v3/password-policies", status=400, shape=shape)
    response = api.get("/v3/password-policies")
    assert response.status_code == 400 and response.headers["Content-Type"].startswith("application/json")
    assert SHAPES[shape](response.json()) == f"Injected fault ({shape})."


def test_fault_shapes_text_and_empty(api):
    api.sim.add_faults(
        [
            {"path": "/v3/sources", "status": 502, "shape": "text"},
            {"path": "/v3/sources", "status": 500, "shape": "empty"},
            {"path": "/v3/sources", "status": 429, "shape": "message"},
        ]
    )
    text = api.get("/v3/sources")
    assert text.status_code == 502 and text.headers["Content-Type"].startswith("text/plain") and text.text == "Injected fault (text)."
    empty = api.get("/v3/sources")
    assert empty.status_code == 500 and empty.content == b"" and empty.headers["Content-Length"] == "0"
    limited = api.get("/v3/sources")
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "1"
    for bad in ({"status": 400, "shape": "html"}, {"shape": "text", "delay": 1}, {"status": 400, "shape": "text", "body": "x"}):
        with pytest.raises(ValueError):
            api.sim.add_fault(**bad)


@pytest.mark.parametrize("method", ["TRACE", "QUERY", "OPTIONS", "PROPFIND", "PATCH"])
def test_unsupported_methods_get_a_json_405(api, method):
    response = api.request(method, "/v3/password-policies")
    assert response.status_code == 405, response.text
    assert response.headers["Allow"] == "GET, POST"
    assert response.json()["detailCode"] == "405 Method Not Allowed"
    item = api.request(method, "/v3/password-sync-groups/abc")
    assert item.status_code == 405 and item.headers["Allow"] == "GET, PUT, DELETE"
    token = api.request(method, "/oauth/token")
    assert token.status_code == 405 and token.headers["Allow"] == "POST"
    unknown = api.request(method, "/v3/nothing-here")
    assert unknown.status_code == 404 and unknown.json()["detailCode"] == "404 Not found"
    admin = api.request(method, "/_sim/state")
    assert admin.status_code == 405 and admin.headers["Allow"] == "GET"


# Method tokens as a raw HTTP client sends them (requests may refuse or rewrite some): WebDAV, the new QUERY,
# lower case, and tokens no server knows. http.server answers each with an HTML 501 unless it has a do_<METHOD>.
RAW_METHODS = ["TRACE", "QUERY", "PROPFIND", "MKCOL", "M-SEARCH", "get", "X_ANY.TOKEN~1", "BREW"]


@pytest.mark.parametrize("method", RAW_METHODS)
def test_any_method_token_over_raw_http_gets_a_json_error_with_allow(api, method):
    connection = http.client.HTTPConnection(api.sim.host, api.sim.port, timeout=10)
    try:
        auth = {"Authorization": f"Bearer {api.access_token}", "Accept-Encoding": "identity"}
        for path, allow in (("/v3/password-policies", "GET, POST"), ("/password-sync-groups/v1/abc", "GET, PUT, DELETE"), ("/oauth/token", "POST")):
            # A body too: the connection must stay in step for the next request on it.
            connection.request(method, path, body=b'{"name": "x"}', headers=dict(auth, **{"Content-Type": "application/json"}))
            response = connection.getresponse()
            raw = response.read()
            assert response.status == 405, (method, path, response.status, raw[:200])
            assert response.getheader("Allow") == allow
            assert response.getheader("Content-Type").startswith("application/json") and b"<html" not in raw.lower()
            body = json.loads(raw)
            assert body["detailCode"] == "405 Method Not Allowed" and method in body["messages"][0]["text"]
            assert len(body["trackingId"]) == 32
        connection.request(method, "/v3/sources", headers={"Accept-Encoding": "identity"})  # no token: ISC's JSON 401 first
        response = connection.getresponse()
        assert response.status == 401 and json.loads(response.read())
        connection.request("GET", "/v3/sources", headers=auth)
        response = connection.getresponse()
        assert response.status == 200 and isinstance(json.loads(response.read()), list)
    finally:
        connection.close()


def test_head_gets_headers_only(api):
    response = api.request("HEAD", "/v3/sources")
    assert response.status_code == 405 and response.content == b"" and response.headers["Allow"] == "GET"
    assert api.get("/v3/sources").status_code == 200  # the connection is still in step


def _with_simulator(*options, env=None):
    script = "import os, requests; print(requests.get(os.environ['ISC_SIM_URL'] + '/_sim/config', timeout=5).json()['quirks'])"
    return subprocess.run(
        [sys.executable, "-m", "isc_simulator.with_simulator", *options, "--", sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={key: value for key, value in os.environ.items() if key != "ISC_SIM_QUIRKS"} | (env or {}),
        check=False,
    )


def test_with_simulator_quirks_option():
    for options, env, expected in (
        ((), None, dict.fromkeys(QUIRKS, True)),
        (("--idealised",), None, dict.fromkeys(QUIRKS, False)),
        ((), {"ISC_SIM_QUIRKS": "none"}, dict.fromkeys(QUIRKS, False)),
        (("--quirks",), {"ISC_SIM_QUIRKS": "none"}, dict.fromkeys(QUIRKS, True)),
        (("--quirks", "short_pages"), None, {**dict.fromkeys(QUIRKS, False), "short_pages": True}),
    ):
        run = _with_simulator(*options, env=env)
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == str(expected), (options, env)
    for options in (("--quirks", "nope"), ("--idealised", "--quirks", "all")):
        bad = _with_simulator(*options)
        assert bad.returncode == 2 and ("unknown quirk" in bad.stderr or "exclude each other" in bad.stderr)


def test_cli_quirks_option(monkeypatch):
    from isc_simulator.__main__ import parse_args  # pylint: disable=import-outside-toplevel

    monkeypatch.delenv("ISC_SIM_QUIRKS", raising=False)
    assert parse_args([]).quirks == parse_args(["--quirks"]).quirks == dict.fromkeys(QUIRKS, True)
    assert parse_args(["--idealised"]).quirks == parse_args(["--quirks", "none"]).quirks == dict.fromkeys(QUIRKS, False)
    assert parse_args(["--quirks", "offset_400"]).quirks == {**dict.fromkeys(QUIRKS, False), "offset_400": True}
    monkeypatch.setenv("ISC_SIM_QUIRKS", "none")
    assert parse_args([]).quirks == dict.fromkeys(QUIRKS, False)
    with Simulator(quirks=["no_total_count"]) as sim:
        assert sim.config()["quirks"]["no_total_count"] is True and sim.config()["quirks"]["offset_400"] is False


@pytest.mark.isc_sim_quirks(["short_pages"])
def test_pytest_marker_chooses_the_quirks(simulator, sim_factory):
    assert simulator.config()["quirks"] == {**dict.fromkeys(QUIRKS, False), "short_pages": True}
    assert sim_factory(quirks=True).config()["quirks"] == dict.fromkeys(QUIRKS, True)


def test_pytest_option_chooses_the_quirks(pytester):
    pytester.makeconftest('pytest_plugins = ["isc_simulator.pytest_plugin"]')
    pytester.makepyfile(
        """
        def test_quirks(simulator):
            assert not any(simulator.config()["quirks"].values())
        """
    )
    pytester.runpytest("--isc-sim-quirks=none", "-p", "no:cacheprovider").assert_outcomes(passed=1)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(failed=1)  # every quirk by default
