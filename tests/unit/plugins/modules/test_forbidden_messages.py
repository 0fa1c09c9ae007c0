"""What a module shows when the tenant refuses a right (HTTP 403): the right it needs, from errors.RIGHTS.

The simulator refuses as ISC does, per operation of the contracts: a 403 ErrorResponseDto that does not say
which right is missing, so the words naming the right can only come from the collection.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import FORBIDDEN_WRITE_HINT, RIGHTS
from ansible_collections.sailpoint_community.isc.plugins.modules import password_dictionary_info, password_policy

VERSIONS = ("v3", "v1")


def writes(sim):
    return [entry for entry in sim.journal()["requests"] if entry["method"] in ("POST", "PUT", "DELETE") and entry["path"] != "/oauth/token"]


@pytest.mark.parametrize("version", VERSIONS)
def test_dictionary_info_with_an_api_client_token_names_the_pat_it_needs(run_module, simulator, version):
    simulator.add_client("api-client", "api-secret", kind="application")  # every scope, but no user
    result = run_module(password_dictionary_info, {"client_id": "api-client", "client_secret": "api-secret", "api_version": version})
    assert result["exit_code"] == 1 and result["status"] == 403, result
    assert "failed with HTTP 403 (403 Forbidden)" in result["msg"]
    assert "A permission problem, not a wrong input" in result["msg"]
    assert RIGHTS["password-dictionary"][0] in result["msg"], result["msg"]


@pytest.mark.parametrize("version", VERSIONS)
def test_policy_write_with_a_read_only_pat_names_the_write_scope_and_writes_nothing(run_module, simulator, version):
    simulator.add_client("reader", "reader-secret", scopes=["idn:password-policy:read", "idn:sources:read"])
    args = {"client_id": "reader", "client_secret": "reader-secret", "api_version": version, "name": "Refused", "min_length": 12}
    result = run_module(password_policy, args)
    assert result["exit_code"] == 1 and result["status"] == 403, result
    assert result["msg"].startswith("POST /"), result["msg"]
    assert FORBIDDEN_WRITE_HINT in result["msg"] and RIGHTS["password-policies"][1] in result["msg"], result["msg"]
    assert [entry["status"] for entry in writes(simulator)] == [403]
    assert [policy["name"] for policy in simulator.state()["policies"]] == ["Default"]


def test_the_default_client_is_an_org_admin_pat_that_may_do_both(run_module, simulator):
    simulator.seed({"password_dictionary": "locale=en_US\nacme\n"})
    assert run_module(password_dictionary_info, {})["exit_code"] == 0
    assert run_module(password_policy, {"name": "Allowed", "min_length": 12})["changed"]
