"""Fault injection: canned responses, delays and dropped connections for the next matching requests."""

import copy
import fnmatch
import itertools
import threading

FAULT_KEYS = ("method", "path", "times", "status", "headers", "body", "delay", "drop", "shape")
DROP_MODES = (None, "before", "after")
# Error body shapes ISC has been seen to send (isc-api.md); "error_response" is the documented ErrorResponseDto.
SHAPES = ("error_response", "detail_message", "formatted_msg", "error_name", "error", "message", "text", "empty")


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def normalize(spec):
    """Validate one fault description and fill the defaults; raises ValueError."""
    if not isinstance(spec, dict):
        raise ValueError("a fault is a JSON object")
    unknown = sorted(set(spec) - set(FAULT_KEYS))
    if unknown:
        raise ValueError(f"unknown fault field(s): {', '.join(unknown)}")
    fault = {
        "method": "*",
        "path": "*",
        "times": 1,
        "status": None,
        "headers": {},
        "body": None,
        "delay": 0.0,
        "drop": None,
        "shape": None,
        **copy.deepcopy(spec),
    }
    _check_fields(fault)
    _check_what_it_does(fault)
    if not isinstance(fault["headers"], dict):
        raise ValueError("headers must be an object")
    fault["method"] = fault["method"].upper()
    fault["headers"] = {str(name): str(value) for name, value in fault["headers"].items()}
    return fault


def _check_fields(fault):
    """The fields of a fault that are checked on their own: their type and their range."""
    if not isinstance(fault["method"], str) or not isinstance(fault["path"], str):
        raise ValueError("method and path must be strings")
    if not isinstance(fault["times"], int) or isinstance(fault["times"], bool) or fault["times"] < 1:
        raise ValueError("times must be an integer >= 1")
    status = fault["status"]
    if status is not None and (not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599):
        raise ValueError("status must be an HTTP status code between 200 and 599")
    if not _number(fault["delay"]) or fault["delay"] < 0:
        raise ValueError("delay must be a number of seconds >= 0")
    if fault["drop"] not in DROP_MODES:
        raise ValueError('drop must be null, "before" or "after"')


def _check_what_it_does(fault):
    """The fields together: a fault does one thing (answer, drop, or only wait), and a shape makes the body."""
    status = fault["status"]
    if fault["drop"] and status is not None:
        raise ValueError("a fault either drops the connection or answers with a status, not both")
    if status is None and not fault["drop"] and not fault["delay"]:
        raise ValueError("a fault needs a status, a delay or a drop")
    if fault["shape"] is not None:
        if fault["shape"] not in SHAPES:
            raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
        if status is None or fault["body"] is not None:
            raise ValueError("a shape needs a status and no body (it makes the body)")


class FaultQueue:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []
        self._ids = itertools.count(1)

    def add(self, specs):
        """Queue one fault or a list of them (all validated first); returns the queued faults."""
        faults = [normalize(spec) for spec in (specs if isinstance(specs, list) else [specs])]
        with self._lock:
            for fault in faults:
                fault["id"] = next(self._ids)
                self._faults.append(fault)
            return copy.deepcopy(faults)

    def take(self, method, path):
        """Consume one use of the oldest fault matching the request, if any."""
        with self._lock:
            for fault in self._faults:
                if fault["method"] in ("*", method) and (fault["path"] == path or fnmatch.fnmatchcase(path, fault["path"])):
                    fault["times"] -= 1
                    if fault["times"] == 0:
                        self._faults.remove(fault)
                    return copy.deepcopy(fault)
        return None

    def pending(self):
        with self._lock:
            return copy.deepcopy(self._faults)

    def clear(self):
        with self._lock:
            self._faults.clear()
