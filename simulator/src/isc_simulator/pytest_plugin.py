"""pytest fixtures for testing against the simulator.

Opt in from a conftest.py at the root of your tests::

    pytest_plugins = ["isc_simulator.pytest_plugin"]

Fixtures: ``sim_factory`` (``sim_factory(**settings)`` starts a simulator with your settings, rate limit
off unless asked) and ``simulator`` (a fresh one with the default seed). Every simulator a test
started is stopped when the test ends.
"""

import pytest

from .simulator import Simulator


@pytest.fixture
def sim_factory():
    """Make started simulators (rate limit off unless asked); all are stopped at teardown."""
    started = []

    def make(**settings):
        settings.setdefault("rate_limit_enabled", False)
        sim = Simulator(**settings).start()
        started.append(sim)
        return sim

    yield make
    for sim in started:
        sim.stop()


@pytest.fixture
def simulator(sim_factory):  # pylint: disable=redefined-outer-name
    """A fresh simulator on a free port with the default seed."""
    return sim_factory()
