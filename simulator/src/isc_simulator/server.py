"""HTTP layer: request pipeline (journal -> faults -> auth -> rate limit -> handler), admin routing, sending.

HTTP/1.1 with keep-alive, so every response carries a Content-Length (except 204) and the request body is
always read in full, even when the request is rejected, to keep the connection usable.
"""

import fnmatch
import json
import re
import secrets
import socket
import socketserver
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import admin, endpoints, rights
from .journal import is_write
from .responses import JSON_TYPE, JWT_EXPIRED, RATE_LIMITED, ApiError, NotFound, Response, error_body, shaped_error

ADMIN_PREFIX = "/_sim"
TOKEN_PATH = "/oauth/token"
MAX_BODY = 10 * 1024 * 1024
_SECRET_IN_LOG = re.compile(r"(client_secret=)[^&\s'\"]*")


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: object
    body: bytes
    token: object = None


def allows_gzip(accept_encoding):
    """True unless the client asked for identity only (an absent header allows any coding)."""
    if accept_encoding is None:
        return True
    for item in accept_encoding.split(","):
        coding, *params = [piece.strip() for piece in item.split(";")]
        if coding.lower() in ("gzip", "x-gzip", "*"):
            quality = next((p.split("=", 1)[1] for p in params if p.lower().startswith("q=")), "1")
            try:
                if float(quality) > 0:
                    return True
            except ValueError:
                continue
    return False


def fault_response(fault):
    """The canned response of a fault, with ISC-like default bodies."""
    status, headers, body = fault["status"], dict(fault["headers"]), fault["body"]
    if fault.get("shape"):
        body, shape_headers = shaped_error(status, fault["shape"], f"Injected fault ({fault['shape']}).")
        headers = {**shape_headers, **headers}
        if status == 429 and not any(name.lower() == "retry-after" for name in headers):
            headers["Retry-After"] = "1"
    elif body is None:
        if status == 429:
            body = RATE_LIMITED
            if not any(name.lower() == "retry-after" for name in headers):
                headers["Retry-After"] = "1"
        elif status == 401:
            body = JWT_EXPIRED
        else:
            body = error_body(status, "Injected fault.")
    return Response(status, body, headers)


def deprecated(response, path, setting):
    """With the v3_deprecated switch on, every /v3 response says so, as SailPoint's docs describe.

    ``setting`` is False, True (``X-Deprecated: true``), or {"deprecation": ..., "sunset": ...}: the
    standard Deprecation and Sunset headers as well, with the values given.
    """
    if not setting or not path.startswith("/v3/"):
        return response
    headers = dict(response.headers, **{"X-Deprecated": "true"})
    if isinstance(setting, dict):
        if setting.get("deprecation"):
            headers["Deprecation"] = setting["deprecation"]
        if setting.get("sunset"):
            headers["Sunset"] = setting["sunset"]
    return Response(response.status, response.body, headers)


def rate_limit(sim, req, version):
    """ISC counts per client id and per API version (one budget for /v3, another for the v1 paths); a
    route limit of the config counts the requests it matches in a budget of its own as well."""
    rate = sim.config()["rate_limit"]
    if not rate["enabled"]:
        return
    budgets = [((req.token.client_id, version), rate["limit"], rate["window"])]
    for index, route in enumerate(rate.get("routes") or ()):
        if route["method"] in ("*", req.method) and fnmatch.fnmatchcase(req.path, route["path"]):
            budgets.append(((req.token.client_id, version, index), route["limit"], route["window"]))
    wait = sim.rate_limiter.hit_all(budgets)
    if wait:
        raise ApiError(429, body=RATE_LIMITED, headers={"Retry-After": str(wait)})


def request_id(response):
    """Every answer of a real tenant carries SLPT-Request-ID (32 hex, the casing of a recorded response)."""
    return Response(response.status, response.body, {"SLPT-Request-ID": secrets.token_hex(16), **response.headers})


def _journal_body(req):
    if not is_write(req.method, req.path) or not req.body:
        return None
    try:
        return json.loads(req.body)
    except ValueError:
        return req.body.decode("utf-8", "replace")


class SimHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, sim, tls_context=None):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.sim = sim
        self._connections = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, SimRequestHandler)
        if tls_context:
            # The handshake happens on first read, in the connection's own thread, not in the accept loop.
            self.socket = tls_context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def server_bind(self):
        # HTTPServer.server_bind does a reverse DNS lookup that can take seconds; we do not need it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        """Wake idle keep-alive connections so their threads end when the simulator stops."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        self.sim.log(f"{client_address[0]} - connection error: {sys.exc_info()[1]!r}")


class SimRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "isc-simulator"
    sys_version = ""
    timeout = 120  # idle keep-alive connections are closed after this many seconds
    disable_nagle_algorithm = True  # headers and body are separate writes: without this each response waits ~40 ms

    def do_GET(self):  # pylint: disable=invalid-name
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET  # pylint: disable=invalid-name

    def __getattr__(self, name):
        # Any other method (TRACE, QUERY, OPTIONS, ...) goes through the same pipeline, which answers a JSON 405
        # with an Allow header (or 404 for an unknown path), instead of http.server's HTML 501 page.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def version_string(self):
        return self.server_version

    # ----- logging: method, path and status only (never headers, bodies or secrets) ---------------------------
    def log_request(self, code="-", size="-"):
        # path and command are unset when the request line itself could not be parsed
        path = urlsplit(getattr(self, "path", "") or "").path or "-"
        self.server.sim.log(f"{self.command or '-'} {path} {int(code)}")

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        self.server.sim.log(_SECRET_IN_LOG.sub(r"\1********", f"{self.address_string()} - {format % args}"))

    # ----- pipeline -------------------------------------------------------------------------------------------
    def _dispatch(self):
        sim = self.server.sim
        url = urlsplit(self.path)
        try:
            body = self._read_body()
        except ValueError as exc:
            self.close_connection = True
            self._send(Response(400, error_body(400, str(exc))))
            return
        req = Request(self.command, url.path, parse_qs(url.query, keep_blank_values=True), self.headers, body)
        if req.path == ADMIN_PREFIX or req.path.startswith(ADMIN_PREFIX + "/"):
            self._send(admin.handle(sim, req))
        else:
            self._serve_api(sim, req)

    def _serve_api(self, sim, req):
        if req.path == TOKEN_PATH:
            client_id = endpoints.token_params(req).get("client_id")
        else:
            client_id = sim.auth.client_of(req.headers.get("Authorization"))
        entry = sim.requests.start(req.method, req.path, req.query, client_id, _journal_body(req))
        latency = sim.config()["latency"]
        if latency:
            # ISC's round trip. Each request sleeps in its own handler thread, holding no lock, so
            # concurrent requests overlap as they do against ISC instead of queueing behind each other.
            time.sleep(latency)
        fault = sim.faults.take(req.method, req.path)
        if fault and fault["delay"]:
            time.sleep(fault["delay"])
        if fault and fault["drop"] == "before":
            sim.requests.finish(entry, None, "before")
            self._drop()
            return
        response = fault_response(fault) if fault and fault["status"] is not None else self._process(sim, req)
        response = request_id(deprecated(response, req.path, sim.config()["v3_deprecated"]))
        if fault and fault["drop"] == "after":
            sim.requests.finish(entry, response.status, "after")
            self._drop()
            return
        retry_after = response.headers.get("Retry-After") if response.status == 429 else None
        sim.requests.finish(entry, response.status, retry_after=float(retry_after) if retry_after else None)
        edge = sim.config()["edge_quirks"] and allows_gzip(req.headers.get("Accept-Encoding"))
        self._send(response, edge_quirk=edge)

    def _process(self, sim, req):
        try:
            if req.path == TOKEN_PATH:
                if req.method != "POST":
                    raise ApiError(405, f"{req.method} is not supported on {TOKEN_PATH}.", headers={"Allow": "POST"})
                return endpoints.token(sim, req)
            family = endpoints.api_family(req.path)
            if family is None:
                raise NotFound(f"No endpoint matches {req.path}.")
            version, path, service = family
            req.token = sim.auth.check(req.headers.get("Authorization"))
            rate_limit(sim, req, version)
            handler, params = endpoints.resolve(req.method, path)
            if version == "v1":
                endpoints.check_experimental(service, req.headers)
            rights.check(handler, req.token)  # after the header check: a tenant refuses a bad request first
            return handler(sim, req, **params)
        except ApiError as exc:
            return exc.response()
        except Exception:  # noqa: BLE001  # pylint: disable=broad-exception-caught
            # A simulator bug must still answer like ISC would, and be visible.
            sim.log(traceback.format_exc())
            return Response(500, error_body(500, "An internal fault occurred."))

    # ----- wire -----------------------------------------------------------------------------------------------
    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = (self.headers.get("Content-Length") or "0").strip()
        if not length.isdigit() or int(length) > MAX_BODY:
            raise ValueError("Invalid or too large Content-Length.")
        return self.rfile.read(int(length))

    def _read_chunked(self):
        chunks, total = [], 0
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            total += size
            if total > MAX_BODY:
                raise ValueError("Request body too large.")
            if size == 0:
                while self.rfile.readline().strip():  # trailers
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _drop(self):
        """Close the connection without a response: the client sees a connection error."""
        self.close_connection = True
        self.server.sim.log(f"{self.command} {urlsplit(self.path).path} dropped")
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send(self, response, edge_quirk=False):
        headers = {name: value for name, value in response.headers.items() if name.lower() != "content-length"}
        names = {name.lower() for name in headers}
        if response.body is None:
            data = b""
        elif isinstance(response.body, str):
            data = response.body.encode("utf-8")
            if "content-type" not in names:
                headers["Content-Type"] = "text/plain;charset=utf-8"
        else:
            data = json.dumps(response.body).encode("utf-8")
            if "content-type" not in names:
                headers["Content-Type"] = JSON_TYPE
        if edge_quirk and 400 <= response.status < 500 and "content-encoding" not in names:
            # ISC's edge labels some 4xx bodies gzip although they are plain: clients must ask for identity.
            headers["Content-Encoding"] = "gzip"
        self.send_response(response.status)
        for name, value in headers.items():
            self.send_header(name, value)
        if response.status != 204:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data and response.status != 204 and self.command != "HEAD":
            self.wfile.write(data)
