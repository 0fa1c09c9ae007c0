"""The Simulator: one tenant, its clients, tokens, rate limit, faults and journal, served over HTTP(S).

The admin HTTP API and the in-process methods below are the same code: the admin handlers call these methods.
"""

import copy
import json
import os
import ssl
import sys
import threading
from pathlib import Path

from .auth import Auth
from .faults import FaultQueue
from .journal import Journal
from .password_settings import SEED_KEYS as PASSWORD_SETTINGS_SEED_KEYS
from .password_settings import PasswordSettings
from .ratelimit import RateLimiter
from .responses import ApiError
from .server import ADMIN_PREFIX, SimHTTPServer
from .store import Store

__version__ = "0.1.0"

DEFAULT_CLIENT_ID = "isc-sim-client"
DEFAULT_CLIENT_SECRET = "isc-sim-secret"
DEFAULT_RATE_LIMIT = 100
DEFAULT_SEED = Path(__file__).with_name("seed.json")
# What real tenants do beyond the contract (isc-api.md, "What real tenants show"): all on by default, so that
# tests against the simulator meet what a tenant sends; quirks=False (--idealised) is the contract's ideal.
QUIRKS = ("offset_400", "short_pages", "no_total_count", "trimmed_dates", "source_filters")
# The environment variable the command lines and the pytest plugin read for their default quirks.
QUIRKS_ENV = "ISC_SIM_QUIRKS"


def default_quirks(environ=None):
    """The quirks a command line or the pytest plugin starts with: $ISC_SIM_QUIRKS ("none", "all" or a list), else all."""
    value = (os.environ if environ is None else environ).get(QUIRKS_ENV, "").strip()
    return quirk_settings(value or "all")


def quirk_settings(quirks, current=None):
    """{quirk: bool} for every quirk, from True/False (all or none), a list of names, a comma-separated
    string ("all" for every one, "none" for none) or an object {name: bool} (a partial update of ``current``)."""
    settings = dict(current or dict.fromkeys(QUIRKS, False))
    if quirks is None or isinstance(quirks, bool):
        return dict.fromkeys(QUIRKS, bool(quirks))
    if isinstance(quirks, str):
        quirks = [name.strip() for name in quirks.split(",") if name.strip()]
        if quirks in (["all"], ["none"]):
            return dict.fromkeys(QUIRKS, quirks == ["all"])
    if isinstance(quirks, (list, tuple)):
        settings = dict.fromkeys(QUIRKS, False)
        quirks = dict.fromkeys(quirks, True)
    if not isinstance(quirks, dict):
        raise ValueError("quirks is a boolean, a list of quirk names or an object {name: boolean}")
    unknown = sorted(set(map(str, quirks)) - set(QUIRKS))
    if unknown:
        raise ValueError(f"unknown quirk(s): {', '.join(unknown)}; known: {', '.join(QUIRKS)}")
    if not all(isinstance(value, bool) for value in quirks.values()):
        raise ValueError("each quirk is switched with a boolean")
    settings.update(quirks)
    return settings


def load_seed(seed):
    """A seed given as a dict, a path to a JSON file, or None for the bundled default."""
    if isinstance(seed, dict):
        return copy.deepcopy(seed)
    with open(DEFAULT_SEED if seed is None else seed, encoding="utf-8") as handle:
        return json.load(handle)


def _split_seed(seed):
    """(the password settings part, the rest) of a seed; the Store checks the rest."""
    if not isinstance(seed, dict):
        return {}, seed
    settings = {key: seed[key] for key in PASSWORD_SETTINGS_SEED_KEYS if key in seed}
    return settings, {key: value for key, value in seed.items() if key not in PASSWORD_SETTINGS_SEED_KEYS}


CLIENT_KEYS = ("client_id", "client_secret", "user_context", "kind", "scopes", "user_level")


def client_spec(client):
    """The add_client arguments of a client given as an object (admin API, --client, clients=[...]), checked."""
    if not isinstance(client, dict) or set(client) - set(CLIENT_KEYS):
        raise ValueError(f"a client is an object with {', '.join(CLIENT_KEYS)}")
    spec = {"client_id": None, "client_secret": None, **client}  # missing ones are refused below, with the rest
    spec.setdefault("user_context", spec.get("kind", "user") == "user")
    Auth.check_client(**spec)
    return spec


def _number(value, minimum, name):
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name} must be a number >= {minimum}")
    return value


class Simulator:  # pylint: disable=too-many-instance-attributes
    # The signature is the documented in-process API (see README), hence the many arguments.
    def __init__(  # pylint: disable=unknown-option-value,too-many-arguments,too-many-positional-arguments
        self,
        host="127.0.0.1",
        port=0,
        seed=None,
        client_id=None,
        client_secret=None,
        token_lifetime=749,
        rate_limit=DEFAULT_RATE_LIMIT,
        rate_window=10,
        tls_cert=None,
        tls_key=None,
        *,
        rate_limit_enabled=True,
        edge_quirks=True,
        quirks=True,
        latency=0.0,
        clients=None,
        quiet=True,
    ):
        self.host, self.port = host, port
        self.client_id = client_id or os.environ.get("ISC_SIM_CLIENT_ID") or DEFAULT_CLIENT_ID
        self.client_secret = client_secret or os.environ.get("ISC_SIM_CLIENT_SECRET") or DEFAULT_CLIENT_SECRET
        self.quiet = quiet
        self._seed = load_seed(seed)
        self._lock = threading.Lock()
        self._config = {}
        self.store = Store()
        self.settings = PasswordSettings()  # the org's password settings and the password dictionary
        self.auth = Auth()
        self.auth.add_client(self.client_id, self.client_secret, user_context=True)
        self.add_clients(clients)
        self.rate_limiter = RateLimiter()
        self.faults = FaultQueue()
        self.requests = Journal()
        # rate_limit=None also switches the limit off (with-isc-simulator relies on it).
        self.configure(
            token_lifetime=token_lifetime,
            edge_quirks=edge_quirks,
            quirks=quirk_settings(quirks),
            v3_deprecated=False,
            latency=latency,
            rate_limit={
                "enabled": rate_limit_enabled and rate_limit is not None,
                "limit": DEFAULT_RATE_LIMIT if rate_limit is None else rate_limit,
                "window": rate_window,
            },
        )
        self._startup_config = self.config()
        try:
            self._load(self._seed)
        except ApiError as exc:
            raise ValueError(f"invalid seed: {exc}") from exc
        self._tls = None
        if tls_cert or tls_key:
            if not (tls_cert and tls_key):
                raise ValueError("TLS needs both a certificate and a key")
            self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._tls.load_cert_chain(tls_cert, tls_key)
        self._server = None
        self._thread = None

    # ----- lifecycle ------------------------------------------------------------------------------------------
    def start(self):
        """Listen (the socket accepts connections once this returns) and serve in a daemon thread."""
        self._server = SimHTTPServer((self.host, self.port), self, self._tls)
        self.port = self._server.server_address[1]
        # A short poll interval makes stop() quick; the cost is a few idle wake-ups per second.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="isc-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def base_url(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self._tls else 'http'}://{host}:{self.port}"

    @property
    def admin_url(self):
        return self.base_url + ADMIN_PREFIX

    def log(self, line):
        if not self.quiet:
            print(line, file=sys.stderr, flush=True)

    # ----- admin operations (also served under /_sim) ---------------------------------------------------------
    def state(self):
        return {**self.store.state(), **self.settings.state()}

    def seed(self, data):
        settings, objects = _split_seed(data)
        parsed = PasswordSettings.parse_seed(settings)  # checked before anything changes: all or nothing
        created = self.store.add(objects)
        self.settings.load(parsed, keep=True)
        return {**created, **{key: value for key, value in self.settings.state().items() if key in parsed}}

    def _load(self, seed):
        settings, objects = _split_seed(seed)
        parsed = PasswordSettings.parse_seed(settings)
        self.store.load(objects)
        self.settings.load(parsed)

    def reset(self, seed=None):
        """Back to the startup seed (or `seed`): journal, faults, rate-limit counters and config too; tokens stay."""
        self._load(self._seed if seed is None else seed)
        self.requests.clear()
        self.faults.clear()
        self.rate_limiter.clear()
        self.configure(**self._startup_config)

    def journal(self, since=0):
        return self.requests.read(since)

    def clear_journal(self):
        self.requests.clear()

    def add_fault(self, **fault):
        return self.faults.add(fault)[0]

    def add_faults(self, faults):
        return self.faults.add(faults)

    def pending_faults(self):
        return self.faults.pending()

    def clear_faults(self):
        self.faults.clear()

    def revoke_tokens(self):
        return self.auth.revoke_all()

    def issued_tokens(self):
        """Every access token handed out (in-process only: tests use it to prove tokens never leak)."""
        return self.auth.issued()

    def add_client(self, client_id, client_secret, user_context=True, *, kind=None, scopes=None, user_level=None):
        """A client that can get tokens: a user's PAT (kind "user", the default, with ``user_level``, default
        ORG_ADMIN) or an API client (kind "application", or ``user_context=False``); ``scopes`` default to all."""
        self.auth.add_client(client_id, client_secret, user_context, kind=kind, scopes=scopes, user_level=user_level)
        return self.auth.describe(client_id)

    def add_clients(self, clients):
        """Add each of a list of {client_id, client_secret, kind, scopes, user_level} (checked first: all or none)."""
        checked = [client_spec(client) for client in clients or ()]
        return [self.add_client(**spec) for spec in checked]

    def config(self):
        with self._lock:
            return copy.deepcopy(self._config)

    def configure(self, **cfg):
        """Partial update of token_lifetime, rate_limit {enabled, limit, window}, edge_quirks, quirks,
        v3_deprecated (false, true or {"deprecation": str, "sunset": str}) and latency (seconds added to
        every ISC request); returns the config."""
        unknown = sorted(set(cfg) - {"token_lifetime", "rate_limit", "edge_quirks", "quirks", "v3_deprecated", "latency"})
        if unknown:
            raise ValueError(f"unknown config key(s): {', '.join(unknown)}")
        with self._lock:
            new = copy.deepcopy(self._config)
            if "token_lifetime" in cfg:
                new["token_lifetime"] = _number(cfg["token_lifetime"], 0, "token_lifetime")
            if "latency" in cfg:
                new["latency"] = _number(cfg["latency"], 0, "latency")
            if "edge_quirks" in cfg:
                if not isinstance(cfg["edge_quirks"], bool):
                    raise ValueError("edge_quirks must be a boolean")
                new["edge_quirks"] = cfg["edge_quirks"]
            if "quirks" in cfg:
                new["quirks"] = quirk_settings(cfg["quirks"], new.get("quirks"))
            if "v3_deprecated" in cfg:
                new["v3_deprecated"] = _deprecation_setting(cfg["v3_deprecated"])
            if "rate_limit" in cfg:
                new["rate_limit"] = self._rate_config(cfg["rate_limit"], new.get("rate_limit", {}))
            self._config = new
            self.store.trim_dates = new["quirks"]["trimmed_dates"]
            return copy.deepcopy(new)

    @staticmethod
    def _rate_config(update, current):
        if not isinstance(update, dict) or set(update) - {"enabled", "limit", "window", "routes"}:
            raise ValueError("rate_limit is an object with enabled, limit, window and routes")
        merged = {**current, **update}
        merged["routes"] = [_route_limit(route) for route in merged.get("routes") or []]
        if not isinstance(merged.get("enabled"), bool):
            raise ValueError("rate_limit.enabled must be a boolean")
        limit = merged.get("limit")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ValueError("rate_limit.limit must be an integer >= 1")
        if _number(merged.get("window"), 0, "rate_limit.window") <= 0:
            raise ValueError("rate_limit.window must be > 0")
        return merged


def _route_limit(route):
    """A route-specific limit {"method": "*", "path": fnmatch pattern, "limit": n, "window": seconds}."""
    if not isinstance(route, dict) or set(route) - {"method", "path", "limit", "window"} or not isinstance(route.get("path"), str):
        raise ValueError('a route limit is {"method": "*", "path": "<pattern>", "limit": n, "window": seconds}')
    method = route.get("method", "*")
    limit = route.get("limit")
    if not isinstance(method, str) or not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError("a route limit's method is a string and its limit an integer >= 1")
    if _number(route.get("window"), 0, "a route limit's window") <= 0:
        raise ValueError("a route limit's window must be > 0")
    return {"method": method.upper(), "path": route["path"], "limit": limit, "window": route["window"]}


def _deprecation_setting(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, dict) and not set(value) - {"deprecation", "sunset"} and all(isinstance(v, str) for v in value.values()):
        return dict(value) or True
    raise ValueError('v3_deprecated is a boolean or an object {"deprecation": str, "sunset": str}')
