"""The getting-started guide's table of PAT scopes names a scope for every operation the collection calls.

The scopes come from SailPoint's OpenAPI files (make sets ISC_OPENAPI_SPEC and ISC_OPENAPI_SPEC_V1; see
CONTRIBUTING.md): for each operation, one of the scopes its `userAuth` security accepts must be in the table.
"""

import os
import re
from pathlib import Path

import pytest
import yaml

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "docsite" / "rst" / "guide_getting_started.rst"
METHODS = ("get", "post", "put", "patch", "delete")
# Operations of the files that the collection never calls (it sets a source's policy through the policy).
UNUSED = re.compile(r"^/sources/v1/\{[^}]+\}/password-policies$")


FILES = {"ISC_OPENAPI_SPEC": "isc-v3-password-subset.yaml", "ISC_OPENAPI_SPEC_V1": "isc-v1-password-subset.yaml"}


def spec(variable):
    """The OpenAPI file: $variable, else shared/sailpoint-api/ in a folder above the collection (as make finds it)."""
    found = [folder / "shared" / "sailpoint-api" / FILES[variable] for folder in GUIDE.parents]
    path = os.environ.get(variable) or next((str(candidate) for candidate in found if candidate.exists()), None)
    if not path or not os.path.exists(path):
        pytest.fail("%s must name SailPoint's OpenAPI file (make sets it; see CONTRIBUTING.md), got %r" % (variable, path))
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def user_scopes():
    """{(method, path): the scopes userAuth accepts}, for every operation the collection calls, on both versions."""
    operations = {}
    for variable in ("ISC_OPENAPI_SPEC", "ISC_OPENAPI_SPEC_V1"):
        for path, item in spec(variable)["paths"].items():
            for method in METHODS:
                security = (item.get(method) or {}).get("security") or []
                scopes = [scope for requirement in security for scope in requirement.get("userAuth", [])]
                if scopes and not UNUSED.match(path):
                    operations[(method.upper(), path)] = scopes
    return operations


def scopes_table():
    """The scopes of the guide's list-table (its first column)."""
    table = GUIDE.read_text(encoding="utf-8").split(".. list-table::", 1)[1].split("\n4. ", 1)[0]
    return set(re.findall(r"``(idn:[a-z-]+:[a-z]+)``", table))


def test_the_table_has_a_scope_for_every_operation_the_collection_calls():
    operations, table = user_scopes(), scopes_table()
    assert ("GET", "/password-dictionary/v1") in operations and ("PUT", "/password-org-config/v1") in operations
    missing = sorted("%s %s (one of %s)" % (method, path, ", ".join(scopes)) for (method, path), scopes in operations.items() if not table & set(scopes))
    assert missing == []


def test_the_guide_says_the_dictionary_needs_an_org_admin_pat():
    # The contract: the dictionary's operations accept only userAuth, and of users only ORG_ADMIN.
    dictionary = spec("ISC_OPENAPI_SPEC_V1")["paths"]["/password-dictionary/v1"]
    assert all(not any("applicationAuth" in requirement for requirement in dictionary[method]["security"]) for method in ("get", "put"))
    assert all(dictionary[method]["x-sailpoint-userLevels"] == ["ORG_ADMIN"] for method in ("get", "put"))
    text = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "ISC serves it, even to read, only to a PAT of an ORG_ADMIN user" in text
