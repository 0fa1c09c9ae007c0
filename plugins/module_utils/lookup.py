# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names to objects: exact matching, with errors that list what is unknown or ambiguous.

ISC does not promise unique names, so a name that matches two objects is an error that
lists their ids rather than a guess.
"""

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import ValidationError


def plural(noun):
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def one_by_name(items, name, noun, option="name"):
    """The single item named exactly ``name``; None if there is none."""
    matches = [item for item in items if item.get("name") == name]
    if len(matches) > 1:
        raise ValidationError(
            "%s: %r matches %d %s (ids: %s); names are not unique in ISC, so give the id of the "
            "one you mean" % (option, name, len(matches), plural(noun), ", ".join(m["id"] for m in matches)),
            option=option,
        )
    return matches[0] if matches else None


def resolve_names(items, names, noun, option):
    """{name: item} for every name, each matching exactly one item.

    All unknown names are reported together (with a hint when only the letter case differs),
    then all ambiguous ones.
    """
    by_name = {}
    for item in items:
        by_name.setdefault(item.get("name"), []).append(item)
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise ValidationError("%s: no %s named %s%s" % (option, noun, ", ".join(repr(name) for name in unknown), _case_hint(unknown, by_name)), option=option)
    ambiguous = ["%r (ids: %s)" % (name, ", ".join(item["id"] for item in by_name[name])) for name in names if len(by_name[name]) > 1]
    if ambiguous:
        raise ValidationError("%s: these names match several %s: %s; use ids instead" % (option, plural(noun), "; ".join(ambiguous)), option=option)
    return dict((name, by_name[name][0]) for name in names)


def _case_hint(unknown, by_name):
    folded = dict((str(name).casefold(), name) for name in by_name if name is not None)
    close = ["%r" % folded[name.casefold()] for name in unknown if name.casefold() in folded]
    return " (names are case-sensitive; did you mean %s?)" % ", ".join(close) if close else ""


class SourceDirectory:
    """Sources a run has seen, by id: resolves names with one filtered request, fills in names for ids."""

    def __init__(self, sources_api):
        self._api = sources_api
        self.by_id = {}

    def resolve(self, names, option="sources"):
        """The ids of the sources named ``names`` (in that order)."""
        found = resolve_names(self._api.find("name", names), names, "source", option)
        self.remember(found.values())
        return [found[name]["id"] for name in names]

    def fetch(self, ids):
        """The source objects for ``ids`` (one request for those not seen yet); unknown ids are left out."""
        missing = [source_id for source_id in ids if source_id not in self.by_id]
        if missing:
            self.remember(self._api.find("id", missing))
        return [self.by_id[source_id] for source_id in ids if source_id in self.by_id]

    def remember(self, sources):
        for source in sources:
            self.by_id[source["id"]] = source

    def names(self, ids):
        """Names for ``ids`` when every one is known without a request, else None."""
        if ids is None or any(source_id not in self.by_id for source_id in ids):
            return None
        return sorted(self.by_id[source_id]["name"] for source_id in ids)
