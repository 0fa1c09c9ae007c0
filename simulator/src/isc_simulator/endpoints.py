"""The ISC endpoints: /oauth/token and the /v3 routes (called after auth and the rate limit)."""

import json
import re
from urllib.parse import parse_qs, unquote

from . import password_settings
from .bodies import form_parts, json_body
from .filters import SOURCE_FILTERS, TENANT_SOURCE_FILTERS, FilterError, compile_filter, get_field
from .responses import ApiError, BadRequest, NotFound, Response

MAX_LIMIT = 250
INT32_MAX = 2**31 - 1
# Sortable fields of GET /v3/sources, as the API reference lists them.
SOURCE_SORTERS = (
    "type",
    "created",
    "modified",
    "name",
    "owner.name",
    "healthy",
    "status",
    "id",
    "description",
    "owner.id",
    "accountCorrelationConfig.id",
    "accountCorrelationConfig.name",
    "managerCorrelationRule.type",
    "managerCorrelationRule.id",
    "managerCorrelationRule.name",
    "authoritative",
    "managementWorkgroup.id",
    "connectorName",
    "connectionType",
)


# ----- request helpers ----------------------------------------------------------------------------------------
def _param(req, name):
    values = req.query.get(name)
    return values[0] if values else None


def _int_param(req, name, default, maximum):
    raw = _param(req, name)
    if raw is None:
        return default
    if not re.fullmatch(r"-?[0-9]+", raw) or not 0 <= int(raw) <= maximum:
        raise BadRequest(f"Query parameter '{name}' must be an integer between 0 and {maximum}, got {raw!r}.")
    return int(raw)


def _paging(req):
    """(limit, offset, count) from the standard collection parameters; 400 when out of range."""
    limit = _int_param(req, "limit", MAX_LIMIT, MAX_LIMIT)
    offset = _int_param(req, "offset", 0, INT32_MAX)
    count = (_param(req, "count") or "false").lower()
    if count not in ("true", "false"):
        raise BadRequest(f"Query parameter 'count' must be true or false, got {count!r}.")
    return limit, offset, count == "true"


# How much shorter than `limit` a page before the end is, with the short_pages quirk (a recorded tenant
# answered 246 records to limit=250 with about 300 in total).
SHORT_PAGE_BY = 4
# The body a real tenant sends for an offset at the end (sailpoint-oss/typescript-sdk issue 59): a bare Java
# exception, no trackingId.
OFFSET_INVALID = {"detailMessage": "Specified offset is invalid.", "stackTrace": [], "suppressedExceptions": []}


def _page(items, paging, quirks=None):
    """One page of a collection; with count=true, X-Total-Count carries the total before paging.

    ``quirks`` (the simulator's config) switches on what real tenants have been seen to do:
    offset_400 (an offset at or past the end, other than 0, is a 400 with a detailMessage body),
    short_pages (a page before the end is shorter than the limit) and no_total_count (never an
    X-Total-Count header).
    """
    limit, offset, count = paging
    quirks = quirks or {}
    if quirks.get("offset_400") and offset and offset >= len(items):
        raise ApiError(400, body=OFFSET_INVALID)
    size = limit
    if quirks.get("short_pages") and limit > SHORT_PAGE_BY and offset + limit < len(items):
        size = limit - SHORT_PAGE_BY
    headers = {"X-Total-Count": str(len(items))} if count and not quirks.get("no_total_count") else {}
    return Response(200, items[offset : offset + size], headers)


def _sort_key(field):
    def key(item):
        value = get_field(item, field)
        if value is None:
            return (0, "")
        if isinstance(value, str):
            return (1, value.casefold(), value)
        return (2, value) if isinstance(value, (bool, int, float)) else (3, json.dumps(value))

    return key


def _sort(items, sorters):
    fields = [part.strip() for part in sorters.split(",")]
    for field in reversed(fields):  # stable sorts, least significant first
        name = field.removeprefix("-")
        if name not in SOURCE_SORTERS:
            raise BadRequest(f"Sorting by {name!r} is not supported; sortable fields: {', '.join(SOURCE_SORTERS)}.")
        items.sort(key=_sort_key(name), reverse=field.startswith("-"))


# ----- /oauth/token -------------------------------------------------------------------------------------------
def token_params(req):
    """grant_type/client_id/client_secret from the query string, overridden by a form body."""
    params = {name: values[0] for name, values in req.query.items()}
    content_type = req.headers.get("Content-Type") or ""
    if content_type.lower().startswith("application/x-www-form-urlencoded"):
        form = parse_qs(req.body.decode("utf-8", "replace"), keep_blank_values=True)
        params.update({name: values[0] for name, values in form.items()})
    elif content_type.lower().startswith("multipart/form-data"):
        params.update({name: part.get_content() for name, part in form_parts(req).items()})
    return params


def token(sim, req):
    params = token_params(req)
    client = sim.auth.authenticate(params.get("client_id"), params.get("client_secret"))
    if params.get("grant_type") != "client_credentials":
        raise ApiError(400, body={"error": "unsupported_grant_type"})
    body = sim.auth.issue(client, sim.config()["token_lifetime"])
    return Response(200, body, {"Cache-Control": "no-store", "Pragma": "no-cache"})


# ----- /v3 ----------------------------------------------------------------------------------------------------
def list_policies(sim, req):
    return _page(sim.store.list_policies(), _paging(req), sim.config()["quirks"])


def create_policy(sim, req):
    return Response(200, sim.store.create_policy(json_body(req)))


def get_policy(sim, _req, object_id):
    return Response(200, sim.store.get_policy(object_id))


def update_policy(sim, req, object_id):
    return Response(200, sim.store.update_policy(object_id, json_body(req)))


def delete_policy(sim, _req, object_id):
    sim.store.delete_policy(object_id)
    return Response(204)


def list_groups(sim, req):
    return _page(sim.store.list_groups(), _paging(req), sim.config()["quirks"])


def create_group(sim, req):
    return Response(200, sim.store.create_group(json_body(req)))


def get_group(sim, _req, object_id):
    return Response(200, sim.store.get_group(object_id))


def update_group(sim, req, object_id):
    return Response(200, sim.store.update_group(object_id, json_body(req)))


def delete_group(sim, _req, object_id):
    sim.store.delete_group(object_id)  # an unknown id is a 204 too: the contract documents no 404 here
    return Response(204)


def list_sources(sim, req):
    """filters, sorters and paging; the IdentityNow source only with includeIDNSource=true; for-subadmin is ignored."""
    paging = _paging(req)
    include_idn = (_param(req, "includeIDNSource") or "false").lower()
    if include_idn not in ("true", "false"):
        raise BadRequest(f"Query parameter 'includeIDNSource' must be true or false, got {include_idn!r}.")
    sources = sim.store.list_sources(include_idn=include_idn == "true")
    filters = _param(req, "filters")
    if filters is not None:
        try:
            fields = TENANT_SOURCE_FILTERS if sim.config()["quirks"].get("source_filters") else SOURCE_FILTERS
            predicate = compile_filter(filters, fields)
        except FilterError as exc:
            raise BadRequest(f"Invalid filters: {exc}") from exc
        sources = [source for source in sources if predicate(source)]
    sorters = _param(req, "sorters")
    if sorters is not None:
        _sort(sources, sorters)
    return _page(sources, paging, sim.config()["quirks"])


ROUTES = (
    (re.compile(r"/v3/password-policies"), {"GET": list_policies, "POST": create_policy}),
    (re.compile(r"/v3/password-policies/(?P<object_id>[^/]+)"), {"GET": get_policy, "PUT": update_policy, "DELETE": delete_policy}),
    (re.compile(r"/v3/password-sync-groups"), {"GET": list_groups, "POST": create_group}),
    (re.compile(r"/v3/password-sync-groups/(?P<object_id>[^/]+)"), {"GET": get_group, "PUT": update_group, "DELETE": delete_group}),
    (re.compile(r"/v3/sources"), {"GET": list_sources}),
    (
        re.compile(r"/v3/password-org-config"),
        {"GET": password_settings.get_org_config, "POST": password_settings.create_org_config, "PUT": password_settings.update_org_config},
    ),
    (re.compile(r"/v3/password-dictionary"), {"GET": password_settings.get_dictionary, "PUT": password_settings.put_dictionary}),
)


# SailPoint's per-service versions of the same endpoints, over the same tenant state: /<service>/v1[/...]
# answers as /v3/<service>[/...] does. The v1 contract marks every password-policy operation experimental.
V1_SERVICES = ("password-policies", "password-sync-groups", "sources", "password-org-config", "password-dictionary")
V1_PATH = re.compile(r"/(?P<service>%s)/v1(?P<rest>/.*)?" % "|".join(re.escape(service) for service in V1_SERVICES))
V1_EXPERIMENTAL = ("password-policies",)
EXPERIMENTAL_HEADER = "X-SailPoint-Experimental"


def api_family(path):
    """("v3", path), ("v1", the /v3 path that serves it, service), or None for a path of neither family."""
    if path.startswith("/v3/"):
        return "v3", path, path.split("/")[2]
    match = V1_PATH.fullmatch(path)
    if match:
        return "v1", "/v3/" + match.group("service") + (match.group("rest") or ""), match.group("service")
    return None


# What a real tenant answers to a request of an experimental endpoint without the header (sailpoint-cli PR 176).
EXPERIMENTAL_MISSING = {"error": "Experimental Header is missing or invalid."}


def check_experimental(service, headers):
    """The v1 contract declares X-SailPoint-Experimental: true a required header of these operations.

    Without it (or with another value) a real tenant answers 400 ``{"error": ...}``, not an ErrorResponseDto.
    """
    if service in V1_EXPERIMENTAL and (headers.get(EXPERIMENTAL_HEADER) or "").strip().lower() != "true":
        raise ApiError(400, body=dict(EXPERIMENTAL_MISSING))


def resolve(method, path):
    """The handler and path parameters for a /v3 request; 404 for unknown paths, 405 for unsupported methods."""
    for pattern, methods in ROUTES:
        match = pattern.fullmatch(path)
        if match:
            if method not in methods:
                raise ApiError(405, f"{method} is not supported on {path}.", headers={"Allow": ", ".join(methods)})
            return methods[method], {name: unquote(value) for name, value in match.groupdict().items()}
    raise NotFound(f"No endpoint matches {path}.")
