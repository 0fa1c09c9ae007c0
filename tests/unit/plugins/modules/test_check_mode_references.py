"""Check mode and objects that an earlier task of the same play would create.

Check mode writes nothing, so a sync group whose policy a task before it would create cannot find
that policy. The module predicts the group with the policy's name, warns, and writes nothing; a
real run still refuses while the policy is missing.
"""

from ansible_collections.sailpoint_community.isc.plugins.modules import password_sync_group

GROUP = dict(name="Corporate accounts", password_policy="Corporate", sources=["Active Directory", "GitHub"])


def test_check_mode_predicts_a_group_whose_policy_is_not_created_yet(simulator, run_module):
    since = simulator.journal()["last_seq"]

    result = run_module(password_sync_group, GROUP, check_mode=True)

    assert result.get("failed") is not True, result
    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["password_policy"] == "Corporate"
    assert result["diff"]["after"]["sources"] == ["Active Directory", "GitHub"]
    assert result["password_sync_group"]["password_policy"] == "Corporate"
    assert result["password_sync_group"]["password_policy_id"] is None
    assert any("no password policy named 'Corporate' yet" in warning and "real run fails" in warning for warning in result["warning_texts"]), result
    assert simulator.journal(since=since)["writes"] == 0
    assert simulator.state()["sync_groups"] == []


def test_the_real_run_still_refuses_a_missing_policy(simulator, run_module):
    result = run_module(password_sync_group, GROUP)

    assert result.get("failed") is True, result
    assert result["option"] == "password_policy"
    assert "no password policy named 'Corporate'" in result["msg"]
    assert simulator.state()["sync_groups"] == []


def test_check_mode_without_a_missing_reference_has_no_warning(simulator, run_module):
    simulator.seed({"policies": [{"id": "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", "name": "Corporate"}]})

    result = run_module(password_sync_group, GROUP, check_mode=True)

    assert result["changed"] is True
    assert result["warning_texts"] == [], result
    assert result["password_sync_group"]["password_policy_id"] == "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"
