"""What the modules and the role's items take as text, numbers and lists, before any write.

- A dictionary's text: a leading byte order mark is dropped (content as src); control and invisible
  characters in words and in names are refused, naming the option, the item and the code point.
- Names are compared in Unicode NFC: "Café" typed either way is one object.
- Booleans are not numbers: an int option given true or false is refused, naming it.
- An unknown option is named with the closest known one.
- Every list option takes a list or one comma-separated string; each item is trimmed.
"""

import unicodedata

import pytest

from ansible_collections.sailpoint_community.isc.plugins.modules import (
    password_config,
    password_dictionary,
    password_org_config,
    password_policy,
    password_sync_group,
)

NFC = unicodedata.normalize("NFC", "Caf\u00e9")
NFD = unicodedata.normalize("NFD", "Caf\u00e9")


def writes(sim, since=0):
    return [
        (entry["method"], entry["path"])
        for entry in sim.journal(since)["requests"]
        if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"
    ]


def dictionary_text(sim):
    return sim.state()["password_dictionary"]


# ----- the dictionary's text ----------------------------------------------------------------------------------------


def test_content_starting_with_a_byte_order_mark_uploads_the_locale_and_words(simulator, run_module):
    result = run_module(password_dictionary, {"content": "\ufefflocale=en_US\nacme\n"})
    assert result["exit_code"] == 0, result.get("msg")
    assert result["password_dictionary"] == {"locale": "en_US", "words": ["acme"], "word_count": 1}
    assert "\ufeff" not in dictionary_text(simulator) and "locale=en_US" in dictionary_text(simulator)


def test_content_with_a_byte_order_mark_and_no_locale_option_in_password_config(simulator, run_module):
    result = run_module(password_config, {"dictionary": {"content": "\ufefflocale=en_US\nacme\n"}})
    assert result["exit_code"] == 0, result.get("msg")
    assert "\ufeff" not in dictionary_text(simulator)


INVISIBLE_WORDS = [
    pytest.param({"words": ["fine", "acme\u200b"], "locale": "en_US"}, "words[1]", "U+200B ZERO WIDTH SPACE", id="zero-width-space"),
    pytest.param({"words": ["pass\ufeffword"], "locale": "en_US"}, "words[0]", "U+FEFF ZERO WIDTH NO-BREAK SPACE", id="bom-inside-a-word"),
    pytest.param({"words": ["nul\x00"], "locale": "en_US"}, "words[0]", "U+0000", id="nul"),
    pytest.param({"content": "locale=en_US\nacme\nbell\x07\n"}, "content line 3", "U+0007", id="bel-in-a-file"),
    pytest.param({"content": "locale=en_US\nback\x08space\n"}, "content line 2", "U+0008", id="bs-in-a-file"),
    pytest.param({"content": "locale=en_US\nsoft\u00adhyphen\n"}, "content line 2", "U+00AD SOFT HYPHEN", id="soft-hyphen"),
]


@pytest.mark.parametrize("args, item, code_point", INVISIBLE_WORDS)
def test_an_invisible_or_control_character_in_a_word_is_refused(simulator, run_module, args, item, code_point):
    result = run_module(password_dictionary, args)
    assert result["exit_code"] == 1
    assert result["msg"].startswith(item + ": ") and code_point in result["msg"], result["msg"]
    assert "control or invisible character" in result["msg"]
    assert writes(simulator) == []


@pytest.mark.parametrize(
    "module, args",
    [
        (password_policy, {"name": "Corp\u200b", "min_length": 9}),
        (password_sync_group, {"name": "Corp\u200b", "password_policy": "Default", "sources": ["LDAP", "Salesforce"]}),
    ],
    ids=["policy", "sync-group"],
)
def test_an_invisible_character_in_a_name_is_refused(simulator, run_module, module, args):
    result = run_module(module, args)
    assert result["exit_code"] == 1 and result["option"] == "name"
    assert "name must not contain control characters or invisible ones" in result["msg"] and "U+200B ZERO WIDTH SPACE" in result["msg"], result["msg"]
    assert writes(simulator) == []


def test_a_name_with_an_invisible_character_fails_the_role_item_naming_it(simulator, run_module):
    result = run_module(password_config, {"policies": [{"name": "Corp", "min_length": 9}, {"name": "Corp\u200b", "min_length": 9}]})
    assert result["exit_code"] == 1 and "U+200B ZERO WIDTH SPACE" in result["msg"], result["msg"]
    assert writes(simulator) == []


# ----- names in Unicode NFC --------------------------------------------------------------------------------------------


def test_a_name_in_nfd_finds_the_policy_named_in_nfc(simulator, run_module):
    assert run_module(password_policy, {"name": NFC, "min_length": 9})["changed"] is True
    since = simulator.journal()["last_seq"]
    again = run_module(password_policy, {"name": NFD, "min_length": 9})
    assert again["exit_code"] == 0 and again["changed"] is False, again
    assert writes(simulator, since) == []
    assert [policy["name"] for policy in simulator.state()["policies"]].count(NFC) == 1


def test_a_new_name_is_written_in_nfc(simulator, run_module):
    run_module(password_policy, {"name": NFD, "min_length": 9})
    names = [policy["name"] for policy in simulator.state()["policies"]]
    assert NFC in names and NFD not in names


def test_one_name_in_nfc_and_nfd_in_one_list_is_listed_twice(simulator, run_module):
    result = run_module(password_config, {"policies": [{"name": NFC, "min_length": 9}, {"name": NFD, "min_length": 10}]}, check_mode=True)
    assert result["exit_code"] == 1 and "listed twice" in result["msg"], result["msg"]


def test_exclusive_mode_keeps_a_tenant_policy_listed_in_another_normal_form(simulator, run_module):
    run_module(password_policy, {"name": NFC, "min_length": 9})
    result = run_module(password_config, {"policies": [{"name": NFD, "min_length": 9}], "exclusive": True, "exclusive_allow_empty": True}, check_mode=True)
    assert result["exit_code"] == 0, result.get("msg")
    assert [step["action"] for step in result["steps"] if step["name"] == NFC] == ["none"]


# ----- booleans are not numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_for_an_int_option_of_a_module_is_refused(simulator, run_module, value):
    result = run_module(password_org_config, {"digit_token_duration_minutes": value})
    assert result["exit_code"] == 1 and result["option"] == "digit_token_duration_minutes"
    assert result["msg"] == "digit_token_duration_minutes must be a whole number, not a boolean: true and false are not taken as 1 and 0"
    assert writes(simulator) == []


def test_a_boolean_for_a_policy_int_option_is_refused(simulator, run_module):
    result = run_module(password_policy, {"name": "Bools", "min_length": True})
    assert result["exit_code"] == 1 and "min_length must be a whole number, not a boolean" in result["msg"], result["msg"]


def test_a_boolean_in_a_suboption_and_in_a_role_item_is_refused(simulator, run_module):
    settings = run_module(password_config, {"org_config": {"digit_token_length": True}})
    assert settings["exit_code"] == 1 and "org_config.digit_token_length must be a whole number, not a boolean" in settings["msg"], settings["msg"]
    item = run_module(password_config, {"policies": [{"name": "Bools", "min_numeric": True}]})
    assert item["exit_code"] == 1 and "min_numeric must be a whole number, not a boolean" in item["msg"], item["msg"]
    assert writes(simulator) == []


# ----- an unknown option -----------------------------------------------------------------------------------------------


def test_a_misspelt_option_is_named_with_the_closest_known_one(simulator, run_module):
    alone = run_module(password_org_config, {"digit_token_lenght": 8})
    assert alone["exit_code"] == 1
    assert alone["msg"].startswith("unknown option digit_token_lenght (did you mean digit_token_length?)"), alone["msg"]
    suboption = run_module(password_config, {"org_config": {"digit_token_lenght": 8}})
    assert suboption["msg"].startswith("org_config: unknown option digit_token_lenght (did you mean digit_token_length?)"), suboption["msg"]
    assert writes(simulator) == []


# ----- one rule for list options ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("words", ["acme, password", ["acme", " password "]], ids=["one-string", "spaced-items"])
def test_words_take_a_comma_separated_string_and_trimmed_items_as_sources_do(simulator, run_module, words):
    result = run_module(password_dictionary, {"words": words, "locale": "en_US"})
    assert result["exit_code"] == 0, result.get("msg")
    assert result["password_dictionary"]["words"] == ["acme", "password"]


def test_words_of_password_config_follow_the_same_rule(simulator, run_module):
    result = run_module(password_config, {"dictionary": {"words": "acme, password", "locale": "en_US"}})
    assert result["exit_code"] == 0, result.get("msg")
    assert dictionary_text(simulator).splitlines()[-2:] == ["acme", "password"]


def test_source_ids_items_are_trimmed_as_source_names_are(simulator, run_module):
    ids = [source["id"] for source in simulator.state()["sources"] if source["name"] in ("LDAP", "Salesforce")]
    result = run_module(password_policy, {"name": "Spaced ids", "source_ids": " %s, %s " % tuple(ids)})
    assert result["exit_code"] == 0, result.get("msg")
    assert sorted(result["password_policy"]["source_ids"]) == sorted(ids)
