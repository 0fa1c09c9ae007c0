"""The source lookups send only filters a real tenant honours (the simulator's source_filters quirk, on by
default, answers 400 to the documented pairs a recorded tenant refused)."""

import pytest
from isc_simulator.filters import TENANT_SOURCE_FILTERS, compile_filter

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import IscClient
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import Sources


@pytest.mark.parametrize("version", ("v3", "v1"))
def test_source_lookups_use_only_filters_a_tenant_accepts(simulator, version):
    assert simulator.config()["quirks"]["source_filters"]
    client = IscClient(simulator.base_url, client_id=simulator.client_id, client_secret=simulator.client_secret, api_version=version)
    sources = Sources(client)
    by_name = sources.find("name", ["Okta", 'R&D "EU" #1', "IdentityNow"])
    assert sorted(source["name"] for source in by_name) == ["IdentityNow", "Okta", 'R&D "EU" #1']
    by_id = sources.find("id", [source["id"] for source in by_name])
    assert sorted(source["id"] for source in by_id) == sorted(source["id"] for source in by_name)
    sent = [
        entry["query"]["filters"][0] if isinstance(entry["query"]["filters"], list) else entry["query"]["filters"]
        for entry in simulator.journal()["requests"]
        if "filters" in entry["query"]
    ]
    assert {expression.split()[0] for expression in sent} == {"name", "id"}
    for expression in sent:
        compile_filter(expression, TENANT_SOURCE_FILTERS)  # raises on a pair a tenant refuses
