"""The tenant lock: one run per tenant host, a bounded wait, a message naming the holder, and what an interrupted run left."""

import os
import threading

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.tenant_lock import LockError, TenantLock, lock_path

URL = "https://acme.api.identitynow.com"


def test_the_lock_file_is_keyed_by_the_tenant_host_alone(tmp_path):
    assert lock_path(URL, str(tmp_path)) == lock_path("https://ACME.api.identitynow.com/", str(tmp_path))
    assert lock_path(URL, str(tmp_path)).endswith("acme.api.identitynow.com.lock")
    assert lock_path("http://127.0.0.1:8800", str(tmp_path)).endswith("127.0.0.1_8800.lock")
    assert lock_path(URL, str(tmp_path)) != lock_path("https://other.api.identitynow.com", str(tmp_path))


def test_the_default_directory_is_private_to_the_user(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    with TenantLock(URL, None, 0) as lock:
        assert lock.path == str(tmp_path / ".ansible" / "sailpoint_community.isc" / "locks" / "acme.api.identitynow.com.lock")
        assert os.stat(os.path.dirname(lock.path)).st_mode & 0o077 == 0
        assert os.stat(lock.path).st_mode & 0o077 == 0


def test_a_second_run_waits_its_timeout_then_fails_naming_the_holder(tmp_path):
    with TenantLock(URL, str(tmp_path), 0) as holder:
        with pytest.raises(LockError) as failure:
            TenantLock(URL, str(tmp_path), 0.5).acquire()
    message = failure.value.msg
    assert "pid %d" % os.getpid() in message and "started %s" % holder.started in message
    assert "acme.api.identitynow.com" in message and "lock_timeout=0.5" in message and "Nothing was read or written" in message


def test_a_waiting_run_goes_on_once_the_holder_releases(tmp_path):
    holder = TenantLock(URL, str(tmp_path), 0)
    holder.acquire()
    threading.Timer(0.5, holder.release).start()
    with TenantLock(URL, str(tmp_path), 10) as waiter:
        assert waiter.waited >= 0.4
        assert waiter.previous["state"] == "running"  # the holder had not said how it ended


def test_the_next_run_reads_what_an_interrupted_run_recorded(tmp_path):
    with TenantLock(URL, str(tmp_path), 0) as first:
        first.record(state="interrupted", summary="2 change(s) were written")
    with TenantLock("https://acme.api.identitynow.com/", str(tmp_path), 0) as second:
        assert second.previous["state"] == "interrupted" and second.previous["summary"] == "2 change(s) were written"
        assert second.previous["pid"] == os.getpid()


def test_a_directory_every_user_may_write_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(LockError, match="writable by every user"):
        TenantLock(URL, str(shared), 0).acquire()
    shared.chmod(0o1777)  # sticky, as /tmp: others cannot replace our file
    with TenantLock(URL, str(shared), 0):
        pass
