"""Text that several modules share is written once, in a doc fragment (plugins/doc_fragments/).

ansible-doc merges a fragment's options into each module that extends it; these tests keep modules
from growing copies again: no option documented word for word in two modules. (A fragment must hold
options or attributes, so a note shared alone, like the ORG_ADMIN one, stays in its modules.)
"""

import ast
from pathlib import Path

import yaml

MODULES = Path(__file__).resolve().parents[3] / "plugins" / "modules"  # tests/unit/plugins/this.py


def own_docs():
    """{module: its DOCUMENTATION as written in its file, before fragments are merged}."""
    docs = {}
    for path in sorted(MODULES.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "DOCUMENTATION":
                docs[path.stem] = yaml.safe_load(node.value.value)
    return docs


def repeated(pieces):
    """{piece: [modules]} for each piece that more than one module has."""
    seen = {}
    for module, piece in pieces:
        seen.setdefault(piece, []).append(module)
    return dict((piece, modules) for piece, modules in seen.items() if len(modules) > 1)


def test_every_module_is_read():
    assert {"password_policy", "password_sync_group", "password_org_config", "password_dictionary", "source_info"} <= set(own_docs())


def test_no_option_is_documented_word_for_word_in_two_modules():
    options = [(module, yaml.safe_dump({name: spec})) for module, doc in own_docs().items() for name, spec in (doc.get("options") or {}).items()]
    assert repeated(options) == {}, "move these options into a doc fragment"


def test_the_shared_text_reaches_the_modules_that_extend_it():
    docs = own_docs()
    for module in ("password_policy", "password_sync_group"):
        assert "sailpoint_community.isc.read_only_fields" in docs[module]["extends_documentation_fragment"]
