# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tenant held in memory, answering the calls of IscClient.

The password_config role reads the tenant once, then replays its whole run against this copy
with the modules' own reconcilers (plan.py): every predicted write lands here, so each step
sees the steps before it, exactly as the real run will.
"""

import copy
import itertools
import uuid

from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version as api
from ansible_collections.sailpoint_community.isc.plugins.module_utils import policy, state, sync_group
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import Response
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import NotFoundError, api_error
from ansible_collections.sailpoint_community.isc.plugins.module_utils.resources import parse_in_filter

# The snapshot answers in V3's paths; the resources ask it in those because api_version says v3.
API_VERSION = "v3"
POLICIES = api.path("password-policies", API_VERSION)
SYNC_GROUPS = api.path("password-sync-groups", API_VERSION)
SOURCES = api.path("sources", API_VERSION)
WRITE_METHODS = ("POST", "PUT", "DELETE")


class SnapshotClient:
    """IscClient's interface over dicts of API objects; records every call."""

    api_version = API_VERSION

    def __init__(self, policies=(), sync_groups=(), sources=()):
        self.store = {
            POLICIES: dict((obj["id"], copy.deepcopy(obj)) for obj in policies),
            SYNC_GROUPS: dict((obj["id"], copy.deepcopy(obj)) for obj in sync_groups),
            SOURCES: dict((obj["id"], copy.deepcopy(obj)) for obj in sources),
        }
        self.calls = []
        self._numbers = itertools.count(1)

    @classmethod
    def from_info(cls, policies=(), sync_groups=(), sources=()):
        """A snapshot from the items the _info modules return (their option-shaped dicts)."""
        return cls(
            policies=[dict(state.to_api(policy.FIELDS, item), id=item["id"], defaultPolicy=item.get("default_policy")) for item in policies],
            sync_groups=[dict(state.to_api(sync_group.FIELDS, item), id=item["id"]) for item in sync_groups],
            sources=[{"id": item["id"], "name": item["name"], "type": item.get("type"), "features": item.get("features") or []} for item in sources],
        )

    @property
    def writes(self):
        return [call for call in self.calls if call[0] in WRITE_METHODS]

    def list_all(self, path, query=None, headers=None):
        self.calls.append(("GET", path, query))
        items = list(self.store[path].values())
        if query and query.get("filters"):
            field, values = parse_in_filter(query["filters"])
            items = [item for item in items if item.get(field) in values]
        return copy.deepcopy(items)

    def get(self, path, query=None, headers=None):
        self.calls.append(("GET", path, query))
        collection, object_id = path.rsplit("/", 1)
        if object_id not in self.store[collection]:
            raise NotFoundError("GET", path, 404)
        return Response(200, {}, copy.deepcopy(self.store[collection][object_id]))

    def post(self, path, body, headers=None):
        self.calls.append(("POST", path, copy.deepcopy(body)))
        self._check_references("POST", path, body)
        new_id = str(uuid.uuid4()) if path == SYNC_GROUPS else "%032x" % next(self._numbers)
        self.store[path][new_id] = dict(copy.deepcopy(body), id=new_id)
        return Response(200, {}, copy.deepcopy(self.store[path][new_id]))

    def put(self, path, body, headers=None):
        self.calls.append(("PUT", path, copy.deepcopy(body)))
        collection, object_id = path.rsplit("/", 1)
        self._check_references("PUT", collection, body)
        self.store[collection][object_id] = dict(copy.deepcopy(body), id=object_id)
        return Response(200, {}, copy.deepcopy(self.store[collection][object_id]))

    def delete(self, path, headers=None):
        self.calls.append(("DELETE", path, None))
        collection, object_id = path.rsplit("/", 1)
        removed = self.store[collection].pop(object_id, None)
        if removed is None:
            raise NotFoundError("DELETE", path, 404)
        if collection == SYNC_GROUPS:
            self._assign_policy_to_sources(removed)
        return Response(204, {}, None)

    def wait_before_retry(self, attempt):
        """Nothing to wait for in memory."""

    def _check_references(self, method, collection, body):
        """Like ISC: a write that names an unknown policy or source id is refused (HTTP 400)."""
        unknown = [source_id for source_id in body.get("sourceIds") or [] if source_id not in self.store[SOURCES]]
        if collection == SYNC_GROUPS and body.get("passwordPolicyId") not in self.store[POLICIES]:
            unknown.insert(0, "password policy %s" % body.get("passwordPolicyId"))
        if unknown:
            raise api_error(
                method,
                collection,
                400,
                {"detailCode": "400.1 Bad Request Content", "messages": [{"text": "Referenced objects do not exist: %s" % ", ".join(unknown)}]},
            )

    def _assign_policy_to_sources(self, group):
        # ISC's documented rule: deleting a sync group assigns its policy directly to its sources.
        owner = self.store[POLICIES].get(group.get("passwordPolicyId"))
        if owner is not None:
            owner["sourceIds"] = sorted(set(owner.get("sourceIds") or []) | set(group.get("sourceIds") or []))
