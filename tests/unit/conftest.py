"""Fixtures shared by the unit tests: the local ISC simulator and SailPoint's OpenAPI file."""

import os
import sys
from pathlib import Path

import pytest

COLLECTION_ROOT = Path(__file__).resolve().parents[2]
SPEC_IN_SHARED = Path("shared", "sailpoint-api", "isc-v3-password-subset.yaml")

# The simulator package lives in tools/; the plugins are imported as ansible_collections.sailpoint_community.isc,
# which works when the collection sits at .../ansible_collections/sailpoint_community/isc (make's mirror).
if str(COLLECTION_ROOT / "tools") not in sys.path:
    sys.path.insert(0, str(COLLECTION_ROOT / "tools"))
_COLLECTIONS = COLLECTION_ROOT.parents[1]
if _COLLECTIONS.name == "ansible_collections" and str(_COLLECTIONS.parent) not in sys.path:
    sys.path.insert(0, str(_COLLECTIONS.parent))


@pytest.fixture
def sim_factory():
    """Make started simulators (rate limit off unless asked); all are stopped at teardown."""
    from isc_simulator import Simulator  # pylint: disable=import-outside-toplevel

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


@pytest.fixture(scope="session")
def openapi_spec_path():
    """SailPoint's OpenAPI subset: $ISC_OPENAPI_SPEC, else shared/sailpoint-api/ in a parent directory."""
    hint = "Set ISC_OPENAPI_SPEC to the path of isc-v3-password-subset.yaml (for example ISC_OPENAPI_SPEC=../shared/sailpoint-api/isc-v3-password-subset.yaml)."
    if os.environ.get("ISC_OPENAPI_SPEC"):
        path = Path(os.environ["ISC_OPENAPI_SPEC"])
        if not path.is_file():
            pytest.skip(f"ISC_OPENAPI_SPEC={path} does not exist. {hint}")
        return path
    for directory in (COLLECTION_ROOT, *COLLECTION_ROOT.parents):
        if (directory / SPEC_IN_SHARED).is_file():
            return directory / SPEC_IN_SHARED
    return pytest.skip(f"SailPoint's OpenAPI file was not found next to the collection. {hint}")
