"""Names to objects: exact matches, all unknown names at once, ambiguity listed with ids."""

import re

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import SourceDirectory, one_by_name, resolve_names
from ansible_collections.sailpoint_community.isc.plugins.module_utils.memory import InMemoryTenant
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import Sources

ITEMS = [
    {"id": "1", "name": "Active Directory"},
    {"id": "2", "name": "GitHub"},
    {"id": "3", "name": "Dup"},
    {"id": "4", "name": "Dup"},
    {"id": "5", "name": 'R&D "EU" #1'},
]


def parse_in_filter(expression):
    """The inverse of the filters Sources.find builds: ``field in ("a","b")`` → ("field", ["a", "b"])."""
    match = re.match(r"^(\w+) in \((.*)\)$", expression)
    return match.group(1), [re.sub(r"\\(.)", r"\1", value) for value in re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(2))]


class SourcesClient:
    """Answers Sources' list_all over ITEMS, applying its filter, and records each request."""

    api_version = "v3"

    def __init__(self, items):
        self.items = items
        self.calls = []

    def list_all(self, path, query=None, headers=None):
        self.calls.append((path, dict(query or {})))
        if query and query.get("filters"):
            field, values = parse_in_filter(query["filters"])
            return [dict(item) for item in self.items if item.get(field) in values]
        return [dict(item) for item in self.items]


def test_resolve_names_maps_each_name():
    found = resolve_names(ITEMS, ["GitHub", "Active Directory"], "source", "sources")
    assert {name: item["id"] for name, item in found.items()} == {"GitHub": "2", "Active Directory": "1"}


def test_resolve_names_lists_every_unknown_name_with_a_case_hint():
    with pytest.raises(ValidationError) as error:
        resolve_names(ITEMS, ["github", "Nope", "Active Directory"], "source", "sources")
    assert error.value.details["option"] == "sources"
    assert "'github', 'Nope'" in error.value.msg
    assert "(names are case-sensitive; did you mean 'GitHub'?)" in error.value.msg


def test_unknown_names_get_the_closest_existing_names():
    with pytest.raises(ValidationError) as error:
        resolve_names(ITEMS, ["Active Directroy", "Githbu", "Zzz"], "source", "sources")
    assert error.value.msg == "sources: no source named 'Active Directroy', 'Githbu', 'Zzz' (did you mean 'Active Directory' or 'GitHub'?)"


def test_source_directory_suggests_from_every_source_after_an_unknown_name():
    tenant = InMemoryTenant(sources=ITEMS)
    directory = SourceDirectory(tenant.sources)
    with pytest.raises(ValidationError) as error:
        directory.resolve(["Active Directroy"])
    assert "did you mean 'Active Directory'?" in error.value.msg
    assert tenant.calls == [("sources", "find"), ("sources", "list")]  # the filtered lookup, then (only on this failure) the list of names


def test_resolve_names_reports_ambiguous_names_with_ids():
    with pytest.raises(ValidationError) as error:
        resolve_names(ITEMS, ["Dup"], "source", "sources")
    assert "'Dup' (ids: 3, 4)" in error.value.msg
    assert "give the ones you mean by id instead" in error.value.msg


def test_one_by_name():
    assert one_by_name(ITEMS, "GitHub", "source")["id"] == "2"
    assert one_by_name(ITEMS, "github", "source") is None
    with pytest.raises(ValidationError) as error:
        one_by_name(ITEMS, "Dup", "password policy")
    assert "'Dup' matches 2 password policies (ids: 3, 4)" in error.value.msg
    assert error.value.details["option"] == "name"


def test_source_directory_resolves_names_with_special_characters_in_one_request():
    client = SourcesClient(ITEMS)
    directory = SourceDirectory(Sources(client))
    assert directory.resolve(['R&D "EU" #1', "GitHub"]) == ["5", "2"]
    assert len(client.calls) == 1
    assert directory.names(["2", "5"]) == ["GitHub", 'R&D "EU" #1']


def test_source_directory_fetches_only_unknown_ids():
    client = SourcesClient(ITEMS)
    directory = SourceDirectory(Sources(client))
    directory.resolve(["GitHub"])
    assert directory.names(["1", "2"]) is None
    directory.fetch(["1", "2", "missing"])
    assert client.calls[-1][1] == {"filters": 'id in ("1","missing")', "includeIDNSource": "true"}
    assert directory.names(["1", "2"]) == ["Active Directory", "GitHub"]
