"""Defects found in review: each fails on the code before the fix."""

from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import plan
from ansible_collections.sailpoint_community.isc.plugins.modules import password_policy, password_policy_info


def test_a_policy_write_is_not_failed_by_the_dictionary_check_after_it(simulator, run_module):
    # A token without the dictionary's read scope: the GET after the write answers 403.
    simulator.add_faults([{"method": "GET", "path": "/v3/password-dictionary", "status": 403, "times": 5}])

    result = run_module(password_policy, dict(name="Uses the dictionary", use_dictionary=True))

    assert result.get("failed") is not True, result
    assert result["changed"] is True
    assert [policy["name"] for policy in simulator.state()["policies"] if policy["name"] == "Uses the dictionary"] == ["Uses the dictionary"]
    assert any("Could not check whether the tenant has a password dictionary" in text for text in result["warning_texts"]), result
    assert simulator.client_secret not in str(result)


def test_info_takes_a_false_default_policy_next_to_a_name(simulator, run_module):
    result = run_module(password_policy_info, dict(name="Default", default_policy=False))

    assert result.get("failed") is not True, result
    assert [policy["name"] for policy in result["password_policies"]] == ["Default"]


def test_info_refuses_a_true_default_policy_next_to_a_name(simulator, run_module):
    result = run_module(password_policy_info, dict(name="Default", default_policy=True))

    assert result["failed"] is True
    assert result["msg"] == "parameters are mutually exclusive: default_policy=true|name"


def test_the_plan_filter_reports_items_that_are_not_dicts_instead_of_crashing():
    tenant = {"policies": [], "sync_groups": [], "sources": []}

    result = plan(tenant, policies=["Corporate", {"name": ["a", "list"]}])

    texts = [error["text"] for error in result["errors"]]
    assert texts[0] == "password_config_policies[0], password policy None: must be a dict of options, got str"


def test_a_server_that_ignores_offset_ends_the_listing_with_an_error_not_a_loop(simulator):
    import pytest

    from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient, Response
    from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError

    client = IscClient(simulator.base_url, client_id=simulator.client_id, client_secret=simulator.client_secret)
    page = [{"id": "%032d" % number, "name": "P%d" % number} for number in range(250)]
    calls = []

    def same_page_always(path, query=None, headers=None):
        calls.append(query["offset"])
        return Response(200, {}, list(page))  # no X-Total-Count, offset ignored

    client.get = same_page_always
    with pytest.raises(ApiError) as error:
        client.list_all("/v3/password-policies")
    assert "sent the page at offset 250 again" in error.value.msg
    assert calls == [0, 250]
