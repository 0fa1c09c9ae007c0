"""The org's password settings (a singleton) and the password dictionary (a text file, uploaded as multipart)."""

import pytest

ORG = "/v3/password-org-config"
DICTIONARY = "/v3/password-dictionary"
DEFAULTS = {"customInstructionsEnabled": False, "digitTokenDurationMinutes": 5, "digitTokenEnabled": False, "digitTokenLength": 6}


def upload(api, text, name="file", content_type="text/plain"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return api.put(DICTIONARY, files={name: ("dictionary.txt", data, content_type)})


def test_org_config_is_404_until_created_then_post_fills_defaults(api, error_dto):
    assert "not been created" in error_dto(api.get(ORG), 404, "404 Not found")
    assert error_dto(api.put(ORG, json={"digitTokenLength": 8}), 404, "404 Not found")
    created = api.post(ORG, json={"digitTokenEnabled": True, "digitTokenLength": 9})
    assert created.status_code == 200
    assert created.json() == {**DEFAULTS, "digitTokenEnabled": True, "digitTokenLength": 9}
    assert api.get(ORG).json() == created.json()
    assert api.sim.state()["password_org_config"] == created.json()
    assert "exists already" in error_dto(api.post(ORG, json={}), 400, "400.1 Bad Request Content")


def test_org_config_put_changes_only_the_fields_sent(api):
    api.post(ORG, json={"customInstructionsEnabled": True, "digitTokenDurationMinutes": 12})
    updated = api.put(ORG, json={"digitTokenLength": 18})
    assert updated.status_code == 200
    assert updated.json() == {**DEFAULTS, "customInstructionsEnabled": True, "digitTokenDurationMinutes": 12, "digitTokenLength": 18}


@pytest.mark.parametrize(
    "body",
    [
        {"digitTokenDurationMinutes": 0},
        {"digitTokenDurationMinutes": 61},
        {"digitTokenLength": 5},
        {"digitTokenLength": 19},
        {"digitTokenLength": "8"},
        {"digitTokenEnabled": "yes"},
        {"digit_token_length": 8},
    ],
)
def test_org_config_bad_values_are_400_and_change_nothing(api, error_dto, body):
    api.post(ORG, json={})
    error_dto(api.put(ORG, json=body), 400, "400.1 Bad Request Content")
    error_dto(api.post(ORG, json=body), 400, "400.1 Bad Request Content")
    assert api.get(ORG).json() == DEFAULTS


def test_org_config_needs_json_and_user_context(api, make_api, error_dto):
    assert api.post(ORG, data="digitTokenLength=8", headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 415
    api.sim.add_client("reader", "reader-secret", kind="application", scopes=["idn:password-org-config:read"])
    reader = make_api(api.sim, "reader", "reader-secret")
    error_dto(reader.post(ORG, json={}), 403, "403 Forbidden")
    error_dto(reader.put(DICTIONARY, files={"file": ("d.txt", b"locale=en_US\nword\n")}), 403, "403 Forbidden")
    assert reader.get(ORG).status_code == 404  # reads are allowed


def test_dictionary_404_then_201_then_200_and_text_back(api, error_dto):
    assert "No password dictionary" in error_dto(api.get(DICTIONARY), 404, "404 Not found")
    text = "# Company words\nlocale=en_US\n\nAcme\nqwerty\n"
    first = upload(api, text)
    assert first.status_code == 201 and first.content == b""
    got = api.get(DICTIONARY)
    assert got.status_code == 200 and got.headers["Content-Type"] == "text/plain;charset=utf-8"
    assert got.text == text
    second = upload(api, "locale:de_DE\nPasswort\n")
    assert second.status_code == 200
    assert api.get(DICTIONARY).text == "locale:de_DE\nPasswort\n"
    assert api.sim.state()["password_dictionary"] == "locale:de_DE\nPasswort\n"
    journal = api.sim.journal()
    assert journal["writes"] == 2


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("locale=en_US\nno spaces\n", "white space"),
        ("locale=en_US\n" + "x" * 129 + "\n", "longer than 128"),
        ("locale=en_US\n" + "\n".join(f"w{n}" for n in range(2501)) + "\n", "more than 2500"),
        ("locale=en_US\n# only a comment\n\n", "at least one word"),
        (b"locale=en_US\n\xff\xfe\n", "UTF-8"),
    ],
)
def test_dictionary_rules_are_400_and_keep_the_old_one(api, error_dto, text, needle):
    upload(api, "locale=en_US\nkeep\n")
    assert needle in error_dto(upload(api, text), 400, "400.1 Bad Request Content")
    assert api.get(DICTIONARY).text == "locale=en_US\nkeep\n"


def test_dictionary_limits_that_pass(api):
    words = "\n".join(f"w{n}" for n in range(2500))
    assert upload(api, f"locale=en_US\n# comment\n\n{words}\n" + "y" * 128 + "\n").status_code == 400  # 2,501 words
    assert upload(api, f"locale=en_US\n{words}\n").status_code == 201
    assert upload(api, "locale=en_US\nlocale=fr_FR\n").status_code == 200  # a second locale line is a word


def test_dictionary_upload_shape(api, error_dto):
    assert api.put(DICTIONARY, data="locale=en_US\nword\n", headers={"Content-Type": "text/plain"}).status_code == 415
    assert "part named 'file'" in error_dto(upload(api, "locale=en_US\nword\n", name="dictionary"), 400, "400.1 Bad Request Content")
    assert upload(api, "locale=en_US\nword\n", content_type="application/octet-stream").status_code == 201
    assert api.post(DICTIONARY, json={}).status_code == 405
    assert api.delete(DICTIONARY).status_code == 405


def test_seed_and_reset_preset_both(simulator, api, error_dto):
    created = simulator.seed({"password_org_config": {"digitTokenEnabled": True}, "password_dictionary": "locale=en_US\nacme\n"})
    assert created["password_org_config"] == {**DEFAULTS, "digitTokenEnabled": True}
    assert created["password_dictionary"] == "locale=en_US\nacme\n"
    assert api.get(ORG).json()["digitTokenEnabled"] is True
    assert api.get(DICTIONARY).text == "locale=en_US\nacme\n"
    sources_before = simulator.state()["sources"]
    with pytest.raises(Exception, match="digitTokenLength"):
        simulator.seed({"password_org_config": {"digitTokenLength": 99}, "sources": [{"name": "Not added"}]})
    assert simulator.state()["sources"] == sources_before  # all or nothing
    simulator.reset()
    assert simulator.state()["password_org_config"] is None and simulator.state()["password_dictionary"] is None
    simulator.reset({"password_dictionary": "locale=en_US\nseeded\n"})
    assert api.get(DICTIONARY).text == "locale=en_US\nseeded\n"
    error_dto(api.get(ORG), 404, "404 Not found")


def test_admin_http_seed(simulator, make_api):
    admin = make_api(simulator, login=False)
    answer = admin.post("/_sim/seed", json={"password_dictionary": "bad word\n"})
    assert answer.status_code == 400
    answer = admin.post("/_sim/seed", json={"password_org_config": {"digitTokenLength": 8}})
    assert answer.status_code == 200 and answer.json()["password_org_config"]["digitTokenLength"] == 8
    assert admin.get("/_sim/state").json()["password_org_config"]["digitTokenLength"] == 8
