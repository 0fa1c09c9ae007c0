# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One password_config run at a time per tenant on this controller.

ISC has no way to lock a tenant, and two runs that read it before either writes create every new
object twice. So a run holds an exclusive ``flock`` on a lock file named by the tenant's host from
before its read to after its last write. The key is the host (and port) of ``base_url`` alone: V3 and
v1 are two paths to the same tenant. The kernel drops the lock when the process ends, however it ends,
so a crashed run never leaves a stale lock. The file's content (JSON) names the holder, for the message
of a run that waited in vain, and what an interrupted holder had written, for the run after it.

The lock covers one controller (one file system); see guide_failures for runs on other controllers.
"""

import datetime
import errno
import fcntl
import json
import os
import re
import socket
import stat
import time
from urllib.parse import urlsplit

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError

DEFAULT_DIR = os.path.join("~", ".ansible", "sailpoint_community.isc", "locks")
DEFAULT_TIMEOUT = 120.0  # an interrupted run finishes its writes in flight within the request timeout (30 s)
POLL_SECONDS = 0.2


class LockError(IscError):
    """The tenant's lock could not be taken: nothing was read or written."""


def lock_path(base_url, directory=None):
    """The lock file of a tenant: ``<host>[_<port>].lock`` in ``directory`` (DEFAULT_DIR when None)."""
    parts = urlsplit(base_url)
    key = (parts.hostname or "tenant").lower()
    if parts.port:
        key += "_%d" % parts.port
    return os.path.join(os.path.expanduser(directory or DEFAULT_DIR), re.sub(r"[^a-z0-9._-]", "_", key) + ".lock")


class TenantLock:
    """``with TenantLock(base_url, directory, timeout) as lock:`` the run; ``lock.previous`` is the last holder's record."""

    def __init__(self, base_url, directory=None, timeout=DEFAULT_TIMEOUT, clock=time.monotonic, sleep=time.sleep):
        self.path = lock_path(base_url, directory)
        self.host = urlsplit(base_url).netloc
        self.timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        self.clock = clock
        self.sleep = sleep
        self.fd = None
        self.previous = None  # what the file held when this run took the lock (a dict), or None
        self.waited = 0.0
        self.started = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc_info):
        self.release()

    def acquire(self):
        self.fd = _open(self.path)
        started = self.clock()
        while not _try_lock(self.fd):
            self.waited = self.clock() - started
            if self.waited >= self.timeout:
                holder = _read(self.fd)
                os.close(self.fd)
                self.fd = None
                raise LockError(self.busy_message(holder))
            self.sleep(POLL_SECONDS)
        self.waited = self.clock() - started
        self.previous = _read(self.fd)
        self.started = _now()
        self.record(state="running")

    def busy_message(self, holder):
        who = "pid %s on %s, started %s" % (holder.get("pid"), holder.get("host"), holder.get("started")) if holder else "a process that has not said who it is"
        return (
            "Another password_config run on this controller is working on the tenant %s (%s); waited %.0f s for it (lock_timeout=%s, lock file %s). "
            "Nothing was read or written: run again once it has finished, or raise lock_timeout." % (self.host, who, self.waited, self.timeout, self.path)
        )

    def record(self, **fields):
        """Rewrite the lock file's record: the holder, and what it says of its run (``state``, ``summary``)."""
        if self.fd is None:
            return
        data = dict(pid=os.getpid(), host=socket.gethostname(), started=self.started, **fields)
        text = json.dumps(data, sort_keys=True).encode("utf-8")
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, text, 0)

    def release(self):
        if self.fd is not None:
            os.close(self.fd)  # closing the only descriptor drops the flock
            self.fd = None


def _open(path):
    directory = os.path.dirname(path)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        info = os.stat(directory)
        if info.st_mode & stat.S_IWOTH and not info.st_mode & stat.S_ISVTX:
            # Anyone could replace the lock file there and so run beside us.
            raise LockError("lock_dir %s is writable by every user and not sticky: choose a directory of your own (lock_dir or SAIL_LOCK_DIR)" % directory)
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as error:
        raise LockError(
            "Cannot open the tenant lock file %s (%s): set lock_dir (or SAIL_LOCK_DIR) to a directory this user can write" % (path, error.strerror)
        ) from None


def _try_lock(fd):
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise LockError("Cannot lock the tenant lock file (%s)" % error.strerror) from None


def _read(fd):
    """The record in the lock file, or None (empty, or half written by its holder)."""
    try:
        text = os.pread(fd, 65536, 0).decode("utf-8")
        record = json.loads(text) if text else None
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
