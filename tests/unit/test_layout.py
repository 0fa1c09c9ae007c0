"""The tests are sorted by subject, so that the tests of a file are found by its name.

A test file ``test_X.py`` in a folder that mirrors code (tests/unit/plugins/<type>/, tests/unit/tools/,
simulator/tests/) names the file it tests: X is that file's name, or that name followed by ``_<aspect>``
(test_client_http.py tests plugins/module_utils/client.py). Subjects that cut across files are listed below,
each with the reason, and take an aspect the same way. No name says a change instead of a subject (review fixes, gaps, an issue number).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "tests" / "unit"

# Subjects that are not one file, by folder, each with why it is a subject of its own.
CROSS_CUTTING = {
    "tests/unit/plugins": {
        "connection_options": "the connection options listed alike in every module, doc fragment and the role",
        "role_argument_specs": "the role's argument_specs.yml checked against the modules' argument specs",
        "role_settings_specs": "the role's settings inputs checked against the settings modules' options",
        "runtime": "meta/runtime.yml's action group against the modules",
    },
    "tests/unit/plugins/module_utils": {
        "properties": "property-based tests of normalise / compare / predict across the kinds",
    },
    "tests/unit/plugins/modules": {
        "api_version_switch": "a tenant moving from V3 to v1 through every module",
        "bad_input": "the bad-input table of every module (one case list, one harness)",
        "check_mode_references": "check mode of objects an earlier task of the play would create, across modules",
        "connection_env": "the SAIL_* environment variables in any module",
        "default_policy": "the org's default policy and the hidden IdentityNow source, across the policy modules and the role",
        "error_shapes": "ISC's error bodies rendered by any module",
        "forbidden_messages": "a 403 from the tenant as any module shows it, naming the right it needs",
        "info_modules": "what the _info modules share (names resolved, ids on request)",
        "input_text": "text, numbers and lists as every module and the role's items take them",
        "list_options": "a comma-separated string for a list option, in every module and the role",
        "names": "names with special characters, wherever a name is legal",
        "password_settings": "the bad-input table of the two settings modules, password_org_config and password_dictionary",
        "request_bodies": "what every module sends, against what ISC documents",
    },
    "tests/unit/docs": {
        "doc_examples": "the EXAMPLES of every module and the guides' playbooks",
        "guide_scopes": "the getting-started guide's table of PAT scopes against SailPoint's OpenAPI files",
    },
    "simulator/tests": {
        "contract": "the simulator's answers validated against SailPoint's OpenAPI bundles",
        "cli": "the command lines (isc-simulator, python -m isc_simulator, with-isc-simulator)",
        "imports": "the import graph of the simulator's modules (no circle)",
        "latency": "the latency setting, on every ISC request",
        "paging": "limit / offset / count on the three collections",
        "policies": "the password-policies endpoints (endpoints.py)",
        "real_tenant": "what real tenants do beyond the contract (seed, quirks, error shapes)",
        "sources": "the sources endpoint and its filters (endpoints.py, filters.py)",
        "sync_groups": "the password-sync-groups endpoints (endpoints.py)",
    },
}
# The folders whose test files mirror code, and where that code is.
MIRRORS = {
    "tests/unit/plugins": "plugins",  # at this level, a plugin type as a whole (test_doc_fragments.py) or a cross-cutting subject
    "tests/unit/plugins/action": "plugins/action",
    "tests/unit/plugins/filter": "plugins/filter",
    "tests/unit/plugins/lookup": "plugins/lookup",
    "tests/unit/plugins/module_utils": "plugins/module_utils",
    "tests/unit/plugins/modules": "plugins/modules",
    "tests/unit/plugins/plugin_utils": "plugins/plugin_utils",
    "tests/unit/tools": "tools",
    "tests/unit/docs": None,
    "simulator/tests": "simulator/src/isc_simulator",
}
HISTORY_WORDS = {"issue", "issues", "fix", "fixes", "fixed", "review", "gap", "gaps", "regression", "bug", "bugs", "todo"}


def code_names(code_dir):
    """The names of the code files a test file may be named by (tools/ nests its scripts one folder down); for
    plugins/, the plugin types."""
    if code_dir is None:
        return set()
    if code_dir == "plugins":
        return {path.name for path in (ROOT / code_dir).iterdir() if path.is_dir()}
    return {path.stem for path in (ROOT / code_dir).rglob("*.py")}


def misplaced(folder, subject, names):
    """Why ``test_<subject>.py`` of ``folder`` is not named by its subject, or None."""
    if HISTORY_WORDS & set(subject.split("_")) or re.search(r"\d", subject):
        return "test_%s.py is named by a change, not by the subject it tests" % subject
    if any(subject == name or subject.startswith(name + "_") for name in set(names) | set(CROSS_CUTTING.get(folder, {}))):
        return None
    return "test_%s.py in %s names no file of %s and no cross-cutting subject of test_layout.py" % (subject, folder, MIRRORS[folder] or "code")


def layout_files():
    for folder in MIRRORS:
        for path in sorted((ROOT / folder).glob("test_*.py")):
            yield folder, path.stem[len("test_") :]


@pytest.mark.parametrize("folder, subject", list(layout_files()), ids=lambda value: value)
def test_every_test_file_is_named_by_its_subject(folder, subject):
    assert misplaced(folder, subject, code_names(MIRRORS[folder])) is None


@pytest.mark.parametrize(
    "folder, subject",
    [
        ("tests/unit/plugins/modules", "review_fixes"),
        ("tests/unit/plugins/modules", "settings_gaps"),
        ("tests/unit/plugins/module_utils", "policy_issue_22"),
        ("tests/unit/plugins/module_utils", "odds_and_ends"),
        ("simulator/tests", "contract_v1"),
        ("tests/unit/plugins", "policy"),
    ],
)
def test_a_file_named_by_a_change_or_by_nothing_in_the_code_is_refused(folder, subject):
    assert misplaced(folder, subject, code_names(MIRRORS[folder])) is not None


def test_every_cross_cutting_subject_has_a_test_file_and_a_reason():
    for folder, subjects in CROSS_CUTTING.items():
        for subject, reason in subjects.items():
            assert (ROOT / folder / ("test_%s.py" % subject)).is_file(), "%s/test_%s.py is listed but gone" % (folder, subject)
            assert reason.strip()
