"""The password_policy module, in-process against the simulator (bad input: test_bad_input.py; the default
policy: test_default_policy.py)."""

import json

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


def warnings_text(result):
    """The warnings of a result as text (ansible-core 2.19 returns them as structured events)."""
    return json.dumps(result.get("warnings", []))


def test_policy_warns_when_use_dictionary_and_no_dictionary(simulator, run_module):
    # Warnings pile up in a global list of AnsibleModule across in-process runs: the warning case runs last.
    assert "dictionary" not in warnings_text(run_module(password_policy, dict(name="Loose", use_dictionary=False)))
    simulator.seed({"password_dictionary": "locale=en_US\nacme\n"})
    assert "dictionary" not in warnings_text(run_module(password_policy, dict(name="Strict", use_dictionary=True)))
    simulator.reset()
    warned = run_module(password_policy, dict(name="Strict", use_dictionary=True, min_length=10))
    assert warned["changed"] and "'Strict' has use_dictionary: true, but the tenant has no password dictionary" in warnings_text(warned), warned
