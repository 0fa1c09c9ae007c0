"""The password_config module (the role's engine behind one task), in-process against the simulator, on both
API versions; the engine itself is tested in module_utils/test_engine.py.

- Check mode predicts the real run and writes nothing; a second run changes nothing.
- The org settings read before the first save: an empty answer (not only a 404) means "none yet", so the
  first write is a POST.
- The settings inputs org_config and dictionary (the role's password_config_org_config and
  password_config_dictionary): each bad input fails, naming the input and the rule, and nothing is written,
  not even the valid policy next to it; their check mode writes nothing and predicts the real run's
  ``changed``, steps and diffs.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import password_config

VERSIONS = pytest.mark.parametrize("version", ["v3", "v1"])
ORG_PATH = {"v3": "/v3/password-org-config", "v1": "/password-org-config/v1"}
DICTIONARY_PATH = {"v3": "/v3/password-dictionary", "v1": "/password-dictionary/v1"}


def writes(sim, since=0):
    requests = sim.journal(since)["requests"]
    return [(entry["method"], entry["path"]) for entry in requests if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"]


def mark(sim):
    return sim.journal()["last_seq"]


POLICIES = [{"name": "Corporate", "min_length": 12, "use_dictionary": True}]


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


# ----- an empty answer before the first save ---------------------------------------------------------------------------
EMPTY_ANSWERS = pytest.mark.parametrize("answer", ["", {}], ids=["empty-body", "empty-object"])


@VERSIONS
@EMPTY_ANSWERS
def test_password_config_org_config_empty_answer_is_none_yet(simulator, run_module, version, answer):
    simulator.add_fault(method="GET", path=ORG_PATH[version], status=200, body=answer, times=2)
    args = {"org_config": {"digit_token_enabled": True}, "api_version": version}
    predicted = run_module(password_config, args, check_mode=True)
    assert predicted["changed"] is True and predicted["steps"][0]["action"] == "create"
    done = run_module(password_config, args)
    assert done["exit_code"] == 0 and done["changed"] is True, done.get("msg")
    assert writes(simulator) == [("POST", ORG_PATH[version])]
    assert run_module(password_config, args)["changed"] is False


# ----- the role's new inputs: the bad inputs -------------------------------------------------------------------
ORG = "password_config_org_config"
DICT = "password_config_dictionary"
BAD_INPUTS = [
    pytest.param({"org_config": {"digit_token_duration_minutes": 0}}, ORG, "digit_token_duration_minutes must be between 1 and 60 (got 0)", id="duration-0"),
    pytest.param({"org_config": {"digit_token_duration_minutes": 61}}, ORG, "digit_token_duration_minutes must be between 1 and 60 (got 61)", id="duration-61"),
    pytest.param({"org_config": {"digit_token_length": 5}}, ORG, "digit_token_length must be between 6 and 18 (got 5)", id="length-5"),
    pytest.param({"org_config": {"digit_token_length": 19}}, ORG, "digit_token_length must be between 6 and 18 (got 19)", id="length-19"),
    pytest.param({"dictionary": {"locale": "en_US", "words": ["fine", "two words"]}}, DICT, "words[1]: 'two words' contains white space", id="word-with-space"),
    pytest.param({"dictionary": {"locale": "en_US", "words": ["x" * 129]}}, DICT, "words[0]: a word must be at most 128 characters (got 129)", id="word-129"),
    pytest.param(
        {"dictionary": {"locale": "en_US", "words": ["w%d" % number for number in range(2501)]}},
        DICT,
        "words: a dictionary holds at most 2500 words (got 2501",
        id="words-2501",
    ),
    pytest.param({"dictionary": {"words": ["acme"]}}, DICT, "locale: a dictionary needs one locale line", id="no-locale-words"),
    pytest.param({"dictionary": {"content": "acme\nqwerty\n"}}, DICT, "locale: a dictionary needs one locale line", id="no-locale-file"),
    pytest.param({"dictionary": {"content": "locale=en_US\nacme\nnot one\n"}}, DICT, "content line 3: 'not one' contains white space", id="file-space"),
]


@VERSIONS
@pytest.mark.parametrize("settings, variable, rule", BAD_INPUTS)
@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_a_bad_settings_input_fails_naming_it_and_nothing_is_written(simulator, run_module, version, settings, variable, rule, check_mode):
    args = dict(settings, policies=[{"name": "Valid", "min_length": 12}], api_version=version)
    result = run_module(password_config, args, check_mode=check_mode)
    assert result["exit_code"] == 1 and result["changed"] is False
    assert result["msg"].startswith("1 input(s) break a rule; nothing was written: ")
    assert "%s: %s" % (variable, rule) in result["msg"], result["msg"]
    assert writes(simulator) == []
    assert [policy["name"] for policy in simulator.state()["policies"] if policy["name"] == "Valid"] == []
    assert result["report"]["totals"]["invalid"] == 1


# ----- check mode of the role's new inputs -----------------------------------------------------------------------------
SETTINGS = {"org_config": {"digit_token_enabled": True, "digit_token_length": 8}, "dictionary": {"locale": "en_US", "words": ["acme", "Password"]}}


def settings_steps(result):
    return [(step["kind"], step["action"], step["diff"]) for step in result["steps"] if step["kind"] in ("password_org_config", "password_dictionary")]


@VERSIONS
def test_check_mode_of_the_settings_writes_nothing_and_predicts_the_run(simulator, run_module, version):
    paths = [ORG_PATH[version], DICTIONARY_PATH[version]]
    for args in (
        dict(SETTINGS, api_version=version),  # none yet: both created
        {"org_config": {"digit_token_length": 12}, "dictionary": {"locale": "en_US", "words": ["acme", "qwerty"]}, "api_version": version},  # updated
    ):
        before = simulator.state()
        since = mark(simulator)
        predicted = run_module(password_config, args, check_mode=True)
        assert predicted["exit_code"] == 0 and predicted["changed"] is True
        assert writes(simulator, since) == [] and simulator.state() == before
        done = run_module(password_config, args)
        assert done["exit_code"] == 0 and done["changed"] is True, done.get("msg")
        assert settings_steps(done) == settings_steps(predicted)
        assert done["diff"] == predicted["diff"]
        assert [path for _method, path in writes(simulator, since)] == paths
        # Once applied, both modes agree that nothing is left to do.
        since = mark(simulator)
        assert run_module(password_config, args, check_mode=True)["changed"] is False
        assert run_module(password_config, args)["changed"] is False
        assert writes(simulator, since) == []
    dictionary_step = settings_steps(done)[1]
    assert dictionary_step[1] == "update" and dictionary_step[2]["after"]["words"] == ["acme", "qwerty"]
    assert [method for method, _path in writes(simulator)] == ["POST", "PUT", "PUT", "PUT"]  # org: POST once, then PUT
