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


# The simulator's operations (handler names) by the service whose text errors.RIGHTS holds.
SERVICE_OF = {
    "password-policies": ("list_policies", "get_policy", "create_policy", "update_policy", "delete_policy"),
    "password-sync-groups": ("list_groups", "get_group", "create_group", "update_group", "delete_group"),
    "sources": ("list_sources",),
    "password-org-config": ("get_org_config", "create_org_config", "update_org_config"),
    "password-dictionary": ("get_dictionary", "put_dictionary"),
}
# A PAT reading one policy by id needs ORG_ADMIN, listing them does not: the read text follows the listing,
# which is how the collection reads policies (test_errors.py keeps ORG_ADMIN out of it).
LEVELS_NOT_NAMED = {"get_policy"}


def test_the_rights_the_messages_name_are_those_the_tenant_checks():
    # errors.RIGHTS (one text per service, read and write) names every scope and, for reads, every user level
    # and the API-client refusal that the contracts require (the simulator's table, checked against them).
    from isc_simulator.rights import RIGHTS as CONTRACT

    assert sorted(name for names in SERVICE_OF.values() for name in names) == sorted(CONTRACT)
    for service, names in SERVICE_OF.items():
        for name in names:
            right = CONTRACT[name]
            write = name.split("_", 1)[0] in ("create", "update", "delete", "put")
            text = RIGHTS[service][1 if write else 0]
            assert any(scope in text for scope in right.user), (name, text)
            if not write and name not in LEVELS_NOT_NAMED:
                assert all(level in text for level in right.levels or ()), (name, text)
                assert right.application is not None or "API clients cannot" in text, (name, text)
