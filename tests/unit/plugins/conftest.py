"""The run_module fixture: a module's main() in-process against the local simulator (module_harness.py)."""

import pytest

from ansible_collections.sailpoint_community.isc.tests.unit.plugins.module_harness import module_runner


@pytest.fixture
def run_module(simulator, capsys, monkeypatch):
    """``run_module(module, args, check_mode=False, sim=None) -> result dict`` (see module_harness)."""
    return module_runner(simulator, capsys, monkeypatch)
