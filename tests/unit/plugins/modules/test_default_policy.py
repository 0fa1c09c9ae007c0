"""The org's default policy found by its flag, the hidden IdentityNow source kept, exclusive options refused.

Against the simulator's realistic seed: the default policy is named "Default" and governs the hidden
IdentityNow source, Workday and HR Flat File. Every case checks the tenant and the request journal.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan
from ansible_collections.sailpoint_community.isc.plugins.module_utils.report import build_report, export
from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy, password_policy_info, password_sync_group, source_info

DEFAULT_ID = "2c9180877b1d5f3a017b1d6e4c2a0001"
IDN = "2c91808a7c1f4e2b017c1f5d0000000a"
WORKDAY = "2c91808a7c1f4e2b017c1f5d00000007"
HR = "2c91808a7c1f4e2b017c1f5d00000008"
GITHUB = "2c91808a7c1f4e2b017c1f5d00000002"


def policies(sim):
    return sim.state()["policies"]


def default_of(sim):
    (default,) = [policy for policy in policies(sim) if policy["defaultPolicy"]]
    return default


def writes_during(sim, action):
    since = sim.journal()["last_seq"]
    result = action()
    journal = sim.journal(since=since)
    return result, [
        (entry["method"], entry["path"]) for entry in journal["requests"] if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"
    ]


def test_org_default_by_flag_edits_the_default_policy_and_creates_nothing(simulator, run_module):
    # The task of the issue: it used to create an ordinary policy named "Org default".
    predicted, writes = writes_during(
        simulator, lambda: run_module(password_policy, dict(name="Org default", default_policy=True, min_length=10), check_mode=True)
    )
    assert predicted["changed"] is True and writes == []
    assert predicted["password_policy"]["id"] == DEFAULT_ID and predicted["password_policy"]["name"] == "Org default"
    result, writes = writes_during(simulator, lambda: run_module(password_policy, dict(name="Org default", default_policy=True, min_length=10)))
    assert result["changed"] is True and writes == [("PUT", "/v3/password-policies/" + DEFAULT_ID)]
    assert len(policies(simulator)) == 1
    default = default_of(simulator)
    assert default["name"] == "Org default" and default["minLength"] == 10
    assert sorted(default["sourceIds"]) == sorted([IDN, WORKDAY, HR])  # untouched: the task did not manage sources
    assert result["password_policy"] == dict(predicted["password_policy"], modified=result["password_policy"]["modified"])
    again, writes = writes_during(simulator, lambda: run_module(password_policy, dict(name="Org default", default_policy=True, min_length=10)))
    assert again["changed"] is False and writes == []


def test_default_policy_without_name_keeps_its_name(simulator, run_module):
    result = run_module(password_policy, dict(default_policy=True, min_numeric=2))
    assert result["changed"] is True and result["password_policy"]["name"] == "Default"
    assert default_of(simulator)["name"] == "Default" and default_of(simulator)["minNumeric"] == 2


def test_default_policy_false_is_an_ordinary_selection(simulator, run_module):
    result = run_module(password_policy, dict(name="Ordinary", default_policy=False, min_length=9))
    assert result["changed"] is True and result["password_policy"]["default_policy"] is False
    assert sorted(policy["name"] for policy in policies(simulator)) == ["Default", "Ordinary"]


def test_a_name_close_to_the_default_policy_name_warns(simulator, run_module):
    result = run_module(password_policy, dict(name="  default ".strip().upper(), min_length=9), check_mode=True)
    assert result["changed"] is True and result["password_policy"]["id"] is None
    assert "only in letter case or spacing" in str(result["warnings"]) and "default_policy: true" in str(result["warnings"]), result


def test_the_default_policy_can_be_missing_or_twice(sim_factory, run_module):
    empty = sim_factory(seed={"sources": [{"name": "Only"}]})
    failed = run_module(password_policy, dict(default_policy=True, min_length=9), sim=empty)
    assert failed["failed"] and "no policy has defaultPolicy: true" in failed["msg"] and "never creates one" in failed["msg"]
    assert empty.state()["policies"] == [] and empty.journal()["writes"] == 0
    twice = sim_factory(seed={"policies": [{"name": "A", "defaultPolicy": True}, {"name": "B", "defaultPolicy": True}]})
    failed = run_module(password_policy, dict(default_policy=True, min_length=9), sim=twice)
    assert failed["failed"] and "2 policies have defaultPolicy: true" in failed["msg"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_deleting_the_default_policy_by_flag_fails_before_any_request(simulator, run_module, check_mode):
    since = simulator.journal()["last_seq"]
    result = run_module(password_policy, dict(default_policy=True, state="absent"), check_mode=check_mode)
    assert result["failed"] and result["option"] == "state"
    assert "the org's default password policy is never deleted" in result["msg"]
    assert simulator.journal(since=since)["requests"] == []  # not even a token
    assert default_of(simulator)["id"] == DEFAULT_ID


@pytest.mark.parametrize("args", [dict(name="Default"), dict(id=DEFAULT_ID)], ids=["by-name", "by-id"])
def test_deleting_the_default_policy_by_name_or_id_fails_before_any_write(simulator, run_module, args):
    result, writes = writes_during(simulator, lambda: run_module(password_policy, dict(args, state="absent")))
    assert result["failed"] and "'Default' is the org's default password policy" in result["msg"] and writes == []
    assert default_of(simulator)["id"] == DEFAULT_ID


def test_role_items_that_delete_the_default_policy_fail_the_plan(simulator, run_module):
    tenant = info_tenant(simulator, run_module)
    for item in ({"default_policy": True, "state": "absent"}, {"name": "Default", "state": "absent"}):
        result = plan(tenant, [item])
        assert [error["msg"] for error in result["errors"] if "never deleted" in error["msg"]], (item, result["errors"])
        assert all(write["op"] != "delete" for step in result["steps"] for write in step["writes"])


def test_info_reads_only_the_default(simulator, run_module):
    simulator.seed({"policies": [{"name": "Other"}]})
    result = run_module(password_policy_info, dict(default_policy=True))
    (default,) = result["password_policies"]
    assert default["id"] == DEFAULT_ID and default["default_policy"] is True
    assert default["sources"] == ["HR Flat File", "IdentityNow", "Workday"]  # the hidden source by its name
    assert default["created"] and default["modified"]  # from dateCreated/lastUpdated: created/modified are null
    assert len(run_module(password_policy_info, {})["password_policies"]) == 2


def test_identitynow_source_by_name_and_kept(simulator, run_module):
    same = run_module(password_policy, dict(default_policy=True, sources=["IdentityNow", "Workday", "HR Flat File"]))
    assert same["changed"] is False
    more = run_module(password_policy, dict(default_policy=True, sources=["IdentityNow", "Workday", "HR Flat File", "GitHub"]))
    assert more["changed"] is True and sorted(default_of(simulator)["sourceIds"]) == sorted([IDN, WORKDAY, HR, GITHUB])
    for args in (dict(default_policy=True, sources=["Workday"]), dict(id=DEFAULT_ID, source_ids=[WORKDAY]), dict(name="Default", sources=[])):
        for check_mode in (True, False):
            failed, writes = writes_during(simulator, lambda args=args, check_mode=check_mode: run_module(password_policy, args, check_mode=check_mode))
            assert failed["failed"] and "never removes it" in failed["msg"] and writes == [], failed
    assert IDN in default_of(simulator)["sourceIds"]


def test_identitynow_source_may_leave_another_policy(simulator, run_module):
    run_module(password_policy, dict(name="Other", source_ids=[IDN]))
    result = run_module(password_policy, dict(name="Other", sources=[]))
    assert result["changed"] is True


def test_identitynow_source_in_a_group_of_another_policy_is_warned_about(simulator, run_module):
    # ISC does not document which policy governs ISC's own logins once their source is in a sync
    # group of another policy: the collection says so, in check mode too, and only when that changes.
    run_module(password_policy, dict(name="Other"))
    task = dict(name="With ISC", password_policy="Other", sources=["IdentityNow", "Okta"])
    predicted = run_module(password_sync_group, task, check_mode=True)
    applied = run_module(password_sync_group, task)
    for result in (predicted, applied):
        assert result["changed"] is True
        warned = [warning for warning in result["warning_texts"] if warning.startswith("sources: the IdentityNow source 'IdentityNow'")]
        assert len(warned) == 1 and "not the org's default" in warned[0], result
    assert run_module(password_sync_group, task)["warning_texts"] == []
    # Under the default policy the group changes nothing about who governs ISC's logins.
    moved = run_module(password_sync_group, dict(task, password_policy="Default"))
    assert moved["changed"] is True and moved["warning_texts"] == []
    back = run_module(password_sync_group, task)
    assert any("not the org's default" in warning for warning in back["warning_texts"])
    groups = simulator.state()["sync_groups"]
    assert [sorted(group["sourceIds"]) for group in groups if group["name"] == "With ISC"] == [sorted([IDN, "2c91808a7c1f4e2b017c1f5d00000005"])]


def test_source_info_shows_hidden_sources_unless_asked_not_to(simulator, run_module):
    everything = run_module(source_info, {})["sources"]
    idn = [source for source in everything if source["name"] == "IdentityNow"]
    assert len(idn) == 1 and idn[0]["hidden"] is True and idn[0]["password_policies"] == ["Default"]
    assert not any(source["hidden"] for source in everything if source["name"] != "IdentityNow")
    visible = run_module(source_info, dict(include_hidden=False))["sources"]
    assert [source["name"] for source in visible] == sorted(source["name"] for source in everything if source["name"] != "IdentityNow")
    assert run_module(source_info, dict(name="IdentityNow"))["sources"][0]["id"] == IDN
    assert run_module(source_info, dict(name="IdentityNow", include_hidden=False))["sources"] == []
    # One listing per run, in the order of the runs: its first page (offset 0) and, with the paging quirks, the
    # request that finds its end; every request of a listing asks the same.
    listings = []
    for entry in simulator.journal()["requests"]:
        if entry["path"] == "/v3/sources":
            if entry["query"]["offset"] == "0":
                listings.append(set())
            listings[-1].add(entry["query"]["includeIDNSource"])
    assert listings == [{"true"}, {"false"}, {"true"}, {"false"}]


@pytest.mark.parametrize(
    "module, args, pair",
    [
        (password_policy, dict(name="P", sources=["GitHub"], source_ids=[GITHUB]), "sources|source_ids"),
        (
            password_sync_group,
            dict(name="G", password_policy="Default", password_policy_id=DEFAULT_ID, source_ids=["a", "b"]),
            "password_policy|password_policy_id",
        ),
        (password_sync_group, dict(name="G", password_policy="Default", sources=["GitHub", "LDAP"], source_ids=["a", "b"]), "sources|source_ids"),
    ],
)
def test_mutually_exclusive_options_fail_before_any_request(simulator, run_module, module, args, pair):
    since = simulator.journal()["last_seq"]
    result = run_module(module, args)
    assert result["failed"] and result["msg"] == "parameters are mutually exclusive: %s" % pair
    assert simulator.journal(since=since)["requests"] == []


def test_default_policy_true_and_id_exclude_each_other_before_any_request(simulator, run_module):
    since = simulator.journal()["last_seq"]
    result = run_module(password_policy, dict(id=DEFAULT_ID, default_policy=True, min_length=9))
    assert result["failed"] and "mutually exclusive: id|default_policy" in result["msg"]
    assert simulator.journal(since=since)["requests"] == []
    ordinary = run_module(password_policy, dict(id=DEFAULT_ID, default_policy=False, min_length=9))  # as in an info item
    assert ordinary["changed"] is True


def info_tenant(sim, run):
    return {
        "policies": run(password_policy_info, dict(resolve_names=False), sim=sim)["password_policies"],
        "sync_groups": [],
        "sources": run(source_info, {}, sim=sim)["sources"],
    }


def test_export_writes_the_default_policy_by_flag_and_applies_to_another_tenant(sim_factory, run_module):
    first = sim_factory()
    second = sim_factory()
    second.reset({**second.state(), "policies": [dict(default_of(second), name="Default Password Policy", minLength=6)]})
    run_module(password_policy, dict(default_policy=True, min_length=12, sources=["IdentityNow", "Workday", "GitHub"]), sim=first)
    info = run_module(password_policy_info, {}, sim=first)["password_policies"]
    exported = export(info, [])["password_config_policies"]
    assert exported[0]["default_policy"] is True and exported[0]["name"] == "Default" and "id" not in exported[0]
    assert exported[0]["sources"] == ["GitHub", "IdentityNow", "Workday"]
    # The same tenant: the export applies without a change.
    same = plan(info_tenant(first, run_module), exported)
    assert same["errors"] == [] and [step["action"] for step in same["steps"]] == ["none"]
    # Another tenant whose default policy has another name: that one is managed, nothing is created.
    other = plan(info_tenant(second, run_module), exported)
    assert other["errors"] == [] and [(step["action"], step["args"]["id"]) for step in other["steps"]] == [("update", DEFAULT_ID)]
    assert other["steps"][0]["diff"]["before"]["name"] == "Default Password Policy" and other["steps"][0]["diff"]["after"]["name"] == "Default"


def test_plan_refuses_items_that_drop_identitynow_or_delete_the_default(simulator, run_module):
    tenant = info_tenant(simulator, run_module)
    result = plan(
        tenant,
        [
            {"default_policy": True, "sources": ["Workday"]},
            {"default_policy": True, "state": "absent", "name": "x"},
            {"name": "P", "sources": ["GitHub"], "source_ids": [GITHUB]},
        ],
    )
    messages = [error["msg"] for error in result["errors"]]
    assert any("never removes it" in message for message in messages)
    assert any("listed twice" in message for message in messages)
    assert any(message == "parameters are mutually exclusive: sources|source_ids" for message in messages)


def test_plan_warns_about_a_name_close_to_the_default_and_exclusive_lists_it_as_kept(simulator, run_module):
    tenant = info_tenant(simulator, run_module)
    result = plan(tenant, [{"name": "default", "min_length": 9}], exclusive=True)
    assert [warning["name"] for warning in result["warnings"]] == ["default"]
    assert "default_policy: true" in result["warnings"][0]["msg"]
    report = build_report(result, tenant)
    kept = [entry for entry in report["objects"] if entry["name"] == "Default"]
    assert kept and kept[0]["status"] == "in sync" and "never deleted" in kept[0]["reason"]
    assert any(line.startswith("warning: password policy 'default'") for line in report["summary"])


@pytest.mark.parametrize("name", ["default password policy", "Default  Password Policy", "DEFAULT PASSWORD  POLICY"])
def test_a_name_differing_from_the_default_only_in_case_or_spacing_is_flagged(sim_factory, run_module, name):
    sim = sim_factory(seed={"sources": [{"name": "Only"}], "policies": [{"name": "Default Password Policy", "defaultPolicy": True}]})
    result = plan(info_tenant(sim, run_module), [{"name": name, "min_length": 9}])
    assert result["errors"] == [] and [(warning["name"], "only in letter case or spacing" in warning["msg"]) for warning in result["warnings"]] == [
        (name, True)
    ]
    assert [step["action"] for step in result["steps"]] == ["create"]
    module = run_module(password_policy, dict(name=name, min_length=9), check_mode=True, sim=sim)
    assert any("'Default Password Policy', only in letter case or spacing" in warning for warning in module["warning_texts"]), module
    unrelated = plan(info_tenant(sim, run_module), [{"name": "Default Password Policies", "min_length": 9}])
    assert unrelated["warnings"] == []
