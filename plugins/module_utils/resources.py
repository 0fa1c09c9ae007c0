# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource clients: one small class per ISC collection or singleton, on top of IscClient.

Each names its service; api_version.py gives its path, headers and wire format in the client's API version."""

from urllib.parse import quote

from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version as api
from ansible_collections.sailpoint_community.isc.plugins.module_utils import kinds
from ansible_collections.sailpoint_community.isc.plugins.module_utils.client import MAX_ATTEMPTS
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError, NotFoundError, TransportError, UncertainWriteError, api_error
from ansible_collections.sailpoint_community.isc.plugins.module_utils.lookup import plural, same_name

# Values per `in (...)` filter; keeps URLs well under common 8 KB limits.
FILTER_CHUNK = 50


class Resource:
    """A service of the API, in the client's API version (``v3`` when the client does not say)."""

    service = None

    def __init__(self, client):
        self.client = client
        self.version = getattr(client, "api_version", api.DEFAULT_VERSION)
        self.path = api.path(self.service, self.version)
        self.headers = api.headers(self.service, self.version) or None

    def _in(self, data):
        return api.from_wire(self.service, self.version, data)

    def _out(self, body):
        return api.to_wire(self.service, self.version, body)


class Collection(Resource):
    """List, get, create, update and delete the objects of one collection."""

    noun = None

    def list(self):
        return self._in(self.client.list_all(self.path, headers=self.headers))

    def get(self, object_id):
        """The object, or None when ISC does not know the id."""
        try:
            return self._in(self.client.get(self._item(object_id), headers=self.headers).data)
        except NotFoundError:
            return None

    def find_by_name(self, name, items=None):
        """Objects named ``name`` (lookup.same_name). ISC has no name filter here: this lists all."""
        return [item for item in (self.list() if items is None else items) if same_name(item.get("name"), name)]

    def create(self, body):
        """POST a new object without ever creating it twice.

        The caller has made sure that no object named ``body["name"]`` exists. When a POST
        fails in a way that leaves its outcome unknown (dropped connection, timeout, 5xx),
        the object is looked up by name: if it is there the POST did its work; if not, the
        POST is sent again, up to the client's retry limit.
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._in(self.client.post(self.path, self._out(body), headers=self.headers).data)
            except UncertainWriteError as error:
                created = self.find_by_name(body["name"])
                if len(created) == 1:
                    return created[0]
                if created:
                    raise IscError(
                        "After an interrupted create, %d %s named %r exist (ids: %s); another client "
                        "created the same name at the same time. Remove the extra ones and run again."
                        % (len(created), plural(self.noun), body["name"], ", ".join(c["id"] for c in created))
                    ) from error
                if attempt >= MAX_ATTEMPTS:
                    raise self._create_failed(error, body["name"]) from None
                self.client.wait_before_retry(attempt)

    def update(self, object_id, body):
        return self._in(self.client.put(self._item(object_id), self._out(body), headers=self.headers).data)

    def delete(self, object_id):
        """Delete; a 404 means it is already gone (e.g. a retried DELETE that had succeeded)."""
        try:
            self.client.delete(self._item(object_id), headers=self.headers)
        except NotFoundError:
            pass

    def _item(self, object_id):
        return "%s/%s" % (self.path, quote(str(object_id), safe=""))

    def _create_failed(self, error, name):
        hint = "Gave up after %d attempts; no %s named %r exists, so nothing was created" % (MAX_ATTEMPTS, self.noun, name)
        if error.status:
            return api_error(error.details["method"], error.details["path"], error.status, error.body, hint=hint)
        return TransportError(error.details["method"], error.details["path"], "%s. %s" % (error.reason, hint))


class PasswordPolicies(Collection):
    service = kinds.POLICY.service
    noun = kinds.POLICY.noun


class PasswordSyncGroups(Collection):
    service = kinds.SYNC_GROUP.service
    noun = kinds.SYNC_GROUP.noun


# The tenant's own IdentityNow source (behind ISC's own logins). GET /v3/sources leaves it out unless
# includeIDNSource=true, yet the real default password policy governs it: every lookup here asks for it.
IDN_SOURCE_TYPE = "IdentityNowConnector"


def is_idn_source(source):
    """Whether a source (API or source_info shape) is the tenant's IdentityNow source."""
    return (source or {}).get("type") == IDN_SOURCE_TYPE


class PasswordOrgConfig(Resource):
    """The org's password settings: one object without an id.

    What GET answers before the first POST is not documented: a 404 and an empty answer both mean
    "none yet". A POST is never relied on to update (also undocumented): once the settings exist,
    only PUT (which changes only the fields sent) is used.
    """

    service = "password-org-config"
    noun = "password org config"

    def get(self):
        """The settings, or None when the tenant has none yet."""
        try:
            data = self.client.get(self.path, headers=self.headers).data
        except NotFoundError:
            return None
        return data if isinstance(data, dict) and data else None

    def create(self, body):
        """POST the first settings. After an uncertain failure, read them back: if they now exist the
        POST did its work and the fields are PUT (idempotent) to be sure; if not, POST again."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._in(self.client.post(self.path, self._out(body), headers=self.headers).data)
            except UncertainWriteError as error:
                if self.get() is not None:
                    return self.update(body)
                if attempt >= MAX_ATTEMPTS:
                    raise TransportError(error.details["method"], error.details["path"], "%s. Gave up after %d attempts" % (error.reason, attempt)) from None
                self.client.wait_before_retry(attempt)

    def update(self, body):
        """PUT the fields in ``body``; ISC keeps the others."""
        return self.client.put(self.path, body, headers=self.headers).data


class PasswordDictionary(Resource):
    """The org's password dictionary: a text file, read as text/plain and replaced whole by a
    multipart/form-data upload (one part named ``file``). ISC has no DELETE for it."""

    service = "password-dictionary"
    noun = "password dictionary"
    file_name = "password-dictionary.txt"

    def get(self):
        """The dictionary file's text, or None when none was ever uploaded (404 or an empty answer)."""
        try:
            data = self.client.get_text(self.path, headers=self.headers).data
        except NotFoundError:
            return None
        return data if isinstance(data, str) and data.strip() else None

    def put(self, text):
        """Upload ``text`` as the new dictionary (a PUT of the whole file: safe to send again)."""
        self.client.put(self.path, headers=self.headers, files={"file": (self.file_name, text.encode("utf-8"), "text/plain; charset=utf-8")})


class Sources(Resource):
    """Read-only access to sources, with server-side filters (unlike the two collections above).

    Every request asks for the hidden IdentityNow source too (``includeIDNSource=true``), unless
    ``include_hidden`` is false: names, ids, diffs, reports and exports must all see it.
    """

    service = "sources"

    def __init__(self, client, include_hidden=True):
        super().__init__(client)
        self.include_hidden = include_hidden

    def _query(self, **query):
        query["includeIDNSource"] = "true" if self.include_hidden else "false"
        return query

    def list(self):
        return self.client.list_all(self.path, self._query(), headers=self.headers)

    def find(self, field, values):
        """Sources whose ``field`` (name or id) is one of ``values``: one request per 50 values.

        ISC may match names case-insensitively; callers match exactly on what comes back.
        """
        wanted = sorted(set(values))
        found = []
        for start in range(0, len(wanted), FILTER_CHUNK):
            chunk = wanted[start : start + FILTER_CHUNK]
            expression = "%s in (%s)" % (field, ",".join(filter_literal(value) for value in chunk))
            found.extend(self.client.list_all(self.path, self._query(filters=expression), headers=self.headers))
        return found


class Tenant:
    """The collections of one tenant over HTTP: what the reconcilers work on.

    memory.InMemoryTenant has the same attributes, over objects held in memory (the role's plan).
    """

    def __init__(self, client):
        self.client = client
        self.policies = PasswordPolicies(client)
        self.sync_groups = PasswordSyncGroups(client)
        self.sources = Sources(client)


def as_tenant(tenant_or_client):
    """A tenant as given, or the HTTP tenant of an IscClient."""
    if getattr(tenant_or_client, "sync_groups", None) is not None:
        return tenant_or_client
    return Tenant(tenant_or_client)


def filter_literal(value):
    """A string literal for ISC's filter language: double quotes, with \\ and \" escaped."""
    return '"%s"' % str(value).replace("\\", "\\\\").replace('"', '\\"')
