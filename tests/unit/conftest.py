"""The unit tests run against the local ISC simulator (the isc-simulator package, installed by make setup).

The plugins are imported as ansible_collections.sailpoint_community.isc: pytest.ini puts the folder
above ansible_collections (make's mirror in .build) on the import path.
"""

pytest_plugins = ["isc_simulator.pytest_plugin"]
