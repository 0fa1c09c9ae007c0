"""The password_config module: a thin wrapper of the engine (see test_engine.py for the engine itself)."""

from ansible_collections.sailpoint_community.isc.plugins.modules import password_config

POLICIES = [{"name": "Corporate", "min_length": 12, "use_dictionary": True}]


def writes(sim):
    return [entry for entry in sim.journal()["requests"] if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"]


def test_check_mode_predicts_writes_nothing_and_warns_by_object(run_module, simulator):
    result = run_module(password_config, {"policies": POLICIES}, check_mode=True)
    assert result["exit_code"] == 0 and result["changed"]
    assert writes(simulator) == []
    assert result["report"]["summary"][-1] == "would create: password policy 'Corporate': min_length 12; use_dictionary yes"
    assert [diff["after_header"] for diff in result["diff"]] == ["password policy Corporate (create)"]
    # The tenant has no dictionary: one read says so, and the warning names the policy.
    assert result["warning_texts"] == ["password policy 'Corporate': " + result["object_warnings"][0]["msg"]]


def test_real_run_then_again_changes_nothing(run_module, simulator):
    first = run_module(password_config, {"policies": POLICIES, "dictionary": {"locale": "en_US", "words": ["acme"]}})
    assert first["exit_code"] == 0 and first["changed"], first.get("msg")
    assert len(writes(simulator)) == 2  # the dictionary, then the policy
    assert first["object_warnings"] == []  # the dictionary comes with the inputs
    again = run_module(password_config, {"policies": POLICIES, "dictionary": {"locale": "en_US", "words": ["ACME"]}})
    assert again["exit_code"] == 0 and not again["changed"] and again["diff"] == []
    assert len(writes(simulator)) == 2


def test_a_rule_break_fails_the_module_with_the_report_and_writes_nothing(run_module, simulator):
    result = run_module(password_config, {"policies": [{"name": "Bad", "min_length": 20, "max_length": 10}]})
    assert result["exit_code"] == 1 and result["failed"]
    assert result["msg"].startswith("1 input(s) break a rule; nothing was written: password policy 'Bad': min_length (20) must not be greater")
    assert result["report"]["totals"]["invalid"] == 1
    assert writes(simulator) == []


def test_a_403_on_a_settings_read_is_a_permission_problem_not_an_input(run_module, simulator):
    # A token that lacks the dictionary's right: ISC answers the read with 403.
    simulator.add_fault(method="GET", path="/v3/password-dictionary", status=403)
    result = run_module(password_config, {"policies": POLICIES, "dictionary": {"locale": "en_US", "words": ["acme"]}}, check_mode=True)
    assert result["exit_code"] == 1
    assert "break a rule" not in result["msg"], result["msg"]
    assert result["msg"].startswith("GET /v3/password-dictionary failed with HTTP 403"), result["msg"]
    assert "A permission problem, not a wrong input" in result["msg"] and "idn:password-dictionary:read" in result["msg"]
    assert writes(simulator) == []
