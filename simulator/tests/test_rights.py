"""Rights: each operation of the three contract bundles, with a user's token (PAT) and an API client's, with
every scope and with too few, and with user levels; a refusal is ISC's 403 ErrorResponseDto.

The simulator writes its table once (isc_simulator.rights.RIGHTS); the first test checks it against the
bundles' `security` and `x-sailpoint-userLevels`. The custom-password-instructions operations and the v1
source policy holders are not served yet (404): their tests prove that and name them, so that serving them
without rights fails here.
"""

import re

import pytest
import yaml
from isc_simulator import Simulator, endpoints, rights
from isc_simulator.responses import ApiError

BUNDLES = ("isc-v3-password-subset.yaml", "isc-v1-password-subset.yaml", "isc-custom-password-instructions.yaml")
NOT_SERVED = {
    "listPasswordPolicyHoldersOnSourceV1",
    "updatePasswordPolicyHoldersV1",
    "createCustomPasswordInstructionsV1",
    "getCustomPasswordInstructionsV1",
    "deleteCustomPasswordInstructionsV1",
    "createCustomPasswordInstructions",
    "getCustomPasswordInstructions",
    "deleteCustomPasswordInstructions",
}
METHODS = ("get", "put", "post", "delete", "patch")
OTHER_SCOPE = "idn:identity:read"  # a real scope that grants none of these operations


def _operations(bundle_dir):
    """(bundle, operationId, METHOD, served path with placeholders filled, Right from the contract)."""
    found = []
    for bundle in BUNDLES:
        with open(bundle_dir / bundle, encoding="utf-8") as handle:
            spec = yaml.safe_load(handle)
        for template, item in spec["paths"].items():
            if template == "/oauth/token":
                continue
            for method in METHODS:
                if method in item:
                    path = re.sub(r"\{[^}]+\}", "some-id", template)
                    path = path if "/v1" in path or bundle != BUNDLES[0] else "/v3" + path
                    found.append((bundle, item[method]["operationId"], method.upper(), path, _contract_right(item[method], spec)))
    return found


def _contract_right(operation, spec):
    schemes = {}
    for requirement in operation.get("security", spec.get("security")):
        schemes.update(requirement)
    levels = operation.get("x-sailpoint-userLevels")
    application = schemes.get("applicationAuth")
    return rights.Right(tuple(schemes["userAuth"]), None if application is None else tuple(application), None if levels is None else tuple(levels))


@pytest.fixture(scope="module")
def operations(openapi_spec_path):
    return _operations(openapi_spec_path.parent)


def _handler(method, path):
    family = endpoints.api_family(path)
    if family is None:
        return None
    try:
        return endpoints.resolve(method, family[1])[0]
    except ApiError:
        return None


def _same(right):
    return (set(right.user), right.application and set(right.application), right.levels and set(right.levels))


def test_the_rights_table_is_the_contracts(operations):
    served = [op for op in operations if op[1] not in NOT_SERVED]
    assert {op[1] for op in operations} >= NOT_SERVED
    assert len(served) == 11 + 16  # every V3 and v1 operation the simulator serves
    for _bundle, operation_id, method, path, right in served:
        handler = _handler(method, path)
        assert handler is not None, operation_id
        assert _same(rights.RIGHTS[handler.__name__]) == _same(right), operation_id
    for _bundle, operation_id, method, path, _right in operations:
        if operation_id in NOT_SERVED:
            assert _handler(method, path) is None, f"{operation_id} is served: add it to rights.RIGHTS and cover it here"


def _clients(sim, right):
    """{name: (token settings, refused?)} for one operation: both kinds, all scopes, the operation's scope, too few."""
    cases = {
        "pat-all": ({"kind": "user"}, False),
        "app-all": ({"kind": "application"}, right.application is None),
        "pat-own-scope": ({"kind": "user", "scopes": [right.user[-1]]}, False),
        "pat-other-scope": ({"kind": "user", "scopes": [OTHER_SCOPE]}, True),
        "app-other-scope": ({"kind": "application", "scopes": [OTHER_SCOPE]}, True),
        "pat-helpdesk": ({"kind": "user", "user_level": "HELPDESK"}, right.levels is not None),
    }
    if right.application:
        cases["app-own-scope"] = ({"kind": "application", "scopes": [right.application[0]]}, False)
    for name, (settings, _refused) in cases.items():
        sim.add_client(name, "secret-" + name, **settings)
    return {name: refused for name, (_settings, refused) in cases.items()}


def test_every_served_operation_refuses_the_wrong_token_with_isc_403(simulator, make_api, error_dto, operations):
    checked = 0
    for _bundle, operation_id, method, path, right in operations:
        if operation_id in NOT_SERVED:
            continue
        for name, refused in _clients(simulator, right).items():
            api = make_api(simulator, name, "secret-" + name)
            response = api.request(method, path, json={}, headers={"X-SailPoint-Experimental": "true"})
            if refused:
                text = error_dto(response, 403, "403 Forbidden")
                assert text == rights.FORBIDDEN_TEXT, (operation_id, name)
            else:
                assert response.status_code != 403, (operation_id, name, response.text)
            checked += 1
    assert checked >= 27 * 6
    assert simulator.state()["policies"][0]["name"] == "Default"


def test_the_403_body_is_the_one_the_bundles_document(openapi_spec_path, simulator, make_api):
    with open(openapi_spec_path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    example = spec["components"]["responses"]["Forbidden403"]["content"]["application/json"]["examples"]["403"]["value"]
    simulator.add_client("app", "app-secret", kind="application")
    body = make_api(simulator, "app", "app-secret").post("/v3/password-policies", json={"name": "x"}).json()
    assert body["detailCode"] == example["detailCode"] and body["messages"] == example["messages"]
    assert re.fullmatch(r"[0-9a-f]{32}", body["trackingId"])


def test_a_refused_write_changes_nothing_and_is_journaled(simulator, make_api):
    simulator.add_client("reader", "reader-secret", scopes=["idn:password-policy:read"])
    reader = make_api(simulator, "reader", "reader-secret")
    before = simulator.state()
    assert reader.post("/v3/password-policies", json={"name": "x"}).status_code == 403
    assert reader.get("/v3/password-policies").status_code == 200
    assert simulator.state() == before
    assert [entry["status"] for entry in simulator.journal()["requests"] if entry["client_id"] == "reader"][-2:] == [403, 200]


def test_tokens_carry_their_kind_scopes_and_user_level(simulator, make_api):
    simulator.add_client("helpdesk", "h-secret", scopes=["idn:sources:read", "idn:password-policy:read"], user_level="HELPDESK")
    simulator.add_client("app", "a-secret", kind="application", scopes=["idn:sources:read"])
    pat = make_api(simulator, "helpdesk", "h-secret", login=False).token_response().json()
    app = make_api(simulator, "app", "a-secret", login=False).token_response().json()
    assert pat["scope"] == "idn:sources:read idn:password-policy:read" and pat["identity_id"]
    assert app["scope"] == "idn:sources:read" and "identity_id" not in app
    default = make_api(simulator, login=False).token_response().json()
    assert default["scope"] == rights.ALL_SCOPES and default["identity_id"]


@pytest.mark.parametrize(
    "client",
    [
        {"client_id": "x", "client_secret": "s", "kind": "robot"},
        {"client_id": "x", "client_secret": "s", "kind": "application", "user_level": "ORG_ADMIN"},
        {"client_id": "x", "client_secret": "s", "user_level": "GOD"},
        {"client_id": "x", "client_secret": "s", "scopes": "idn:sources:read"},
        {"client_id": "x", "client_secret": "s", "kind": "user", "user_context": False},
        {"client_id": "x", "client_secret": "s", "colour": "blue"},
        {"client_id": "x"},
    ],
)
def test_bad_clients_are_refused_by_the_admin_api(simulator, make_api, client):
    import requests

    response = requests.post(simulator.admin_url + "/clients", json=client, timeout=10)
    assert response.status_code == 400, response.text
    assert make_api(simulator, "x", "s", login=False).token_response().status_code == 401


def test_clients_through_the_admin_api_and_the_constructor(sim_factory, make_api):
    import requests

    sim = sim_factory(clients=[{"client_id": "app", "client_secret": "a-secret", "kind": "application", "scopes": ["idn:password-policy:read"]}])
    added = requests.post(
        sim.admin_url + "/clients", json=[{"client_id": "ro", "client_secret": "r-secret", "scopes": ["idn:password-policy:read"]}], timeout=10
    ).json()
    assert added == [{"client_id": "ro", "kind": "user", "user_context": True, "scopes": ["idn:password-policy:read"], "user_level": "ORG_ADMIN"}]
    app, reader = make_api(sim, "app", "a-secret"), make_api(sim, "ro", "r-secret")
    assert app.get("/v3/password-policies").status_code == reader.get("/password-policies/v1", headers={"X-SailPoint-Experimental": "true"}).status_code == 200
    assert app.get("/v3/sources").status_code == reader.post("/v3/password-policies", json={"name": "x"}).status_code == 403
    assert sim.reset() is None and reader.get("/v3/password-policies").status_code == 200  # clients survive a reset


def test_clients_from_the_command_line(capsys):
    from isc_simulator.__main__ import parse_args

    args = parse_args(
        [
            "--client",
            '{"client_id": "app", "client_secret": "s", "kind": "application", "scopes": ["idn:sources:read"]}',
            "--client",
            '{"client_id": "pat", "client_secret": "t"}',
        ]
    )
    assert [client["client_id"] for client in args.client] == ["app", "pat"]
    with pytest.raises(SystemExit):
        parse_args(["--client", '{"client_id": "x", "client_secret": "s", "kind": "robot"}'])
    assert "not a client" in capsys.readouterr().err
    with pytest.raises(ValueError):
        Simulator(clients=[{"client_id": "x", "client_secret": "s", "user_level": "GOD"}])
