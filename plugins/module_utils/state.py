# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired versus current: the one place that normalises, compares and builds diffs.

Objects are compared in the modules' snake_case shape, after normalising each value by its
kind, so that what ISC returns (ints as strings, lists in any order, null for absent,
empty strings) never looks like a change.
"""

import datetime
import re
import unicodedata
from collections import namedtuple

from ansible.module_utils.parsing.convert_bool import boolean

# option: the module option; api: the ISC field; kind: int, bool, str, set; default: ISC's
# value when the field is absent or null.
Field = namedtuple("Field", "option api kind default")


_OPTION_TYPES = {"int": dict(type="int"), "bool": dict(type="bool"), "str": dict(type="str"), "set": dict(type="list", elements="str")}


def option_spec(field):
    """The AnsibleModule argument spec entry of a field."""
    return dict(_OPTION_TYPES[field.kind])


def normalise(value, kind):
    """The canonical form of a value, so that equal things compare equal."""
    if value is None:
        return None
    if kind == "int":
        return int(value)
    if kind == "bool":
        return boolean(value, strict=True)
    if kind == "str":
        return canonical(str(value)) if value != "" else None
    if kind == "set":
        return sorted(set(str(item) for item in list_items(value)))
    raise ValueError("unknown field kind %r" % kind)


def from_api(fields, obj):
    """The snake_case state of an API object: every field normalised, defaults for absent ones."""
    state = {}
    for field in fields:
        value = obj.get(field.api)
        state[field.option] = normalise(field.default if value is None else value, field.kind)
    return state


def to_api(fields, state):
    """The API body for a complete snake_case state."""
    return dict((field.api, state[field.option]) for field in fields)


def defaults(fields):
    """The state ISC gives a new object for every field the request leaves out."""
    return dict((field.option, normalise(field.default, field.kind)) for field in fields)


def apply(fields, current, wanted):
    """``current`` with the wanted values (normalised) put over it; the rest kept as it is."""
    kinds = dict((field.option, field.kind) for field in fields)
    desired = dict(current)
    for option, value in wanted.items():
        desired[option] = normalise(value, kinds[option])
    return desired


def differences(current, desired, options):
    """The options whose values differ, in the given order."""
    return [option for option in options if current.get(option) != desired.get(option)]


# ISO-8601 date-times in every form ISC sends: real tenants leave out zero seconds and milliseconds
# (2024-06-13T00:00Z), others send any number of fraction digits, an offset or none (read as UTC).
# datetime.fromisoformat reads only some of these before Python 3.11.
_ISO_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*(Z|z|[+-]\d\d(?::?\d\d)?)?")


def parse_datetime(text):
    """An aware datetime for an ISO-8601 date-time string in any of ISC's forms, or None when unreadable."""
    match = _ISO_DATETIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    zone_offset = datetime.timedelta(0)
    if zone and zone not in ("Z", "z"):
        digits = zone[1:].replace(":", "")
        zone_offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)) * (-1 if zone[0] == "-" else 1)
    try:
        moment = datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=datetime.timezone(zone_offset),
        )
    except ValueError:  # out of range: month 13, hour 25, an offset of a day or more
        return None
    return moment.astimezone(datetime.timezone.utc)


def iso8601(value):
    """ISO-8601 UTC with milliseconds (``2024-06-13T00:00:00.000Z``) for an API timestamp: epoch milliseconds
    (policies) or an ISO string in any of ISC's forms; a string that is no date is returned as it is."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and not value.isdigit():
        moment = parse_datetime(value)
        if moment is None:
            return value
    else:
        moment = datetime.datetime.fromtimestamp(int(value) / 1000.0, tz=datetime.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalise_word(word):
    """A dictionary word as ISC compares it: case does not count (ISC matches case-insensitively)."""
    return str(word).lower()


def word_set(words):
    """The canonical form of a list of dictionary words: sorted, lower case, each once."""
    return sorted(set(normalise_word(word) for word in words or ()))


def unique_words(words):
    """The words in their first spelling and order, without the repeats ISC would not count twice."""
    seen, kept = set(), []
    for word in words:
        key = normalise_word(word)
        if key not in seen:
            seen.add(key)
            kept.append(word)
    return kept


def word_changes(before, after):
    """(added, removed): the normalised words only in ``after``, and those only in ``before``."""
    old, new = set(word_set(before)), set(word_set(after))
    return sorted(new - old), sorted(old - new)


def canonical(text):
    """Text in Unicode NFC, as names are compared and written: "Café" typed as one é or as e + a combining
    accent is one name, not two objects side by side."""
    return unicodedata.normalize("NFC", text) if isinstance(text, str) else text


# Unicode's control (Cc: NUL, BEL, BS, ESC, tab, new line...) and invisible format characters (Cf: the
# zero-width space U+200B, a byte order mark U+FEFF, the soft hyphen...): in a name or a dictionary word
# they make two strings that look the same.
INVISIBLE_CATEGORIES = ("Cc", "Cf")


def invisible_character(text):
    """The first control or invisible character of ``text``, described (``U+200B ZERO WIDTH SPACE``), or None."""
    for char in text:
        if unicodedata.category(char) in INVISIBLE_CATEGORIES:
            return "U+%04X %s" % (ord(char), unicodedata.name(char, "(a control character)"))
    return None


def list_items(value):
    """The items of a list option: a list, or one string of comma-separated items; each item trimmed.

    The one rule for every list option of the collection (the modules' and the role's items'):
    ``words: "acme, password"`` and ``sources: "Okta, ServiceNow"`` mean two items each. Ansible
    itself splits such a string on commas for a module but keeps the spaces; trimmed here, for every
    item of a list too. Anything else that is not a list is returned as it is, for the caller to refuse.
    """
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        return value
    return [item.strip() if isinstance(item, str) else item for item in value]


def booleans_for_numbers(spec, params, prefix=""):
    """The int options (suboptions too, by their path) that ``params`` sets to a boolean, after Ansible's checks.

    Ansible's int type lets true and false through unchanged (a bool is a Python int), so
    ``digit_token_duration_minutes: true`` would be sent as 1. Booleans are not numbers: the modules
    (connection.run_module) and the role's items (plan.validate_items) refuse them with this.
    """
    found = []
    for option, option_spec in spec.items():
        value = (params or {}).get(option)
        if option_spec.get("type") == "int" and isinstance(value, bool):
            found.append(prefix + option)
        elif option_spec.get("options") and isinstance(value, dict):
            found += booleans_for_numbers(option_spec["options"], value, prefix + option + ".")
    return found


def boolean_number_message(options):
    """The failure for ``booleans_for_numbers``: each option, and the rule."""
    return "%s must be a whole number, not a boolean: true and false are not taken as 1 and 0" % " and ".join(options)
