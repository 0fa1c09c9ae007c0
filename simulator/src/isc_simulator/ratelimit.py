"""Sliding-window rate limits per client id and API version (ISC: 100 requests per client per version per 10 seconds)."""

import math
import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    def __init__(self):
        self._lock = threading.Lock()
        self._hits = defaultdict(deque)  # budget key -> times of the accepted requests inside its window

    def hit(self, key, limit, window):
        """Count a request against one budget; see hit_all."""
        return self.hit_all([(key, limit, window)])

    def hit_all(self, budgets):
        """Count a request against every budget ``(key, limit, window)``; None if all allow it, else the whole
        seconds (>= 1) until the fullest one frees a slot.

        Rejected requests are counted in no budget, so a client that waits Retry-After always gets through.
        """
        now = time.monotonic()
        with self._lock:
            wait = 0
            for key, limit, window in budgets:
                hits = self._hits[key]
                while hits and hits[0] <= now - window:
                    hits.popleft()
                if len(hits) >= limit:
                    wait = max(wait, 1, math.ceil(hits[0] + window - now))
            if wait:
                return wait
            for key, _limit, _window in budgets:
                self._hits[key].append(now)
            return None

    def clear(self):
        with self._lock:
            self._hits.clear()
