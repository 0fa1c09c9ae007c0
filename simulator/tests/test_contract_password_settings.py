"""Contract conformance of /v3/password-org-config and /v3/password-dictionary.

The bundled V3 subset does not describe these two endpoints; the bundled v1 one does
(``/password-org-config/v1``, ``/password-dictionary/v1``). SailPoint's migration table maps the V3 paths
one to one onto these v1 paths, so the v1 definitions are put under the V3 paths here and the
simulator's V3 endpoints are validated against them. Every test runs on the V3 paths and then on the v1 ones
(against the v1 bundle as it is, adapted like the other v1 contract tests: test_contract.adapt_v1_spec).
"""

import copy
import json
import re

import pytest
import yaml
from isc_simulator import Simulator
from isc_simulator.simulator import quirk_settings
from openapi_core.exceptions import OpenAPIError
from test_contract import CONTRACT_QUIRKS, DICTIONARY_V1, ORG_V1, Contract, V1Contract, adapt_spec, adapt_v1_spec

pytestmark = pytest.mark.filterwarnings("ignore:Unsupported scheme type")

ORG, DICTIONARY = "/password-org-config", "/password-dictionary"
V1_PATHS = {ORG: "/password-org-config/v1", DICTIONARY: "/password-dictionary/v1"}


def referenced_components(spec, node):
    """(section, name) of every component ``node`` refers to, directly or through other components."""
    found, todo = set(), [node]
    while todo:
        for section, name in re.findall(r'"#/components/(\w+)/([^"]+)"', json.dumps(todo.pop())):
            if (section, name) not in found:
                found.add((section, name))
                todo.append(spec["components"][section][name])
    return found


def with_v1_settings(spec, v1_spec):
    """The V3 spec plus the v1 definitions of the two endpoints under their V3 paths."""
    for v3_path, v1_path in V1_PATHS.items():
        spec["paths"][v3_path] = v1_spec["paths"][v1_path]
        for section, name in referenced_components(v1_spec, v1_spec["paths"][v1_path]):
            value = v1_spec["components"][section][name]
            existing = spec["components"].setdefault(section, {}).setdefault(name, value)
            assert existing == value, f"components/{section}/{name} differ between the V3 and v1 bundles"
    # The simulator's decision where SailPoint documents nothing (README): before the first POST there is no
    # org config, and GET and PUT answer 404 (the ErrorResponseDto that 404 means everywhere else).
    for method in ("get", "put"):
        spec["paths"][ORG][method]["responses"].setdefault("404", {"$ref": "#/components/responses/NotFound404"})
    return spec


@pytest.fixture(scope="module")
def settings_sim():
    sim = Simulator(rate_limit_enabled=False, quirks=quirk_settings(CONTRACT_QUIRKS, quirk_settings(True))).start()
    yield sim
    sim.stop()


@pytest.fixture(scope="module")
def v1_spec(v1_openapi_document):
    return copy.deepcopy(v1_openapi_document)


@pytest.fixture(scope="module")
def settings_spec(openapi_spec_path, v1_spec, settings_sim):
    with open(openapi_spec_path, encoding="utf-8") as handle:
        v3_spec = yaml.safe_load(handle)
    return adapt_spec(with_v1_settings(v3_spec, v1_spec), settings_sim.base_url)


@pytest.fixture(scope="module")
def v1_settings_spec(v1_spec, settings_sim):
    return adapt_v1_spec(copy.deepcopy(v1_spec), settings_sim.base_url)


@pytest.fixture(params=["v3", "v1"])
def contract(request, settings_sim):
    """A checker of the settings endpoints on the V3 paths (the v1 definitions grafted on), then on the v1 ones."""
    settings_sim.reset()
    if request.param == "v3":
        checker = Contract(request.getfixturevalue("settings_spec"), settings_sim)
        checker.org, checker.dictionary = ORG, DICTIONARY
    else:
        checker = V1Contract(request.getfixturevalue("v1_settings_spec"), settings_sim)
        checker.org, checker.dictionary = ORG_V1, DICTIONARY_V1
    checker.login()
    yield checker
    checker.session.close()


def check_text(contract, response, template, method, status):
    """Contract.check for a text/plain answer (Contract.check expects JSON bodies)."""
    assert response.status_code == status, response.text
    assert str(status) in contract.spec["paths"][template][method]["responses"]
    from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse  # pylint: disable=import-outside-toplevel

    request = RequestsOpenAPIRequest(response.request)
    contract.openapi.validate_request(request)
    contract.openapi.validate_response(request, RequestsOpenAPIResponse(response))
    assert response.headers["Content-Type"] == "text/plain;charset=utf-8"
    return response.text


def upload(contract, text):
    return contract.call("PUT", contract.dictionary, files={"file": ("dictionary.txt", text.encode("utf-8"), "text/plain")})


def test_org_config_lifecycle(contract):
    contract.check(contract.call("GET", contract.org), contract.org, "get", 404)
    contract.check(contract.call("PUT", contract.org, json={"digitTokenEnabled": True}), contract.org, "put", 404)
    created = contract.check(contract.call("POST", contract.org, json={"customInstructionsEnabled": True, "digitTokenLength": 9}), contract.org, "post", 200)
    assert created == {"customInstructionsEnabled": True, "digitTokenDurationMinutes": 5, "digitTokenEnabled": False, "digitTokenLength": 9}
    assert contract.check(contract.call("GET", contract.org), contract.org, "get", 200) == created
    updated = contract.check(contract.call("PUT", contract.org, json={"digitTokenEnabled": True, "digitTokenDurationMinutes": 12}), contract.org, "put", 200)
    assert updated == {**created, "digitTokenEnabled": True, "digitTokenDurationMinutes": 12}


def test_org_config_bad_requests(contract):
    contract.check(contract.call("POST", contract.org, json={}), contract.org, "post", 200)
    # Out of the ranges the spec declares: the spec and the simulator agree it is a bad request.
    contract.check(contract.call("PUT", contract.org, json={"digitTokenLength": 19}), contract.org, "put", 400, valid_request=False)
    contract.check(contract.call("PUT", contract.org, json={"digitTokenDurationMinutes": 0}), contract.org, "put", 400, valid_request=False)
    contract.check(contract.call("PUT", contract.org, json={"digitTokenEnabled": "true"}), contract.org, "put", 400, valid_request=False)
    # Valid per the spec, refused by the simulator's rule: never POST over existing settings.
    contract.check(contract.call("POST", contract.org, json={"digitTokenLength": 8}), contract.org, "post", 400)
    contract.sim.add_client("reader", "reader-secret", kind="application", scopes=["idn:password-org-config:read"])
    contract.login("reader", "reader-secret")
    contract.check(contract.call("PUT", contract.org, json={"digitTokenLength": 8}), contract.org, "put", 403)


def test_dictionary_lifecycle(contract):
    contract.check(contract.call("GET", contract.dictionary), contract.dictionary, "get", 404)
    first = upload(contract, "locale=en_US\n# words\nacme\nqwerty\n")
    assert contract.check(first, contract.dictionary, "put", 201) is None
    assert check_text(contract, contract.call("GET", contract.dictionary), contract.dictionary, "get", 200) == "locale=en_US\n# words\nacme\nqwerty\n"
    assert contract.check(upload(contract, "locale=en_US\npassword\n"), contract.dictionary, "put", 200) is None
    assert check_text(contract, contract.call("GET", contract.dictionary), contract.dictionary, "get", 200) == "locale=en_US\npassword\n"


def test_dictionary_bad_requests(contract):
    contract.check(upload(contract, "locale=en_US\ntwo words\n"), contract.dictionary, "put", 400)
    contract.check(upload(contract, "locale=en_US\n" + "x" * 129 + "\n"), contract.dictionary, "put", 400)
    contract.check(upload(contract, "locale=en_US\n"), contract.dictionary, "put", 400)
    contract.check(contract.call("GET", contract.dictionary, token=False), contract.dictionary, "get", 401)
    # Not multipart: the spec refuses the request too (no 415 is documented; see the README).
    wrong = contract.call("PUT", contract.dictionary, data=b"locale=en_US\nword\n", headers={"Content-Type": "text/plain"})
    assert wrong.status_code == 415
    with pytest.raises(OpenAPIError):
        from openapi_core.contrib.requests import RequestsOpenAPIRequest  # pylint: disable=import-outside-toplevel

        contract.openapi.validate_request(RequestsOpenAPIRequest(wrong.request))
