"""The password_dictionary module, in-process against the simulator: check mode, the real run, idempotence and the
diff of words (its bad-input table, with password_org_config's, is in test_password_settings.py)."""

from ansible_collections.sailpoint_community.isc.plugins.modules import password_dictionary, password_dictionary_info

PD, PDI = password_dictionary, password_dictionary_info
WORDS_2500 = ["word%04d" % number for number in range(2500)]


def writes(simulator, since):
    return [
        (entry["method"], entry["path"]) for entry in simulator.journal(since=since)["requests"] if entry["method"] != "GET" and entry["path"] != "/oauth/token"
    ]


def test_bad_src_file_not_utf8(simulator, run_module, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("locale=de_DE\nPaßwort\n".encode("latin-1"))
    result = run_module(PD, dict(src=str(path)))
    assert result["failed"] and "src" in result["msg"] and "UTF-8" in result["msg"]
    assert simulator.journal()["writes"] == 0


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
