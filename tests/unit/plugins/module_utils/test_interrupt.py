"""The stop flag: signals set it instead of raising, and a parent or reader gone sets it too."""

import os
import signal

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils.interrupt import Interrupted, Stop


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_sets_the_flag_and_raises_nothing(signum):
    before = signal.getsignal(signum)
    stop = Stop()
    stop.install()
    try:
        os.kill(os.getpid(), signum)  # handled in this (the main) thread before kill returns
        assert stop.reason() == "interrupted by %s" % signal.Signals(signum).name
        with pytest.raises(Interrupted, match="POST /v3/password-policies: not sent, the run was interrupted by"):
            stop.check("POST /v3/password-policies")
    finally:
        stop.restore()
    assert signal.getsignal(signum) == before


def test_an_output_pipe_without_reader_means_the_caller_is_gone():
    read_end, write_end = os.pipe()
    try:
        stop = Stop(output_fd=write_end)
        assert stop.reason() is None  # someone reads the result
        os.close(read_end)
        read_end = None
        assert stop.reason() == "the process that ran the module is gone (ansible-playbook was stopped)"
        with pytest.raises(Interrupted, match="the run was stopped: the process that ran the module is gone"):
            stop.check("PUT /v3/password-policies/1")
    finally:
        os.close(write_end)
        if read_end is not None:
            os.close(read_end)


def test_a_new_parent_means_the_caller_is_gone(monkeypatch):
    stop = Stop()
    assert stop.reason() is None
    monkeypatch.setattr(os, "getppid", lambda: 1)  # reparented: the process that ran the module ended
    assert stop.reason() == "the process that ran the module is gone (ansible-playbook was stopped)"
