"""The password_policy_info module, in-process against the simulator (what the info modules share:
test_info_modules.py)."""

from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy_info


def test_info_takes_a_false_default_policy_next_to_a_name(simulator, run_module):
    result = run_module(password_policy_info, dict(name="Default", default_policy=False))

    assert result.get("failed") is not True, result
    assert [policy["name"] for policy in result["password_policies"]] == ["Default"]


def test_info_refuses_a_true_default_policy_next_to_a_name(simulator, run_module):
    result = run_module(password_policy_info, dict(name="Default", default_policy=True))

    assert result["failed"] is True
    assert result["msg"] == "parameters are mutually exclusive: default_policy=true|name"
