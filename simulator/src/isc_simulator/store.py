"""Tenant state and business rules: password policies, password sync groups and read-only sources.

Objects are kept in dicts in creation order; every public method takes the lock and returns copies
in API shape, so callers can never mutate the tenant behind the lock's back.
"""

import copy
import json
import re
import secrets
import threading
import time
import uuid
from datetime import datetime, timezone

from .responses import BadRequest, NotFound

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# Writable policy fields -> (kind, value used when the field is absent or null).
POLICY_FIELDS = {
    "description": ("string", None),
    "name": ("string", None),
    # 0, not null: the field is not nullable and a recorded real default policy has 0 (the V3 list example's
    # null is the only evidence the other way).
    "firstExpirationReminder": ("integer", 0),
    "accountIdMinWordLength": ("integer", -1),
    "accountNameMinWordLength": ("integer", -1),
    "maxLength": ("integer", 0),
    "maxRepeatedChars": ("integer", -1),
    "minAlpha": ("integer", 0),
    "minCharacterTypes": ("integer", -1),
    "minLength": ("integer", 0),
    "minLower": ("integer", 0),
    "minNumeric": ("integer", 0),
    "minSpecial": ("integer", 0),
    "minUpper": ("integer", 0),
    "passwordExpiration": ("integer", 90),
    "enablePasswdExpiration": ("boolean", False),
    "requireStrongAuthn": ("boolean", False),
    "requireStrongAuthOffNetwork": ("boolean", False),
    "requireStrongAuthUntrustedGeographies": ("boolean", False),
    "useAccountAttributes": ("boolean", False),
    "useDictionary": ("boolean", False),
    "useIdentityAttributes": ("boolean", False),
    "validateAgainstAccountId": ("boolean", False),
    "validateAgainstAccountName": ("boolean", False),
    "sourceIds": ("id_list", ()),
}
# Server-controlled: accepted in request bodies and ignored (the create example even sends "id": null).
POLICY_SERVER_FIELDS = ("id", "dateCreated", "lastUpdated", "defaultPolicy", "created", "modified")
# Key order of the API examples.
POLICY_ORDER = (
    "description",
    "id",
    "name",
    "dateCreated",
    "lastUpdated",
    "firstExpirationReminder",
    "accountIdMinWordLength",
    "accountNameMinWordLength",
    "maxLength",
    "maxRepeatedChars",
    "minAlpha",
    "minCharacterTypes",
    "minLength",
    "minLower",
    "minNumeric",
    "minSpecial",
    "minUpper",
    "passwordExpiration",
    "defaultPolicy",
    "enablePasswdExpiration",
    "requireStrongAuthn",
    "requireStrongAuthOffNetwork",
    "requireStrongAuthUntrustedGeographies",
    "useAccountAttributes",
    "useDictionary",
    "useIdentityAttributes",
    "validateAgainstAccountId",
    "validateAgainstAccountName",
    "sourceIds",
    "created",
    "modified",
)

GROUP_FIELDS = {"name": ("string", None), "passwordPolicyId": ("string", None), "sourceIds": ("id_list", ())}
GROUP_SERVER_FIELDS = ("id", "created", "modified")
GROUP_ORDER = ("id", "name", "passwordPolicyId", "sourceIds", "created", "modified")

# The identity that owns seeded sources and that user-context tokens belong to.
ADMIN_IDENTITY = {"type": "IDENTITY", "id": "2c9180857a4b6c1e017a4b7d2e3f0001", "name": "sim.admin"}
SOURCE_ORDER = (
    "id",
    "name",
    "description",
    "owner",
    "cluster",
    "passwordPolicies",
    "features",
    "type",
    "connector",
    "connectorName",
    "connectionType",
    "authoritative",
    "managementWorkgroup",
    "healthy",
    "status",
    "created",
    "modified",
    "category",
)
SEED_KEYS = ("policies", "sync_groups", "sources")
# Documented sync-group rules: at least two sources, each with the password-management feature.
MIN_GROUP_SOURCES = 2
PASSWORD_FEATURE = "PASSWORD"
# The tenant's own IdentityNow source: GET /v3/sources leaves it out unless includeIDNSource=true.
IDN_SOURCE_TYPE = "IdentityNowConnector"


def is_idn_source(source):
    return source.get("type") == IDN_SOURCE_TYPE


_KIND_NAMES = {"string": "a string", "integer": "a 64-bit integer", "boolean": "a boolean (true/false)", "id_list": "a list of id strings"}


def now_ms():
    return int(time.time() * 1000)


def iso_now():
    """UTC with millisecond precision and a Z, like ISC's created/modified."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_ISO = re.compile(r"(?P<minute>\d{4}-\d\d-\d\dT\d\d:\d\d)(?::(?P<second>\d\d)(?:\.(?P<fraction>\d+))?)?(?P<zone>Z|[+-]\d\d:\d\d)")


def trimmed_iso(value):
    """An ISO date-time as ISC's Java services print it: zero seconds and milliseconds left out.

    ``2024-06-13T00:00:00.000Z`` -> ``2024-06-13T00:00Z``, ``...T10:20:30.000Z`` -> ``...T10:20:30Z``
    (java.time's toString; developer.sailpoint.com issue 575). Anything else is returned unchanged.
    """
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
    if not match:
        return value
    second = match.group("second") or "00"
    millis = (match.group("fraction") or "").ljust(3, "0")[:3]
    if millis != "000":
        return f"{match.group('minute')}:{second}.{millis}{match.group('zone')}"
    if second != "00":
        return f"{match.group('minute')}:{second}{match.group('zone')}"
    return match.group("minute") + match.group("zone")


def new_hex_id():
    return secrets.token_hex(16)


def _valid(kind, value):
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX
    if kind == "boolean":
        return isinstance(value, bool)
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _read_fields(body, fields, server_fields, what):
    """Validate a request body; absent and null fields take their defaults (so PUT is a full replacement)."""
    if not isinstance(body, dict):
        raise BadRequest(f"The request body must be a JSON object describing a {what}.")
    unknown = sorted(key for key in body if key not in fields and key not in server_fields)
    if unknown:
        raise BadRequest(f"Unrecognized field(s) in {what}: {', '.join(unknown)}.")
    values = {}
    for name, (kind, default) in fields.items():
        value = body.get(name)
        if value is None:
            value = list(default) if kind == "id_list" else default
        elif not _valid(kind, value):
            shown = json.dumps(value)
            raise BadRequest(f"Field '{name}' of {what} must be {_KIND_NAMES[kind]}, got {shown[:60]}.")
        elif kind == "id_list":
            value = list(dict.fromkeys(value))  # the server keeps a set of assignments
        values[name] = value
    if not values["name"] or not values["name"].strip():
        raise BadRequest(f"Field 'name' of {what} is required and must not be blank.")
    return values


def _check_path_id(body, object_id):
    if isinstance(body, dict) and body.get("id") is not None and body["id"] != object_id:
        raise BadRequest(f"The id in the body ({body['id']}) does not match the id in the path ({object_id}).")


def _seed_value(raw, name, kind, default):
    value = raw.get(name)
    if value is None:
        return default
    if not _valid(kind, value):
        raise BadRequest(f"Seed field '{name}' must be {_KIND_NAMES[kind]}.")
    return value


class Store:
    def __init__(self, seed=None):
        self._lock = threading.RLock()
        self._policies, self._groups, self._sources = {}, {}, {}
        self.trim_dates = False  # the trimmed_dates quirk: views print dates as real tenants do
        if seed is not None:
            self.load(seed)

    # ----- seeding --------------------------------------------------------------------------------------------
    def load(self, seed):
        """Replace the whole tenant with `seed`; on a bad seed the tenant is left unchanged."""
        return self._apply_seed(seed, keep=False)

    def add(self, seed):
        """Add the objects of `seed` to the tenant (all or nothing); returns them in API shape."""
        return self._apply_seed(seed, keep=True)

    def _apply_seed(self, seed, keep):
        with self._lock:
            saved = (self._policies, self._groups, self._sources)
            self._policies, self._groups, self._sources = (copy.deepcopy(d) if keep else {} for d in saved)
            done = False
            try:
                created = self._add_seed(seed)
                done = True
            finally:
                if not done:
                    self._policies, self._groups, self._sources = saved
            policy_refs = self._policy_refs()
            return {
                "policies": [self._policy_view(p) for p in created["policies"]],
                "sync_groups": [self._group_view(g) for g in created["sync_groups"]],
                "sources": [self._source_view(s, policy_refs) for s in created["sources"]],
            }

    def _add_seed(self, seed):
        if not isinstance(seed, dict) or set(seed) - set(SEED_KEYS):
            raise BadRequest(f"A seed is a JSON object with the lists {', '.join(SEED_KEYS)} (all optional).")
        for key in SEED_KEYS:
            if not isinstance(seed.get(key, []), list):
                raise BadRequest(f"Seed '{key}' must be a list.")
        # Sources first: policies and groups refer to them.
        return {
            "sources": [self._seed_source(raw) for raw in seed.get("sources", [])],
            "policies": [self._seed_policy(raw) for raw in seed.get("policies", [])],
            "sync_groups": [self._seed_group(raw) for raw in seed.get("sync_groups", [])],
        }

    def _new_id(self, raw, table, factory):
        object_id = raw.get("id") or factory()
        if not isinstance(object_id, str) or object_id in table:
            raise BadRequest(f"Seed id {object_id!r} is not a string or is already used.")
        return object_id

    def _seed_source(self, raw):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
            raise BadRequest("Every seeded source needs a non-blank 'name'.")
        if not _valid("id_list", raw.get("features", [])):
            raise BadRequest("Seed source 'features' must be a list of strings.")
        created = raw.get("created") or iso_now()
        source = {
            "description": "",
            "owner": dict(ADMIN_IDENTITY),
            "cluster": None,
            "features": [],
            "type": "DelimitedFile",
            "connector": "delimited-file",
            "connectorName": "Delimited File",
            "connectionType": "file",
            "authoritative": False,
            "managementWorkgroup": None,
            "healthy": True,
            "status": "SOURCE_STATE_HEALTHY",
            "modified": created,
            "category": None,
            **copy.deepcopy(raw),
            "created": created,
        }
        source.pop("passwordPolicies", None)  # always derived from policies and groups
        source["id"] = self._new_id(raw, self._sources, new_hex_id)
        self._sources[source["id"]] = source
        return source

    def _seed_policy(self, raw):
        values = _read_fields(raw, POLICY_FIELDS, POLICY_SERVER_FIELDS, "seeded password policy")
        self._check_sources(values["sourceIds"])
        policy = {
            "id": self._new_id(raw, self._policies, new_hex_id),
            "dateCreated": _seed_value(raw, "dateCreated", "integer", now_ms()),
            "lastUpdated": _seed_value(raw, "lastUpdated", "integer", None),
            "defaultPolicy": _seed_value(raw, "defaultPolicy", "boolean", False),
            # Real tenants send these keys with null values on policies; a seed may set them.
            "created": _seed_value(raw, "created", "string", None),
            "modified": _seed_value(raw, "modified", "string", None),
            **values,
        }
        self._policies[policy["id"]] = policy
        return policy

    def _seed_group(self, raw):
        values = _read_fields(raw, GROUP_FIELDS, GROUP_SERVER_FIELDS, "seeded password sync group")
        self._check_group_refs(values)
        # Real groups have been seen with null created/modified: a seed that gives null keeps null.
        created = _seed_value(raw, "created", "string", iso_now()) if "created" not in raw or raw["created"] is not None else None
        modified = _seed_value(raw, "modified", "string", created) if "modified" not in raw or raw["modified"] is not None else None
        group = {
            "id": self._new_id(raw, self._groups, lambda: str(uuid.uuid4())),
            **values,
            "created": created,
            "modified": modified,
        }
        self._groups[group["id"]] = group
        return group

    # ----- views ----------------------------------------------------------------------------------------------
    def _dates(self, view):
        """The view with its ISO created/modified as real tenants print them, with the trimmed_dates quirk on."""
        if self.trim_dates:
            for key in ("created", "modified"):
                view[key] = trimmed_iso(view.get(key))
        return view

    def _policy_view(self, policy):
        return self._dates({key: copy.deepcopy(policy[key]) for key in POLICY_ORDER})

    def _group_view(self, group):
        return self._dates({key: copy.deepcopy(group[key]) for key in GROUP_ORDER})

    def _policy_refs(self):
        """source id -> passwordPolicies references: policies assigned directly, then the sync group's policy."""
        refs = {}

        def add(source_id, policy):
            entries = refs.setdefault(source_id, [])
            if policy and all(entry["id"] != policy["id"] for entry in entries):
                entries.append({"type": "PASSWORD_POLICY", "id": policy["id"], "name": policy["name"]})

        for policy in self._policies.values():
            for source_id in policy["sourceIds"]:
                add(source_id, policy)
        for group in self._groups.values():
            for source_id in group["sourceIds"]:
                add(source_id, self._policies.get(group["passwordPolicyId"]))
        return refs

    def _source_view(self, source, policy_refs):
        view = {key: copy.deepcopy(source.get(key)) for key in SOURCE_ORDER}
        view.update({key: copy.deepcopy(value) for key, value in source.items() if key not in view})
        # null rather than [] when nothing governs the source: the schema allows it, clients must cope.
        view["passwordPolicies"] = policy_refs.get(source["id"]) or None
        return self._dates(view)

    def state(self):
        with self._lock:
            return {"policies": self.list_policies(), "sync_groups": self.list_groups(), "sources": self.list_sources()}

    # ----- password policies ----------------------------------------------------------------------------------
    def _check_sources(self, source_ids):
        unknown = [source_id for source_id in source_ids if source_id not in self._sources]
        if unknown:
            raise BadRequest(f"Unknown source id(s): {', '.join(unknown)}.")

    def _policy(self, policy_id):
        if policy_id not in self._policies:
            raise NotFound(f"Password policy {policy_id} was not found.")
        return self._policies[policy_id]

    def list_policies(self):
        with self._lock:
            return [self._policy_view(policy) for policy in self._policies.values()]

    def get_policy(self, policy_id):
        with self._lock:
            return self._policy_view(self._policy(policy_id))

    def create_policy(self, body):
        with self._lock:
            values = _read_fields(body, POLICY_FIELDS, POLICY_SERVER_FIELDS, "password policy")
            self._check_sources(values["sourceIds"])
            policy = {"id": new_hex_id(), "dateCreated": now_ms(), "lastUpdated": None, "defaultPolicy": False, "created": None, "modified": None, **values}
            self._policies[policy["id"]] = policy
            return self._policy_view(policy)

    def update_policy(self, policy_id, body):
        with self._lock:
            policy = self._policy(policy_id)
            _check_path_id(body, policy_id)
            values = _read_fields(body, POLICY_FIELDS, POLICY_SERVER_FIELDS, "password policy")
            self._check_sources(values["sourceIds"])
            policy.update(values, lastUpdated=max(now_ms(), policy["dateCreated"]))
            return self._policy_view(policy)

    def delete_policy(self, policy_id):
        with self._lock:
            self._policy(policy_id)
            del self._policies[policy_id]

    # ----- password sync groups -------------------------------------------------------------------------------
    def _check_group_refs(self, values):
        if values["passwordPolicyId"] is None:
            raise BadRequest("Field 'passwordPolicyId' of password sync group is required.")
        if values["passwordPolicyId"] not in self._policies:
            raise BadRequest(f"Unknown password policy id: {values['passwordPolicyId']}.")
        self._check_sources(values["sourceIds"])

    def _check_group_rules(self, values, group_id=None):
        """SailPoint's documented rules of a sync group, on create and update (a seed may break them, as old
        tenants' groups might): at least two sources, each supporting password management (PASSWORD), none in
        another group. ISC answers 400; its exact words are not public."""
        if len(values["sourceIds"]) < MIN_GROUP_SOURCES:
            raise BadRequest(
                f"A password sync group needs at least {MIN_GROUP_SOURCES} sources configured for password management; got {len(values['sourceIds'])}."
            )
        lacking = [source_id for source_id in values["sourceIds"] if PASSWORD_FEATURE not in (self._sources[source_id].get("features") or [])]
        if lacking:
            raise BadRequest(f"Source(s) {', '.join(lacking)} do not support password management (feature {PASSWORD_FEATURE}).")
        taken = [
            f"{source_id} (in {group['name']!r})"
            for other_id, group in self._groups.items()
            if other_id != group_id
            for source_id in values["sourceIds"]
            if source_id in group["sourceIds"]
        ]
        if taken:
            raise BadRequest(f"Source(s) already in another password sync group: {', '.join(taken)}.")

    def _group(self, group_id):
        if group_id not in self._groups:
            raise NotFound(f"Password sync group {group_id} was not found.")
        return self._groups[group_id]

    def list_groups(self):
        with self._lock:
            return [self._group_view(group) for group in self._groups.values()]

    def get_group(self, group_id):
        with self._lock:
            return self._group_view(self._group(group_id))

    def create_group(self, body):
        with self._lock:
            values = _read_fields(body, GROUP_FIELDS, GROUP_SERVER_FIELDS, "password sync group")
            self._check_group_refs(values)
            self._check_group_rules(values)
            created = iso_now()
            group = {"id": str(uuid.uuid4()), **values, "created": created, "modified": created}
            self._groups[group["id"]] = group
            return self._group_view(group)

    def update_group(self, group_id, body):
        with self._lock:
            group = self._group(group_id)
            _check_path_id(body, group_id)
            values = _read_fields(body, GROUP_FIELDS, GROUP_SERVER_FIELDS, "password sync group")
            self._check_group_refs(values)
            self._check_group_rules(values, group_id)
            group.update(values, modified=iso_now())
            return self._group_view(group)

    def delete_group(self, group_id):
        """Documented rule: the group's policy becomes assigned directly to the group's sources."""
        with self._lock:
            group = self._groups.pop(group_id, None)
            policy = group and self._policies.get(group["passwordPolicyId"])
            if policy:
                for source_id in group["sourceIds"]:
                    if source_id not in policy["sourceIds"] and source_id in self._sources:
                        policy["sourceIds"].append(source_id)
            return group is not None

    # ----- sources --------------------------------------------------------------------------------------------
    def list_sources(self, include_idn=True):
        """Every source; without ``include_idn`` the IdentityNow source is left out, as GET /v3/sources does by default."""
        with self._lock:
            policy_refs = self._policy_refs()
            return [self._source_view(source, policy_refs) for source in self._sources.values() if include_idn or not is_idn_source(source)]
