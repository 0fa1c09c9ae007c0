"""The password_policy module, in-process against the simulator (bad input: test_bad_input.py; the default
policy: test_default_policy.py)."""

from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy


def test_a_policy_write_is_not_failed_by_the_dictionary_check_after_it(simulator, run_module):
    # A token without the dictionary's read scope: the GET after the write answers 403.
    simulator.add_faults([{"method": "GET", "path": "/v3/password-dictionary", "status": 403, "times": 5}])

    result = run_module(password_policy, dict(name="Uses the dictionary", use_dictionary=True))

    assert result.get("failed") is not True, result
    assert result["changed"] is True
    assert [policy["name"] for policy in simulator.state()["policies"] if policy["name"] == "Uses the dictionary"] == ["Uses the dictionary"]
    assert any("Could not check whether the tenant has a password dictionary" in text for text in result["warning_texts"]), result
    assert simulator.client_secret not in str(result)
