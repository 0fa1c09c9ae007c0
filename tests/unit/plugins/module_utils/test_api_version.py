"""Both API families: the paths, the experimental header, the wire format and the deprecation warning.

The client and resource tests run once per api_version against the in-process simulator, which
serves both families over one tenant state.
"""

import threading
import time

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version as api
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.connection import client_from_params
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError, ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import (
    PasswordDictionary,
    PasswordOrgConfig,
    PasswordPolicies,
    PasswordSyncGroups,
    Sources,
)

VERSIONS = pytest.mark.parametrize("version", api.VERSIONS)
ROOTS = {
    "v3": ("/v3/password-policies", "/v3/password-sync-groups", "/v3/sources", "/v3/password-org-config", "/v3/password-dictionary"),
    "v1": ("/password-policies/v1", "/password-sync-groups/v1", "/sources/v1", "/password-org-config/v1", "/password-dictionary/v1"),
}


def make_client(sim, version):
    return IscClient(sim.base_url, client_id=sim.client_id, client_secret=sim.client_secret, sleep=lambda _s: None, api_version=version)


def paths_seen(sim):
    return [entry["path"] for entry in sim.journal()["requests"] if entry["path"] != "/oauth/token"]


# ----- the table -----------------------------------------------------------------------------------------------
def test_every_service_has_a_path_per_version_and_the_paths_are_the_contracts():
    for service, paths in api.PATHS.items():
        assert set(paths) == set(api.VERSIONS), service
        assert paths["v3"] == "/v3/" + service and paths["v1"] == "/%s/v1" % service
    assert tuple(api.path(service, "v1") for service in api.PATHS) == ROOTS["v1"]


def test_only_v1_policies_are_experimental():
    assert api.headers("password-policies", "v1") == {"X-SailPoint-Experimental": "true"}
    for service in api.PATHS:
        assert api.headers(service, "v3") == {}
        if service != "password-policies":
            assert api.headers(service, "v1") == {}


def test_unknown_version_is_refused():
    with pytest.raises(ValueError, match="v3, v1"):
        api.check_version("v2")
    assert api.check_version(None) == "v3"
    params = {"base_url": "https://acme.api.identitynow.com", "access_token": "t", "api_version": "v2"}
    with pytest.raises(ValidationError) as error:
        client_from_params(params)
    assert error.value.details["option"] == "api_version"
    assert client_from_params(dict(params, api_version="v1")).api_version == "v1"


# ----- the wire format ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "given, expected",
    [
        (1706033330897, 1706033330897),
        ("1706033330897", 1706033330897),
        ("2024-01-23T18:08:50.897Z", 1706033330897),
        ("2024-01-23T18:08:50.897+00:00", 1706033330897),
        # the forms real tenants send: zero seconds and milliseconds left out
        ("2024-01-23T18:08Z", 1706033280000),
        ("2024-01-23T18:08:50Z", 1706033330000),
        ("2024-01-23T19:08:50.9+01:00", 1706033330900),
        (None, None),
        ("", None),
        ("not a date", "not a date"),
    ],
)
def test_policy_dates_become_epoch_ms_whatever_the_version_sent(given, expected):
    for version in api.VERSIONS:
        assert api.from_wire("password-policies", version, {"dateCreated": given})["dateCreated"] == expected


def test_v1_bodies_carry_integer_dates_and_other_services_pass_unchanged():
    body = {"name": "P", "dateCreated": "2024-01-23T18:08:50.897Z", "lastUpdated": None}
    assert api.to_wire("password-policies", "v1", body) == {"name": "P", "dateCreated": 1706033330897, "lastUpdated": None}
    assert api.to_wire("password-policies", "v3", body) is body
    group = {"name": "G", "created": "2024-01-23T18:08:50.897Z"}
    assert api.from_wire("password-sync-groups", "v1", group) is group


# ----- the deprecation warning ---------------------------------------------------------------------------------------
def test_deprecation_warning_names_the_date_and_the_option():
    warning = api.deprecation_warning({"X-Deprecated": "true", "Sunset": "Thu, 01 Mar 2029 00:00:00 GMT"}, "/v3/sources", "v3")
    assert "2029-03-01" in warning and "api_version: v1" in warning and "SAIL_API_VERSION=v1" in warning
    assert "2028-07-01" in api.deprecation_warning({"Deprecation": "@1846022400"}, "/v3/sources", "v3")
    assert "api_version: v1" in api.deprecation_warning({"Deprecation": "true"}, "/v3/sources", "v3")
    assert api.deprecation_warning({"X-Deprecated": "false"}, "/v3/sources", "v3") is None
    assert api.deprecation_warning({}, "/v3/sources", "v3") is None


@VERSIONS
def test_client_warns_once_per_run_only_when_isc_marks_the_response_deprecated(simulator, version):
    simulator.configure(v3_deprecated={"sunset": "Thu, 01 Mar 2029 00:00:00 GMT"})
    client = make_client(simulator, version)
    PasswordPolicies(client).list()
    PasswordSyncGroups(client).list()
    if version == "v3":
        assert len(client.warnings) == 1
        assert "2029-03-01" in client.warnings[0] and "api_version: v1" in client.warnings[0]
    else:
        assert client.warnings == []


def test_concurrent_deprecated_responses_of_one_run_still_warn_once(simulator, monkeypatch):
    """Requests of one run from several threads (the engine's): one warning, not one per thread that saw the mark.

    The warning text is made slowly here, so that every thread has its deprecated response in hand
    before any of them records the warning: a check-then-set without a lock warns once per thread.
    """
    simulator.configure(v3_deprecated=True)
    client = make_client(simulator, "v3")
    client.auth.header()  # one token first: the threads test the warning, not the token fetch
    slow_warning = api.deprecation_warning

    def deprecation_warning(*args):
        time.sleep(0.2)
        return slow_warning(*args)

    monkeypatch.setattr(api, "deprecation_warning", deprecation_warning)
    start = threading.Barrier(6)

    def read():
        start.wait(timeout=10)
        client.get("/v3/sources", {"limit": 1})

    threads = [threading.Thread(target=read) for _thread in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    deprecated = [entry for entry in simulator.journal()["requests"] if entry["path"] == "/v3/sources"]
    assert len(deprecated) == 6 and all(entry["status"] == 200 for entry in deprecated)
    assert len(client.warnings) == 1, client.warnings


# ----- client and resources, on both versions ---------------------------------------------------------------------
@VERSIONS
def test_policy_and_sync_group_lifecycle(simulator, version):
    client = make_client(simulator, version)
    policies, groups = PasswordPolicies(client), PasswordSyncGroups(client)
    default = policies.list()[0]
    assert isinstance(default["dateCreated"], int)
    created = policies.create({"name": "Both", "minLength": 10})
    assert isinstance(created["dateCreated"], int)
    updated = policies.update(created["id"], dict(created, minLength=12))
    assert updated["minLength"] == 12 and isinstance(updated["lastUpdated"], int)
    assert policies.get(created["id"])["minLength"] == 12
    # ISC's rules: at least two sources with password management, in no other group.
    two = sorted(source["id"] for source in Sources(client).find("name", ["GitHub", "Okta"]))
    group = groups.create({"name": "G", "passwordPolicyId": created["id"], "sourceIds": two})
    assert groups.get(group["id"])["name"] == "G"
    groups.delete(group["id"])
    policies.delete(created["id"])
    assert policies.get(created["id"]) is None
    seen = paths_seen(simulator)
    assert seen and all(path.startswith(ROOTS[version][:3]) for path in seen), seen  # policies, groups and the sources looked up


@VERSIONS
def test_sources_org_config_and_dictionary(simulator, version):
    client = make_client(simulator, version)
    names = {source["name"] for source in Sources(client).find("name", ["GitHub", "Okta"])}
    assert names == {"GitHub", "Okta"}
    settings = PasswordOrgConfig(client)
    assert settings.get() is None
    settings.create({"digitTokenLength": 6})
    assert settings.update({"digitTokenLength": 8})["digitTokenLength"] == 8
    dictionary = PasswordDictionary(client)
    dictionary.put("locale=en_US\nacme\n")
    assert "acme" in dictionary.get()
    assert set(paths_seen(simulator)) == set(ROOTS[version][2:]), paths_seen(simulator)


def test_v1_without_the_experimental_header_is_refused(simulator):
    client = make_client(simulator, "v1")
    with pytest.raises(ApiError) as error:
        client.get("/password-policies/v1")
    # ISC's words, from the body a real tenant sends ({"error": ...}, sailpoint-cli PR 176)
    assert error.value.status == 400 and error.value.msg == "GET /password-policies/v1 failed with HTTP 400: Experimental Header is missing or invalid."
    assert client.get("/password-policies/v1", headers=api.headers("password-policies", "v1")).status == 200


def test_an_object_made_on_one_version_is_the_same_on_the_other(simulator):
    made = PasswordPolicies(make_client(simulator, "v3")).create({"name": "Across"})
    read = PasswordPolicies(make_client(simulator, "v1")).get(made["id"])
    assert read == made
