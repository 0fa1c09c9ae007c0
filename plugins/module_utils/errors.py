# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors raised while talking to ISC. Each one renders its own module failure.

Modules catch IscError once, at the top, and pass ``error.fail_kwargs()`` to
``fail_json``. Nothing here ever holds a secret: messages are built from the HTTP
status, method, path and the error body, never from headers or request bodies.
"""

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


class ForbiddenError(ApiError):
    """HTTP 403; on a write, most often a token without user context."""

    def __init__(self, method, path, status, body=None):
        hint = FORBIDDEN_WRITE_HINT if method in WRITE_METHODS else None
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


def _parse_error_body(body):
    """(detailCode, [texts], trackingId) from any of ISC's error shapes.

    400/403/404/500 use ErrorResponseDto; 401 is {"error": ...}; 429 is {"message": ...};
    the token endpoint answers {"error": ..., "error_description": ...}.
    """
    if isinstance(body, dict):
        texts = []
        for key in ("messages", "causes"):
            for item in body.get(key) or []:
                text = item.get("text") if isinstance(item, dict) else item
                if text and text not in texts:
                    texts.append(str(text).strip())
        for key in ("error", "error_description", "message"):
            if isinstance(body.get(key), str) and body[key].strip():
                texts.append(body[key].strip())
        return body.get("detailCode"), texts, body.get("trackingId")
    if isinstance(body, str) and body.strip():
        return None, [body.strip()[:300]], None
    return None, [], None
