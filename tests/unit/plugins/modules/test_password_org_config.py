"""The password_org_config module, in-process against the simulator, on both API versions (the bad-input
table of the settings modules is in test_password_settings.py)."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import password_org_config, password_org_config_info

POC, POCI = password_org_config, password_org_config_info

VERSIONS = pytest.mark.parametrize("version", ["v3", "v1"])
ORG_PATH = {"v3": "/v3/password-org-config", "v1": "/password-org-config/v1"}
EMPTY_ANSWERS = pytest.mark.parametrize("answer", ["", {}], ids=["empty-body", "empty-object"])


def writes(sim, since=0):
    requests = sim.journal(since)["requests"]
    return [(entry["method"], entry["path"]) for entry in requests if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"]


def mark(sim):
    return sim.journal()["last_seq"]


@VERSIONS
@EMPTY_ANSWERS
def test_org_config_empty_answer_is_none_yet_and_the_first_write_is_a_post(simulator, run_module, version, answer):
    # The three reads (the info module, check mode, then the real run) answer 200 with nothing in it.
    simulator.add_fault(method="GET", path=ORG_PATH[version], status=200, body=answer, times=3)
    args = dict(digit_token_length=9, api_version=version)
    assert run_module(password_org_config_info, dict(api_version=version))["password_org_config"] is None
    since = mark(simulator)
    predicted = run_module(password_org_config, args, check_mode=True)
    assert predicted["changed"] is True and predicted["diff"]["before"] == {} and writes(simulator, since) == []
    done = run_module(password_org_config, args)
    assert done["changed"] is True and done["password_org_config"] == predicted["password_org_config"]
    assert writes(simulator, since) == [("POST", ORG_PATH[version])]
    assert simulator.state()["password_org_config"]["digitTokenLength"] == 9
    # The fault is used up: the settings are read as saved, and a second run changes nothing.
    again = run_module(password_org_config, args)
    assert again["changed"] is False and writes(simulator, since) == [("POST", ORG_PATH[version])]


def test_org_config_create_check_mode_then_idempotent(simulator, run_module):
    args = dict(digit_token_enabled=True, digit_token_length=9)
    assert run_module(POCI, {})["password_org_config"] is None
    mark = simulator.journal()["last_seq"]
    predicted = run_module(POC, args, check_mode=True)
    assert predicted["changed"] is True and writes(simulator, mark) == []
    assert predicted["diff"] == {"before": {}, "after": {"digit_token_enabled": True, "digit_token_length": 9}}
    done = run_module(POC, args)
    assert done["changed"] is True and done["password_org_config"] == predicted["password_org_config"]
    assert writes(simulator, mark) == [("POST", "/v3/password-org-config")]
    assert simulator.state()["password_org_config"] == {
        "customInstructionsEnabled": False,
        "digitTokenDurationMinutes": 5,
        "digitTokenEnabled": True,
        "digitTokenLength": 9,
    }
    mark = simulator.journal()["last_seq"]
    again = run_module(POC, args)
    assert again["changed"] is False and writes(simulator, mark) == []
    assert run_module(POC, args, check_mode=True)["changed"] is False
    info = run_module(POCI, {})["password_org_config"]
    assert info == done["password_org_config"]
    assert run_module(POC, info)["changed"] is False  # an _info result goes straight back in


def test_org_config_update_sends_only_changed_fields(simulator, run_module):
    simulator.seed({"password_org_config": {"customInstructionsEnabled": True, "digitTokenLength": 8}})
    mark = simulator.journal()["last_seq"]
    predicted = run_module(POC, dict(digit_token_length=12, custom_instructions_enabled=True), check_mode=True)
    assert predicted["changed"] and predicted["diff"]["before"] == {"custom_instructions_enabled": True, "digit_token_length": 8}
    assert writes(simulator, mark) == []
    done = run_module(POC, dict(digit_token_length=12, custom_instructions_enabled=True))
    assert done["password_org_config"] == predicted["password_org_config"]
    puts = [entry for entry in simulator.journal(since=mark)["requests"] if entry["method"] == "PUT"]
    assert [entry["body"] for entry in puts] == [{"digitTokenLength": 12}]
    assert simulator.state()["password_org_config"]["customInstructionsEnabled"] is True
