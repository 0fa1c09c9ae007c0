"""IscClient.list_all against the simulator, with and without the paging quirks of real tenants.

Every case reads 0, 1, 249, 250, 251 and 500 objects and checks: every object exactly once, in
order; and, when ISC sends the total, not one request past the end.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import PAGE_SIZE, IscClient, is_end_of_list, total_count
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError, api_error
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordPolicies, Sources

POLICIES = "/v3/password-policies"
COUNTS = [0, 1, 249, 250, 251, 500]
QUIRK_SETS = {
    "none": [],
    "offset_400": ["offset_400"],
    "short_pages": ["short_pages"],
    "no_total_count": ["no_total_count"],
    "short+no_total": ["short_pages", "no_total_count"],
    "400+no_total": ["offset_400", "no_total_count"],
    "all": ["offset_400", "short_pages", "no_total_count", "trimmed_dates"],
}


def tenant(sim_factory, count, quirks):
    sim = sim_factory(quirks=quirks)
    sim.reset({"policies": [{"name": "P%03d" % n} for n in range(count)]})
    return sim


def page_requests(sim):
    return [
        (int(entry["query"]["offset"][0] if isinstance(entry["query"]["offset"], list) else entry["query"]["offset"]), entry["status"])
        for entry in sim.journal()["requests"]
        if entry["path"] == POLICIES
    ]


@pytest.mark.parametrize("quirks", sorted(QUIRK_SETS))
@pytest.mark.parametrize("count", COUNTS)
def test_every_object_exactly_once(sim_factory, count, quirks):
    sim = tenant(sim_factory, count, QUIRK_SETS[quirks])
    client = IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, sleep=lambda _s: None)
    items = client.list_all("/v3/password-policies")
    assert [item["name"] for item in items] == ["P%03d" % n for n in range(count)]
    requests = page_requests(sim)
    offsets = [offset for offset, _status in requests]
    assert offsets == sorted(set(offsets)) and offsets[0] == 0
    if "no_total_count" not in QUIRK_SETS[quirks]:
        # the total is known: never a request at or past the end (except the first one of an empty list)
        assert all(offset < count for offset in offsets[1:] + ([offsets[0]] if count else []))
        assert all(status == 200 for _offset, status in requests)
    else:
        # no total: one request at the end tells (an empty page, or the 400), never more
        assert offsets[-1] == count
        assert requests[-1][1] == (400 if "offset_400" in QUIRK_SETS[quirks] and count else 200)


@pytest.mark.parametrize("count, pages", [(0, 1), (1, 1), (249, 1), (250, 1), (251, 2), (500, 2)])
def test_request_count_with_the_total(sim_factory, count, pages):
    sim = tenant(sim_factory, count, [])
    IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret).list_all("/v3/password-policies")
    assert len(page_requests(sim)) == pages


def test_short_pages_before_the_end_continue_at_the_next_record(sim_factory):
    sim = tenant(sim_factory, 500, ["short_pages"])
    IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret).list_all("/v3/password-policies")
    assert page_requests(sim) == [(0, 200), (246, 200), (492, 200)]


def test_a_400_that_is_not_about_the_end_is_an_error(sim_factory):
    sim = tenant(sim_factory, 300, [])
    sim.add_fault(method="GET", path=POLICIES, status=400, shape="detail_message")  # on the first page: a real error
    client = IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret)
    with pytest.raises(ApiError) as error:
        client.list_all("/v3/password-policies")
    assert error.value.status == 400 and "Injected fault (detail_message)." in error.value.msg


def test_helpers():
    assert total_count({"X-Total-Count": "12"}) == 12
    assert total_count({}) is None and total_count({"X-Total-Count": "many"}) is None and total_count({"X-Total-Count": "-1"}) is None
    assert is_end_of_list(api_error("GET", "/v3/x", 400, {"detailMessage": "Specified offset is invalid."}))
    # the body real tenants send (sailpoint-oss/typescript-sdk issue 59)
    assert is_end_of_list(api_error("GET", "/v3/x", 400, {"detailMessage": "Specified offset is invalid.", "stackTrace": [], "suppressedExceptions": []}))
    assert not is_end_of_list(api_error("GET", "/v3/x", 400, {"detailMessage": "Bad filter"}))
    assert not is_end_of_list(api_error("GET", "/v3/x", 404, {"detailMessage": "Specified offset is invalid."}))
    assert PAGE_SIZE == 250


@pytest.mark.parametrize(
    "shape, expected",
    [
        ("error_response", "Injected fault (error_response)."),
        ("detail_message", "Injected fault (detail_message)."),
        ("formatted_msg", "Injected fault (formatted_msg)."),
        ("error_name", "Injected fault (error_name)."),
        ("error", "Injected fault (error)."),
        ("message", "Injected fault (message)."),
        ("text", "Injected fault (text)."),
        ("empty", "(empty response body)"),
    ],
)
@pytest.mark.parametrize("status", [400, 404, 409])
def test_every_error_shape_over_http_shows_isc_words(simulator, shape, expected, status):
    simulator.add_fault(method="PUT", path=POLICIES + "/*", status=status, shape=shape)
    client = IscClient(simulator.base_url, client_id=simulator.client_id, client_secret=simulator.client_secret)
    with pytest.raises(ApiError) as error:
        client.put("/v3/password-policies/abc", {"name": "x"})
    message = error.value.msg
    assert message.startswith("PUT /v3/password-policies/abc failed with HTTP %d" % status)
    assert expected in message
    tracked = shape in ("error_response", "detail_message")
    assert ("[trackingId: " in message) is tracked and bool(error.value.details.get("tracking_id")) is tracked


def test_the_collection_tests_run_with_the_quirks_on(simulator, sim_factory):
    # The simulator's default: every simulator of these tests behaves like a real tenant, unless a test says otherwise.
    assert simulator.config()["quirks"] == {"offset_400": True, "short_pages": True, "no_total_count": True, "trimmed_dates": True, "source_filters": True}
    assert sim_factory(quirks=["short_pages"]).config()["quirks"]["offset_400"] is False


@pytest.mark.isc_sim_quirks(False)
def test_a_test_that_counts_requests_can_switch_them_off(simulator):
    assert not any(simulator.config()["quirks"].values())


@pytest.mark.parametrize("count", COUNTS)
def test_v1_listings_read_exactly_with_every_quirk(sim_factory, count):
    # api_version v1: the per-service paths, through the resources the modules use; the hidden IdentityNow
    # source is asked for on every page (includeIDNSource=true) and comes back once.
    sim = sim_factory(quirks=True)
    sources = [{"name": "S%03d" % n} for n in range(count)]
    if count:
        sources[count // 2] = {"name": "IdentityNow", "type": "IdentityNowConnector"}
    sim.reset({"policies": [{"name": "P%03d" % n} for n in range(count)], "sources": sources})
    client = IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, api_version="v1")
    assert [item["name"] for item in PasswordPolicies(client).list()] == ["P%03d" % n for n in range(count)]
    assert sorted(source["name"] for source in Sources(client).list()) == sorted(source["name"] for source in sources)
    for path in ("/password-policies/v1", "/sources/v1"):
        requests = [entry for entry in sim.journal()["requests"] if entry["path"] == path]
        offsets = [int(entry["query"]["offset"]) for entry in requests]
        assert offsets == sorted(set(offsets)) and offsets[-1] == count  # no total: one request at the end, never more
        assert [entry["status"] for entry in requests] == [200] * (len(requests) - 1) + [400 if count else 200]
        if path == "/sources/v1":
            assert all(entry["query"]["includeIDNSource"] == "true" for entry in requests)


def test_a_server_that_ignores_offset_ends_the_listing_with_an_error_not_a_loop(simulator):
    import pytest

    from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient, Response
    from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError

    client = IscClient(simulator.base_url, client_id=simulator.client_id, client_secret=simulator.client_secret)
    page = [{"id": "%032d" % number, "name": "P%d" % number} for number in range(250)]
    calls = []

    def same_page_always(path, query=None, headers=None):
        calls.append(query["offset"])
        return Response(200, {}, list(page))  # no X-Total-Count, offset ignored

    client.get = same_page_always
    with pytest.raises(ApiError) as error:
        client.list_all("/v3/password-policies")
    assert "sent the page at offset 250 again" in error.value.msg
    assert calls == [0, 250]
