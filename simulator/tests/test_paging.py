"""limit / offset / count on the three collections, with more objects than one page, as the contract describes them.

These run idealised (no real-tenant quirks): they prove the contract's paging, whole pages and X-Total-Count;
tests/test_real_tenant.py pages with the quirks, the default.
"""

import pytest

pytestmark = pytest.mark.isc_sim_quirks(False)

COLLECTIONS = ("/v3/sources", "/v3/password-policies", "/v3/password-sync-groups")


@pytest.fixture
def big_api(simulator, make_api):
    """650 more sources and policies, 300 sync groups."""
    sources = simulator.seed({"sources": [{"name": f"Bulk source {i:03d}", "features": ["PASSWORD"]} for i in range(650)]})["sources"]
    policy_id = simulator.state()["policies"][0]["id"]
    simulator.seed(
        {
            "policies": [{"name": f"Bulk policy {i:03d}", "sourceIds": [sources[i]["id"]]} for i in range(650)],
            "sync_groups": [{"name": f"Bulk group {i:03d}", "passwordPolicyId": policy_id} for i in range(300)],
        }
    )
    return make_api(simulator)


def page_through(api, path, limit):
    items, offset = [], 0
    while True:
        response = api.get(path, params={"limit": limit, "offset": offset, "count": "true"})
        assert response.status_code == 200
        page = response.json()
        items.extend(page)
        total = int(response.headers["X-Total-Count"])
        if len(page) < limit:
            return items, total
        offset += limit


@pytest.mark.parametrize("path, expected", [("/v3/sources", 659), ("/v3/password-policies", 651), ("/v3/password-sync-groups", 300)])
def test_paging_collects_everything_once(big_api, path, expected):
    items, total = page_through(big_api, path, 250)
    assert total == expected == len(items) == len({item["id"] for item in items})
    default_page = big_api.get(path)
    assert len(default_page.json()) == 250 and "X-Total-Count" not in default_page.headers
    assert [item["id"] for item in items[:250]] == [item["id"] for item in default_page.json()]


def test_offset_counts_records_and_count_follows_filters(big_api):
    everything, _pages = page_through(big_api, "/v3/password-policies", 250)
    window = big_api.get("/v3/password-policies", params={"offset": 7, "limit": 3}).json()
    assert [p["id"] for p in window] == [p["id"] for p in everything[7:10]]
    assert big_api.get("/v3/password-policies", params={"offset": 5000}).json() == []
    assert big_api.get("/v3/password-policies", params={"limit": 0}).json() == []
    filtered = big_api.get("/v3/sources", params={"filters": 'name sw "Bulk source 1"', "count": "true", "limit": 10})
    assert filtered.headers["X-Total-Count"] == "100" and len(filtered.json()) == 10


@pytest.mark.parametrize("params", [{"limit": 251}, {"limit": -1}, {"limit": "ten"}, {"offset": -1}, {"offset": "1.5"}, {"count": "yes"}])
def test_bad_paging_parameters_are_400(api, error_dto, params):
    for path in COLLECTIONS:
        error_dto(api.get(path, params=params), 400, "400.1 Bad Request Content")
