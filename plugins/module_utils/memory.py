# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tenant held in memory, behind the interface of the HTTP-backed collections (resources.py).

The password_config plan replays its whole run on one (plan.py) with the modules' own reconcilers:
every predicted write lands here, so each step sees the steps before it, as the real run will, and
``writes`` keeps each write as it would be sent. Objects are API objects (V3 camelCase), as the
resources return them after wire conversion. Like ISC, a write naming an unknown policy or source
id is refused (HTTP 400), and deleting a sync group assigns its policy to its sources.
"""

import itertools
import uuid

from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version as api
from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import api_error
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import same_name

# The API version whose paths errors name (the objects are in its shape).
API_VERSION = "v3"
# How ISC's refusal names an unknown reference, by the tenant collection it points into.
REFERENCE_NOUNS = {kinds.POLICY.tenant_attr: kinds.POLICY.noun, "sources": "source"}


def _copy(obj):
    """A copy that shares no list with ``obj``: what comes in is stored this way.

    What goes out (list, get) is a plain ``dict(obj)``, whose lists are the stored ones: the tenant
    never changes a stored list in place (it replaces it), and callers treat objects as read-only,
    as the reconcilers do. Copying every list on every read made the plan quadratic in the tenant.
    """
    return dict((key, list(value) if isinstance(value, list) else value) for key, value in obj.items())


class InMemoryTenant:
    """The collections of a tenant, in memory: ``policies``, ``sync_groups`` and ``sources``.

    ``writes``: every create, update and delete, in order, as {"op", "kind", "id", "body"} (the
    body sent, None for a delete; a create's id is the placeholder this tenant gave the object).
    ``calls``: (service, operation) of every call, reads included, for tests that count lookups.
    """

    def __init__(self, policies=(), sync_groups=(), sources=()):
        self.writes = []
        self.calls = []
        self._numbers = itertools.count(1)
        self.policies = InMemoryCollection(self, kinds.POLICY, policies)
        self.sync_groups = InMemorySyncGroups(self, kinds.SYNC_GROUP, sync_groups)
        self.sources = InMemorySources(self, sources)

    def new_id(self, kind):
        """A placeholder id in the form ISC gives this kind: 32 hex digits for a policy, a UUID for a group."""
        number = next(self._numbers)
        return str(uuid.UUID(int=number)) if kind is kinds.SYNC_GROUP else "%032x" % number


class InMemoryCollection:
    """resources.Collection's interface (list, get, find_by_name, create, update, delete, noun) over dicts."""

    def __init__(self, tenant, kind, objects=()):
        self.tenant = tenant
        self.kind = kind
        self.noun = kind.noun
        self.path = api.path(kind.service, API_VERSION)
        self.objects = dict((obj["id"], _copy(obj)) for obj in objects)

    def list(self):
        self.tenant.calls.append((self.kind.service, "list"))
        return [dict(obj) for obj in self.objects.values()]

    def get(self, object_id):
        self.tenant.calls.append((self.kind.service, "get"))
        found = self.objects.get(object_id)
        return dict(found) if found is not None else None

    def find_by_name(self, name, items=None):
        return [item for item in (self.list() if items is None else items) if same_name(item.get("name"), name)]

    def create(self, body):
        self._check_references("POST", self.path, body)
        object_id = self.tenant.new_id(self.kind)
        self.objects[object_id] = dict(_copy(body), id=object_id)
        self._record("create", object_id, body)
        return dict(self.objects[object_id])

    def update(self, object_id, body):
        self._check_references("PUT", "%s/%s" % (self.path, object_id), body)
        self.objects[object_id] = dict(_copy(body), id=object_id)
        self._record("update", object_id, body)
        return dict(self.objects[object_id])

    def delete(self, object_id):
        """Delete; an unknown id is already gone (as resources.Collection takes ISC's 404)."""
        removed = self.objects.pop(object_id, None)
        self._record("delete", object_id, None)
        return removed

    def _record(self, op, object_id, body):
        self.tenant.calls.append((self.kind.service, op))
        self.tenant.writes.append({"op": op, "kind": self.kind.name, "id": object_id, "body": _copy(body) if body is not None else None})

    def _check_references(self, method, path, body):
        """Like ISC: a write that names an unknown policy or source id is refused (HTTP 400)."""
        unknown = []
        for field in self.kind.fields:
            target = self.kind.references.get(field.option)
            if target is None:
                continue
            known = getattr(self.tenant, target).objects
            value = body.get(field.api)
            if field.kind == "set":
                unknown += [ref for ref in value or [] if ref not in known]
            elif value not in known:
                unknown.append("%s %s" % (REFERENCE_NOUNS[target], value))
        if unknown:
            raise api_error(
                method,
                path,
                400,
                {"detailCode": "400.1 Bad Request Content", "messages": [{"text": "Referenced objects do not exist: %s" % ", ".join(unknown)}]},
            )


class InMemorySyncGroups(InMemoryCollection):
    def delete(self, object_id):
        removed = super().delete(object_id)
        if removed is not None:
            # ISC's documented rule: deleting a sync group assigns its policy directly to its sources.
            owner = self.tenant.policies.objects.get(removed.get("passwordPolicyId"))
            if owner is not None:
                owner["sourceIds"] = sorted(set(owner.get("sourceIds") or []) | set(removed.get("sourceIds") or []))
        return removed


class InMemorySources:
    """resources.Sources' read-only interface (list, find) over source objects."""

    service = "sources"

    def __init__(self, tenant, sources=()):
        self.tenant = tenant
        self.objects = dict((source["id"], _copy(source)) for source in sources)
        self._by_name = None  # name -> sources, built on the first lookup by name

    def list(self):
        self.tenant.calls.append((self.service, "list"))
        return [dict(source) for source in self.objects.values()]

    def find(self, field, values):
        """Sources whose ``field`` (name or id) is one of ``values``: looked up, not scanned (sources never change here)."""
        self.tenant.calls.append((self.service, "find"))
        if self._by_name is None:
            self._by_name = {}
            for source in self.objects.values():
                self._by_name.setdefault(source.get("name"), []).append(source)
        if field == "id":
            found = [self.objects[value] for value in set(values) if value in self.objects]
        elif field == "name":
            found = [source for value in set(values) for source in self._by_name.get(value, ())]
        else:
            found = [source for source in self.objects.values() if source.get(field) in set(values)]
        return [dict(source) for source in found]
