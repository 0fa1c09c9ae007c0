"""Fixtures of the simulator's tests: simulators, authenticated HTTP clients, SailPoint's OpenAPI file."""

import os
from pathlib import Path

import pytest
import requests
import yaml

pytest_plugins = ["isc_simulator.pytest_plugin", "pytester"]

SPEC_IN_SHARED = Path("shared", "sailpoint-api", "isc-v3-password-subset.yaml")


class Api:
    """A requests session for one simulator and one client; asks for identity encoding like a good client."""

    def __init__(self, sim, client_id=None, client_secret=None):
        self.sim = sim
        self.client_id = client_id or sim.client_id
        self.client_secret = client_secret or sim.client_secret
        self.session = requests.Session()
        self.session.headers["Accept-Encoding"] = "identity"
        self.access_token = None

    def token_response(self, **form):
        data = {"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.client_secret}
        data.update(form)
        return self.session.post(self.sim.base_url + "/oauth/token", data=data, timeout=10)

    def login(self):
        response = self.token_response()
        assert response.status_code == 200, response.text
        self.access_token = response.json()["access_token"]
        return self

    def request(self, method, path, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.access_token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.access_token}"
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.sim.base_url + path, headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def close(self):
        self.session.close()


@pytest.fixture
def make_api():
    """Make logged-in (or, with login=False, anonymous) clients; sessions are closed at teardown."""
    clients = []

    def make(sim, client_id=None, client_secret=None, login=True):
        api = Api(sim, client_id, client_secret)
        clients.append(api)
        return api.login() if login else api

    yield make
    for api in clients:
        api.close()


@pytest.fixture
def api(simulator, make_api):
    """A user-context client of the default simulator, with a token."""
    return make_api(simulator)


def _source_id(sim, name):
    return next(source["id"] for source in sim.state()["sources"] if source["name"] == name)


def _assert_error_dto(response, status, detail_code):
    """Check an ErrorResponseDto response; returns its message texts."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json;charset=utf-8"
    assert int(response.headers["Content-Length"]) == len(response.content)
    body = response.json()
    assert body["detailCode"] == detail_code
    assert len(body["trackingId"]) == 32 and int(body["trackingId"], 16) >= 0
    assert body["messages"] and body["messages"][0]["locale"] == "en-US"
    assert body["messages"][0]["localeOrigin"] == "DEFAULT"
    assert body["causes"] == []
    return " ".join(message["text"] for message in body["messages"])


@pytest.fixture
def source_id():
    """source_id(sim, name) -> the id of a seeded source."""
    return _source_id


@pytest.fixture
def error_dto():
    """error_dto(response, status, detailCode) asserts an ErrorResponseDto and returns its texts."""
    return _assert_error_dto


@pytest.fixture(scope="session")
def openapi_spec_path():
    """SailPoint's OpenAPI subset: $ISC_OPENAPI_SPEC, else shared/sailpoint-api/ in a folder above this one."""
    hint = "Set ISC_OPENAPI_SPEC to the path of isc-v3-password-subset.yaml (make sets it to ../shared/sailpoint-api/...)."
    if os.environ.get("ISC_OPENAPI_SPEC"):
        path = Path(os.environ["ISC_OPENAPI_SPEC"])
        if not path.is_file():
            pytest.fail(f"ISC_OPENAPI_SPEC={path} does not exist. {hint}")
        return path
    for directory in Path(__file__).resolve().parents:
        if (directory / SPEC_IN_SHARED).is_file():
            return directory / SPEC_IN_SHARED
    return pytest.skip(f"SailPoint's OpenAPI file was not found. {hint}")


V1_BUNDLE = "isc-v1-password-subset.yaml"


@pytest.fixture(scope="session")
def v1_openapi_document(openapi_spec_path):
    """SailPoint's v1 subset, parsed: $ISC_OPENAPI_SPEC_V1, else next to the V3 file. Missing is a failure, not a skip."""
    path = Path(os.environ.get("ISC_OPENAPI_SPEC_V1") or openapi_spec_path.with_name(V1_BUNDLE))
    if not path.is_file():
        pytest.fail(f"SailPoint's v1 OpenAPI file {path} was not found: set ISC_OPENAPI_SPEC_V1 (make sets it).")
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
