"""password_org_config, password_dictionary and their _info modules, in-process against the simulator.

Bad input fails naming the option and the rule, with no write at all (most before any request);
check mode writes nothing and predicts the real run; a second run changes nothing.
"""

import json

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import (
    password_dictionary,
    password_dictionary_info,
    password_org_config,
    password_org_config_info,
    password_policy,
)

PD, PDI, POC, POCI = password_dictionary, password_dictionary_info, password_org_config, password_org_config_info
WORDS_2500 = ["word%04d" % number for number in range(2500)]


def case(case_id, module, args, option, *rules, seed=None):
    return pytest.param(module, args, option, rules, seed, id=case_id)


DICTIONARY_SEED = {"password_dictionary": "locale=en_US\nkeep\n", "password_org_config": {"digitTokenLength": 8}}

CASES = [
    # --- password_org_config: ranges and types -------------------------------------------------------------------
    case("org-duration-0", POC, dict(digit_token_duration_minutes=0), "digit_token_duration_minutes", "between 1 and 60", "got 0"),
    case("org-duration-61", POC, dict(digit_token_duration_minutes=61), "digit_token_duration_minutes", "between 1 and 60", "got 61"),
    case("org-length-5", POC, dict(digit_token_length=5), "digit_token_length", "between 6 and 18", "got 5"),
    case("org-length-19", POC, dict(digit_token_length=19), "digit_token_length", "between 6 and 18", "got 19", seed=DICTIONARY_SEED),
    case("org-length-not-a-number", POC, dict(digit_token_length="six"), "digit_token_length", "convert to int"),
    case("org-enabled-not-a-bool", POC, dict(digit_token_enabled="maybe"), "digit_token_enabled", "convert to bool"),
    case("org-nothing-set", POC, dict(), "custom_instructions_enabled", "one of the following is required"),
    # --- password_dictionary: the spec's rules ---------------------------------------------------------------------
    case("dict-word-with-space", PD, dict(words=["fine", "two words"], locale="en_US"), "words", "words[1]", "white space"),
    case("dict-word-with-tab", PD, dict(words=["tab\tword"], locale="en_US"), "words", "words[0]", "white space"),
    case("dict-word-129-chars", PD, dict(words=["x" * 129], locale="en_US"), "words", "words[0]", "at most 128 characters (got 129)"),
    case("dict-2501-words", PD, dict(words=WORDS_2500 + ["one-too-many"], locale="en_US"), "words", "at most 2500 words (got 2501"),
    case("dict-no-words", PD, dict(words=[], locale="en_US"), "words", "at least 1 word"),
    case("dict-empty-word", PD, dict(words=["ok", ""], locale="en_US"), "words", "words[1]", "must not be empty"),
    case("dict-word-is-a-comment", PD, dict(words=["#hash"], locale="en_US"), "words", "starts with #"),
    case("dict-word-is-a-locale", PD, dict(words=["locale=fr_FR"], locale="en_US"), "words", "locale line"),
    case("dict-no-locale-words", PD, dict(words=["acme"]), "locale", "one locale line", "locale: en_US"),
    case("dict-no-locale-content", PD, dict(content="acme\nqwerty\n"), "locale", "one locale line", "locale=en_US in the file"),
    case("dict-bad-locale", PD, dict(words=["acme"], locale="english"), "locale", "two letters each"),
    case("dict-two-locale-lines", PD, dict(content="locale=en_US\nacme\nlocale:de_DE\n"), "content", "line 3", "second locale line"),
    case("dict-locale-mismatch", PD, dict(content="locale=en_US\nacme\n", locale="de_DE"), "locale", "de_DE", "en_US"),
    case("dict-content-line-with-space", PD, dict(content="locale=en_US\n# ok\n\nacme\n spaced\n"), "content", "line 5", "white space"),
    case("dict-content-line-129", PD, dict(content="locale=en_US\n" + "y" * 129 + "\n"), "content", "line 2", "at most 128 characters"),
    case("dict-state-absent", PD, dict(state="absent"), "state", "cannot delete a password dictionary", "use_dictionary: false", seed=DICTIONARY_SEED),
    case("dict-words-and-content", PD, dict(words=["a"], content="locale=en_US\nb\n", locale="en_US"), "words|src|content", "mutually exclusive"),
    case("dict-nothing", PD, dict(locale="en_US"), "words", "one of words, src or content"),
    case("dict-src-missing", PD, dict(src="/nonexistent/dictionary.txt"), "src", "cannot read"),
    case("dict-base_url-v3", PD, dict(words=["a"], locale="en_US", base_url="https://acme.api.identitynow.com/v3"), "base_url", "without /v3"),
]


@pytest.mark.parametrize("module, args, option, rules, seed", CASES)
def test_bad_input_fails_naming_option_and_rule_without_writing(simulator, run_module, module, args, option, rules, seed):
    if seed:
        simulator.seed(seed)
    tenant_before = simulator.state()
    since = simulator.journal()["last_seq"]

    result = run_module(module, args)

    assert result.get("failed") is True and result["exit_code"] == 1, result
    for needle in (option,) + rules:
        assert needle in result["msg"], result["msg"]
    if "option" in result:
        assert result["option"] == option, result
    requests = simulator.journal(since=since)["requests"]
    assert [entry for entry in requests if entry["method"] != "GET" and entry["path"] != "/oauth/token"] == []
    if module is not PD or option != "state":
        assert [entry for entry in requests if entry["path"].startswith("/v3/")] == [], "rules are checked before any request"
    assert simulator.state() == tenant_before
    assert simulator.client_secret not in json.dumps(result)


def test_bad_src_file_not_utf8(simulator, run_module, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("locale=de_DE\nPaßwort\n".encode("latin-1"))
    result = run_module(PD, dict(src=str(path)))
    assert result["failed"] and "src" in result["msg"] and "UTF-8" in result["msg"]
    assert simulator.journal()["writes"] == 0


def writes(simulator, since):
    return [
        (entry["method"], entry["path"]) for entry in simulator.journal(since=since)["requests"] if entry["method"] != "GET" and entry["path"] != "/oauth/token"
    ]


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


def test_dictionary_check_mode_real_run_and_idempotence(simulator, run_module):
    args = dict(words=["Acme", "qwerty", "acme", "Password"], locale="en_us")
    assert run_module(PDI, {})["password_dictionary"] is None
    mark = simulator.journal()["last_seq"]
    predicted = run_module(PD, args, check_mode=True)
    assert predicted["changed"] is True and writes(simulator, mark) == []
    assert predicted["words_added"] == ["acme", "password", "qwerty"]
    done = run_module(PD, args)
    assert done["changed"] is True and done["password_dictionary"] == predicted["password_dictionary"]
    assert done["password_dictionary"] == {"locale": "en_US", "words": ["Acme", "qwerty", "Password"], "word_count": 3}
    assert writes(simulator, mark) == [("PUT", "/v3/password-dictionary")]
    assert simulator.state()["password_dictionary"].splitlines()[1:] == ["locale=en_US", "Acme", "qwerty", "Password"]
    mark = simulator.journal()["last_seq"]
    # case, order, repeats, comments and blank lines do not count; neither does the locale line's form
    for same in (
        dict(words=["PASSWORD", "qwerty", "ACME"], locale="EN_us"),
        dict(content="# ours\nlocale:en_US\n\nqwerty\npassword\nacme\nAcme\n"),
    ):
        again = run_module(PD, same)
        assert again["changed"] is False and again["words_added"] == [] and again["words_removed"] == [], again
        assert run_module(PD, same, check_mode=True)["changed"] is False
    assert writes(simulator, mark) == []


def test_dictionary_diff_shows_added_and_removed_words(simulator, run_module):
    simulator.seed({"password_dictionary": "locale=en_US\n# old\nacme\nletmein\npassword\n"})
    result = run_module(PD, dict(words=["acme", "password", "qwerty"], locale="en_US"), check_mode=True)
    assert result["words_added"] == ["qwerty"] and result["words_removed"] == ["letmein"]
    assert result["diff"] == {
        "before": {"locale": "en_US", "words": ["acme", "letmein", "password"]},
        "after": {"locale": "en_US", "words": ["acme", "password", "qwerty"]},
    }
    locale_only = run_module(PD, dict(words=["acme", "letmein", "password"], locale="de_DE"), check_mode=True)
    assert locale_only["changed"] is True and locale_only["words_added"] == [] and locale_only["words_removed"] == []


def test_dictionary_limits_that_pass(simulator, run_module):
    assert run_module(PD, dict(words=WORDS_2500 + ["WORD0000"], locale="en_US"))["password_dictionary"]["word_count"] == 2500
    assert run_module(PD, dict(words=["z" * 128], locale="en_US"))["changed"] is True


def test_dictionary_src_read_by_the_module(simulator, run_module, tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes("\ufefflocale=fr_FR\r\nmotdepasse\r\n\r\n# commentaire\r\nsoleil\r\n".encode("utf-8"))
    result = run_module(PD, dict(src=str(path)))
    assert result["changed"] and result["password_dictionary"] == {"locale": "fr_FR", "words": ["motdepasse", "soleil"], "word_count": 2}
    assert run_module(PD, dict(src=str(path)))["changed"] is False


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
