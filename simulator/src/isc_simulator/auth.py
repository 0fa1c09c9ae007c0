"""OAuth clients and JWT-shaped access tokens (HS256 with a per-process random key)."""

import base64
import hashlib
import hmac
import json
import math
import secrets
import threading
import time
import uuid
from dataclasses import dataclass

from .responses import JWT_EXPIRED, JWT_INVALID, ApiError
from .rights import ALL_SCOPES, client_settings
from .store import ADMIN_IDENTITY

TENANT = {"tenant_id": "5f1c3a8e-6b2d-4e7f-9a10-c2d3e4f5a6b7", "pod": "sim01", "org": "isc-sim"}


@dataclass
class Client:
    """A user's PAT (kind "user", with the user's level) or an API client (kind "application", no user)."""

    client_id: str
    secret: str
    kind: str = "user"
    scopes: tuple = (ALL_SCOPES,)
    user_level: str = "ORG_ADMIN"

    @property
    def user_context(self):
        return self.kind == "user"


@dataclass
class Token:
    client_id: str
    kind: str
    scopes: tuple
    user_level: str
    expires_at: float

    @property
    def user_context(self):
        return self.kind == "user"


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Auth:
    def __init__(self):
        self._key = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._clients = {}
        self._tokens = {}  # jti -> Token; revoking clears it, so an unknown jti is a revoked token
        self._issued = []  # every token string handed out, for tests that prove tokens never leak

    @staticmethod
    def check_client(client_id, client_secret, user_context=True, kind=None, scopes=None, user_level=None):
        """The Client these settings make, or ValueError. ``kind`` "user" or "application" (default: from
        ``user_context``, the older switch), ``scopes`` (default every scope), ``user_level`` (default ORG_ADMIN)."""
        if not isinstance(client_id, str) or not client_id or not isinstance(client_secret, str) or not client_secret:
            raise ValueError("client_id and client_secret must be non-empty strings")
        if not isinstance(user_context, bool):
            raise ValueError("user_context must be a boolean")
        if kind == "user" and not user_context:
            raise ValueError("a client of kind user has user context")
        kind, scopes, user_level = client_settings(kind or ("user" if user_context else "application"), scopes, user_level)
        return Client(client_id, client_secret, kind, scopes, user_level)

    def add_client(self, client_id, secret, user_context=True, kind=None, scopes=None, user_level=None):
        client = self.check_client(client_id, secret, user_context, kind, scopes, user_level)
        with self._lock:
            self._clients[client_id] = client

    def describe(self, client_id):
        """A client's settings without its secret."""
        with self._lock:
            client = self._clients[client_id]
        return {
            "client_id": client.client_id,
            "kind": client.kind,
            "user_context": client.user_context,
            "scopes": list(client.scopes),
            "user_level": client.user_level,
        }

    def authenticate(self, client_id, secret):
        with self._lock:
            client = self._clients.get(client_id or "")
        if client is None or not hmac.compare_digest((secret or "").encode(), client.secret.encode()):
            raise ApiError(401, body={"error": "invalid_client", "error_description": "Bad credentials"})
        return client

    def issue(self, client, lifetime):
        """The token response body, like ISC's /oauth/token."""
        now = time.time()
        jti = str(uuid.uuid4())
        claims = {
            **TENANT,
            "internal": False,
            "strong_auth_supported": False,
            "client_id": client.client_id,
            "scope": list(client.scopes),
            "iat": int(now),
            "exp": math.ceil(now + lifetime),
            "jti": jti,
        }
        if client.user_context:
            claims.update(identity_id=ADMIN_IDENTITY["id"], user_name=ADMIN_IDENTITY["name"], authorities=[client.user_level])
        with self._lock:
            self._tokens[jti] = Token(client.client_id, client.kind, client.scopes, client.user_level, now + lifetime)
        access_token = self._sign(claims)
        with self._lock:
            self._issued.append(access_token)
        body = {
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": int(lifetime),
            "scope": " ".join(client.scopes),
            **TENANT,
            "internal": False,
            "strong_auth_supported": False,
            "jti": jti,
        }
        if client.user_context:
            body.update(user_id=ADMIN_IDENTITY["id"], identity_id=ADMIN_IDENTITY["id"])
        return body

    def _sign(self, claims):
        head = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
        signature = hmac.new(self._key, f"{head}.{payload}".encode(), hashlib.sha256).digest()
        return f"{head}.{payload}.{_b64(signature)}"

    def _claims(self, token):
        """The payload of a token this process signed, else None."""
        parts = token.split(".")
        if len(parts) != 3:
            return None
        expected = _b64(hmac.new(self._key, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(expected, parts[2]):
            return None
        try:
            return json.loads(_unb64(parts[1]))
        except ValueError:
            return None

    @staticmethod
    def _bearer(header):
        scheme, _space, token = (header or "").strip().partition(" ")
        return token.strip() if scheme.lower() == "bearer" else ""

    def client_of(self, header):
        """Client id a bearer header claims (for the journal; no validation)."""
        claims = self._claims(self._bearer(header))
        return claims.get("client_id") if isinstance(claims, dict) else None

    def check(self, header):
        """The Token behind an Authorization header, or ApiError 401 with ISC's body."""
        claims = self._claims(self._bearer(header))
        with self._lock:
            token = self._tokens.get(claims.get("jti")) if isinstance(claims, dict) else None
        if token is None:
            raise ApiError(401, body=JWT_INVALID)
        if time.time() >= token.expires_at:
            raise ApiError(401, body=JWT_EXPIRED)
        return token

    def issued(self):
        """Every access token issued so far (revoked and expired ones too)."""
        with self._lock:
            return list(self._issued)

    def revoke_all(self):
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
        return count
