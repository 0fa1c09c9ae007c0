"""A tenant moves from V3 to v1 in the middle of its life, through the modules' main().

Converge on v3, read on v1 (nothing to change), change on v1, read on v3: the same ids, values,
diffs and ``changed`` on both; and the deprecation warning, once per run, on v3 only.
"""

from ansible_collections.sailpoint_community.isc.plugins.modules import (
    password_dictionary,
    password_org_config,
    password_policy,
    password_policy_info,
    password_sync_group,
    password_sync_group_info,
)

POLICY = {"name": "Corporate", "min_length": 12, "sources": ["GitHub", "Okta"], "description": "All staff"}
GROUP = {"name": "Directories", "password_policy": "Corporate", "sources": ["Active Directory", "LDAP"]}


def api_paths(sim, since):
    return {entry["path"] for entry in sim.journal(since=since)["requests"] if entry["path"] != "/oauth/token"}


def test_converge_on_v3_then_read_and_change_on_v1_then_read_on_v3(simulator, run_module):
    # 1. converge on v3 (the default)
    created = run_module(password_policy, POLICY)
    assert created["changed"] and created["exit_code"] == 0, created
    group = run_module(password_sync_group, GROUP)
    assert group["changed"], group
    run_module(password_org_config, {"digit_token_length": 6})
    run_module(password_dictionary, {"words": ["acme", "winter"], "locale": "en_US"})
    v3_info = run_module(password_policy_info, {"name": "Corporate"})["password_policies"]
    v3_groups = run_module(password_sync_group_info, {"name": "Directories"})["password_sync_groups"]

    # 2. read on v1: nothing to change, the same values
    since = simulator.journal()["last_seq"]
    for module, args in (
        (password_policy, POLICY),
        (password_sync_group, GROUP),
        (password_org_config, {"digit_token_length": 6}),
        (password_dictionary, {"words": ["acme", "winter"], "locale": "en_US"}),
    ):
        again = run_module(module, dict(args, api_version="v1"))
        assert again["exit_code"] == 0 and not again["changed"], (module.__name__, again)
    assert run_module(password_policy_info, {"name": "Corporate", "api_version": "v1"})["password_policies"] == v3_info
    assert run_module(password_sync_group_info, {"name": "Directories", "api_version": "v1"})["password_sync_groups"] == v3_groups
    paths = api_paths(simulator, since)
    assert paths and not any(path.startswith("/v3/") for path in paths), paths
    assert {"/password-policies/v1", "/password-sync-groups/v1", "/sources/v1", "/password-org-config/v1", "/password-dictionary/v1"} <= paths

    # 3. change on v1: same ids, a diff like on v3
    changed = run_module(password_policy, dict(POLICY, min_length=14, api_version="v1"), check_mode=False)
    assert changed["changed"] and changed["password_policy"]["id"] == created["password_policy"]["id"], changed
    assert changed["password_policy"]["min_length"] == 14 and changed["password_policy"]["modified"]

    # 4. read on v3: the change made on v1
    (after,) = run_module(password_policy_info, {"name": "Corporate"})["password_policies"]
    assert after["min_length"] == 14 and after["id"] == created["password_policy"]["id"]
    assert after["created"] == v3_info[0]["created"]
    assert not run_module(password_policy, dict(POLICY, min_length=14))["changed"]


def test_check_mode_and_diff_are_the_same_on_both_versions(simulator, run_module):
    run_module(password_policy, POLICY)
    results = {}
    for version in ("v3", "v1"):
        result = run_module(password_policy, dict(POLICY, min_length=16, api_version=version, _ansible_diff=True), check_mode=True)
        results[version] = {key: result.get(key) for key in ("changed", "diff", "password_policy")}
    assert results["v3"] == results["v1"] and results["v1"]["changed"]


def test_deprecated_v3_warns_once_per_run_and_v1_does_not(simulator, run_module):
    simulator.configure(v3_deprecated={"deprecation": "Sat, 01 Jul 2028 00:00:00 GMT", "sunset": "Thu, 01 Mar 2029 00:00:00 GMT"})
    on_v3 = run_module(password_sync_group, GROUP | {"password_policy": simulator.state()["policies"][0]["name"]})
    deprecation = [text for text in on_v3["warning_texts"] if "deprecated" in text]
    assert len(deprecation) == 1, on_v3["warning_texts"]
    assert "2028-07-01" in deprecation[0] and "2029-03-01" in deprecation[0] and "api_version: v1" in deprecation[0]
    on_v1 = run_module(password_sync_group, GROUP | {"password_policy": simulator.state()["policies"][0]["name"], "api_version": "v1"})
    assert not [text for text in on_v1["warning_texts"] if "deprecated" in text] and on_v1["exit_code"] == 0


def test_deprecation_warning_also_on_failure(simulator, run_module):
    simulator.configure(v3_deprecated=True)
    failed = run_module(password_sync_group, {"name": "Broken", "password_policy": "No such policy", "sources": ["GitHub"]})
    assert failed["exit_code"] == 1
    assert [text for text in failed["warning_texts"] if "api_version: v1" in text]


def test_api_version_from_the_environment(simulator, run_module, monkeypatch):
    monkeypatch.setenv("SAIL_API_VERSION", "v1")
    since = simulator.journal()["last_seq"]
    assert run_module(password_policy_info, {})["exit_code"] == 0
    assert api_paths(simulator, since) == {"/password-policies/v1", "/sources/v1"}
    monkeypatch.setenv("SAIL_API_VERSION", "v2")
    refused = run_module(password_policy_info, {})
    assert refused["exit_code"] == 1 and "api_version" in refused["msg"]
