"""Who may call what: the kind of token, its scopes and the user's level, per operation.

Written once from the `security` and `x-sailpoint-userLevels` of each operation in SailPoint's contracts
(V3 and v1 say the same for the operations both have; the org settings and the dictionary are in v1 only);
tests/test_rights.py checks this table against the bundles. Keys are the handler names of endpoints.ROUTES.

Each entry: the scopes a user token (PAT) needs, those an API client's token (client credentials, no user)
needs (None: API clients are refused), and the user levels a PAT's user must have (None: the contract names
none, so any level passes). Any one of the listed scopes is enough; ``sp:scopes:all`` stands for every scope.
"""

from dataclasses import dataclass

from .responses import ApiError, error_body

ALL_SCOPES = "sp:scopes:all"
USER_LEVELS = ("ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "ROLE_SUBADMIN", "HELPDESK", "CERT_ADMIN", "REPORT_ADMIN", "USER")
KINDS = ("user", "application")


@dataclass(frozen=True)
class Right:
    user: tuple
    application: tuple = None
    levels: tuple = None


_POLICY_READ = ("idn:password-policy:read",)
_POLICY_WRITE = ("idn:password-policy:write",)
_GROUP_READ = ("idn:password-sync-group:read", "idn:password-sync-group:manage")
_GROUP_WRITE = ("idn:password-sync-group:manage",)
_ORG_READ = ("idn:password-org-config:read",)
_ORG_WRITE = ("idn:password-org-config:manage",)
_ADMIN = ("ORG_ADMIN",)

RIGHTS = {
    "list_policies": Right(_POLICY_READ, _POLICY_READ),
    "get_policy": Right(_POLICY_READ, _POLICY_READ, _ADMIN),
    "create_policy": Right(_POLICY_WRITE, None, _ADMIN),
    "update_policy": Right(_POLICY_WRITE, None, _ADMIN),
    "delete_policy": Right(_POLICY_WRITE, None, _ADMIN),
    "list_groups": Right(_GROUP_READ, _GROUP_READ, _ADMIN),
    "get_group": Right(_GROUP_READ, _GROUP_READ, _ADMIN),
    "create_group": Right(_GROUP_WRITE, None, _ADMIN),
    "update_group": Right(_GROUP_WRITE, None, _ADMIN),
    "delete_group": Right(_GROUP_WRITE, None, _ADMIN),
    "list_sources": Right(
        ("idn:sources:read", "idn:sources:manage"),
        ("idn:sources:read", "idn:sources:manage"),
        ("ORG_ADMIN", "SOURCE_ADMIN", "SOURCE_SUBADMIN", "ROLE_SUBADMIN"),
    ),
    "get_org_config": Right(_ORG_READ, _ORG_READ),
    "create_org_config": Right(_ORG_WRITE, _ORG_WRITE),
    "update_org_config": Right(_ORG_WRITE, _ORG_WRITE),
    "get_dictionary": Right(("idn:password-dictionary:read", "idn:password-dictionary:manage"), None, _ADMIN),
    "put_dictionary": Right(("idn:password-dictionary:manage",), None, _ADMIN),
}

# The documented example of ISC's 403 (ErrorResponseDto, "403 Forbidden"): ISC does not say which right is missing.
FORBIDDEN_TEXT = "The server understood the request but refuses to authorize it."


def allows(right, token):
    """True if the token (its kind, scopes and user level) may call an operation with this right."""
    scopes = right.user if token.kind == "user" else right.application
    if scopes is None:
        return False
    if ALL_SCOPES not in token.scopes and not set(scopes) & set(token.scopes):
        return False
    return token.kind != "user" or right.levels is None or token.user_level in right.levels


def check(handler, token):
    """Raise ISC's 403 unless the token may call ``handler`` (an endpoints handler; unknown ones pass)."""
    right = RIGHTS.get(handler.__name__)
    if right is not None and not allows(right, token):
        raise ApiError(403, body=error_body(403, FORBIDDEN_TEXT))


def client_settings(kind="user", scopes=None, user_level=None):
    """(kind, scopes tuple, user level) of a client, checked; a user defaults to ORG_ADMIN, every scope by default."""
    if kind not in KINDS:
        raise ValueError(f"a client's kind is one of {', '.join(KINDS)}, got {kind!r}")
    scopes = (ALL_SCOPES,) if scopes is None else scopes
    if isinstance(scopes, str) or not all(isinstance(scope, str) and scope for scope in scopes):
        raise ValueError("a client's scopes are a list of non-empty strings")
    if kind == "application":
        if user_level is not None:
            raise ValueError("an API client (kind application) has no user level")
        return kind, tuple(scopes), None
    user_level = user_level or "ORG_ADMIN"
    if user_level not in USER_LEVELS:
        raise ValueError(f"a user level is one of {', '.join(USER_LEVELS)}, got {user_level!r}")
    return kind, tuple(scopes), user_level
