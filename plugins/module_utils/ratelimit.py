# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client-side pacing under ISC's rate limit (100 requests per client id in any 10 seconds).

Every request takes a slot first (``with limiter.slot(): send``) and blocks while the window is
full, so that the collection paces itself and a 429 stays a last resort.

A slot is held from the moment the request is sent until ``window + margin`` after its answer
arrived. The server counts a request at some moment between those two, so holding the slot from
the answer on (not from the send) keeps the client under the server's count whatever the latency
and whatever order concurrent requests reach the server in; the margin (2 % of the window) covers
server clocks that do not run quite like ours.

The collection paces itself at 90 requests per window, not ISC's 100 (``PACED_LIMIT``). Holding
slots as above keeps this process's own requests under the count, but ISC counts every request of the
client id: a token request or a lookup of another process, another task or job with the same PAT, or a
person's script. Pacing exactly at the limit left no room for one of those: at 1,000 policies the
busiest 10 s window held exactly 100 requests and a 429 came back. Ten requests per window are that
room; they cost a tenth of the throughput (about 11 s more per 1,000 writes), which a 429 (whose
Retry-After stops every thread for a second or more) would cost too.
"""

import threading
import time
from collections import deque
from contextlib import contextmanager

DEFAULT_LIMIT = 100  # ISC's: requests per client id in any window
DEFAULT_WINDOW = 10.0
MARGIN = 0.02  # of the window
PACED_LIMIT = 90  # what the collection sends per window: ISC's limit less a margin for other users of the client id
STOP_POLL = 0.5  # seconds: how soon a blocked caller sees the run's stop flag

_REGISTRY = {}
_REGISTRY_LOCK = threading.Lock()


class RateLimiter:
    """At most ``limit`` requests in any ``window`` seconds, shared by every thread that uses it.

    ``clock`` and ``sleep`` are injectable for tests: with ``sleep`` a blocked caller calls it
    (the lock released) instead of waiting on the condition in real time.
    """

    def __init__(self, limit=DEFAULT_LIMIT, window=DEFAULT_WINDOW, clock=time.monotonic, sleep=None):
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = float(window)
        self.hold = self.window * (1 + MARGIN)  # how long a slot stays taken after its answer
        self._clock = clock
        self._sleep = sleep
        self._cond = threading.Condition()
        self._ended = deque()  # when the answers of the recent requests came, oldest first
        self._in_flight = 0
        self._paused_until = None

    @contextmanager
    def slot(self, stop=None):
        """Take a slot for one request (blocking while none is free); it counts until ``hold`` after the block ends.

        ``stop`` (a threading.Event) ends the wait early, once set: the caller then checks it and sends nothing.
        """
        self.acquire(stop)
        try:
            yield
        finally:
            self.release()

    def acquire(self, stop=None):
        with self._cond:
            while True:
                wait = self._wait_needed(self._clock())
                if wait == 0 or (stop is not None and stop.is_set()):
                    self._in_flight += 1
                    return
                if stop is not None:
                    wait = STOP_POLL if wait is None else min(wait, STOP_POLL)
                self._block(wait)

    def release(self):
        with self._cond:
            self._in_flight -= 1
            self._ended.append(self._clock())
            self._cond.notify_all()  # a waiter that only saw requests in flight can now compute its wait

    def pause(self, seconds, budget=float("inf")):
        """Send nothing for ``seconds`` (ISC answered 429 with this Retry-After); returns how much later the pause now ends.

        Concurrent 429s overlap instead of adding up: the pause ends at the latest Retry-After.
        When that would lengthen the pause by more than ``budget`` seconds, nothing changes and None is returned.
        """
        with self._cond:
            now = self._clock()
            before = now if self._paused_until is None else max(self._paused_until, now)
            added = max(now + seconds - before, 0.0)
            if added > budget:
                return None
            self._paused_until = before + added
            return added

    def _wait_needed(self, now):
        """0 when a request may go now, else the seconds to wait, or None to wait for a release."""
        if self._paused_until is not None:
            if now < self._paused_until:
                return self._paused_until - now
            self._paused_until = None
        while self._ended and self._ended[0] + self.hold <= now:
            self._ended.popleft()
        if self._in_flight + len(self._ended) < self.limit:
            return 0
        if self._ended:
            return self._ended[0] + self.hold - now
        return None  # every slot is in flight

    def _block(self, seconds):
        if self._sleep is None or seconds is None:
            self._cond.wait(seconds)  # release() wakes every waiter to look again
            return
        self._cond.release()
        try:
            self._sleep(seconds)
        finally:
            self._cond.acquire()


def shared(base_url, client_id):
    """The one limiter of this process for a tenant and client id: ISC counts per client id, so its clients share it.

    Without a client id (a given access token only) every such client of the tenant shares one budget.
    """
    key = (base_url.rstrip("/").lower(), client_id)
    with _REGISTRY_LOCK:
        if key not in _REGISTRY:
            _REGISTRY[key] = RateLimiter(PACED_LIMIT)
        return _REGISTRY[key]


def forget_all():
    """Drop every shared limiter (tests: a new simulator on a reused port starts with a fresh budget)."""
    with _REGISTRY_LOCK:
        _REGISTRY.clear()
