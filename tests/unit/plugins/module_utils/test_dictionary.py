"""The password dictionary's rules, parsing, normalisation and diff; the client's text and multipart requests."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import dictionary, org_config
from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import NotFoundError, ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import PasswordDictionary, PasswordOrgConfig


def params(**values):
    base = dict(state="present", words=None, src=None, content=None, locale=None)
    base.update(values)
    return base


def test_normalisation_ignores_case_order_and_repeats():
    assert st.word_set(["b", "A", "a", "B", "c"]) == ["a", "b", "c"]
    assert st.unique_words(["Acme", "acme", "Qwerty", "ACME"]) == ["Acme", "Qwerty"]
    assert st.word_changes(["a", "b", "Old"], ["B", "A", "new"]) == (["new"], ["old"])
    assert dictionary.same({"locale": "en_US", "words": ["B", "a"]}, "en_us", ["A", "b", "a"])
    assert not dictionary.same({"locale": None, "words": ["a"]}, "en_US", ["a"])
    assert not dictionary.same(None, "en_US", ["a"])


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en_US", "en_US"), ("EN_us", "en_US"), (" de_DE ", "de_DE"), ("fr_fr", "fr_FR")],
)
def test_locale_forms(given, expected):
    assert dictionary.normalise_locale(given) == expected


@pytest.mark.parametrize("bad", ["en", "english", "en-US", "e_US", "en_USA", "12_34", ""])
def test_bad_locales(bad):
    with pytest.raises(ValidationError, match="two letters each") as raised:
        dictionary.normalise_locale(bad)
    assert raised.value.details["option"] == "locale"


def test_parse_accepts_both_locale_forms_comments_blank_lines_and_crlf():
    text = "# comment\r\n\r\nlocale:en_US\r\nacme\r\n  \r\nqwerty\r\n"
    assert dictionary.parse_file(text, "content") == ("en_US", ["acme", "qwerty"])
    assert dictionary.parse_file("locale=de_DE\nPasswort\n", "content") == ("de_DE", ["Passwort"])


def test_lenient_parse_of_the_tenants_file_reads_like_isc():
    # the first locale line is the locale, a later one is a word; a bad locale value is kept as it is
    assert dictionary.parse_file("locale=xx\nacme\nlocale=fr_FR\n", strict=False) == ("xx", ["acme", "locale=fr_FR"])


@pytest.mark.parametrize(
    ("values", "option", "needle"),
    [
        (dict(words=["a b"], locale="en_US"), "words", "words[0]"),
        (dict(words=["x" * 129], locale="en_US"), "words", "at most 128 characters (got 129)"),
        (dict(words=["w%d" % n for n in range(2501)], locale="en_US"), "words", "at most 2500 words (got 2501"),
        (dict(words=["acme"]), "locale", "one locale line"),
        (dict(content="acme\n"), "locale", "one locale line"),
        (dict(content="locale=en_US\n\n# nothing else\n"), "content", "at least 1 word"),
        (dict(content="locale=en_US\nlocale=de_DE\nacme\n"), "content", "line 2"),
        (dict(content="locale=en_US\nword\u00a0nbsp\n"), "content", "white space"),
    ],
)
def test_rules(values, option, needle):
    with pytest.raises(ValidationError) as raised:
        dictionary.desired_dictionary(params(**values))
    assert needle in raised.value.msg and option in raised.value.msg
    assert raised.value.details["option"] == option


def test_limits_that_pass_and_the_uploaded_file():
    words = ["w%d" % n for n in range(2500)] + ["W0", "w1"]  # repeats in another case are one word
    locale, kept = dictionary.desired_dictionary(params(words=words, locale="en_us"))
    assert locale == "en_US" and len(kept) == 2500
    assert dictionary.desired_dictionary(params(words=["y" * 128], locale="en_US"))[1] == ["y" * 128]
    assert dictionary.render("en_US", ["Acme", "qwerty"]) == ("# Managed by Ansible: sailpoint_community.isc.password_dictionary\nlocale=en_US\nAcme\nqwerty\n")
    assert dictionary.desired_dictionary(params(content="locale=en_US\nacme\n", locale="EN_US")) == ("en_US", ["acme"])


def test_decode_needs_utf8_and_drops_a_bom():
    assert dictionary.decode("\ufefflocale=en_US\n".encode("utf-8")) == "locale=en_US\n"
    with pytest.raises(ValidationError, match="UTF-8"):
        dictionary.decode(b"\xff\xfe\x00")


def test_org_config_ranges():
    org_config.check_ranges({"digit_token_length": 6, "digit_token_duration_minutes": 60})
    org_config.check_ranges({"digit_token_length": 18, "digit_token_duration_minutes": 1})
    for option, value in (("digit_token_length", 5), ("digit_token_length", 19), ("digit_token_duration_minutes", 0), ("digit_token_duration_minutes", 61)):
        with pytest.raises(ValidationError, match="%s must be between" % option):
            org_config.check_ranges({option: value})


# ----- the client: text answers and multipart uploads, over real HTTP -------------------------------------------------
def client_of(sim):
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, sleep=lambda _seconds: None)


def test_text_answer_stays_text_and_errors_stay_json(simulator):
    client = client_of(simulator)
    with pytest.raises(NotFoundError, match="No password dictionary"):
        client.get_text("/v3/password-dictionary")
    assert PasswordDictionary(client).get() is None
    simulator.seed({"password_dictionary": "locale=en_US\n123\ntrue\n"})
    response = client.get_text("/v3/password-dictionary")
    assert response.data == "locale=en_US\n123\ntrue\n"  # not parsed as JSON
    assert [entry["path"] for entry in simulator.journal()["requests"]][-1] == "/v3/password-dictionary"


def test_multipart_upload_and_retry_after_503(simulator):
    client = client_of(simulator)
    simulator.add_fault(method="PUT", path="/v3/password-dictionary", status=503)
    PasswordDictionary(client).put("locale=de_DE\nPaßwort\n")
    assert simulator.state()["password_dictionary"] == "locale=de_DE\nPaßwort\n"
    puts = [entry["status"] for entry in simulator.journal()["requests"] if entry["method"] == "PUT"]
    assert puts == [503, 201]


def test_org_config_404_is_none_and_an_uncertain_post_is_not_repeated(simulator):
    client = client_of(simulator)
    resource = PasswordOrgConfig(client)
    assert resource.get() is None
    simulator.add_fault(method="POST", path="/v3/password-org-config", drop="after")
    saved = resource.create({"digitTokenLength": 7})
    assert saved["digitTokenLength"] == 7
    methods = [entry["method"] for entry in simulator.journal()["requests"] if entry["path"] == "/v3/password-org-config"]
    assert methods == ["GET", "POST", "GET", "PUT"]
