"""The layout stays livable: no module over 500 lines, no function over 80, rich only in
``xlate.render``, packages importing only the stages before them, and every package saying in
its docstring what its modules do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "xlate"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_is_over_80_lines(path: Path) -> None:
    long = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - first + 1
            if length > MAX_FUNCTION_LINES:
                long.append(f"{node.name} ({length} lines)")
    assert not long, f"{_name(path)}: {', '.join(long)}"


def _imported(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_only_the_renderers_import_rich(path: Path) -> None:
    if path.is_relative_to(PACKAGE / "render"):
        return
    assert "rich" not in _imported(_tree(path)), f"{_name(path)} imports rich"


# Each top-level module or package of xlate imports only those before it.
ORDER = [
    *("textsafe", "errors", "model", "limits", "ingest", "files", "segment", "detect"),
    *("glossary", "engines", "translate", "compare", "grouping", "render", "cli"),
]
ENTRY = {"__init__", "__main__"}


def _unit(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_a_package_imports_only_the_stages_before_it(path: Path) -> None:
    unit = _unit(path)
    if unit in ENTRY:
        return
    assert unit in ORDER, f"{unit} has no place in ORDER"
    later = set(ORDER[ORDER.index(unit) + 1 :])
    used = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("xlate."):
            used.add((node.module or "").split(".")[1])
    assert not used & later, f"{_name(path)} imports {sorted(used & later)}, a later stage"


@pytest.mark.parametrize("init", sorted(PACKAGE.rglob("__init__.py")), ids=_name)
def test_every_package_says_what_it_holds(init: Path) -> None:
    docstring = ast.get_docstring(_tree(init)) or ""
    assert len(docstring) > 40, f"{_name(init)} needs a docstring naming its modules"


def test_fixtures_of_this_test_are_real() -> None:
    """The checks above would pass on nothing: they must see the whole package."""
    assert len(MODULES) > 50
    assert PACKAGE / "render" / "terminal.py" in MODULES
