# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bearer token of one client: fetched once, reused, refreshed in time."""

import json
import threading
import time
from urllib.parse import quote, quote_plus

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError


class TokenAuth:
    """Hands out a valid ``Authorization`` header value.

    - With client credentials, a token is fetched on first use and reused; it is replaced
      shortly before ``expires_in`` runs out, and when ISC refuses it (the caller calls
      ``refresh()`` once after a 401).
    - A given ``access_token`` is used first, for as long as ISC accepts it; the client
      credentials, when also given, serve only to replace it.

    Thread-safe: the token is fetched under a lock, so threads that find it missing or expired
    together wait for one fetch instead of each asking ISC for a token.
    """

    def __init__(self, fetch, client_id=None, client_secret=None, access_token=None, clock=time.monotonic, on_token=None):
        """``fetch(client_id, client_secret)`` returns ``(token, expires_in_seconds)``."""
        self._fetch = fetch
        self._client_id = client_id
        self._client_secret = client_secret
        self._token = access_token
        self._refresh_at = None  # unknown for a given token: use it until it is refused
        self._clock = clock
        self._on_token = on_token
        self._lock = threading.Lock()
        self.fetch_count = 0
        self.expires_in = None  # seconds, as ISC said when the current token was fetched

    @property
    def can_refresh(self):
        return bool(self._client_id and self._client_secret)

    def header(self):
        with self._lock:
            if self._token is None or (self._refresh_at is not None and self._clock() >= self._refresh_at):
                self._refresh()
            return "Bearer " + self._token

    def refresh(self, refused=None):
        """Fetch a new token; with ``refused`` (the header ISC answered 401 to), only if no other thread replaced it already."""
        with self._lock:
            if refused is None or self._token is None or refused == "Bearer " + self._token:
                self._refresh()

    def _refresh(self):
        if not self.can_refresh:
            raise IscError(
                "No access token could be obtained: give client_id and client_secret "
                "(or SAIL_CLIENT_ID and SAIL_CLIENT_SECRET) so that a new token can be requested."
            )
        token, expires_in = self._fetch(self._client_id, self._client_secret)
        self.fetch_count += 1
        if self._on_token:
            self._on_token(token)
        self._token = token
        self.expires_in = expires_in
        self._refresh_at = self._clock() + expires_in - refresh_margin(expires_in) if expires_in else None


def refresh_margin(expires_in):
    """Replace a token this long before it expires: 10 % of its life, at most a minute."""
    return min(60.0, expires_in * 0.1)


MASK = "********"


def secret_forms(secret):
    """The secret and every encoding of it that the collection itself produces, longest first.

    The token request sends it form-encoded (requests' urlencode: quote_plus); an error body of an
    unknown shape is shown as JSON (json.dumps escapes non-ASCII as \\uXXXX). Ansible's no_log masks
    only the literal string, so each form is masked too. The collection sends no Basic header.
    """
    if not secret:
        return []
    forms = {secret, quote_plus(secret), quote(secret, safe=""), json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    return sorted(forms, key=len, reverse=True)


def scrub(value, forms):
    """``value`` (text, or JSON data) with every one of ``forms`` replaced by a mask, before anything shortens it."""
    if isinstance(value, str):
        for form in forms:
            value = value.replace(form, MASK)
        return value
    if isinstance(value, dict):
        return dict((scrub(key, forms), scrub(item, forms)) for key, item in value.items())
    if isinstance(value, list):
        return [scrub(item, forms) for item in value]
    return value
