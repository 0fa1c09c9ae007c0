# -*- coding: utf-8 -*-
# Copyright (c) sailpoint_community.isc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stop sending writes when the run is interrupted or nobody waits for its result any more.

On Ctrl-C, ansible-playbook signals its worker, which sends SIGINT to its own process group (the
module's) and exits at once. Python turns SIGINT into KeyboardInterrupt in the main thread only, while
the write threads of the pool carried on through their queue: writes kept arriving after
ansible-playbook had exited. Here SIGINT, SIGTERM and SIGHUP only set a flag that every write checks
before it is sent; a write already sent gets its answer. A second signal of the same kind is not
caught (the process ends at once). The flag is also set when the module's parent has changed or its
output pipe has no reader: whoever started the module is gone, so nothing would read its result.
"""

import os
import select
import signal
import stat
import threading

from ansible_collections.sailpoint_community.isc.plugins.module_utils.errors import IscError

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(IscError):
    """A request not sent because the run was interrupted."""


class Stop:
    """The run's stop flag; ``reason()`` says why it is set, or None while the run may go on."""

    def __init__(self, output_fd=1):
        self.event = threading.Event()
        self.why = None
        self._parent = os.getppid()
        self._output_fd = output_fd if _is_pipe(output_fd) else None
        self._previous = {}

    def install(self):
        """Catch the signals (only the main thread may); ``restore()`` puts the previous handlers back."""
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._caught)

    def restore(self):
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous = {}

    def _caught(self, signum, frame):
        signal.signal(signum, signal.SIG_DFL)  # a second one ends the process
        self.set("interrupted by %s" % signal.Signals(signum).name)

    def set(self, why):
        if self.why is None:
            self.why = why
        self.event.set()

    def reason(self):
        """Why no new write may go out (checked before each one), or None."""
        if not self.event.is_set() and (os.getppid() != self._parent or _reader_gone(self._output_fd)):
            self.set("the process that ran the module is gone (ansible-playbook was stopped)")
        return self.why

    def check(self, what):
        """Raise Interrupted when ``what`` (a request) must not be sent."""
        why = self.reason()
        if why:
            raise Interrupted("%s: not sent, the run was %s" % (what, why if why.startswith("interrupted") else "stopped: " + why))


def _is_pipe(fd):
    try:
        return stat.S_ISFIFO(os.fstat(fd).st_mode)
    except OSError:
        return False


def _reader_gone(fd):
    """Whether the pipe ``fd`` writes into has lost its reader (poll says POLLERR or POLLHUP at once)."""
    if fd is None or not hasattr(select, "poll"):
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _fd, events in poller.poll(0))
