"""IscClient through real HTTP against the in-process simulator.

Sleeps are recorded instead of slept (a FakeClock for the backoff and the rate limiter), so the
tests show what the client waited for without spending the time; the simulator's own clock still
runs for real.
"""

import time

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import MAX_ATTEMPTS, IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError, AuthError, NotFoundError, RateLimitError, TransportError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.ratelimit import RateLimiter
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordPolicies, Sources
from ansible_collections.sailpoint_community.isc.tests.unit.plugins.fake_clock import FakeClock

POLICIES = "/v3/password-policies"


def make_client(sim, waits=None, **kwargs):
    kwargs.setdefault("client_id", sim.client_id)
    kwargs.setdefault("client_secret", sim.client_secret)
    clock = FakeClock(waits)
    kwargs.setdefault("rate_limiter", RateLimiter(clock=clock, sleep=clock.sleep))
    return IscClient(sim.base_url, sleep=clock.sleep, **kwargs)


def requests_seen(sim):
    return [(entry["method"], entry["path"], entry["status"]) for entry in sim.journal()["requests"]]


def assert_no_secret(sim, error):
    text = str(error.fail_kwargs())
    assert sim.client_secret not in text
    assert "Bearer" not in text


def test_token_is_fetched_once_per_client_and_reused(simulator):
    client = make_client(simulator)
    for _round in range(3):
        client.get("/v3/password-policies")
    assert requests_seen(simulator) == [("POST", "/oauth/token", 200)] + [("GET", POLICIES, 200)] * 3
    assert client.auth.fetch_count == 1


def test_token_is_refreshed_before_it_expires(sim_factory):
    sim = sim_factory(token_lifetime=1)
    client = make_client(sim)
    client.get("/v3/password-policies")
    time.sleep(1.0)
    client.get("/v3/password-policies")
    assert [r for r in requests_seen(sim) if r[1] == "/oauth/token"] == [("POST", "/oauth/token", 200)] * 2
    assert all(status == 200 for _m, _p, status in requests_seen(sim))  # refreshed in time: no 401


def test_revoked_token_is_refreshed_once_after_a_401(simulator):
    client = make_client(simulator)
    client.get("/v3/password-policies")
    simulator.revoke_tokens()
    client.get("/v3/password-policies")
    assert requests_seen(simulator)[1:] == [("GET", POLICIES, 200), ("GET", POLICIES, 401), ("POST", "/oauth/token", 200), ("GET", POLICIES, 200)]


def test_a_second_401_is_an_auth_error(simulator):
    client = make_client(simulator)
    simulator.add_fault(method="GET", path=POLICIES, status=401, times=2)
    with pytest.raises(AuthError) as error:
        client.get("/v3/password-policies")
    assert "again after a new one was fetched" in error.value.msg
    assert_no_secret(simulator, error.value)


def test_given_access_token_is_used_first_and_credentials_refresh_it(simulator):
    token = make_client(simulator).auth.header().split()[1]
    simulator.clear_journal()
    client = make_client(simulator, access_token=token)
    client.get("/v3/password-policies")
    assert requests_seen(simulator) == [("GET", POLICIES, 200)]
    simulator.revoke_tokens()
    client.get("/v3/password-policies")
    assert ("POST", "/oauth/token", 200) in requests_seen(simulator)


def test_revoked_access_token_without_credentials_is_a_clear_auth_error(simulator):
    token = make_client(simulator).auth.header().split()[1]
    simulator.revoke_tokens()
    client = make_client(simulator, access_token=token, client_id=None, client_secret=None)
    with pytest.raises(AuthError) as error:
        client.get("/v3/password-policies")
    assert "no client_id/client_secret were given" in error.value.msg
    assert token not in str(error.value.fail_kwargs())


def test_wrong_client_secret_is_an_auth_error_without_the_secret(simulator):
    client = make_client(simulator, client_secret="wrong-secret-123")
    with pytest.raises(AuthError) as error:
        client.get("/v3/password-policies")
    assert error.value.details["path"] == "/oauth/token" and error.value.status == 401
    assert "check client_id and client_secret" in error.value.msg
    assert "wrong-secret-123" not in str(error.value.fail_kwargs())
    assert [r[1] for r in requests_seen(simulator)] == ["/oauth/token"]  # nothing else attempted


def test_429_waits_for_retry_after_then_succeeds(simulator):
    waits = []
    client = make_client(simulator, waits)
    client.auth.header()
    simulator.add_fault(method="GET", path=POLICIES, status=429, headers={"Retry-After": "3"}, times=2)
    assert client.get("/v3/password-policies").status == 200
    assert waits == [3.0, 3.0]
    assert client.rate_limit_waited == 6.0


def test_429_beyond_the_wait_budget_is_a_clear_error(simulator):
    client = make_client(simulator, max_rate_limit_wait=5)
    client.auth.header()
    simulator.add_fault(method="GET", path=POLICIES, status=429, headers={"Retry-After": "2"}, times=5)
    with pytest.raises(RateLimitError) as error:
        client.get("/v3/password-policies")
    assert "ISC asked to wait 2 s (Retry-After: 2)" in error.value.msg
    assert "max_rate_limit_wait=5 s (already waited 4 s in total)" in error.value.msg


def test_a_route_limit_with_a_long_retry_after_gives_up_at_once_and_says_why(sim_factory):
    # A route-specific limit of a real tenant: Retry-After of 600 s, past the default budget of 60 s.
    sim = sim_factory(rate_limit_enabled=True)
    sim.configure(rate_limit={"routes": [{"method": "GET", "path": POLICIES, "limit": 1, "window": 600}]})
    waits = []
    client = make_client(sim, waits)
    client.get(POLICIES)
    with pytest.raises(RateLimitError) as error:
        client.get(POLICIES)
    message = error.value.msg
    assert message.startswith("GET /v3/password-policies failed with HTTP 429: Rate Limit Exceeded. Gave up without sending the request again")
    retry_after = sim.journal()["requests"][-1]["retry_after"]
    assert 595 <= retry_after <= 600 and "Retry-After: %d)" % retry_after in message
    assert "max_rate_limit_wait=60.0 s (already waited 0 s in total)" in message and "raise max_rate_limit_wait" in message
    assert waits == [] and client.rate_limit_waited == 0  # nothing slept
    assert [entry[2] for entry in requests_seen(sim) if entry[1] == POLICIES] == [200, 429]  # and nothing sent again


def test_503_is_retried_with_backoff_then_succeeds(simulator):
    waits = []
    client = make_client(simulator, waits)
    client.auth.header()
    simulator.add_fault(method="GET", path=POLICIES, status=503, times=2)
    assert client.get("/v3/password-policies").status == 200
    assert [r[2] for r in requests_seen(simulator)[1:]] == [503, 503, 200]
    assert len(waits) == 2 and 0.25 <= waits[0] <= 0.5 and 0.5 <= waits[1] <= 1.0


def test_exhausted_retries_give_status_path_and_tracking_id(simulator):
    client = make_client(simulator)
    simulator.add_fault(method="PUT", path=POLICIES + "/*", status=502, times=MAX_ATTEMPTS)
    with pytest.raises(ApiError) as error:
        client.put("/v3/password-policies/" + "a" * 32, {"name": "x"})
    kwargs = error.value.fail_kwargs()
    assert kwargs["status"] == 502 and kwargs["method"] == "PUT" and kwargs["path"] == POLICIES + "/" + "a" * 32
    assert kwargs["tracking_id"] and kwargs["tracking_id"] in kwargs["msg"]
    assert "Gave up after 5 attempts" in kwargs["msg"]
    assert_no_secret(simulator, error.value)


def test_dropped_connection_on_a_read_is_retried(simulator):
    client = make_client(simulator)
    client.auth.header()
    simulator.add_fault(method="GET", path=POLICIES, drop="before", times=1)
    assert client.get("/v3/password-policies").status == 200


def test_timeout_names_the_timeout_and_is_bounded(simulator):
    client = make_client(simulator, timeout=0.3)
    client.auth.header()
    simulator.add_fault(method="GET", path=POLICIES, delay=1.0, times=MAX_ATTEMPTS)
    started = time.monotonic()
    with pytest.raises(TransportError) as error:
        client.get("/v3/password-policies")
    assert "no response within timeout=0.3 seconds; gave up after 5 attempts" in error.value.msg
    assert time.monotonic() - started < 5


def test_post_dropped_after_the_server_created_it_is_not_duplicated(simulator):
    policies = PasswordPolicies(make_client(simulator))
    simulator.add_fault(method="POST", path=POLICIES, drop="after", times=1)
    created = policies.create({"name": "Dropped after create"})
    matching = [p for p in simulator.state()["policies"] if p["name"] == "Dropped after create"]
    assert len(matching) == 1 and created["id"] == matching[0]["id"]
    assert methods_in_turn(simulator) == ["POST", "GET"]  # the POST, then one listing (its pages)


def test_post_dropped_before_the_server_saw_it_is_sent_again_once(simulator):
    policies = PasswordPolicies(make_client(simulator))
    simulator.add_fault(method="POST", path=POLICIES, drop="before", times=1)
    policies.create({"name": "Dropped before create"})
    assert len([p for p in simulator.state()["policies"] if p["name"] == "Dropped before create"]) == 1
    assert methods_in_turn(simulator) == ["POST", "GET", "POST"]


def methods_in_turn(sim):
    """The methods sent to POLICIES, a listing counted once, by its first page (offset 0): two listings in a row show twice."""
    return [
        entry["method"]
        for entry in sim.journal()["requests"]
        if entry["path"] == POLICIES and (entry["method"] != "GET" or entry["query"].get("offset") in (None, "0", ["0"]))
    ]


def test_persistent_500_on_create_fails_with_tracking_id_and_creates_nothing(simulator):
    policies = PasswordPolicies(make_client(simulator))
    simulator.add_fault(method="POST", path=POLICIES, status=500, times=MAX_ATTEMPTS)
    with pytest.raises(ApiError) as error:
        policies.create({"name": "Never"})
    assert error.value.status == 500 and error.value.details["tracking_id"]
    assert "nothing was created" in error.value.msg
    assert not [p for p in simulator.state()["policies"] if p["name"] == "Never"]


@pytest.mark.isc_sim_quirks(False)  # with X-Total-Count; tests/unit/plugins/module_utils/test_client_paging.py reads with the quirks
def test_paging_reads_600_plus_objects_in_three_requests(simulator):
    simulator.seed({"policies": [{"name": "Paged %03d" % n} for n in range(620)]})
    client = make_client(simulator)
    simulator.clear_journal()
    items = client.list_all("/v3/password-policies")
    assert len(items) == 621 and len({item["id"] for item in items}) == 621
    pages = [entry["query"] for entry in simulator.journal()["requests"] if entry["path"] == POLICIES]
    assert [(q["offset"], q["limit"]) for q in pages] == [("0", "250"), ("250", "250"), ("500", "250")]


@pytest.mark.isc_sim_quirks(False)  # with X-Total-Count, as above
def test_paging_stops_exactly_at_a_full_last_page(simulator):
    simulator.seed({"policies": [{"name": "P%d" % n} for n in range(249)]})  # 250 with the default policy
    make_client(simulator).list_all("/v3/password-policies")
    assert len([r for r in requests_seen(simulator) if r[1] == POLICIES]) == 1


def test_errors_carry_the_api_details_and_decode_despite_the_edge_quirk(simulator):
    client = make_client(simulator)
    with pytest.raises(NotFoundError) as error:
        client.get("/v3/password-policies/" + "f" * 32)
    assert error.value.status == 404 and error.value.details["tracking_id"]
    with pytest.raises(ApiError) as error:
        client.post("/v3/password-policies", {"name": "x", "minLength": "eight"})
    assert error.value.status == 400 and "minLength" in error.value.msg
    assert_no_secret(simulator, error.value)


def test_filtered_sources_with_special_characters(simulator):
    found = Sources(make_client(simulator)).find("name", ['R&D "EU" #1', "GitHub", "Unknown"])
    assert sorted(source["name"] for source in found) == ["GitHub", 'R&D "EU" #1']


# A secret with characters that each encoding changes: é (non-ASCII), / + & = % (form and URL), " (JSON).
SPECIAL_SECRET = 'S\u00e9cr3t/+&=%"x-4c9f0e7a'
SPECIAL_FORMS = ("S%C3%A9cr3t%2F%2B%26%3D%25%22x-4c9f0e7a", 'S\\u00e9cr3t/+&=%\\"x-4c9f0e7a', 'S\u00e9cr3t/+&=%"x-4c9f0e7a', "S\u00e9cr3t")


@pytest.mark.parametrize(
    "fault",
    [
        # An endpoint that echoes the form body as text, as some proxies and OAuth servers do.
        dict(status=400, body="bad request: grant_type=client_credentials&client_id=x&client_secret=S%C3%A9cr3t%2F%2B%26%3D%25%22x-4c9f0e7a"),
        # An error body of a shape the collection does not know: shown as JSON, which escapes the é.
        dict(status=400, body={"unexpected": {"received": {"client_secret": SPECIAL_SECRET}}}),
        # Both, in a 5xx that the client retries and then reports.
        dict(status=503, times=10, body={"echo": "client_secret=S%C3%A9cr3t%2F%2B%26%3D%25%22x-4c9f0e7a", "raw": SPECIAL_SECRET}),
    ],
    ids=["form-echo", "json-unknown-shape", "5xx-retried"],
)
def test_a_token_error_never_shows_the_secret_in_any_encoding(sim_factory, fault):
    sim = sim_factory(client_secret=SPECIAL_SECRET)
    sim.add_fault(method="POST", path="/oauth/token", **fault)
    client = make_client(sim)
    with pytest.raises(ApiError) as raised:
        client.get(POLICIES)
    text = str(raised.value.fail_kwargs())
    assert "********" in text, text  # the echo is there, masked
    for form in SPECIAL_FORMS:
        assert form not in text, (form, text)
