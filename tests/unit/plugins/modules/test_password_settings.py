"""Bad input of the settings modules (password_org_config, password_dictionary), in-process against the simulator.

Bad input fails naming the option and the rule, with no write at all (most before any request). The modules'
other tests are in test_password_org_config.py and test_password_dictionary.py.
"""

import json

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import (
    password_dictionary,
    password_org_config,
)

PD, POC = password_dictionary, password_org_config
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
