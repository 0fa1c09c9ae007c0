"""An in-memory stand-in for IscClient, for unit tests of the logic above the transport.

It keeps policies, sync groups and sources in dicts, answers the calls the resource layer
makes, and records every call so that tests can assert what was (not) sent.
"""

import copy
import itertools
import re

from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import Response
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import NotFoundError

WRITES = ("POST", "PUT", "DELETE")
_ids = itertools.count(1)


class FakeClient:
    def __init__(self, policies=(), sync_groups=(), sources=()):
        self.store = {
            "/password-policies": {p["id"]: dict(p) for p in policies},
            "/password-sync-groups": {g["id"]: dict(g) for g in sync_groups},
            "/sources": {s["id"]: dict(s) for s in sources},
        }
        self.calls = []

    @property
    def writes(self):
        return [call for call in self.calls if call[0] in WRITES]

    def list_all(self, path, query=None):
        self.calls.append(("GET", path, query))
        items = list(self.store[path].values())
        if query and "filters" in query:
            field, values = parse_in_filter(query["filters"])
            items = [item for item in items if item.get(field) in values]
        return copy.deepcopy(items)

    def get(self, path, query=None):
        self.calls.append(("GET", path, query))
        collection, object_id = self._split(path)
        if object_id not in self.store[collection]:
            raise NotFoundError("GET", path, 404)
        return Response(200, {}, copy.deepcopy(self.store[collection][object_id]))

    def post(self, path, body):
        self.calls.append(("POST", path, copy.deepcopy(body)))
        obj = dict(body, id="%032x" % next(_ids))
        self.store[path][obj["id"]] = obj
        return Response(200, {}, copy.deepcopy(obj))

    def put(self, path, body):
        self.calls.append(("PUT", path, copy.deepcopy(body)))
        collection, object_id = self._split(path)
        self.store[collection][object_id] = dict(body, id=object_id)
        return Response(200, {}, copy.deepcopy(self.store[collection][object_id]))

    def delete(self, path):
        self.calls.append(("DELETE", path, None))
        collection, object_id = self._split(path)
        if self.store[collection].pop(object_id, None) is None:
            raise NotFoundError("DELETE", path, 404)
        return Response(204, {}, None)

    def wait_before_retry(self, attempt):
        self.calls.append(("SLEEP", attempt, None))

    @staticmethod
    def _split(path):
        collection, _sep, object_id = path.rpartition("/")
        return collection, object_id


def parse_in_filter(expression):
    """`field in ("a","b")` → ("field", {"a", "b"}), undoing the collection's escaping."""
    match = re.match(r'^(\w+) in \((.*)\)$', expression)
    values = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(2))
    return match.group(1), {re.sub(r"\\(.)", r"\1", value) for value in values}
