"""Make the collection importable as ansible_collections.sailpoint_community.isc in plugin tests."""

import sys
from pathlib import Path

# .../ansible_collections/sailpoint_community/isc/tests/unit/plugins/conftest.py
_COLLECTIONS = Path(__file__).resolve().parents[5]
if _COLLECTIONS.name == "ansible_collections" and str(_COLLECTIONS.parent) not in sys.path:
    sys.path.insert(0, str(_COLLECTIONS.parent))
