"""The layout stays livable: no function over 80 lines, rich only in ``xlate.render``,
packages importing only the stages before them, no circle of imports, few private names used
across modules, and every package saying in its docstring what its modules do.

A module's size is a guide, not a rule: split a module by job when it does two, never to
stay under a count (halves of one job then import each other's private names)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "xlate"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_FUNCTION_LINES = 80
# Private names (a leading underscore) one module imports from another. A name another module
# needs is its package's API: drop the underscore, or move the code where it is used.
MAX_PRIVATE_IMPORTS = 15


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


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
    *("textsafe", "errors", "model", "limits", "dates", "numbers", "ingest", "files", "segment"),
    *("detect", "glossary", "engines", "translate", "grouping", "compare", "history", "render"),
    "cli",
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


def _module(path: Path) -> str:
    """``xlate/glossary/match.py`` -> ``xlate.glossary.match``; a package is its ``__init__``."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


NAMES = {_module(path): path for path in MODULES}


def _xlate_imports(path: Path) -> Iterator[tuple[str, str]]:
    """Each (module, name) that ``path`` imports from xlate, at the top, in a function or for
    type checking alike; ``import xlate.x.y`` as (``xlate.x.y``, "")."""
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.split(".")[0] == "xlate":
                yield from ((module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((a.name, "") for a in node.names if a.name.split(".")[0] == "xlate")


def _private_imports() -> list[str]:
    """``importer: module.name`` for every private name imported from another module, and for
    every private attribute read off a module imported by name (``from x import terms``, then
    ``terms._WORD``)."""
    found = []
    for path in MODULES:
        modules = set()
        for module, name in _xlate_imports(path):
            if name.startswith("_") and not name.startswith("__"):
                found.append(f"{_name(path)}: {module}.{name}")
            if f"{module}.{name}" in NAMES:  # a module imported by name: from xlate.x import y
                modules.add(name)
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{_name(path)}: {node.value.id}.{node.attr}")
    return found


def test_few_private_names_are_used_across_modules() -> None:
    found = _private_imports()
    shown = "\n".join(found)
    assert len(found) <= MAX_PRIVATE_IMPORTS, f"{len(found)} private names imported:\n{shown}"


def _graph() -> dict[str, set[str]]:
    """Which xlate modules each module imports (a name imported from a package is its
    ``__init__`` unless it is a submodule). The root ``xlate/__init__.py`` is left out: it is
    the public facade, loading the API lazily, and holds nothing but ``__version__``."""
    graph: dict[str, set[str]] = {}
    for module, path in NAMES.items():
        if module == "xlate":
            continue
        targets = set()
        for source, name in _xlate_imports(path):
            targets.add(f"{source}.{name}" if f"{source}.{name}" in NAMES else source)
        graph[module] = {t for t in targets if t in NAMES and t != module}
    return graph


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """A circle of imports in ``graph`` (the modules in order, the first again at the end),
    or []: a depth-first walk that meets a module still on its path."""
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def walk(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (circle := walk(target)):
                return circle
        state[module] = 2
        path.pop()
        return []

    for module in sorted(graph):
        if module not in state and (circle := walk(module)):
            return circle
    return []


def test_no_circle_of_imports() -> None:
    circle = _circle(_graph())
    assert not circle, "import circle: " + " -> ".join(circle)


CIRCLES = [
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, []),
]


@pytest.mark.parametrize(("graph", "circle"), CIRCLES)
def test_the_circle_finder_finds_circles(graph: dict[str, set[str]], circle: list[str]) -> None:
    assert _circle(graph) == circle


def test_fixtures_of_this_test_are_real() -> None:
    """The checks above would pass on nothing: they must see the whole package."""
    assert len(MODULES) > 50
    assert PACKAGE / "render" / "terminal.py" in MODULES
    graph = _graph()
    assert "xlate.glossary.concepts" in graph["xlate.glossary.words"]
    assert "xlate.glossary.words" in graph["xlate.glossary.match"]
