"""No module of the collection or of the simulator uses another module's private (_underscore) names.

A name with one leading underscore is its module's own business: its module may change it freely.
What another module needs is made public where it lives. Checked on the source with ``ast``, for
``from X import _name`` and for ``X._name`` where ``X`` was bound by an import of our own code.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # tests/unit/this.py
SOURCES = ("plugins", "simulator/src")
OWN_PACKAGES = ("ansible_collections.sailpoint_community.isc", "isc_simulator")


def private(name):
    return name.startswith("_") and not name.startswith("__")


def own(module, level):
    """True for a relative import or an absolute one of the collection or the simulator."""
    return level > 0 or any(module == package or module.startswith(package + ".") for package in OWN_PACKAGES)


def imported_names(tree):
    """The names a file binds by importing our own code (modules, or what a module holds)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if own(alias.name, 0):
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and own(node.module or "", node.level):
            names.update(alias.asname or alias.name for alias in node.names if alias.name != "*")
    return names


def root_name(node):
    """'plan' for plan.x.y, or None when the expression does not start at a plain name."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def offences(path, root=ROOT):
    """'file:line: what' for each use of another module's private name in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and own(node.module or "", node.level):
            module = "." * node.level + (node.module or "")
            found += ["%s:%d: from %s import %s" % (where, node.lineno, module, alias.name) for alias in node.names if private(alias.name)]
        elif isinstance(node, ast.Import):
            found += ["%s:%d: import %s" % (where, node.lineno, alias.name) for alias in node.names if any(private(part) for part in alias.name.split("."))]
    names = imported_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr) and root_name(node) in names:
            found.append("%s:%d: %s" % (where, node.lineno, ast.unparse(node)))
    return sorted(found, key=lambda offence: int(offence.split(":")[1]))


def source_files():
    return sorted(path for folder in SOURCES for path in (ROOT / folder).rglob("*.py"))


def test_the_sources_are_found():
    files = [str(path.relative_to(ROOT)) for path in source_files()]
    assert "plugins/module_utils/engine.py" in files
    assert "simulator/src/isc_simulator/faults.py" in files


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import _noun\n", "import _noun"),
        ("from .faults import normalize, _number\n", "import _number"),
        ("from ansible_collections.sailpoint_community.isc.plugins.module_utils import report\nreport._Names(1, 2)\n", "report._Names"),
        ("import isc_simulator.faults as faults\nfaults._number(1)\n", "faults._number"),
        ("import isc_simulator.faults\nisc_simulator.faults._number(1)\n", "isc_simulator.faults._number"),
    ],
)
def test_a_private_name_of_another_module_is_found(tmp_path, source, expected):
    path = tmp_path / "module.py"
    path.write_text(source)
    found = offences(path, root=tmp_path)
    assert len(found) == 1 and expected in found[0] and found[0].startswith("module.py:")


@pytest.mark.parametrize(
    "source",
    [
        "from ansible_collections.sailpoint_community.isc.plugins.module_utils.plan import noun, __doc__\n",
        "import os\nos._exit\n",  # not our code
        "from collections import namedtuple\nnamedtuple('P', 'a')(1)._replace(a=2)\n",
        "class A:\n    def f(self):\n        return self._own\n",
    ],
)
def test_public_names_and_other_code_are_not_offences(tmp_path, source):
    path = tmp_path / "module.py"
    path.write_text(source)
    assert offences(path, root=tmp_path) == []


def test_no_module_uses_another_modules_private_names():
    found = [offence for path in source_files() for offence in offences(path)]
    assert not found, "make these names public in their module (or move them where they belong):\n" + "\n".join(found)
