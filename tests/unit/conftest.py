"""The unit tests run against the local ISC simulator (the isc-simulator package, installed by make setup).

The plugins are imported as ansible_collections.sailpoint_community.isc: `make units` runs
`python -m pytest` from the folder above ansible_collections (make's mirror in .build).
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import ratelimit

pytest_plugins = ["isc_simulator.pytest_plugin"]


@pytest.fixture(autouse=True)
def fresh_rate_limiters():
    """Each test starts with fresh shared rate limiters: a simulator on a reused port must not inherit a budget."""
    ratelimit.forget_all()
    yield
    ratelimit.forget_all()


@pytest.fixture
def sim_factory(sim_factory, request):  # pylint: disable=redefined-outer-name
    """Simulators with the paging quirks of real tenants on (400 at the end offset, short pages, no
    X-Total-Count), so that every test proves the collection against them (issue 13).

    A test that counts requests where ISC sends X-Total-Count says so with @pytest.mark.quirks(False)
    (without the total, every listing needs one more request to see its end); quirks=... overrides both.
    """
    marker = request.node.get_closest_marker("quirks")
    quirks = marker.args[0] if marker and marker.args else True

    def make(**settings):
        settings.setdefault("quirks", quirks)
        return sim_factory(**settings)

    return make
