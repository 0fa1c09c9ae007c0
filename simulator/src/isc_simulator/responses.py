"""Response objects and the error bodies ISC sends (ErrorResponseDto, the 401/429 shapes)."""

import secrets
from dataclasses import dataclass, field
from http import HTTPStatus

JSON_TYPE = "application/json;charset=utf-8"

# detailCode values seen in SailPoint's documented examples; other statuses get "<code> <phrase>".
DETAIL_CODES = {
    400: "400.1 Bad Request Content",
    403: "403 Forbidden",
    404: "404 Not found",
    500: "500.0 Internal Fault",
}

JWT_EXPIRED = {"error": "JWT validation failed: JWT is expired"}
JWT_INVALID = {"error": "JWT validation failed: JWT is invalid"}
RATE_LIMITED = {"message": " Rate Limit Exceeded "}


def error_body(status, *texts):
    """An ErrorResponseDto with a fresh trackingId, as support would ask for it."""
    try:
        detail = DETAIL_CODES.get(status) or f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        detail = str(status)
    return {
        "detailCode": detail,
        "trackingId": secrets.token_hex(16),
        "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": text} for text in texts],
        "causes": [],
    }


def shaped_error(status, shape, text):
    """(body, headers) of an error in one of the shapes real ISC services send besides ErrorResponseDto."""
    tracking_id = secrets.token_hex(16)
    if shape in (None, "error_response"):
        return error_body(status, text), {}
    if shape == "detail_message":  # e.g. the 400 for an offset past the end
        return {"detailMessage": text, "trackingId": tracking_id}, {}
    if shape == "formatted_msg":
        return {"formatted_msg": text, "slpt_error_code": "SLPT-%d" % status, "msg_template": text, "http_response_code": status}, {}
    if shape == "error_name":
        return {"errorName": "InjectedFaultException", "errorMessage": text}, {}
    if shape == "error":  # the 401 shape
        return {"error": text}, {}
    if shape == "message":  # the 429 shape
        return {"message": text}, {}
    if shape == "text":
        return text, {"Content-Type": "text/plain;charset=utf-8"}
    if shape == "empty":
        return None, {}
    raise ValueError(f"unknown error shape {shape!r}")


@dataclass
class Response:
    """What the handler sends: `body` is JSON-encoded unless it is a str (sent as text) or None (no body)."""

    status: int
    body: object = None
    headers: dict = field(default_factory=dict)


class ApiError(Exception):
    """Raised anywhere below the HTTP layer; becomes an error response."""

    def __init__(self, status, text=None, body=None, headers=None):
        super().__init__(text or str(body))
        self.status = status
        self.body = body if body is not None else error_body(status, text or HTTPStatus(status).phrase)
        self.headers = headers or {}

    def response(self):
        return Response(self.status, self.body, dict(self.headers))


class BadRequest(ApiError):
    def __init__(self, text):
        super().__init__(400, text)


class Forbidden(ApiError):
    def __init__(self, text):
        super().__init__(403, text)


class NotFound(ApiError):
    def __init__(self, text):
        super().__init__(404, text)
