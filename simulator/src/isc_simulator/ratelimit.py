"""Sliding-window rate limit per client id (ISC: 100 requests per client per 10 seconds)."""

import math
import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self):
        self._lock = threading.Lock()
        self._hits = defaultdict(deque)  # client id -> times of the accepted requests inside the window

    def hit(self, key, limit, window):
        """Count a request; returns None if allowed, else the whole seconds (>= 1) until a slot frees.

        Rejected requests are not counted, so a client that waits Retry-After always gets through.
        """
        now = time.monotonic()
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) < limit:
                hits.append(now)
                return None
            return max(1, math.ceil(hits[0] + window - now))

    def clear(self):
        with self._lock:
            self._hits.clear()
