"""The User-Agent's version is the collection's version."""

from pathlib import Path

import yaml

from ansible_collections.sailpoint_community.isc.plugins.module_utils.version import COLLECTION_VERSION

GALAXY = Path(__file__).resolve().parents[4] / "galaxy.yml"


def test_version_matches_galaxy_yml():
    assert COLLECTION_VERSION == yaml.safe_load(GALAXY.read_text(encoding="utf-8"))["version"]
