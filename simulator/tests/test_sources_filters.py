"""GET /v3/sources filters as a recorded real tenant answers them (quirk source_filters, on by default), and
the contract's documented table behind the idealised switch.

The record: SailPoint's api-schema-validator run against a live tenant (mockCoverageReport.json): 18 documented
field/operator pairs not honoured, 6 undocumented `le`/`lt` pairs honoured.
"""

import pytest
from isc_simulator.filters import SOURCE_FILTERS, TENANT_REJECTED_SOURCE_FILTERS, TENANT_SOURCE_FILTERS, TENANT_UNDOCUMENTED_SOURCE_FILTERS

REJECTED = [(field, op) for field, ops in TENANT_REJECTED_SOURCE_FILTERS.items() for op in ops.split()]
UNDOCUMENTED = [(field, op) for field, ops in TENANT_UNDOCUMENTED_SOURCE_FILTERS.items() for op in ops.split()]
VALUES = {"created": "2023-06-01T00:00:00Z", "modified": "2023-06-01T00:00:00Z"}


def expression(field, op):
    if op == "isnull":
        return f"{field} isnull"
    value = VALUES.get(field, '"M"')
    return f"{field} in ({value})" if op == "in" else f"{field} {op} {value}"


def test_the_record_has_18_rejected_documented_pairs_and_6_accepted_undocumented_ones():
    assert len(REJECTED) == 18 and len(UNDOCUMENTED) == 6
    assert all(op in SOURCE_FILTERS[field].split() for field, op in REJECTED)  # all documented
    assert not any(op in SOURCE_FILTERS[field].split() for field, op in UNDOCUMENTED)
    assert all(op not in TENANT_SOURCE_FILTERS[field].split() for field, op in REJECTED)


@pytest.mark.parametrize("field, op", REJECTED)
def test_documented_pairs_a_tenant_rejects_are_400_by_default(api, error_dto, field, op):
    response = api.get("/v3/sources", params={"filters": expression(field, op)})
    assert f"Operator {op!r} is not supported for field {field!r}" in error_dto(response, 400, "400.1 Bad Request Content")
    # Also inside a larger expression, and on the v1 path.
    combined = api.get("/sources/v1", params={"filters": f'name eq "Okta" or {expression(field, op)}'})
    error_dto(combined, 400, "400.1 Bad Request Content")


@pytest.mark.parametrize("field, op", UNDOCUMENTED)
def test_undocumented_le_lt_pairs_a_tenant_accepts_work_by_default(api, field, op):
    response = api.get("/v3/sources", params={"filters": f'{field} {op} "M"'})
    assert response.status_code == 200, response.text
    values = [source[field] for source in response.json()]
    assert values and all(value.casefold() < "m" or (op == "le" and value.casefold() == "m") for value in values)


@pytest.mark.isc_sim_quirks(False)  # the idealised switch: the contract's table, as documented
@pytest.mark.parametrize("field, op", REJECTED + UNDOCUMENTED)
def test_idealised_follows_the_documented_table(api, field, op):
    status = api.get("/v3/sources", params={"filters": expression(field, op)}).status_code
    assert status == (200 if (field, op) in REJECTED else 400)


def test_the_quirk_switches_alone(api):
    assert api.get("/v3/sources", params={"filters": "name isnull"}).status_code == 400
    api.sim.configure(quirks={"source_filters": False})
    assert api.get("/v3/sources", params={"filters": "name isnull"}).json() == []
    assert api.get("/v3/sources", params={"filters": 'name lt "M"'}).status_code == 400


def test_filters_the_collection_sends_work_on_a_tenant(api):
    found = api.get("/v3/sources", params={"filters": 'name in ("Okta","GitHub")', "includeIDNSource": "true"}).json()
    assert sorted(source["name"] for source in found) == ["GitHub", "Okta"]
    ids = [source["id"] for source in found]
    assert len(api.get("/v3/sources", params={"filters": 'id in ("%s")' % '","'.join(ids)}).json()) == 2
