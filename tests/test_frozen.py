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
