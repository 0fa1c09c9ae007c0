# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport for the ISC API (V3 or the per-service v1): authentication, retries, rate limits, paging, errors.

Paths are whole paths (``/v3/password-policies``, ``/password-policies/v1``): api_version.py builds them."""

import random
import socket
import threading
import time
import traceback
from collections import namedtuple
from urllib.parse import urlsplit

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION

from ansible_collections.sailpoint_community.isc.plugins.module_utils import api_version as api
from ansible_collections.sailpoint_community.isc.plugins.module_utils import ratelimit
from ansible_collections.sailpoint_community.isc.plugins.module_utils.auth import TokenAuth, scrub, secret_forms
from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import (
    ApiError,
    AuthError,
    RateLimitError,
    TransportError,
    UncertainWriteError,
    api_error,
)
from ansible_collections.sailpoint_community.isc.plugins.module_utils.version import COLLECTION_VERSION

try:
    import requests
except ImportError:
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    REQUESTS_IMPORT_ERROR = None

TOKEN_PATH = "/oauth/token"
PAGE_SIZE = 250
MAX_ATTEMPTS = 5  # per request, for 5xx, timeouts and dropped connections
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
MIN_RATE_LIMIT_WAIT = 0.5
RETRY_STATUSES = frozenset((500, 502, 503, 504))
# Safe to send again when the outcome is unknown. POST is not: see resources.Collection.create.
IDEMPOTENT_METHODS = frozenset(("GET", "PUT", "DELETE"))
# For text/plain resources (the password dictionary); errors still come as JSON.
TEXT_ACCEPT = "text/plain, application/json;q=0.9"

Response = namedtuple("Response", "status headers data")


class IscClient:
    """One client per module run; every request of the run goes through ``request()``.

    Safe to call from several threads at once: every request (token requests too) first takes a
    slot of the rate limiter, which this client shares with every other client of the process for
    the same tenant and client id (``ratelimit.shared``); the token is fetched once under a lock;
    each thread sends through its own ``requests.Session``, whose thread-safety requests does not
    promise (psf/requests#2766), unless one ``session`` is given.
    """

    def __init__(
        self,
        base_url,
        client_id=None,
        client_secret=None,
        access_token=None,
        validate_certs=True,
        ca_path=None,
        timeout=30.0,
        max_rate_limit_wait=60.0,
        session=None,
        sleep=time.sleep,
        on_token=None,
        api_version=api.DEFAULT_VERSION,
        rate_limiter=None,
    ):
        self.base_url = base_url.rstrip("/")
        self.api_version = api.check_version(api_version)
        self.warnings = []  # shown by the module as warnings (connection.run_module)
        self._deprecation_noted = False
        self.timeout = timeout
        self.max_rate_limit_wait = max_rate_limit_wait
        self.rate_limit_waited = 0.0  # seconds that 429s paused this client's requests, all threads together
        self.request_count = 0
        self._verify = (ca_path or True) if validate_certs else False
        self._sleep = sleep
        self._lock = threading.Lock()  # the counters and warnings above
        self.rate_limiter = rate_limiter or ratelimit.shared(self.base_url, client_id)
        self._given_session = None if session is None else self._prepare(session)
        self._local = threading.local()
        self._sessions = []  # the per-thread ones, for close()
        self.stop = None  # an interrupt.Stop: once it is set, no request is sent (engine.py sets it)
        self.auth = TokenAuth(self._fetch_token, client_id, client_secret, access_token, on_token=on_token)

    @staticmethod
    def _prepare(session):
        session.headers.update(
            {
                "User-Agent": "sailpoint_community.isc/%s (ansible-core %s; python-requests %s)" % (COLLECTION_VERSION, ANSIBLE_VERSION, requests.__version__),
                "Accept": "application/json",
                # ISC's edge has sent a bogus Content-Encoding on 4xx; identity avoids decoding errors.
                "Accept-Encoding": "identity",
            }
        )
        return session

    @property
    def _session(self):
        """The given session, else this thread's own one (made on its first request)."""
        if self._given_session is not None:
            return self._given_session
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = self._prepare(requests.Session())
            with self._lock:
                self._sessions.append(session)
        return session

    def close(self):
        """Close the connections of the sessions this client made (a long-lived process should, once done)."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def get(self, path, query=None, headers=None):
        return self.request("GET", path, query=query, headers=headers)

    def post(self, path, body, headers=None):
        return self.request("POST", path, body=body, headers=headers)

    def put(self, path, body=None, files=None, headers=None):
        return self.request("PUT", path, body=body, files=files, headers=headers)

    def delete(self, path, headers=None):
        return self.request("DELETE", path, headers=headers)

    def get_text(self, path, headers=None):
        """GET a text/plain resource; ``Response.data`` is the text (error bodies are still parsed as JSON)."""
        return self.request("GET", path, accept=TEXT_ACCEPT, headers=headers)

    def request(self, method, path, query=None, body=None, files=None, accept=None, headers=None):
        """Send an authenticated API request; return a Response or raise an IscError.

        ``path`` is the whole path after the host. ``body`` is sent as JSON; ``files`` ({part name:
        (file name, bytes, media type)}) as multipart/form-data instead. ``accept`` replaces the
        default ``Accept: application/json``; ``headers`` are added (e.g. the experimental opt-in).
        """
        url = self.base_url + path
        refreshed = False
        while True:
            sent = dict(headers or {}, Authorization=self.auth.header())
            if accept:
                sent["Accept"] = accept
            response = self._exchange(method, url, path, params=query, json=body, files=files, headers=sent)
            self._note_deprecation(path, response)
            if response.status == 401 and not refreshed and self.auth.can_refresh:
                # The token expired early or was revoked: one new try, with a new token unless
                # another thread already fetched one after the same 401.
                self.auth.refresh(refused=sent["Authorization"])
                refreshed = True
                continue
            if response.status >= 400:
                hint = None
                if response.status == 401:
                    hint = (
                        "ISC refused the access token again after a new one was fetched"
                        if refreshed
                        else "ISC refused the access token and no client_id/client_secret were given to fetch a new one"
                    )
                raise api_error(method, path, response.status, response.data, hint=hint)
            return response

    def _note_deprecation(self, path, response):
        """One warning per run when ISC marks a response deprecated (the first such response names the path)."""
        warning = api.deprecation_warning(response.headers, path, self.api_version)
        if warning:
            with self._lock:
                if not self._deprecation_noted:
                    self._deprecation_noted = True
                    self.warnings.append(warning)

    def list_all(self, path, query=None, headers=None):
        """Every item of a collection endpoint, page by page (limit/offset), as real tenants answer.

        ``offset`` counts the records read so far, so a page shorter than ``limit`` before the end
        (seen on real tenants) loses nothing and never ends the listing by itself. The first page
        asks for X-Total-Count: with it, reading stops exactly at the total and never asks past the
        end. Without it, reading stops at an empty page, or at the 400 "Specified offset is invalid"
        that some tenants answer to an offset at the end.
        """
        items, total = [], None
        while total is None or len(items) < total:
            page_query = dict(query or {}, limit=PAGE_SIZE, offset=len(items))
            if not items:
                page_query["count"] = "true"
            try:
                response = self.get(path, page_query, headers=headers)
            except ApiError as error:
                if items and is_end_of_list(error):
                    return items
                raise
            page = response.data
            if page is None or page == "":
                page = []
            if not isinstance(page, list):
                raise ApiError("GET", path, response.status, page, hint="Expected a JSON list of %s; ISC answered something else" % path)
            if not items:
                total = total_count(response.headers)
            if not page:
                return items
            if len(page) <= len(items) and page == items[-len(page) :]:
                # Without a total, a server that ignores offset would send the same page for ever.
                raise ApiError(
                    "GET", path, response.status, None, hint="ISC sent the page at offset %d again: it ignores offset, so the listing cannot end" % len(items)
                )
            items.extend(page)
        return items

    def _fetch_token(self, client_id, client_secret):
        form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret}
        # A token endpoint may echo the request body in its error: never shown unscrubbed.
        response = self._exchange("POST", self.base_url + TOKEN_PATH, TOKEN_PATH, data=form, idempotent=True, secrets=secret_forms(client_secret))
        token = response.data.get("access_token") if isinstance(response.data, dict) else None
        if response.status == 404:
            # Not a refused secret: nothing answers at this address, most often a path in base_url.
            raise AuthError(
                "POST",
                TOKEN_PATH,
                response.status,
                response.data,
                hint=(
                    "No token endpoint at %s: base_url must be the tenant's API host without a path, "
                    "e.g. https://acme.api.identitynow.com (got %s)" % (self.base_url + TOKEN_PATH, self.base_url)
                ),
            )
        if response.status != 200 or not token:
            raise AuthError(
                "POST",
                TOKEN_PATH,
                response.status,
                response.data,
                hint=("No access token for client_id %s: check client_id and client_secret (SAIL_CLIENT_ID / SAIL_CLIENT_SECRET)" % client_id),
            )
        expires_in = response.data.get("expires_in")
        return token, float(expires_in) if expires_in else None

    def _exchange(self, method, url, path, idempotent=None, secrets=(), **kwargs):
        """One HTTP request, retried where that is safe.

        429 pauses every request of the rate limiter for Retry-After, for any method (the request
        was refused, not processed), within ``max_rate_limit_wait`` for the whole client; the
        limiter's own pacing should make this rare. 5xx, timeouts and dropped
        connections are retried with jittered exponential backoff for idempotent methods; for a
        POST the outcome is unknown, so UncertainWriteError goes up to the resource layer.
        ``secrets``: forms of a secret the request carries, masked in every answer before it is read.
        """
        idempotent = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        attempt = 0
        while True:
            attempt += 1
            response, reason = self._send(method, url, path, **kwargs)
            if response is not None and secrets:
                response = response._replace(data=scrub(response.data, secrets))
            if response is not None:
                if response.status == 429:
                    self._wait_for_rate_limit(method, path, response)
                    attempt -= 1  # waiting out a 429 is bounded by time, not by attempts
                    continue
                if response.status not in RETRY_STATUSES:
                    return response
                reason = "HTTP %s" % response.status
            if not idempotent:
                raise UncertainWriteError(method, path, reason, status=response and response.status, body=response and response.data)
            if attempt >= MAX_ATTEMPTS:
                if response is not None:
                    raise api_error(method, path, response.status, response.data, hint="Gave up after %d attempts" % attempt)
                raise TransportError(method, path, "%s; gave up after %d attempts" % (reason, attempt))
            self.wait_before_retry(attempt)

    def _send(self, method, url, path, **kwargs):
        """(Response, None), or (None, why there is no response). A TLS failure is final."""
        with self._lock:
            self.request_count += 1
        session = self._session
        try:
            with self.rate_limiter.slot(self.stop and self.stop.event):
                if self.stop is not None:
                    self.stop.check("%s %s" % (method, path))
                raw = session.request(method, url, timeout=self.timeout, verify=self._verify, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise TransportError(method, path, _tls_failure(url, exc)) from None
        except requests.exceptions.Timeout:
            return None, "no response within timeout=%s seconds" % self.timeout
        except requests.exceptions.ConnectionError as exc:
            if _unresolvable(exc):
                # A name that does not resolve will not resolve on a retry either.
                host = urlsplit(url).hostname
                raise TransportError(
                    method, path, "the host %r of base_url does not resolve (%s): check base_url, e.g. https://acme.api.identitynow.com" % (host, url)
                ) from None
            return None, "connection to %s failed or dropped (%s)" % (url, _short(exc))
        except requests.exceptions.RequestException as exc:  # an unreadable response, e.g. a bad Content-Encoding
            return None, "unreadable response from %s (%s)" % (url, _short(exc))
        return _parse(raw), None

    def wait_before_retry(self, attempt):
        """Sleep the jittered exponential backoff that precedes retry number ``attempt``."""
        self._sleep(backoff(attempt))

    def _wait_for_rate_limit(self, method, path, response):
        """Pause the limiter (every thread, every client of the same client id) for Retry-After; the next slot waits it out.

        Only the time this 429 adds to the pause counts towards ``max_rate_limit_wait``: 429s that
        threads receive together overlap, they do not add up.
        """
        wait = max(retry_after_seconds(response.headers.get("Retry-After")), MIN_RATE_LIMIT_WAIT)
        with self._lock:
            added = self.rate_limiter.pause(wait, budget=self.max_rate_limit_wait - self.rate_limit_waited)
            if added is None:
                raise RateLimitError(method, path, 429, response.data, hint=self._rate_limit_give_up(response, wait))
            self.rate_limit_waited += added

    def _rate_limit_give_up(self, response, wait):
        """Why the client stops waiting: what ISC asked (Retry-After), the budget, and what was already waited."""
        asked = response.headers.get("Retry-After")
        return (
            "Gave up without sending the request again: ISC asked to wait %s s (Retry-After: %s), which would take this run's "
            "waiting past max_rate_limit_wait=%s s (already waited %.0f s in total). ISC sends Retry-After of up to 1,200 s "
            "on some routes: raise max_rate_limit_wait to wait that long, or run again later"
            % ("%g" % wait, "none sent" if asked is None else asked, self.max_rate_limit_wait, self.rate_limit_waited)
        )


def total_count(headers):
    """X-Total-Count as an int, or None when it is missing or unreadable."""
    try:
        value = int(headers.get("X-Total-Count"))
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None


def is_end_of_list(error):
    """The 400 that some tenants answer to an offset at (or past) the end of a list."""
    return error.status == 400 and any("offset" in text.lower() for text in error.details.get("messages") or [])


def backoff(attempt):
    """Seconds to wait before retry number ``attempt``: exponential, capped, with jitter."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))
    return random.uniform(ceiling / 2, ceiling)


def retry_after_seconds(value):
    """Retry-After in seconds (ISC sends whole seconds); 1 when absent or unreadable."""
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 1.0


def _parse(raw):
    """The body as JSON, except a text/plain one, which stays text (a dictionary word such as 123 is not a number)."""
    data = None
    if raw.content:
        content_type = (raw.headers.get("Content-Type") or "").lower()
        if content_type.startswith("text/"):
            # Without a charset, UTF-8 (ISC's text files are UTF-8), not HTTP's old ISO-8859-1 default.
            try:
                data = raw.content.decode(raw.encoding if "charset=" in content_type else "utf-8", "replace")
            except LookupError:  # a charset Python does not know
                data = raw.content.decode("utf-8", "replace")
        else:
            try:
                data = raw.json()
            except ValueError:
                data = raw.text
    return Response(raw.status_code, raw.headers, data)


def _tls_failure(url, exc):
    reason = _short(exc)
    if "WRONG_VERSION_NUMBER" in reason or "wrong version number" in reason or "record layer failure" in reason:
        # The server answered in plain HTTP: no certificate setting will help.
        return "TLS handshake with %s failed (%s): the server does not speak https there; check base_url (http:// or https://, and the port)" % (url, reason)
    return (
        "TLS verification failed for %s (%s). Set ca_path to the CA bundle that signed the server certificate, "
        "or validate_certs: false to skip the check (not recommended)" % (url, reason)
    )


def _unresolvable(exc):
    """Whether the chain of a ConnectionError ends in a failed host name lookup."""
    reason = exc
    for _depth in range(6):
        if isinstance(reason, socket.gaierror) or type(reason).__name__ == "NameResolutionError":
            return True
        inner = getattr(reason, "reason", None)
        reason = inner if isinstance(inner, BaseException) else reason.__context__
        if reason is None:
            return False
    return False


def _short(exc):
    """The innermost reason of a requests/urllib3 exception chain, without the wrapper noise."""
    reason = exc
    for _depth in range(5):
        inner = getattr(reason, "reason", None)
        if not isinstance(inner, BaseException):
            inner = reason.__context__
        if inner is None:
            break
        reason = inner
    return (str(reason) or reason.__class__.__name__)[:200]
