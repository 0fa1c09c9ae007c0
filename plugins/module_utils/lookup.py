# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names to objects: exact matching, with errors that list what is unknown or ambiguous.

ISC does not promise unique names, so a name that matches two objects is an error that
lists their ids rather than a guess. A name that matches nothing gets the closest existing names.
"""

import difflib

from ansible_collections.sailpoint_community.isc.plugins.module_utils import state as st
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError


def plural(noun):
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def name_list(value, option="sources"):
    """A list of names by the collection's rule for list options (state.list_items): a list, or one
    string of comma-separated names; each name trimmed."""
    names = st.list_items(value)
    if not isinstance(names, list):
        raise ValidationError("%s must be a list of names (got %s)" % (option, type(value).__name__), option=option)
    return names


def same_name(a, b):
    """Whether two names are the same name: exactly, after Unicode normalisation (state.canonical)."""
    return st.canonical(a) == st.canonical(b)


def one_by_name(items, name, noun, option="name", id_option="id"):
    """The single item named ``name`` (state.canonical: é as one character or two is one name); None if there is none."""
    matches = [item for item in items if same_name(item.get("name"), name)]
    if len(matches) > 1:
        raise ValidationError(
            "%s: %r matches %d %s (ids: %s); names are not unique in ISC, so give the one you mean "
            "by %s" % (option, name, len(matches), plural(noun), ", ".join(m["id"] for m in matches), id_option),
            option=option,
        )
    return matches[0] if matches else None


def resolve_names(items, names, noun, option, id_option="id"):
    """{name: item} for every name, each matching exactly one item.

    All unknown names are reported together (with the closest existing names), then all ambiguous ones.
    """
    by_name = {}
    for item in items:
        by_name.setdefault(st.canonical(item.get("name")), []).append(item)
    names = [st.canonical(name) for name in names]
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise UnknownNameError(option, noun, unknown, [name for name in by_name if name is not None])
    ambiguous = ["%r (ids: %s)" % (name, ", ".join(item["id"] for item in by_name[name])) for name in names if len(by_name[name]) > 1]
    if ambiguous:
        raise ValidationError(
            "%s: these names match several %s: %s; give the ones you mean by %s instead" % (option, plural(noun), "; ".join(ambiguous), id_option),
            option=option,
        )
    return dict((name, by_name[name][0]) for name in names)


class UnknownNameError(ValidationError):
    """Names that match nothing; ``with_suggestions`` adds the closest existing names once they are known."""

    def __init__(self, option, noun, unknown, existing=None):
        self.noun = noun
        self.unknown = list(unknown)
        hint = suggestions(self.unknown, existing or [])
        names = ", ".join(repr(name) for name in self.unknown)
        super().__init__("%s: no %s named %s%s" % (option, noun, names, hint), option=option)

    def with_suggestions(self, existing):
        return UnknownNameError(self.details["option"], self.noun, self.unknown, existing)


def suggestions(unknown, existing):
    """' (did you mean ...?)' with the closest existing names, or ''.

    Names are compared case-insensitively (difflib), and a hint that differs only by case says so.
    """
    folded = {}
    for name in existing:
        if isinstance(name, str):
            folded.setdefault(name.casefold(), name)
    close = []
    for name in unknown:
        for match in difflib.get_close_matches(str(name).casefold(), list(folded), n=3, cutoff=0.75):
            if folded[match] not in close:
                close.append(folded[match])
    if not close:
        return ""
    case_only = any(str(name).casefold() in folded for name in unknown)
    return " (%sdid you mean %s?)" % ("names are case-sensitive; " if case_only else "", " or ".join(repr(name) for name in close))


def closest_option(unknown, options):
    """The known option closest to an unknown one (a typo such as digit_token_lenght), or None."""
    close = difflib.get_close_matches(str(unknown), [str(option) for option in options], n=1, cutoff=0.6)
    return close[0] if close else None


class SourceDirectory:
    """Sources a run has seen, by id: resolves names with one filtered request, fills in names for ids."""

    def __init__(self, sources_api):
        self._api = sources_api
        self.by_id = {}

    def resolve(self, names, option="sources"):
        """The ids of the sources named ``names`` (in that order)."""
        names = name_list(names, option)
        try:
            found = resolve_names(self._api.find("name", [st.canonical(name) for name in names]), names, "source", option, "source_ids")
        except UnknownNameError as exc:
            # Only on this failure path: read every source's name, for the suggestions.
            raise exc.with_suggestions([source.get("name") for source in self._api.list()]) from None
        self.remember(found.values())
        return [found[st.canonical(name)]["id"] for name in names]

    def fetch(self, ids):
        """The source objects for ``ids`` (one request for those not seen yet); unknown ids are left out."""
        missing = [source_id for source_id in ids if source_id not in self.by_id]
        if missing:
            self.remember(self._api.find("id", missing))
        return [self.by_id[source_id] for source_id in ids if source_id in self.by_id]

    def remember(self, sources):
        for source in sources:
            self.by_id[source["id"]] = source

    def known_names(self):
        """{id: name} of every source seen so far."""
        return dict((source_id, source["name"]) for source_id, source in self.by_id.items())

    def names(self, ids):
        """Names for ``ids`` when every one is known without a request, else None."""
        if ids is None or any(source_id not in self.by_id for source_id in ids):
            return None
        return sorted(self.by_id[source_id]["name"] for source_id in ids)
