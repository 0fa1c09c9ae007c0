"""Journal of the ISC requests the simulator received (never admin requests, never headers)."""

import copy
import threading
import time

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
SECRET_PARAMS = ("client_secret",)


def is_write(method, path):
    return method in WRITE_METHODS and (path.startswith("/v3/") or "/v1" in path)


class Journal:
    def __init__(self, max_entries=50000):
        self._lock = threading.Lock()
        self._entries = []
        self._seq = 0  # never reset, so `since` stays meaningful across clears and resets
        self._max = max_entries

    def start(self, method, path, query, client_id, body):
        """Record a request as it arrives; `finish` fills in the outcome."""
        query = {name: ("********" if name in SECRET_PARAMS else (values[0] if len(values) == 1 else list(values))) for name, values in query.items()}
        with self._lock:
            self._seq += 1
            entry = {
                "seq": self._seq,
                "time": time.time(),
                "method": method,
                "path": path,
                "query": query,
                "status": None,
                "client_id": client_id,
                "dropped": None,
                "retry_after": None,
                "body": body if is_write(method, path) else None,
            }
            self._entries.append(entry)
            del self._entries[: -self._max]
        return entry

    def finish(self, entry, status, dropped=None, retry_after=None):
        """The outcome; for a 429, the Retry-After it carried (what a client then waits, in seconds)."""
        with self._lock:
            entry["status"] = status
            entry["dropped"] = dropped
            entry["retry_after"] = retry_after

    def read(self, since=0):
        with self._lock:
            entries = [copy.deepcopy(entry) for entry in self._entries if entry["seq"] > since]
            last_seq = self._seq
        writes = sum(1 for entry in entries if is_write(entry["method"], entry["path"]))
        return {"requests": entries, "count": len(entries), "writes": writes, "last_seq": last_seq}

    def clear(self):
        with self._lock:
            self._entries.clear()
