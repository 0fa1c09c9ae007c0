"""make changelog: CHANGELOG.rst generated from changelog.yaml, and unreleased fragments under the next version."""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SPEC = importlib.util.spec_from_file_location("check_changelog", ROOT / "tools" / "checks" / "check_changelog.py")
check_changelog = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(check_changelog)

FRAGMENT = "bugfixes:\n  - password_policy - what was wrong and what changed.\n"


@pytest.fixture
def collection(tmp_path):
    """A copy of the collection's changelog files: galaxy.yml, changelogs/ (with no fragment) and CHANGELOG.rst."""
    for name in ("galaxy.yml", "CHANGELOG.rst"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "changelogs", tmp_path / "changelogs", ignore=shutil.ignore_patterns("*.yml", ".plugin-cache.yaml"))
    (tmp_path / "changelogs" / "fragments").mkdir(exist_ok=True)
    return tmp_path


def set_version(collection, version):
    galaxy = collection / "galaxy.yml"
    galaxy.write_text("\n".join("version: " + version if line.startswith("version:") else line for line in galaxy.read_text().splitlines()) + "\n")


def test_the_repository_has_released_1_0_0_and_its_changelog_rst_is_current():
    assert check_changelog.newest_release(str(ROOT)) == "1.0.0"
    assert check_changelog.changelog_rst_problem(str(ROOT)) is None


def test_a_changelog_rst_edited_by_hand_is_out_of_date(collection):
    rst = collection / "CHANGELOG.rst"
    rst.write_text(rst.read_text().replace("First release", "The first release"))
    assert "CHANGELOG.rst is not what changelogs/changelog.yaml gives" in check_changelog.changelog_rst_problem(str(collection))


def test_a_missing_changelog_rst_is_out_of_date(collection):
    (collection / "CHANGELOG.rst").unlink()
    assert check_changelog.changelog_rst_problem(str(collection))


def test_unreleased_fragments_go_under_the_next_version(collection):
    (collection / "changelogs" / "fragments" / "22-check-mode-keyword.yml").write_text(FRAGMENT)
    set_version(collection, "1.1.0")
    assert check_changelog.version_problem(str(collection)) is None
    # Not yet in CHANGELOG.rst: the next `antsibull-changelog release` puts them there.
    assert check_changelog.changelog_rst_problem(str(collection)) is None


def test_unreleased_fragments_on_a_released_version_are_refused(collection):
    (collection / "changelogs" / "fragments" / "22-check-mode-keyword.yml").write_text(FRAGMENT)
    set_version(collection, "1.0.0")
    assert "galaxy.yml's version 1.0.0 is released already, but 1 fragment(s) wait" in check_changelog.version_problem(str(collection))


def test_the_release_itself_has_the_released_version_and_no_fragment(collection):
    set_version(collection, "1.0.0")
    assert check_changelog.version_problem(str(collection)) is None


def test_a_version_older_than_the_newest_release_is_refused(collection):
    set_version(collection, "0.9.0")
    assert "older than the newest release, 1.0.0" in check_changelog.version_problem(str(collection))


def test_versions_compare_as_numbers():
    assert check_changelog.version_key("1.10.0") > check_changelog.version_key("1.9.0")
