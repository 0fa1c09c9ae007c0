"""GET /v3/sources: the filters language, sorters and the source shape."""

import re

import pytest

PASSWORD_SOURCES = {"Active Directory", "GitHub", "Salesforce", "ServiceNow", "Okta", "LDAP", 'R&D "EU" #1'}
ALL_SOURCES = PASSWORD_SOURCES | {"Workday", "HR Flat File"}


def names(api, filters=None, **params):
    if filters is not None:
        params["filters"] = filters
    response = api.get("/v3/sources", params=params)
    assert response.status_code == 200, response.text
    return [source["name"] for source in response.json()]


def test_source_shape(api):
    source = api.get("/v3/sources", params={"filters": 'name eq "Active Directory"'}).json()[0]
    assert re.fullmatch(r"[0-9a-f]{32}", source["id"])
    assert {"name", "owner", "connector"} <= set(source)
    assert source["owner"]["type"] == "IDENTITY" and source["status"] == "SOURCE_STATE_HEALTHY" and source["healthy"]
    assert "PASSWORD" in source["features"] and "PROVISIONING" in source["features"]
    # As real tenants print them (trimmed_dates): zero seconds and milliseconds left out.
    assert source["created"] == "2023-02-11T09:11Z" and source["modified"] == "2024-01-21T18:08:51.897Z"
    api.sim.configure(quirks={"trimmed_dates": False})  # idealised: RFC 3339 with milliseconds, as the contract declares
    source = api.get("/v3/sources", params={"filters": 'name eq "Active Directory"'}).json()[0]
    for key in ("created", "modified"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", source[key])


@pytest.mark.parametrize(
    "expression, expected",
    [
        ('name eq "GitHub"', ["GitHub"]),
        ('name eq "github"', ["GitHub"]),  # string comparisons ignore case
        ('name in ("Okta","LDAP","Nope")', ["Okta", "LDAP"]),
        ('name sw "s"', ["Salesforce", "ServiceNow"]),
        ('name co "FLAT"', ["HR Flat File"]),
        ('features co "PASSWORD" and not features co "SEARCH"', ["GitHub", "Salesforce", "Okta", 'R&D "EU" #1']),
        ('features ca ("PASSWORD","CURRENT_PASSWORD")', ["Active Directory"]),
        ('name eq "Okta" or name eq "LDAP" and name eq "Okta"', ["Okta"]),  # and binds tighter than or
        ('(name eq "Okta" or name eq "LDAP") and name eq "Okta"', ["Okta"]),
        ('not (name eq "Okta" or name eq "LDAP") and connectionType eq "file"', ["HR Flat File"]),
        ("managementWorkgroup.id isnull and authoritative eq true", ["Workday", "HR Flat File"]),
        ('created gt 2023-06-01T00:00:00Z and created lt "2023-08-01T00:00:00.000Z"', ["Okta", "LDAP"]),
    ],
)
def test_filters(api, expression, expected):
    assert names(api, expression) == expected


def test_ne_and_feature_filters(api):
    assert set(names(api, 'name ne "GitHub"')) == ALL_SOURCES - {"GitHub"}
    assert set(names(api, 'features co "PASSWORD"')) == PASSWORD_SOURCES
    assert set(names(api, 'not features co "PASSWORD"')) == {"Workday", "HR Flat File"}


def test_id_filters(api, source_id):
    okta, ldap = source_id(api.sim, "Okta"), source_id(api.sim, "LDAP")
    assert names(api, f'id eq "{okta}"') == ["Okta"]
    assert names(api, f'id in ("{ldap}","{okta}")') == ["Okta", "LDAP"]
    api.sim.seed({"sources": [{"id": "abcdef0123456789abcdef0123456789", "name": "Distinct"}]})
    assert names(api, 'id sw "ABCDEF"') == ["Distinct"]
    assert names(api, f'id ne "{okta}" and id ge "{okta}" and id le "{ldap}"') == ["LDAP"]


def test_names_with_quotes_ampersand_and_hash(api):
    """The name R&D "EU" #1 resolves through requests' normal URL encoding."""
    assert names(api, r'name eq "R&D \"EU\" #1"') == ['R&D "EU" #1']
    assert names(api, r'name in ("GitHub","R&D \"EU\" #1")') == ["GitHub", 'R&D "EU" #1']


def test_backslash_escape(api):
    api.sim.seed({"sources": [{"name": 'back\\slash "q"'}]})
    assert names(api, r'name eq "back\\slash \"q\""') == ['back\\slash "q"']
    assert names(api, r'name sw "back\\"') == ['back\\slash "q"']


@pytest.mark.parametrize(
    "expression, fragment",
    [
        ('name EQ "GitHub"', "lower case"),
        ('name eq "GitHub" AND name eq "x"', "AND"),
        ('nickname eq "x"', "nickname"),
        ('features eq "PASSWORD"', "features"),
        ('description co "x"', "co"),
        ("healthy eq true", "healthy"),
        ('name eq "unterminated', "Unterminated"),
        (r'name eq "bad \n escape"', "escape"),
        ("name eq GitHub", "GitHub"),
        ('(name eq "x"', ")"),
        ("name in ()", "value"),
        ('name eq "x" or', "field"),
        ("", "empty"),
        ('name eq "x" name eq "y"', "name"),
        ("pr name", "pr"),
        ("name ~ 'x'", "~"),
    ],
)
def test_filter_errors_are_400(api, error_dto, expression, fragment):
    response = api.get("/v3/sources", params={"filters": expression})
    assert fragment in error_dto(response, 400, "400.1 Bad Request Content")


def test_sorters(api, error_dto):
    assert names(api, sorters="name")[:3] == ["Active Directory", "GitHub", "HR Flat File"]
    assert names(api, sorters="-name")[0] == "Workday"
    by_type = names(api, sorters="connectionType,-name")
    assert by_type[:2] == ["Workday", "ServiceNow"] and by_type[-1] == "HR Flat File"
    error_dto(api.get("/v3/sources", params={"sorters": "features"}), 400, "400.1 Bad Request Content")
    error_dto(api.get("/v3/sources", params={"sorters": "name,"}), 400, "400.1 Bad Request Content")
