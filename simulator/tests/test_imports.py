"""The simulator's modules import each other in layers: no import circle, and every import at the top of its module
(an import inside a function is how a circle gets hidden)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "isc_simulator"


def imports_of(path):
    """[(module imported from the package, line, at top level?)] of one module's relative imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module] if node.module else [alias.name for alias in node.names]
            found += [(name.split(".")[0], node.lineno, id(node) in top) for name in names]
    return found


def graph():
    return {path.stem: imports_of(path) for path in sorted(PACKAGE.glob("*.py"))}


def circle(edges):
    """One import circle of ``edges`` ({module: [module, ...]}) as a list of modules, or None."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        path.append(module)
        for imported in edges.get(module, ()):
            found = visit(imported)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in edges:
        found = visit(module)
        if found:
            return found
    return None


def test_no_import_circle_between_the_simulators_modules():
    edges = {module: [name for name, _line, _top in found] for module, found in graph().items()}
    assert circle(edges) is None, " -> ".join(circle(edges))


def test_every_import_of_the_package_is_at_the_top_of_its_module():
    inside = ["%s.py:%d imports .%s" % (module, line, name) for module, found in graph().items() for name, line, top in found if not top]
    assert inside == []


def test_a_circle_is_found():
    assert circle({"endpoints": ["password_settings"], "password_settings": ["responses", "endpoints"], "responses": []}) == [
        "endpoints",
        "password_settings",
        "endpoints",
    ]
