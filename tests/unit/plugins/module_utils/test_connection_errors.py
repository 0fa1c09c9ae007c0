"""A wrong base_url gets a message that names the URL tried and the likely fix, not a wrong diagnosis.

- https:// against a plain-HTTP server is not a CA problem;
- a 404 from /oauth/token (a path such as /beta in base_url) is not a bad secret;
- a host name that does not resolve is said so at once, without retries.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import AuthError, TransportError


def client(base_url, sim, waits):
    return IscClient(base_url, client_id=sim.client_id, client_secret=sim.client_secret, timeout=5, sleep=waits.append)


def test_https_against_a_plain_http_server_says_so_not_ca_path(simulator):
    waits = []
    https_url = simulator.base_url.replace("http://", "https://")

    with pytest.raises(TransportError) as error:
        client(https_url, simulator, waits).get("/v3/password-policies")

    message = error.value.msg
    assert "does not speak https there; check base_url (http:// or https://, and the port)" in message
    assert https_url + "/oauth/token" in message
    assert "ca_path" not in message
    assert waits == []  # final: a retry would fail the same way
    assert simulator.client_secret not in message


def test_404_from_the_token_endpoint_points_at_the_path_in_base_url(simulator):
    waits = []
    base_url = simulator.base_url + "/beta"

    with pytest.raises(AuthError) as error:
        client(base_url, simulator, waits).get("/v3/password-policies")

    message = error.value.msg
    assert "404" in message
    assert "No token endpoint at %s/oauth/token" % base_url in message
    assert "base_url must be the tenant's API host without a path" in message
    assert "check client_id and client_secret" not in message
    assert simulator.client_secret not in message


def test_a_host_that_does_not_resolve_is_named_and_not_retried(simulator):
    waits = []
    http = client("https://no-such-tenant.invalid", simulator, waits)

    with pytest.raises(TransportError) as error:
        http.get("/v3/password-policies")

    assert "the host 'no-such-tenant.invalid' of base_url does not resolve" in error.value.msg
    assert "https://no-such-tenant.invalid/oauth/token" in error.value.msg
    assert http.request_count == 1
    assert waits == []
