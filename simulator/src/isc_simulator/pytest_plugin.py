"""pytest fixtures for testing against the simulator.

Opt in from a conftest.py at the root of your tests::

    pytest_plugins = ["isc_simulator.pytest_plugin"]

Fixtures: ``sim_factory`` (``sim_factory(**settings)`` starts a simulator with your settings, rate limit
off unless asked) and ``simulator`` (a fresh one with the default seed). Every simulator a test
started is stopped when the test ends.

The simulators behave like real tenants (every quirk on) unless told otherwise: ``--isc-sim-quirks``
(``none``, ``all`` or a list; default ``$ISC_SIM_QUIRKS``, else all) for the whole run, the marker
``@pytest.mark.isc_sim_quirks(False)`` (or a list of quirk names) for one test, ``quirks=...`` for one
simulator.
"""

import pytest

from .simulator import QUIRKS_ENV, Simulator, default_quirks, quirk_settings

MARKER = "isc_sim_quirks"


def pytest_addoption(parser):
    parser.getgroup("isc-simulator").addoption(
        "--isc-sim-quirks",
        default=None,
        metavar="LIST",
        help=f"the simulators' real-tenant quirks: all, none or a comma-separated list (default: ${QUIRKS_ENV}, else all)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", f"{MARKER}(setting): the real-tenant quirks of this test's simulators (False: the idealised contract)")


def _quirks(request):
    marker = request.node.get_closest_marker(MARKER)
    if marker and marker.args:
        return quirk_settings(marker.args[0])
    option = request.config.getoption("--isc-sim-quirks")
    return default_quirks() if option is None else quirk_settings(option)


@pytest.fixture
def sim_factory(request):
    """Make started simulators (rate limit off unless asked); all are stopped at teardown."""
    started = []
    quirks = _quirks(request)

    def make(**settings):
        settings.setdefault("rate_limit_enabled", False)
        settings.setdefault("quirks", quirks)
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
