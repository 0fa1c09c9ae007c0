"""The unit tests run against the local ISC simulator (the isc-simulator package, installed by make setup).

The plugins are imported as ansible_collections.sailpoint_community.isc: `make units` runs
`python -m pytest` from the folder above ansible_collections (make's mirror in .build).
"""

import pytest

from ansible_collections.sailpoint_community.isc.plugins.module_utils import ratelimit

# The simulators behave like real tenants (every quirk of the simulator on: 400 at the end offset, short pages,
# no X-Total-Count, trimmed dates), so that every test proves the collection against them. A test that needs
# the contract's ideal says why, with @pytest.mark.isc_sim_quirks(False) (the plugin's marker).
pytest_plugins = ["isc_simulator.pytest_plugin"]


@pytest.fixture(autouse=True)
def fresh_rate_limiters():
    """Each test starts with fresh shared rate limiters: a simulator on a reused port must not inherit a budget."""
    ratelimit.forget_all()
    yield
    ratelimit.forget_all()
