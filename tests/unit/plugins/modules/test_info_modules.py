"""The _info modules against the simulator: names resolved by default, ids only on request."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy_info, password_sync_group_info

GROUP = {"name": "Info group"}


def requests_during(sim, action):
    """(result, ["METHOD /path", ...] of the API requests the action made; token requests left out)."""
    since = sim.journal()["last_seq"]
    result = action()
    return result, ["%s %s" % (entry["method"], entry["path"]) for entry in sim.journal(since=since)["requests"] if entry["path"].startswith("/v3/")]


def seeded_group(simulator):
    state = simulator.state()
    policy_id = state["policies"][0]["id"]
    password_sources = [source for source in state["sources"] if "PASSWORD" in source.get("features", [])][:2]
    simulator.seed({"sync_groups": [dict(GROUP, passwordPolicyId=policy_id, sourceIds=[source["id"] for source in password_sources])]})
    return state["policies"][0]["name"], sorted(source["name"] for source in password_sources)


@pytest.mark.isc_sim_quirks(False)  # counts requests: one per listing when ISC sends X-Total-Count
def test_sync_group_info_resolves_policy_and_source_names_by_default(simulator, run_module):
    policy_name, source_names = seeded_group(simulator)
    result, requests = requests_during(simulator, lambda: run_module(password_sync_group_info, {"name": GROUP["name"]}))
    (group,) = result["password_sync_groups"]
    assert group["password_policy"] == policy_name
    assert group["sources"] == source_names
    assert [request.split("?")[0] for request in requests] == ["GET /v3/password-sync-groups", "GET /v3/password-policies", "GET /v3/sources"]


@pytest.mark.isc_sim_quirks(False)  # counts requests: one per listing when ISC sends X-Total-Count
def test_sync_group_info_without_names_makes_one_request_and_returns_ids(simulator, run_module):
    seeded_group(simulator)
    result, requests = requests_during(simulator, lambda: run_module(password_sync_group_info, {"name": GROUP["name"], "resolve_names": False}))
    (group,) = result["password_sync_groups"]
    assert group["password_policy"] is None and group["sources"] is None
    assert group["password_policy_id"] and len(group["source_ids"]) == 2
    assert [request.split("?")[0] for request in requests] == ["GET /v3/password-sync-groups"]


@pytest.mark.isc_sim_quirks(False)  # counts requests: one per listing when ISC sends X-Total-Count
def test_policy_info_without_names_leaves_sources_out(simulator, run_module):
    state = simulator.state()
    source_id = state["sources"][0]["id"]
    simulator.seed({"policies": [{"name": "Info policy", "sourceIds": [source_id]}]})
    named, _requests = requests_during(simulator, lambda: run_module(password_policy_info, {"name": "Info policy"}))
    assert named["password_policies"][0]["sources"] == [state["sources"][0]["name"]]
    result, requests = requests_during(simulator, lambda: run_module(password_policy_info, {"name": "Info policy", "resolve_names": False}))
    (policy,) = result["password_policies"]
    assert policy["sources"] is None and policy["source_ids"] == [source_id]
    assert [request.split("?")[0] for request in requests] == ["GET /v3/password-policies"]


def test_sync_groups_with_null_dates_read_as_null(simulator, run_module):
    state = simulator.state()
    password_sources = [source["id"] for source in state["sources"] if "PASSWORD" in source.get("features", [])][:2]
    simulator.seed(
        {
            "sync_groups": [
                {"name": "Old group", "passwordPolicyId": state["policies"][0]["id"], "sourceIds": password_sources, "created": None, "modified": None}
            ]
        }
    )
    (group,) = run_module(password_sync_group_info, {"name": "Old group"})["password_sync_groups"]
    assert group["created"] is None and group["modified"] is None


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("2024-06-13T00:00:00.000Z", "2024-06-13T00:00:00.000Z"),  # sent as 2024-06-13T00:00Z
        ("2024-06-13T10:20:30.000Z", "2024-06-13T10:20:30.000Z"),  # sent as 2024-06-13T10:20:30Z
        ("2024-06-13T10:20:30.123Z", "2024-06-13T10:20:30.123Z"),
    ],
)
def test_sync_group_dates_in_every_form_a_tenant_sends_read_the_same(simulator, run_module, stored, shown):
    """Real tenants leave out zero seconds and milliseconds (the simulator's trimmed_dates, on by default); the
    module shows one form, UTC with milliseconds, whatever the tenant sent."""
    state = simulator.state()
    password_sources = [source["id"] for source in state["sources"] if "PASSWORD" in source.get("features", [])][:2]
    group = {"name": "Dated group", "passwordPolicyId": state["policies"][0]["id"], "sourceIds": password_sources, "created": stored, "modified": stored}
    simulator.seed({"sync_groups": [group]})
    (read,) = run_module(password_sync_group_info, {"name": "Dated group"})["password_sync_groups"]
    assert read["created"] == read["modified"] == shown
