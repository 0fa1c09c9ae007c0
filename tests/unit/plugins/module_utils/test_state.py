"""Normalising and comparing: what ISC returns must never look like a change."""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.policy import FIELDS


@pytest.mark.parametrize(
    "value, kind, expected",
    [
        ("8", "int", 8),
        (8, "int", 8),
        ("true", "bool", True),
        (False, "bool", False),
        ("", "str", None),
        ("x", "str", "x"),
        (["b", "a", "b"], "set", ["a", "b"]),
        (None, "int", None),
    ],
)
def test_normalise(value, kind, expected):
    assert st.normalise(value, kind) == expected


def test_normalise_rejects_a_non_boolean():
    with pytest.raises(TypeError):
        st.normalise("maybe", "bool")


def test_from_api_fills_isc_defaults_for_absent_and_null_fields():
    state = st.from_api(FIELDS, {"name": "P", "minLength": None, "sourceIds": ["b", "a"]})
    assert state["min_length"] == 0
    assert state["min_character_types"] == -1
    assert state["expiration_days"] == 90
    assert state["expiration_reminder_days"] == 0  # ISC's default (the V3 list example's null reads the same)
    assert state["use_dictionary"] is False
    assert state["source_ids"] == ["a", "b"]


def test_int_strings_and_list_order_are_not_a_difference():
    current = st.from_api(FIELDS, {"name": "P", "minLength": "12", "sourceIds": ["s2", "s1"]})
    desired = st.apply(FIELDS, current, {"min_length": 12, "source_ids": ["s1", "s2"]})
    assert st.differences(current, desired, ["min_length", "source_ids"]) == []


def test_differences_lists_only_changed_options_in_order():
    current = st.from_api(FIELDS, {"name": "P", "minLength": 8, "maxLength": 20})
    desired = st.apply(FIELDS, current, {"max_length": 30, "min_length": 8, "name": "P"})
    assert st.differences(current, desired, ["name", "min_length", "max_length"]) == ["max_length"]


def test_apply_keeps_unmanaged_values():
    current = st.from_api(FIELDS, {"name": "P", "minLength": 8, "useDictionary": True})
    desired = st.apply(FIELDS, current, {"min_length": 10})
    assert desired["use_dictionary"] is True and desired["min_length"] == 10


def test_to_api_round_trips_every_field():
    state = st.defaults(FIELDS)
    state.update(name="P", source_ids=["a"])
    assert st.from_api(FIELDS, st.to_api(FIELDS, state)) == state


@pytest.mark.parametrize(
    "value, expected",
    [
        (1639056206564, "2021-12-09T13:23:26.564Z"),
        ("1639056206564", "2021-12-09T13:23:26.564Z"),
        ("2023-03-16T04:00:00Z", "2023-03-16T04:00:00.000Z"),
        # the forms real tenants send: zero seconds and milliseconds left out
        ("2024-06-13T00:00Z", "2024-06-13T00:00:00.000Z"),
        ("2024-06-13T10:20:30Z", "2024-06-13T10:20:30.000Z"),
        ("2024-06-13T10:20:30.5Z", "2024-06-13T10:20:30.500Z"),
        ("2024-06-13T10:20:30.123456789Z", "2024-06-13T10:20:30.123Z"),
        ("2024-06-13T10:20:30.123z", "2024-06-13T10:20:30.123Z"),
        ("2024-06-13T12:20+02:00", "2024-06-13T10:20:00.000Z"),
        ("2024-06-13T08:20:30.1-0200", "2024-06-13T10:20:30.100Z"),
        ("2024-06-13T10:20:30", "2024-06-13T10:20:30.000Z"),  # no zone: UTC
        ("2024-06-13 10:20:30Z", "2024-06-13T10:20:30.000Z"),
        # not dates: shown as they are
        ("2024-13-01T00:00Z", "2024-13-01T00:00Z"),
        ("yesterday", "yesterday"),
        ("", None),
        (None, None),
    ],
)
def test_iso8601(value, expected):
    assert st.iso8601(value) == expected


def test_option_spec_types():
    specs = dict((field.option, st.option_spec(field)) for field in FIELDS)
    assert specs["min_length"] == {"type": "int"}
    assert specs["source_ids"] == {"type": "list", "elements": "str"}
    assert specs["use_dictionary"] == {"type": "bool"}
