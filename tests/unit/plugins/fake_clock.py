"""A clock for tests: ``sleep`` records the wait and moves the time on, so nothing is slept for real."""

import threading


class FakeClock:
    def __init__(self, sleeps=None, start=1000.0):
        self.time = start
        self.sleeps = [] if sleeps is None else sleeps
        self._lock = threading.Lock()  # threads may sleep on it together

    def __call__(self):
        with self._lock:
            return self.time

    def sleep(self, seconds):
        with self._lock:
            self.sleeps.append(seconds)
            self.time += seconds
