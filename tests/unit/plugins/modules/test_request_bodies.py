"""What the modules send never leans on an answer ISC does not document (issue 25, points 8 and 9).

The simulator takes one side of each undocumented case (simulator/README.md, "Behaviour decided where
SailPoint documents nothing"); these tests prove the collection works whichever side a tenant takes:
- bodies always go as JSON with their Content-Type (a body without one is a 415; every write here succeeds);
- lists are sent as lists and the org settings' numbers as numbers, never null (a tenant may or may not take null);
- a policy's dateCreated goes back as the integer it was read as, on both versions (SDK 1.4.2 sends an ISO
  string; a v1 tenant, whose contract declares an integer, may refuse that);
- no request with an empty filters= (a 400), so no source lookup when no source is named.
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ApiError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import Sources
from ansible_collections.sailpoint_community.isc.plugins.modules import password_org_config, password_policy

VERSIONS = pytest.mark.parametrize("version", ["v3", "v1"])


def write_bodies(sim, since):
    return [
        (entry["method"], entry["body"]) for entry in sim.journal(since)["requests"] if entry["method"] in ("POST", "PUT") and entry["path"] != "/oauth/token"
    ]


@VERSIONS
def test_policy_writes_send_lists_and_the_read_dates_back_as_integers(simulator, run_module, version):
    since = simulator.journal()["last_seq"]
    run_module(password_policy, dict(name="Bodies", min_length=10, api_version=version))
    run_module(password_policy, dict(name="Bodies", min_length=12, api_version=version))
    (post, post_body), (put, put_body) = write_bodies(simulator, since)
    assert (post, put) == ("POST", "PUT")
    assert post_body["sourceIds"] == [] and put_body["sourceIds"] == []
    assert isinstance(put_body["dateCreated"], int) and not isinstance(put_body["dateCreated"], bool)
    assert None not in [value for key, value in put_body.items() if key not in ("description", "lastUpdated", "created", "modified")]


@VERSIONS
def test_org_config_first_post_sends_every_field_as_a_value(simulator, run_module, version):
    since = simulator.journal()["last_seq"]
    run_module(password_org_config, dict(digit_token_length=9, api_version=version))
    ((method, body),) = write_bodies(simulator, since)
    assert method == "POST"
    assert set(body) == {"customInstructionsEnabled", "digitTokenDurationMinutes", "digitTokenEnabled", "digitTokenLength"}
    assert None not in body.values() and body["digitTokenLength"] == 9


@VERSIONS
def test_no_source_named_sends_no_empty_filter(simulator, version):
    client = IscClient(simulator.base_url, client_id=simulator.client_id, client_secret=simulator.client_secret, api_version=version)
    since = simulator.journal()["last_seq"]
    assert Sources(client).find("name", []) == [] and Sources(client).find("id", []) == []
    assert [entry["path"] for entry in simulator.journal(since)["requests"]] == []
    # What an empty filters= would get, where an empty count= is read as false.
    with pytest.raises(ApiError) as error:
        client.get(Sources(client).path, {"filters": ""})
    assert error.value.status == 400
    assert client.get(Sources(client).path, {"count": ""}).status == 200
