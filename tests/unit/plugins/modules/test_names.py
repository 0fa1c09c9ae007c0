"""Names with quotes, #, %, &, \\ and non-ASCII characters work wherever they are legal.

The modules run in-process against the local simulator, through the real HTTP client: names
travel in JSON bodies, in the `filters` query of /v3/sources (quoted and escaped) and back.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import (
    password_policy,
    password_policy_info,
    password_sync_group,
    password_sync_group_info,
    source_info,
)

RND = 'R&D "EU" #1'  # in the simulator's default seed
FINANCE = "Finance\\Payroll"
ZURICH = "Zürich 100%"
SOURCES = [
    {"id": "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1", "name": FINANCE, "features": ["PROVISIONING", "PASSWORD"]},
    {"id": "e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2", "name": ZURICH, "features": ["PASSWORD"]},
    # Decoys: the simulator, like ISC, compares names in filters without regard to case, and a
    # backslash or quote that is not escaped properly would match (or break on) these.
    {"id": "e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3", "name": "ZÜRICH 100%", "features": ["PASSWORD"]},
    {"id": "e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4", "name": "Finance\\\\Payroll", "features": ["PASSWORD"]},
    {"id": "e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5", "name": 'R&D \\"EU\\" #1', "features": ["PASSWORD"]},
]
SPECIAL_SOURCES = [RND, FINANCE, ZURICH]

NAMES = [
    pytest.param('Ops "Tier 1"', id="double-quotes"),
    pytest.param("O'Brien's policy", id="single-quotes"),
    pytest.param("Team #2", id="hash"),
    pytest.param("100% strong", id="percent"),
    pytest.param("%22%20%", id="percent-escapes"),
    pytest.param("R&D & Ops", id="ampersand"),
    pytest.param("Finance\\Payroll\\", id="backslash"),
    pytest.param('\\"quoted\\"', id="backslash-quote"),
    pytest.param("Zürich Ünïcødé — ñ", id="latin-non-ascii"),
    pytest.param("東京 パスワード 🔐", id="cjk-and-emoji"),
    pytest.param('All of them: "q" #1 100% & \\ Zürich 東京', id="everything"),
    pytest.param("x" * 128, id="128-characters"),
]


@pytest.fixture
def tenant(simulator):
    simulator.seed({"sources": SOURCES})
    return simulator


def writes_during(sim, action):
    since = sim.journal()["last_seq"]
    result = action()
    return result, sim.journal(since=since)["writes"]


@pytest.mark.parametrize("name", NAMES)
def test_policy_with_such_a_name_is_created_then_found_by_name(tenant, run_module, name):
    task = dict(name=name, description=name, min_length=10, sources=SPECIAL_SOURCES)
    created, writes = writes_during(tenant, lambda: run_module(password_policy, task))
    assert created["changed"] is True and writes == 1, created
    policy = created["password_policy"]
    assert policy["name"] == name and policy["description"] == name
    assert sorted(policy["sources"]) == sorted(SPECIAL_SOURCES)

    stored = [p for p in tenant.state()["policies"] if p["id"] == policy["id"]]
    assert stored and stored[0]["name"] == name
    assert sorted(stored[0]["sourceIds"]) == sorted(policy["source_ids"])

    again, writes = writes_during(tenant, lambda: run_module(password_policy, task))
    assert again["changed"] is False and writes == 0, again
    assert again["password_policy"]["id"] == policy["id"]

    info = run_module(password_policy_info, dict(name=name))
    assert [item["id"] for item in info["password_policies"]] == [policy["id"]]
    assert sorted(info["password_policies"][0]["sources"]) == sorted(SPECIAL_SOURCES)

    deleted, writes = writes_during(tenant, lambda: run_module(password_policy, dict(name=name, state="absent")))
    assert deleted["changed"] is True and writes == 1
    assert policy["id"] not in [p["id"] for p in tenant.state()["policies"]]


@pytest.mark.parametrize("name", NAMES)
def test_sync_group_with_such_names_is_created_then_found_by_name(tenant, run_module, name):
    policy_name = "Policy of " + name[:100]
    assert run_module(password_policy, dict(name=policy_name, min_length=8))["changed"] is True
    task = dict(name=name, password_policy=policy_name, sources=[ZURICH, FINANCE, RND])
    created, writes = writes_during(tenant, lambda: run_module(password_sync_group, task))
    assert created["changed"] is True and writes == 1, created
    group = created["password_sync_group"]
    assert group["name"] == name and group["password_policy"] == policy_name
    assert group["sources"] == sorted(SPECIAL_SOURCES)
    assert group["source_ids"] == sorted(["2c91808a7c1f4e2b017c1f5d00000009", SOURCES[0]["id"], SOURCES[1]["id"]])

    again, writes = writes_during(tenant, lambda: run_module(password_sync_group, task))
    assert again["changed"] is False and writes == 0, again
    assert again["password_sync_group"]["id"] == group["id"]

    info = run_module(password_sync_group_info, dict(name=name))
    (item,) = info["password_sync_groups"]
    assert (item["id"], item["password_policy"], item["sources"]) == (group["id"], policy_name, sorted(SPECIAL_SOURCES))


@pytest.mark.parametrize(
    "name, source_id",
    [
        pytest.param(RND, "2c91808a7c1f4e2b017c1f5d00000009", id="quotes-ampersand-hash"),
        pytest.param(FINANCE, SOURCES[0]["id"], id="backslash"),
        pytest.param(ZURICH, SOURCES[1]["id"], id="umlaut-percent"),
        pytest.param("ZÜRICH 100%", SOURCES[2]["id"], id="upper-case-decoy"),
        pytest.param("Finance\\\\Payroll", SOURCES[3]["id"], id="double-backslash-decoy"),
        pytest.param('R&D \\"EU\\" #1', SOURCES[4]["id"], id="backslash-quote-decoy"),
    ],
)
def test_source_names_resolve_exactly(tenant, run_module, name, source_id):
    found = run_module(source_info, dict(name=name))["sources"]
    assert [(source["id"], source["name"]) for source in found] == [(source_id, name)]
    # The same name resolves inside a policy task, with one filtered request, to exactly that source.
    since = tenant.journal()["last_seq"]
    result = run_module(password_policy, dict(name="Governs one", sources=[name]))
    assert result["password_policy"]["source_ids"] == [source_id]
    filters = [entry["query"]["filters"] for entry in listings(tenant, since)]
    assert len(filters) == 1 and filters[0].startswith("name in (")


def test_many_special_source_names_in_one_task_resolve_in_one_request(tenant, run_module):
    names = [RND, FINANCE, ZURICH, "ZÜRICH 100%", "Finance\\\\Payroll", 'R&D \\"EU\\" #1']
    since = tenant.journal()["last_seq"]
    result = run_module(password_policy, dict(name="Governs six", sources=names))
    assert result["changed"] is True
    assert sorted(result["password_policy"]["sources"]) == sorted(names)
    assert len(listings(tenant, since)) == 1


def listings(sim, since):
    """The source listings since ``since``: their first requests (offset 0); the paging quirks add a request at the end of each."""
    return [entry for entry in sim.journal(since=since)["requests"] if entry["path"] == "/v3/sources" and entry["query"].get("offset") in ("0", ["0"])]
