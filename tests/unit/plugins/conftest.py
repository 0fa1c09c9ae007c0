"""Make the collection importable as ansible_collections.sailpoint_community.isc in plugin tests."""

import sys
from pathlib import Path

# .../ansible_collections/sailpoint_community/isc/tests/unit/plugins/conftest.py
_COLLECTIONS = Path(__file__).resolve().parents[5]
if _COLLECTIONS.name == "ansible_collections" and str(_COLLECTIONS.parent) not in sys.path:
    sys.path.insert(0, str(_COLLECTIONS.parent))


import pytest  # noqa: E402  (after the path set-up above)

from ansible_collections.sailpoint_community.isc.tests.unit.plugins.module_harness import module_runner  # noqa: E402


@pytest.fixture
def run_module(simulator, capsys, monkeypatch):
    """``run_module(module, args, check_mode=False, sim=None) -> result dict`` (see module_harness)."""
    return module_runner(simulator, capsys, monkeypatch)
