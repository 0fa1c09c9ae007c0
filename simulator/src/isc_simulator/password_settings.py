"""The org's password settings and the password dictionary: two singletons of a tenant.

- ``/v3/password-org-config``: GET, POST (creates, unset fields take the defaults), PUT (changes only the
  fields sent). Before the first POST there is nothing: GET and PUT answer 404, the simulator's choice
  (SailPoint documents no answer for that case). A POST when the settings exist is a 400: SailPoint
  documents nothing there either, and clients must not rely on it.
- ``/v3/password-dictionary``: GET returns the uploaded file as ``text/plain`` (404 before the first
  upload); PUT takes ``multipart/form-data`` with one part named ``file``, checks SailPoint's rules and
  replaces the dictionary whole (201 for the first upload, 200 afterwards; both are documented).
"""

import copy
import json
import threading

from .bodies import form_parts, json_body, media_type
from .responses import ApiError, BadRequest, NotFound, Response

# API field -> (default, (minimum, maximum) or None for a boolean).
ORG_CONFIG_FIELDS = {
    "customInstructionsEnabled": (False, None),
    "digitTokenDurationMinutes": (5, (1, 60)),
    "digitTokenEnabled": (False, None),
    "digitTokenLength": (6, (6, 18)),
}
SEED_KEYS = ("password_org_config", "password_dictionary")

MAX_WORDS = 2500
MAX_LINE = 128
LOCALE_PREFIXES = ("locale=", "locale:")


def check_org_config(body, partial):
    """The fields of a POST or PUT body, type- and range-checked; unknown fields are a 400."""
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object describing the password org config.")
    unknown = sorted(set(body) - set(ORG_CONFIG_FIELDS))
    if unknown:
        raise BadRequest(f"Unrecognized field(s) in password org config: {', '.join(unknown)}.")
    values = {}
    for name, (default, bounds) in ORG_CONFIG_FIELDS.items():
        value = body.get(name)
        if value is None:
            if not partial:
                values[name] = default
            continue
        if bounds is None:
            if not isinstance(value, bool):
                raise BadRequest(f"Field '{name}' of password org config must be a boolean (true/false), got {json.dumps(value)[:60]}.")
        elif not isinstance(value, int) or isinstance(value, bool) or not bounds[0] <= value <= bounds[1]:
            raise BadRequest(f"Field '{name}' of password org config must be an integer from {bounds[0]} to {bounds[1]}, got {json.dumps(value)[:60]}.")
        values[name] = value
    return values


def check_dictionary(data):
    """SailPoint's rules for a dictionary file (bytes); returns the text or raises a 400 naming the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The password dictionary must be UTF-8 text: invalid byte at position {exc.start}.") from exc
    words, locale_seen = 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            raise BadRequest(f"Line {number} of the password dictionary is longer than {MAX_LINE} characters.")
        if line.startswith("#"):
            continue
        if not locale_seen and line.startswith(LOCALE_PREFIXES):
            locale_seen = True
            continue
        if any(char.isspace() for char in line):
            raise BadRequest(f"Line {number} of the password dictionary contains white space: one word per line.")
        words += 1
    if words == 0:
        raise BadRequest("The password dictionary must contain at least one word besides the locale line.")
    if words > MAX_WORDS:
        raise BadRequest(f"The password dictionary must not contain more than {MAX_WORDS} words; it contains {words}.")
    return text


def dictionary_file(req):
    """The bytes of the upload's part named ``file``; 415 for a body that is not multipart/form-data."""
    if media_type(req) != "multipart/form-data":
        given = (req.headers.get("Content-Type") or "").split(";")[0].strip()  # as sent, not lower-cased
        raise ApiError(415, f"Content-Type must be multipart/form-data, got {given or 'none'}.")
    part = form_parts(req).get("file")
    if part is None:
        raise BadRequest("The multipart body must have a part named 'file' holding the dictionary.")
    return part.get_payload(decode=True) or b""


class PasswordSettings:
    """The tenant's password org config (a dict or None) and password dictionary (the file text or None)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._org_config = None
        self._dictionary = None

    # ----- seeding and state ----------------------------------------------------------------------------------
    @staticmethod
    def parse_seed(seed):
        """The settings part of a seed, checked (a 400 on bad values); keys absent from the seed are absent here."""
        parsed = {}
        if not isinstance(seed, dict):
            return parsed
        if seed.get("password_org_config") is not None:
            parsed["password_org_config"] = check_org_config(seed["password_org_config"], partial=False)
        elif "password_org_config" in seed:
            parsed["password_org_config"] = None
        dictionary = seed.get("password_dictionary")
        if dictionary is not None:
            if not isinstance(dictionary, str):
                raise BadRequest("Seed 'password_dictionary' must be the text of the dictionary file (a string).")
            parsed["password_dictionary"] = check_dictionary(dictionary.encode("utf-8"))
        elif "password_dictionary" in seed:
            parsed["password_dictionary"] = None
        return parsed

    def load(self, parsed, keep=False):
        """Set the seeded settings; without ``keep`` (a reset) the settings the seed leaves out are cleared."""
        with self._lock:
            if not keep:
                self._org_config = self._dictionary = None
            if "password_org_config" in parsed:
                self._org_config = copy.deepcopy(parsed["password_org_config"])
            if "password_dictionary" in parsed:
                self._dictionary = parsed["password_dictionary"]

    def state(self):
        with self._lock:
            return {"password_org_config": copy.deepcopy(self._org_config), "password_dictionary": self._dictionary}

    # ----- /v3/password-org-config ----------------------------------------------------------------------------
    def get_org_config(self):
        with self._lock:
            if self._org_config is None:
                raise NotFound("The password org config has not been created yet; create it with POST.")
            return copy.deepcopy(self._org_config)

    def create_org_config(self, body):
        with self._lock:
            if self._org_config is not None:
                raise BadRequest("The password org config exists already; change it with PUT.")
            self._org_config = check_org_config(body, partial=False)
            return copy.deepcopy(self._org_config)

    def update_org_config(self, body):
        with self._lock:
            if self._org_config is None:
                raise NotFound("The password org config has not been created yet; create it with POST.")
            self._org_config.update(check_org_config(body, partial=True))
            return copy.deepcopy(self._org_config)

    # ----- /v3/password-dictionary ----------------------------------------------------------------------------
    def get_dictionary(self):
        with self._lock:
            if self._dictionary is None:
                raise NotFound("No password dictionary has been uploaded yet.")
            return self._dictionary

    def put_dictionary(self, data):
        """Replace the dictionary; True when it is the first one."""
        text = check_dictionary(data)
        with self._lock:
            first = self._dictionary is None
            self._dictionary = text
            return first


# ----- handlers (endpoints.ROUTES) ----------------------------------------------------------------------------
def get_org_config(sim, _req):
    return Response(200, sim.settings.get_org_config())


def create_org_config(sim, req):
    return Response(200, sim.settings.create_org_config(json_body(req)))


def update_org_config(sim, req):
    return Response(200, sim.settings.update_org_config(json_body(req)))


def get_dictionary(sim, _req):
    return Response(200, sim.settings.get_dictionary(), {"Content-Type": "text/plain;charset=utf-8"})


def put_dictionary(sim, req):
    first = sim.settings.put_dictionary(dictionary_file(req))
    return Response(201 if first else 200)
