"""Request bodies, parsed for every endpoint: JSON, and multipart/form-data (the token form, the dictionary upload).

Its own module so that endpoints.py and password_settings.py both use it without importing each other.
"""

import email.parser
import email.policy
import json

from .responses import ApiError, BadRequest


def media_type(req):
    """The request's Content-Type without its parameters, lower case ('' when there is none)."""
    return (req.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def json_body(req):
    media = media_type(req)
    if media != "application/json" and not media.endswith("+json"):
        raise ApiError(415, f"Content-Type must be application/json, got {media or 'none'}.")
    try:
        return json.loads(req.body.decode("utf-8"))
    except ValueError as exc:
        raise BadRequest(f"The request body is missing or is not valid JSON: {exc}.") from exc


def form_parts(req):
    """{name: part} of a multipart/form-data body, each part an email message (read it with get_content or
    get_payload); parts without a name in their Content-Disposition are left out, as is a body that is not multipart."""
    head = f"Content-Type: {req.headers.get('Content-Type') or ''}\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + req.body)
    parts = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if name:
            parts[name] = part
    return parts
