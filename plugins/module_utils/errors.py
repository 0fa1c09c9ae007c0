# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors raised while talking to ISC. Each one renders its own module failure.

Modules catch IscError once, at the top, and pass ``error.fail_kwargs()`` to
``fail_json``. Nothing here ever holds a secret: messages are built from the HTTP
status, method, path and the error body, never from headers or request bodies.
"""

import json

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

FORBIDDEN_WRITE_HINT = (
    "ISC accepts writes only from a user-context token: use a personal access token (PAT) of a user with the ORG_ADMIN user level as client_id/client_secret."
)


class IscError(Exception):
    """A failure with a readable message and structured details for fail_json."""

    def __init__(self, msg, **details):
        super().__init__(msg)
        self.msg = msg
        self.details = details

    def fail_kwargs(self):
        kwargs = dict((key, value) for key, value in self.details.items() if value is not None)
        kwargs["msg"] = self.msg
        return kwargs


class ValidationError(IscError):
    """Input the API must not receive; raised before any write."""

    def __init__(self, msg, option=None):
        super().__init__(msg, option=option)


class TransportError(IscError):
    """No usable HTTP response: connection refused or dropped, timeout, TLS failure."""

    def __init__(self, method, path, reason):
        super().__init__("%s %s failed: %s" % (method, path, reason), method=method, path=path)
        self.reason = reason


class UncertainWriteError(TransportError):
    """A create may or may not have reached the server (dropped connection, 5xx).

    Creates are never re-sent blindly; the resource layer looks for the object first.
    """

    def __init__(self, method, path, reason, status=None, body=None):
        super().__init__(method, path, reason)
        self.status = status
        self.body = body


class ApiError(IscError):
    """ISC answered with an error status."""

    def __init__(self, method, path, status, body=None, hint=None):
        detail_code, texts, tracking_id = _parse_error_body(body)
        parts = ["%s %s failed with HTTP %s" % (method, path, status)]
        if detail_code:
            parts.append(" (%s)" % detail_code)
        if texts:
            parts.append(": " + "; ".join(texts))
        if tracking_id:
            parts.append(" [trackingId: %s]" % tracking_id)
        if hint:
            parts.append(". " + hint)
        super().__init__("".join(parts), status=status, method=method, path=path, detail_code=detail_code, messages=texts or None, tracking_id=tracking_id)
        self.status = status


class NotFoundError(ApiError):
    """HTTP 404."""


class AuthError(ApiError):
    """The token was refused (401) or no token could be obtained."""


# What a token needs for each service's reads and writes, from the security and x-sailpoint-userLevels of each
# operation in SailPoint's OpenAPI files (V3 and v1 say the same). A read is allowed to a user's token (PAT) or an
# API client's, unless it says "user". Writes all need a user's token (FORBIDDEN_WRITE_HINT says so).
RIGHTS = {
    "password-policies": ("the scope idn:password-policy:read", "the scope idn:password-policy:write"),
    "password-sync-groups": (
        "the scope idn:password-sync-group:read (or :manage), and for a PAT a user of the ORG_ADMIN user level",
        "the scope idn:password-sync-group:manage",
    ),
    "sources": ("the scope idn:sources:read (or :manage), and for a PAT a user of the ORG_ADMIN, SOURCE_ADMIN, SOURCE_SUBADMIN or ROLE_SUBADMIN level", None),
    "password-org-config": ("the scope idn:password-org-config:read", "the scope idn:password-org-config:manage"),
    "password-dictionary": (
        "a personal access token (PAT) of a user with the ORG_ADMIN user level (API clients cannot read it), with the scope "
        "idn:password-dictionary:read (or :manage)",
        "the scope idn:password-dictionary:manage",
    ),
}


def needed_right(method, path):
    """What the token needs for this request (RIGHTS), or None for a path the collection does not know."""
    service = next((name for name in sorted(RIGHTS, key=len, reverse=True) if "/%s" % name in path), None)
    if service is None:
        return None
    return RIGHTS[service][1 if method in WRITE_METHODS else 0]


class ForbiddenError(ApiError):
    """HTTP 403: the token lacks a right. On a write, most often a token without user context."""

    def __init__(self, method, path, status, body=None):
        right = needed_right(method, path)
        if method in WRITE_METHODS:
            hint = FORBIDDEN_WRITE_HINT + (" The token also needs %s." % right if right else "")
        else:
            hint = "A permission problem, not a wrong input: the token may not read %s%s" % (path, "; it needs %s" % right if right else "")
        super().__init__(method, path, status, body, hint=hint)


class RateLimitError(ApiError):
    """HTTP 429 for longer than the configured wait allows."""


def api_error(method, path, status, body=None, hint=None):
    """The ApiError subclass that fits the status."""
    if status == 401:
        return AuthError(method, path, status, body, hint=hint)
    if status == 403:
        return ForbiddenError(method, path, status, body)
    if status == 404:
        return NotFoundError(method, path, status, body, hint=hint)
    if status == 429:
        return RateLimitError(method, path, status, body, hint=hint)
    return ApiError(method, path, status, body, hint=hint)


# Keys whose string values are ISC's own words, in the order they are shown, for every error shape seen:
# ErrorResponseDto (messages, causes), OAuth/401 ({error, error_description}), 429 ({message}),
# {detailMessage}, {formatted_msg, slpt_error_code, msg_template, http_response_code} and {errorName, errorMessage}.
_TEXT_KEYS = ("error", "error_description", "message", "detailMessage", "formatted_msg", "errorMessage")
_CODE_KEYS = ("detailCode", "slpt_error_code", "errorName")
MAX_TEXT = 300


def _parse_error_body(body):
    """(code, [texts], trackingId) from any of ISC's error shapes, plain text or an empty body.

    Whatever the shape, the user sees ISC's words: a JSON body of an unknown shape is shown as it is
    (shortened), plain text too, and an empty body is said to be empty.
    """
    if isinstance(body, dict):
        return _parse_json_error(body)
    if isinstance(body, str) and body.strip():
        return None, [" ".join(body.split())[:MAX_TEXT]], None
    if body is None or body == "":
        return None, ["(empty response body)"], None
    return None, [_compact(body)], None


def _parse_json_error(body):
    """(code, [texts], trackingId) of a JSON error body; one of an unknown shape is shown whole."""
    texts = []
    for text in _json_error_texts(body):
        _add_text(texts, text)
    code = next((str(body[key]) for key in _CODE_KEYS if body.get(key) not in (None, "")), None)
    tracking_id = body.get("trackingId") or body.get("tracking_id")
    if not texts and not code:
        _add_text(texts, _compact(body))
    return code, texts, tracking_id


def _add_text(texts, text):
    """Adds one text, shortened, unless it is empty or already there."""
    text = str(text).strip()[:MAX_TEXT]
    if text and text not in texts:
        texts.append(text)


def _json_error_texts(body):
    """ISC's words in a JSON error body, in the order they are shown (repeats included)."""
    for key in ("messages", "causes"):
        items = body.get(key)
        for item in items if isinstance(items, list) else []:
            text = item.get("text") if isinstance(item, dict) else item
            if text:
                yield text
    for key in _TEXT_KEYS:
        if isinstance(body.get(key), str):
            yield body[key]
    if not body.get("formatted_msg") and isinstance(body.get("msg_template"), str):
        yield body["msg_template"]


def _compact(value):
    """A short JSON rendering of an error body of a shape we do not know."""
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return text[:MAX_TEXT]
