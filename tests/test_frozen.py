"""Stage values are frozen: each stage returns new values and leaves the ones it was given."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from conftest import SAMPLES

import xlate
from xlate.detect.rules import Detector
from xlate.engines.chain import build_chain
from xlate.engines.identity import IdentityEngine
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.translate.core import (
    NO_ENGINE,
    Segment,
    check_glossary,
    check_translations,
    translate_segments,
)

# The dataclasses that hold state on purpose, not values passed between stages.
MUTABLE = {
    ("translate/names.py", "OutputNames"),  # the output names a batch has taken so far
    ("ingest/stream.py", "TextStream"),  # an open file's parts, an iterator read once
}


def _dataclasses() -> list[tuple[str, str, bool]]:
    """(module, class, frozen) for every ``@dataclass`` in xlate."""
    root = Path(xlate.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for deco in node.decorator_list:
                call = deco if isinstance(deco, ast.Call) else None
                name = call.func if call else deco
                if isinstance(name, ast.Name) and name.id == "dataclass":
                    frozen = any(
                        k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value
                        for k in (call.keywords if call else [])
                    )
                    found.append((path.relative_to(root).as_posix(), node.name, frozen))
    return found


def test_every_dataclass_is_frozen_but_the_stateful_ones() -> None:
    found = _dataclasses()
    assert len(found) > 30  # the scan sees the package
    mutable = {(module, name) for module, name, frozen in found if not frozen}
    assert mutable == MUTABLE


RUSSIAN = "Санкции против Японии будут расширены в следующем месяце."
ENGLISH = "Tokyo said the sanctions would be widened next month."


def test_translating_returns_new_segments_and_leaves_the_given_ones() -> None:
    given = (Segment(RUSSIAN, "ru"), Segment(ENGLISH, "en"))
    translated, hints = translate_segments(given, "en", [], IdentityEngine())
    assert given == (Segment(RUSSIAN, "ru"), Segment(ENGLISH, "en"))  # untouched
    russian, english = translated
    assert russian.translation is not None and russian.translation.engine == NO_ENGINE
    assert russian.untranslated and russian.note == hints[("ru", "en")]
    assert english.translation is not None and english.translation.engine == "identity"
    with pytest.raises(dataclasses.FrozenInstanceError):
        russian.note = ""  # type: ignore[misc]


def test_checks_return_new_segments_and_leave_the_given_ones() -> None:
    # A sentence of the sample's translation memory: an exact match, with glossary terms.
    sentence = "Поводом называется развитие сотрудничества между Москвой и Пхеньяном."
    chain = build_chain("memory", memories=[SAMPLES / "memory.tmx"])
    translated, _ = translate_segments([Segment(sentence, "ru")], "en", chain, IdentityEngine())
    checked = check_translations(translated, "en", Detector())
    glossary, _ = load_glossary([default_glossary_path()])
    tagged = check_glossary(checked, glossary)
    assert translated[0].translation is not None
    assert translated[0].translation.engine == "memory"
    assert translated[0].terms == checked[0].terms == ()  # the given segments are untouched
    assert {check.concept for check in tagged[0].terms} == {"moscow", "pyongyang"}
    assert tagged[0].translation == checked[0].translation


# -- every frozen value hashes -------------------------------------------------------------

# A dict, list or set field of a frozen value: none (a Mapping field is frozen in
# __post_init__, as Outlet.extra is since the pile branch left it a dict).
MUTABLE_FIELDS: set[tuple[str, str, str]] = set()


def test_no_frozen_dataclass_declares_a_dict_list_or_set_field() -> None:
    root = Path(xlate.__file__).parent
    found = set()
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or "frozen=True" not in "".join(
                ast.unparse(d) for d in node.decorator_list
            ):
                continue
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    kind = ast.unparse(item.annotation).split("[")[0]
                    if kind in ("dict", "list", "set", "Dict", "List", "Set"):
                        found.add((path.relative_to(root).as_posix(), node.name, item.target.id))
    assert found == MUTABLE_FIELDS


def _values(root: object) -> dict[type, object]:
    """One instance of each dataclass reachable from ``root`` (through fields, tuples,
    mappings and lists), by class."""
    seen: dict[type, object] = {}
    stack, visited = [root], set()
    while stack:
        value = stack.pop()
        if id(value) in visited:
            continue
        visited.add(id(value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.setdefault(type(value), value)
            stack += [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, dict):
            stack += [*value.keys(), *value.values()]
        elif isinstance(value, list | tuple | frozenset):
            stack += list(value)
    return seen


@pytest.fixture(scope="module")
def real_values() -> dict[type, object]:
    """One of each frozen value that translating and comparing the sample bundle, grouping
    it into events and loading the bundled glossary make."""
    from xlate.compare import compare
    from xlate.ingest.bundle import load_manifest
    from xlate.ingest.formats import read_articles
    from xlate.translate.results import BatchResult, FileResult

    glossary, _ = load_glossary([default_glossary_path()])
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    report, _ = compare([str(SAMPLES)], chain, glossary=glossary)
    events, _ = xlate.events([SAMPLES], chain, glossary)
    articles = [a for p in sorted((SAMPLES / "articles").iterdir()) for a in read_articles(p)]
    # the lists and dicts a batch gathers, as it passes them
    done = FileResult("a.txt", "ok", "a", "out/a.json", "ru", 3, {"memory": 3}, terms={"kept": 2})
    batch = BatchResult([done], [{"name": "memory", "files": ["m.tmx"]}], "en", ["x.tmp"])
    found: dict[type, object] = {}
    for root in (report, events, articles, glossary.concepts, batch):
        found |= _values(root)
    return found


def test_one_of_each_frozen_value_hashes(real_values: dict[type, object]) -> None:
    from xlate.compare.report import ConceptRow, Fact, Report
    from xlate.glossary.concepts import Concept
    from xlate.grouping.model import Events
    from xlate.model import Article
    from xlate.translate.results import BatchResult, FileResult

    # the classes that held dicts and lists, and so did not hash, are among those seen
    assert {Article, Concept, Report, Fact, ConceptRow, Events, BatchResult, FileResult} <= set(
        real_values
    )
    unhashable = []
    for cls, value in real_values.items():
        if cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            try:
                hash(value)
            except TypeError as exc:
                unhashable.append(f"{cls.__name__}: {exc}")
    assert not unhashable


def test_a_frozen_mapping_refuses_change_and_reads_as_a_dict() -> None:
    import json
    import pickle

    from xlate.model import FrozenDict, frozen, thawed

    given = {"tags": ["a", {"b": [1]}], "n": 2}
    value = frozen(given)
    assert isinstance(value, FrozenDict) and value == {"tags": ("a", {"b": (1,)}), "n": 2}
    assert json.dumps(value) == json.dumps(given)  # written as before
    assert thawed(value) == given
    assert pickle.loads(pickle.dumps(value)) == value  # worker processes send them
    assert hash(value) == hash(frozen({"n": 2, "tags": ["a", {"b": [1]}]}))
    for change in (
        lambda: value.__setitem__("n", 3),
        lambda: value.update(n=3),
        lambda: value.pop("n"),
        lambda: value["tags"][1].setdefault("c", 1),
    ):
        with pytest.raises(TypeError):
            change()
    assert value == {"tags": ("a", {"b": (1,)}), "n": 2}


def test_an_outlet_s_extra_fields_cannot_change() -> None:
    """The timeline and the edit history read an outlet's extra fields after it is made."""
    from xlate.compare.prepare import Outlet

    outlet = Outlet("a", "A", "en", "", "", "", (), extra={"published": "2024", "tags": ["x"]})
    with pytest.raises(TypeError, match="a FrozenDict cannot change"):
        outlet.extra["published"] = "2025"  # type: ignore[index]
    assert outlet.extra["tags"] == ("x",)
