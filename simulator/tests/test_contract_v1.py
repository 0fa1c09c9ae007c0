"""Contract conformance of the per-service v1 paths: real HTTP exchanges, validated against SailPoint's v1 bundle.

The v1 paths serve the same tenant state as the V3 ones; an object made through one family is read
through the other. The password-policy operations need ``X-SailPoint-Experimental: true``.
"""

import copy

import pytest
from isc_simulator import Simulator
from isc_simulator.simulator import quirk_settings
from test_contract import CONTRACT_QUIRKS, Contract, sources_named

pytestmark = pytest.mark.filterwarnings("ignore:Unsupported scheme type")

POLICIES, POLICY = "/password-policies/v1", "/password-policies/v1/{id}"
GROUPS, GROUP = "/password-sync-groups/v1", "/password-sync-groups/v1/{id}"
SOURCES, TOKEN = "/sources/v1", "/oauth/token"
ORG, DICTIONARY = "/password-org-config/v1", "/password-dictionary/v1"
EXPERIMENTAL = {"X-SailPoint-Experimental": "true"}


def adapt_v1_spec(spec, base_url):
    """The official v1 bundle plus only what the simulator needs; each change says why."""
    # The simulator is a server of this API (the v1 paths hang off the host root).
    spec["servers"].append({"url": base_url})
    spec["paths"][TOKEN]["servers"].append({"url": base_url})
    # The official list example has firstExpirationReminder: null, yet it is not declared nullable (as in V3).
    spec["components"]["schemas"]["PasswordPolicyV3Dto"]["properties"]["firstExpirationReminder"]["nullable"] = True
    # The simulator's decision where SailPoint documents nothing (README): no org config before the first POST: 404.
    for method in ("get", "put"):
        spec["paths"][ORG][method]["responses"].setdefault("404", {"$ref": "#/components/responses/NotFound404"})
    return spec


class V1Contract(Contract):
    def call(self, method, path, token=True, experimental=None, **kwargs):
        """``experimental``: None sends the header on the operations that need it, False never, True always."""
        headers = kwargs.pop("headers", {})
        if experimental or (experimental is None and path.startswith(POLICIES)):
            headers.update(EXPERIMENTAL)
        if token:
            headers["Authorization"] = f"Bearer {self.token if token is True else token}"
        return self.session.request(method, self.sim.base_url + path, headers=headers, timeout=10, **kwargs)


@pytest.fixture(scope="module")
def v1_sim():
    sim = Simulator(rate_limit_enabled=False, quirks=quirk_settings(CONTRACT_QUIRKS, quirk_settings(True))).start()
    yield sim
    sim.stop()


@pytest.fixture(scope="module")
def v1_spec(v1_openapi_document, v1_sim):
    return adapt_v1_spec(copy.deepcopy(v1_openapi_document), v1_sim.base_url)


@pytest.fixture
def contract(v1_spec, v1_sim):
    v1_sim.reset()
    checker = V1Contract(v1_spec, v1_sim)
    checker.login()
    yield checker
    checker.session.close()


def test_policy_lifecycle_v1(contract):
    sources = sources_named(contract.sim, "GitHub", "Okta")
    listed = contract.check(contract.call("GET", POLICIES, params={"limit": 10, "offset": 0, "count": "true"}), POLICIES, "get", 200)
    assert [policy["name"] for policy in listed] == ["Default"]
    assert isinstance(listed[0]["dateCreated"], int)
    created = contract.check(
        contract.call("POST", POLICIES, json={"name": "High security", "minLength": 12, "firstExpirationReminder": 45, "sourceIds": sources}),
        POLICIES,
        "post",
        200,
    )
    path = f"{POLICIES}/{created['id']}"
    contract.check(contract.call("GET", path), POLICY, "get", 200)
    updated = contract.check(contract.call("PUT", path, json={**created, "minLength": 14}), POLICY, "put", 200)
    assert updated["minLength"] == 14 and isinstance(updated["lastUpdated"], int)
    contract.check(contract.call("DELETE", path), POLICY, "delete", 204)
    contract.check(contract.call("GET", path), POLICY, "get", 404)
    contract.check(contract.call("DELETE", path), POLICY, "delete", 404)


def test_policies_need_the_experimental_header(contract):
    # The contract marks the header required; without it the request itself is invalid, and the simulator answers
    # 400 with the body a real tenant sends (sailpoint-cli PR 176), not an ErrorResponseDto.
    for method, path, template, body in (
        ("GET", POLICIES, POLICIES, None),
        ("POST", POLICIES, POLICIES, {"name": "x"}),
        ("GET", POLICIES + "/" + "0" * 32, POLICY, None),
        ("PUT", POLICIES + "/" + "0" * 32, POLICY, {"name": "x"}),
        ("DELETE", POLICIES + "/" + "0" * 32, POLICY, None),
    ):
        response = contract.call(method, path, experimental=False, json=body)
        # openapi-core fills a missing header from its schema default ('true'), so it cannot flag the request itself.
        assert "X-SailPoint-Experimental" not in response.request.headers
        contract.check(response, template, method.lower(), 400, valid_request=None)
        assert response.json() == {"error": "Experimental Header is missing or invalid."}
    assert contract.sim.state()["policies"][0]["name"] == "Default"  # nothing was written
    # The sync-group operations are not experimental: no header needed.
    contract.check(contract.call("GET", GROUPS, experimental=False), GROUPS, "get", 200)


def test_sync_group_lifecycle_v1(contract):
    policy_id = contract.sim.state()["policies"][0]["id"]
    sources = sources_named(contract.sim, "Active Directory", "LDAP")
    created = contract.check(
        contract.call("POST", GROUPS, json={"name": "Directories", "passwordPolicyId": policy_id, "sourceIds": sources}), GROUPS, "post", 200
    )
    path = f"{GROUPS}/{created['id']}"
    contract.check(contract.call("GET", path), GROUP, "get", 200)
    contract.check(contract.call("PUT", path, json={**created, "name": "Dirs"}), GROUP, "put", 200)
    contract.check(contract.call("DELETE", path), GROUP, "delete", 204)
    contract.check(contract.call("GET", path), GROUP, "get", 404)


def test_sources_v1(contract):
    found = contract.check(
        contract.call("GET", SOURCES, params={"filters": 'name in ("GitHub")', "sorters": "-name", "count": "true", "includeIDNSource": "true"}),
        SOURCES,
        "get",
        200,
    )
    assert [source["name"] for source in found] == ["GitHub"]
    contract.check(contract.call("GET", SOURCES, token=False), SOURCES, "get", 401)


def test_org_config_and_dictionary_v1(contract):
    contract.check(contract.call("GET", ORG), ORG, "get", 404)
    created = contract.check(contract.call("POST", ORG, json={"digitTokenLength": 6}), ORG, "post", 200)
    assert created["digitTokenLength"] == 6
    contract.check(contract.call("PUT", ORG, json={"digitTokenLength": 8}), ORG, "put", 200)
    contract.check(contract.call("GET", DICTIONARY), DICTIONARY, "get", 404)  # none before the first upload
    upload = contract.call("PUT", DICTIONARY, files={"file": ("d.txt", b"locale=en_US\nsecret\npassword\n", "text/plain")})
    assert upload.status_code == 201, upload.text  # the first upload creates it
    contract.check(upload, DICTIONARY, "put", upload.status_code)
    text = contract.call("GET", DICTIONARY)
    assert text.status_code == 200 and "password" in text.text


def test_one_tenant_state_behind_both_families(contract):
    created = contract.check(contract.call("POST", POLICIES, json={"name": "Both"}), POLICIES, "post", 200)
    v3 = contract.session.get(
        f"{contract.sim.base_url}/v3/password-policies/{created['id']}", headers={"Authorization": f"Bearer {contract.token}"}, timeout=10
    )
    assert v3.status_code == 200 and v3.json()["id"] == created["id"] and v3.json()["name"] == "Both"
    assert "X-Deprecated" not in v3.headers


def test_v3_deprecated_switch(contract):
    contract.sim.configure(v3_deprecated={"sunset": "Thu, 01 Mar 2029 00:00:00 GMT"})
    try:
        v3 = contract.session.get(f"{contract.sim.base_url}/v3/password-sync-groups", headers={"Authorization": f"Bearer {contract.token}"}, timeout=10)
        assert v3.headers["X-Deprecated"] == "true" and v3.headers["Sunset"] == "Thu, 01 Mar 2029 00:00:00 GMT"
        v1 = contract.check(contract.call("GET", GROUPS), GROUPS, "get", 200)
        assert v1 == []
        assert "X-Deprecated" not in contract.call("GET", GROUPS).headers
    finally:
        contract.sim.configure(v3_deprecated=False)
