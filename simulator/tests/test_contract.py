"""Contract conformance: real HTTP exchanges with the simulator, validated against SailPoint's OpenAPI bundles.

The tests that hold for both API families run on the V3 bundle ($ISC_OPENAPI_SPEC) and on the v1 one
($ISC_OPENAPI_SPEC_V1, the per-service paths); the tests of what only one family does run on that one.
The v1 paths serve the same tenant state as the V3 ones; the v1 password-policy operations need
``X-SailPoint-Experimental: true``.
"""

import copy
from collections import namedtuple

import pytest
import requests
import yaml
from isc_simulator import Simulator
from isc_simulator.simulator import quirk_settings
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.exceptions import OpenAPIError

# openapi-core has no oauth2 support (it only warns); the Bearer header is checked by hand in Contract.check.
pytestmark = pytest.mark.filterwarnings("ignore:Unsupported scheme type")

POLICIES, POLICY = "/password-policies", "/password-policies/{id}"
GROUPS, GROUP = "/password-sync-groups", "/password-sync-groups/{id}"
SOURCES, TOKEN = "/sources", "/oauth/token"
# The paths of each bundle, as its spec writes them (the V3 ones under the /v3 server): tests on both use contract.paths.
Paths = namedtuple("Paths", "policies policy groups group sources")
V3_PATHS = Paths(POLICIES, POLICY, GROUPS, GROUP, SOURCES)
V1_PATHS = Paths("/password-policies/v1", "/password-policies/v1/{id}", "/password-sync-groups/v1", "/password-sync-groups/v1/{id}", "/sources/v1")
ORG_V1, DICTIONARY_V1 = "/password-org-config/v1", "/password-dictionary/v1"
EXPERIMENTAL = {"X-SailPoint-Experimental": "true"}
# The contract tests run with the real-tenant quirks on (the default), all but trimmed_dates: a date without
# seconds (2024-06-13T00:00Z) is not an RFC 3339 date-time, so real tenants break the declared format there
# (test_trimmed_dates_break_the_declared_date_time_format proves it).
CONTRACT_QUIRKS = {"trimmed_dates": False}


def adapt_spec(spec, base_url):
    """The official spec plus only what the simulator needs; each change says why."""
    # The simulator is a server of this API: declare it (the /oauth/token path has its own, host-root servers).
    spec["servers"].append({"url": base_url + "/v3"})
    spec["paths"][TOKEN]["servers"].append({"url": base_url})
    policy = spec["components"]["schemas"]["PasswordPolicyV3Dto"]["properties"]
    # SOURCE.md quirk: v3 declares dateCreated/lastUpdated as date-time strings, but every example is an epoch-ms
    # integer; the v2024+ specs declare integer/int64. Patched the same way.
    policy["dateCreated"] = {"type": "integer", "format": "int64"}
    policy["lastUpdated"] = {"type": "integer", "format": "int64", "nullable": True}
    # SOURCE.md quirk: the official list example has firstExpirationReminder: null, yet it is not declared nullable.
    policy["firstExpirationReminder"]["nullable"] = True
    return spec


def adapt_v1_spec(spec, base_url):
    """The official v1 bundle plus only what the simulator needs; each change says why."""
    # The simulator is a server of this API (the v1 paths hang off the host root).
    spec["servers"].append({"url": base_url})
    spec["paths"][TOKEN]["servers"].append({"url": base_url})
    # The official list example has firstExpirationReminder: null, yet it is not declared nullable (as in V3).
    spec["components"]["schemas"]["PasswordPolicyV3Dto"]["properties"]["firstExpirationReminder"]["nullable"] = True
    # The simulator's decision where SailPoint documents nothing (README): no org config before the first POST: 404.
    for method in ("get", "put"):
        spec["paths"][ORG_V1][method]["responses"].setdefault("404", {"$ref": "#/components/responses/NotFound404"})
    return spec


class Contract:
    paths = V3_PATHS

    def __init__(self, spec, sim):
        self.spec = spec
        self.openapi = OpenAPI.from_dict(spec)
        self.sim = sim
        self.session = requests.Session()
        self.session.headers["Accept-Encoding"] = "identity"
        self.token = None

    def login(self, client_id=None, client_secret=None):
        response = self.session.post(
            self.sim.base_url + TOKEN,
            timeout=10,
            data={"grant_type": "client_credentials", "client_id": client_id or self.sim.client_id, "client_secret": client_secret or self.sim.client_secret},
        )
        self.check(response, TOKEN, "post", 200)
        self.token = response.json()["access_token"]
        return self.token

    def call(self, method, path, token=True, **kwargs):
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {self.token if token is True else token}"
        base = self.sim.base_url + ("" if path == TOKEN else "/v3")
        return self.session.request(method, base + path, headers=headers, timeout=10, **kwargs)

    def check(self, response, template, method, status, valid_request=True):
        """Status documented for the operation, request valid (or not, on purpose; None: not checked) and response valid."""
        assert response.status_code == status, response.text
        documented = self.spec["paths"][template][method]["responses"]
        assert str(status) in documented, f"{status} is not documented for {method.upper()} {template}"
        request = RequestsOpenAPIRequest(response.request)
        if valid_request:
            self.openapi.validate_request(request)
        elif valid_request is None:
            pass
        else:
            with pytest.raises(OpenAPIError):
                self.openapi.validate_request(request)
        self.openapi.validate_response(request, RequestsOpenAPIResponse(response))
        if template != TOKEN and status not in (401,):
            assert response.request.headers["Authorization"].startswith("Bearer ")
        if status == 204:
            assert response.content == b""
        elif response.content:
            assert response.headers["Content-Type"] == "application/json;charset=utf-8"
        return response.json() if response.content else None


class V1Contract(Contract):
    paths = V1_PATHS

    def call(self, method, path, token=True, experimental=None, **kwargs):
        """``experimental``: None sends the header on the operations that need it, False never, True always."""
        headers = kwargs.pop("headers", {})
        if experimental or (experimental is None and path.startswith(V1_PATHS.policies)):
            headers.update(EXPERIMENTAL)
        if token:
            headers["Authorization"] = f"Bearer {self.token if token is True else token}"
        return self.session.request(method, self.sim.base_url + path, headers=headers, timeout=10, **kwargs)


@pytest.fixture(scope="module")
def contract_sim():
    sim = Simulator(rate_limit_enabled=False, quirks=quirk_settings(CONTRACT_QUIRKS, quirk_settings(True))).start()
    yield sim
    sim.stop()


@pytest.fixture(scope="module")
def contract_spec(openapi_spec_path, contract_sim):
    with open(openapi_spec_path, encoding="utf-8") as handle:
        return adapt_spec(yaml.safe_load(handle), contract_sim.base_url)


@pytest.fixture(scope="module")
def v1_spec(v1_openapi_document, contract_sim):
    return adapt_v1_spec(copy.deepcopy(v1_openapi_document), contract_sim.base_url)


@pytest.fixture(params=["v3", "v1"])
def bundle(request):
    """The API family a test runs on: both by default, one with ``V3_ONLY`` or ``V1_ONLY``."""
    return request.param


V3_ONLY = pytest.mark.parametrize("bundle", ["v3"], indirect=True)
V1_ONLY = pytest.mark.parametrize("bundle", ["v1"], indirect=True)


@pytest.fixture
def contract(bundle, request, contract_sim):
    contract_sim.reset()
    if bundle == "v3":
        checker = Contract(request.getfixturevalue("contract_spec"), contract_sim)
    else:
        checker = V1Contract(request.getfixturevalue("v1_spec"), contract_sim)
    checker.login()
    yield checker
    checker.session.close()


def sources_named(sim, *names):
    return [source["id"] for source in sim.state()["sources"] if source["name"] in names]


# ----- on both bundles -------------------------------------------------------------------------------------------------
def test_policy_lifecycle(contract):
    p = contract.paths
    sources = sources_named(contract.sim, "GitHub", "Okta")
    listed = contract.check(contract.call("GET", p.policies, params={"limit": 10, "offset": 0, "count": "true"}), p.policies, "get", 200)
    assert [policy["name"] for policy in listed] == ["Default"]
    assert isinstance(listed[0]["dateCreated"], int)
    created = contract.check(
        contract.call("POST", p.policies, json={"name": "High security", "minLength": 12, "firstExpirationReminder": 45, "sourceIds": sources}),
        p.policies,
        "post",
        200,
    )
    path = f"{p.policies}/{created['id']}"
    contract.check(contract.call("GET", path), p.policy, "get", 200)
    updated = contract.check(contract.call("PUT", path, json={**created, "minLength": 14}), p.policy, "put", 200)
    assert updated["minLength"] == 14 and isinstance(updated["lastUpdated"], int)
    contract.check(contract.call("DELETE", path), p.policy, "delete", 204)
    contract.check(contract.call("GET", path), p.policy, "get", 404)
    contract.check(contract.call("PUT", path, json=updated), p.policy, "put", 404)
    contract.check(contract.call("DELETE", path), p.policy, "delete", 404)


def test_sync_group_lifecycle(contract):
    p = contract.paths
    policy_id = contract.sim.state()["policies"][0]["id"]
    sources = sources_named(contract.sim, "Active Directory", "LDAP")
    contract.check(contract.call("GET", p.groups, params={"count": "true"}), p.groups, "get", 200)
    created = contract.check(
        contract.call("POST", p.groups, json={"name": "Directories", "passwordPolicyId": policy_id, "sourceIds": sources}), p.groups, "post", 200
    )
    path = f"{p.groups}/{created['id']}"
    contract.check(contract.call("GET", path), p.group, "get", 200)
    contract.check(contract.call("PUT", path, json={**created, "name": "Dirs"}), p.group, "put", 200)
    contract.check(contract.call("DELETE", path), p.group, "delete", 204)
    contract.check(contract.call("GET", path), p.group, "get", 404)
    contract.check(contract.call("PUT", path, json=created), p.group, "put", 404)
    contract.check(contract.call("POST", p.groups, json={"name": "x", "passwordPolicyId": "0" * 32}), p.groups, "post", 400)


def test_token_form_multipart_and_query(contract):
    sim = contract.sim
    form = {"grant_type": "client_credentials", "client_id": sim.client_id, "client_secret": sim.client_secret}
    multipart = contract.session.post(sim.base_url + TOKEN, files={key: (None, value) for key, value in form.items()}, timeout=10)
    body = contract.check(multipart, TOKEN, "post", 200)
    assert body["token_type"] == "bearer" and body["expires_in"] == 749
    query = contract.session.post(sim.base_url + TOKEN, params=form, timeout=10)
    assert contract.check(query, TOKEN, "post", 200)["access_token"].count(".") == 2


def test_token_errors(contract):
    sim = contract.sim
    bad_secret = contract.call("POST", TOKEN, token=False, data={"grant_type": "client_credentials", "client_id": sim.client_id, "client_secret": "wrong"})
    assert contract.check(bad_secret, TOKEN, "post", 401) == {"error": "invalid_client", "error_description": "Bad credentials"}
    bad_grant = contract.call("POST", TOKEN, token=False, data={"grant_type": "refresh_token", "client_id": sim.client_id, "client_secret": sim.client_secret})
    assert contract.check(bad_grant, TOKEN, "post", 400) == {"error": "unsupported_grant_type"}


def test_policy_bad_requests(contract):
    p = contract.paths
    # Invalid per the spec itself (a string for an int64): the spec and the simulator agree it is a bad request.
    contract.check(contract.call("POST", p.policies, json={"name": "x", "minLength": "8"}), p.policies, "post", 400, valid_request=False)
    # Valid per the spec, rejected by the business rule "every source id must exist".
    contract.check(contract.call("POST", p.policies, json={"name": "x", "sourceIds": ["0" * 32]}), p.policies, "post", 400)
    contract.check(contract.call("GET", p.policies, params={"limit": 251}), p.policies, "get", 400, valid_request=False)


def test_auth_error_paths(contract):
    p = contract.paths
    sim = contract.sim
    contract.check(contract.call("GET", p.sources, token=False), p.sources, "get", 401)
    contract.check(contract.call("GET", p.policies, token="not.a.jwt"), p.policies, "get", 401)
    sim.configure(token_lifetime=0)
    expired = contract.login()
    body = contract.check(contract.call("GET", p.groups, token=expired), p.groups, "get", 401)
    assert body == {"error": "JWT validation failed: JWT is expired"}
    sim.configure(token_lifetime=749)
    sim.add_client("reader", "reader-secret", user_context=False)
    contract.login("reader", "reader-secret")
    contract.check(contract.call("GET", p.policies), p.policies, "get", 200)
    contract.check(contract.call("POST", p.policies, json={"name": "x"}), p.policies, "post", 403)
    contract.check(contract.call("DELETE", f"{p.groups}/any"), p.group, "delete", 403)


def test_paging_quirks_stay_within_the_contract(contract):
    """The end-offset 400 (with the body real tenants send) is a documented status; a short page and a missing
    X-Total-Count are valid 200s."""
    p = contract.paths
    contract.sim.seed({"policies": [{"name": f"P{i:03d}"} for i in range(300)]})
    first = contract.call("GET", p.policies, params={"count": "true"})
    assert len(contract.check(first, p.policies, "get", 200)) == 246 and "X-Total-Count" not in first.headers
    end = contract.check(contract.call("GET", p.policies, params={"offset": 301}), p.policies, "get", 400)
    assert end == {"detailMessage": "Specified offset is invalid.", "stackTrace": [], "suppressedExceptions": []}


def test_sync_group_rules_answer_a_documented_400(contract):
    """Valid requests per the spec, refused by the documented rules: one source, a source without PASSWORD, a
    source in another group."""
    p = contract.paths
    policy_id = contract.sim.state()["policies"][0]["id"]
    ad, ldap, okta = (sources_named(contract.sim, name)[0] for name in ("Active Directory", "LDAP", "Okta"))
    workday = sources_named(contract.sim, "Workday")[0]
    for sources in ([ad], [ad, workday]):
        contract.check(contract.call("POST", p.groups, json={"name": "G", "passwordPolicyId": policy_id, "sourceIds": sources}), p.groups, "post", 400)
    first = contract.check(contract.call("POST", p.groups, json={"name": "G", "passwordPolicyId": policy_id, "sourceIds": [ad, ldap]}), p.groups, "post", 200)
    contract.check(contract.call("POST", p.groups, json={"name": "H", "passwordPolicyId": policy_id, "sourceIds": [ldap, okta]}), p.groups, "post", 400)
    contract.check(contract.call("PUT", f"{p.groups}/{first['id']}", json={**first, "sourceIds": [ad]}), p.group, "put", 400)


# ----- on the V3 bundle only ------------------------------------------------------------------------------------------
@V3_ONLY
def test_sources_with_filters_and_sorters(contract):
    policy_id = contract.sim.state()["policies"][0]["id"]
    github = sources_named(contract.sim, "GitHub")
    assign = contract.call("PUT", f"{POLICIES}/{policy_id}", json={"name": "Default", "sourceIds": github})
    contract.check(assign, POLICY, "put", 200)
    found = contract.check(
        contract.call(
            "GET",
            SOURCES,
            params={
                "filters": 'name in ("GitHub","R&D \\"EU\\" #1")',
                "sorters": "-name",
                "count": "true",
                "limit": 5,
                "for-subadmin": "me",
                "includeIDNSource": "false",
            },
        ),
        SOURCES,
        "get",
        200,
    )
    assert [source["name"] for source in found] == ['R&D "EU" #1', "GitHub"]
    assert found[1]["passwordPolicies"][0]["id"] == policy_id
    everything = contract.check(contract.call("GET", SOURCES), SOURCES, "get", 200)
    assert len(everything) == 9
    contract.check(contract.call("GET", SOURCES, params={"filters": 'name EQ "GitHub"'}), SOURCES, "get", 400)


@V3_ONLY
def test_rate_limit_and_injected_500(contract):
    contract.sim.configure(rate_limit={"enabled": True, "limit": 2, "window": 5})
    for _round in range(2):
        contract.check(contract.call("GET", SOURCES), SOURCES, "get", 200)
    limited = contract.call("GET", SOURCES)
    assert contract.check(limited, SOURCES, "get", 429) == {"message": " Rate Limit Exceeded "}
    assert int(limited.headers["Retry-After"]) >= 1
    contract.sim.add_fault(method="GET", path="/v3/password-sync-groups", status=500)
    contract.sim.configure(rate_limit={"enabled": False})
    body = contract.check(contract.call("GET", GROUPS), GROUPS, "get", 500)
    assert body["detailCode"] == "500.0 Internal Fault"


@V3_ONLY
def test_trimmed_dates_break_the_declared_date_time_format(contract):
    """The trimmed_dates quirk (on by default) sends what real tenants send, which the contract's format refuses."""
    contract.sim.configure(quirks={"trimmed_dates": True})
    response = contract.call("GET", SOURCES, params={"filters": 'name eq "GitHub"'})
    assert response.json()[0]["created"] == "2023-03-12T09:12Z"
    with pytest.raises(OpenAPIError):
        contract.check(response, SOURCES, "get", 200)
    contract.sim.configure(quirks=CONTRACT_QUIRKS)
    (github,) = contract.check(contract.call("GET", SOURCES, params={"filters": 'name eq "GitHub"'}), SOURCES, "get", 200)
    assert github["created"] == "2023-03-12T09:12:00.000Z"


# ----- on the v1 bundle only ------------------------------------------------------------------------------------------
@V1_ONLY
def test_policies_need_the_experimental_header(contract):
    p = contract.paths
    # The contract marks the header required; without it the request itself is invalid, and the simulator answers
    # 400 with the body a real tenant sends (sailpoint-cli PR 176), not an ErrorResponseDto.
    for method, path, template, body in (
        ("GET", p.policies, p.policies, None),
        ("POST", p.policies, p.policies, {"name": "x"}),
        ("GET", p.policies + "/" + "0" * 32, p.policy, None),
        ("PUT", p.policies + "/" + "0" * 32, p.policy, {"name": "x"}),
        ("DELETE", p.policies + "/" + "0" * 32, p.policy, None),
    ):
        response = contract.call(method, path, experimental=False, json=body)
        # openapi-core fills a missing header from its schema default ('true'), so it cannot flag the request itself.
        assert "X-SailPoint-Experimental" not in response.request.headers
        contract.check(response, template, method.lower(), 400, valid_request=None)
        assert response.json() == {"error": "Experimental Header is missing or invalid."}
    assert contract.sim.state()["policies"][0]["name"] == "Default"  # nothing was written
    # The sync-group operations are not experimental: no header needed.
    contract.check(contract.call("GET", p.groups, experimental=False), p.groups, "get", 200)


@V1_ONLY
def test_sources_v1(contract):
    p = contract.paths
    found = contract.check(
        contract.call("GET", p.sources, params={"filters": 'name in ("GitHub")', "sorters": "-name", "count": "true", "includeIDNSource": "true"}),
        p.sources,
        "get",
        200,
    )
    assert [source["name"] for source in found] == ["GitHub"]
    contract.check(contract.call("GET", p.sources, token=False), p.sources, "get", 401)


@V1_ONLY
def test_one_tenant_state_behind_both_families(contract):
    p = contract.paths
    created = contract.check(contract.call("POST", p.policies, json={"name": "Both"}), p.policies, "post", 200)
    v3 = contract.session.get(
        f"{contract.sim.base_url}/v3/password-policies/{created['id']}", headers={"Authorization": f"Bearer {contract.token}"}, timeout=10
    )
    assert v3.status_code == 200 and v3.json()["id"] == created["id"] and v3.json()["name"] == "Both"
    assert "X-Deprecated" not in v3.headers


@V1_ONLY
def test_v3_deprecated_switch(contract):
    p = contract.paths
    contract.sim.configure(v3_deprecated={"sunset": "Thu, 01 Mar 2029 00:00:00 GMT"})
    try:
        v3 = contract.session.get(f"{contract.sim.base_url}/v3/password-sync-groups", headers={"Authorization": f"Bearer {contract.token}"}, timeout=10)
        assert v3.headers["X-Deprecated"] == "true" and v3.headers["Sunset"] == "Thu, 01 Mar 2029 00:00:00 GMT"
        v1 = contract.check(contract.call("GET", p.groups), p.groups, "get", 200)
        assert v1 == []
        assert "X-Deprecated" not in contract.call("GET", p.groups).headers
    finally:
        contract.sim.configure(v3_deprecated=False)
