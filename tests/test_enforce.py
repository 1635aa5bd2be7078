"""Glossary terms through translation: protection, restoration, and the check after."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from xlate.cli.main import main
from xlate.engines.enforce import GlossaryEngine, check_terms, protect, restore
from xlate.engines.identity import IdentityEngine
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary
from xlate.ingest.pile import read_pile
from xlate.model import Translation
from xlate.translate.batch import translate_batch
from xlate.translate.results import TranslateOptions


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


SENTENCE = "Руденко заявил, что МИД Японии ответит Киеву."


def test_placeholders_replace_each_term_and_restore_to_the_glossary_english(
    glossary: Glossary,
) -> None:
    guard = protect(SENTENCE, glossary.scan(SENTENCE, "ru"), "placeholder", "ru")
    assert guard.text == "XTERM0 заявил, что XTERM1 ответит XTERM2."
    restored, lost = restore("XTERM0 said that XTERM1 will answer XTERM2.", guard, "ru")
    assert restored == "Andrey Rudenko said that Japanese Foreign Ministry will answer Kyiv."
    assert lost == []


def test_inline_mode_puts_the_english_form_in_the_source(glossary: Glossary) -> None:
    guard = protect(SENTENCE, glossary.scan(SENTENCE, "ru"), "inline", "ru")
    assert guard.text == "Andrey Rudenko заявил, что Japanese Foreign Ministry ответит Kyiv."
    assert guard.slots == ()


def test_side_specific_english_is_used_for_contested_names(glossary: Glossary) -> None:
    for text, lang, english in (
        ("Южные Курилы", "ru", "Southern Kurils"),
        ("北方領土", "ja", "Northern Territories"),
    ):
        guard = protect(text, glossary.scan(text, lang), "inline", lang)
        assert guard.text == english


class ManglingEngine(IdentityEngine):
    """A test double for MT that mangles placeholders the ways real models do."""

    name = "mangler"

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        out = []
        for text in sentences:
            tokens = re.findall(r"XTERM\d+", text)
            mangled = text
            if len(tokens) >= 3:
                mangled = mangled.replace(tokens[2], "")  # drops one
                mangled = mangled.replace(tokens[0], "§").replace(tokens[1], tokens[0])
                mangled = mangled.replace("§", tokens[1])  # reorders two
            mangled = mangled.replace("XTERM1", "xterm 1")  # changes case, splits
            out.append(Translation(text, mangled, source, target, self.name))
        return out


def test_mangled_placeholders_are_restored_or_reported(glossary: Glossary) -> None:
    engine = GlossaryEngine(ManglingEngine(), glossary, "placeholder")
    [result] = engine.translate([SENTENCE], "ru", "en")
    assert result is not None
    assert result.source == SENTENCE
    assert "Andrey Rudenko" in result.text and "Japanese Foreign Ministry" in result.text
    assert "XTERM" not in result.text.upper().replace(" ", "")
    assert result.flags == ("term-lost:kyiv",)


CHECKS = [
    ("Киев", "Kyiv said so.", "kept"),
    ("Киев", "Kiev said so.", "forbidden"),
    ("Киев", "The capital said so.", "missing"),
    ("Киев", "In Kyiv they serve chicken Kiev.", "kept"),  # the dish: the glossary's not_in
    ("Пекин", "Beijing's chefs roast Peking duck.", "kept"),
    ("Пекин", "Peking duck is served in Peking.", "forbidden"),  # the city, once
    ("санкциям", "New sanctions were imposed.", "kept"),
    ("мирном договоре", "peace treaty talks stalled", "kept"),  # inside a longer concept
    ("岩屋外相", "Foreign Minister Iwaya said", "kept"),
    ("Глава Пентагона Остин", "Pentagon chief Austin said", "kept"),  # Austin alone, kept
    ("СВО", "the special military operation", "kept"),
    ("ＮＡＴＯ", "NATO said", "kept"),  # full width in the source
]


@pytest.mark.parametrize(("source", "target", "status"), CHECKS)
def test_check_terms(glossary: Glossary, source: str, target: str, status: str) -> None:
    lang = "ja" if re.search(r"[\u3040-\u9fff\uff00-\uffef]", source) else "ru"
    check = check_terms(glossary, glossary.scan(source, lang), target, lang)[-1]
    assert check.status == status


AMBIGUOUS = [
    ("ru", "Пастор Джоэл Остин из Хьюстона."),  # Joel Osteen
    ("ja", "政府の水素経済ロードマップ"),  # whose government: the sentence does not say
]


@pytest.mark.parametrize(("lang", "source"), AMBIGUOUS)
def test_ambiguous_matches_are_neither_protected_nor_checked(
    glossary: Glossary, lang: str, source: str
) -> None:
    every = glossary.scan(source, lang, ambiguous=True)
    assert [m.ambiguous for m in every] == [True]
    assert protect(source, glossary.scan(source, lang), "placeholder", lang).text == source
    assert check_terms(glossary, every, "The pastor from Houston.", lang) == []
    engine = GlossaryEngine(IdentityEngine(), glossary)
    [result] = engine.translate([source], lang, "en")
    # identity's own flag (Russian or Japanese passed through) and nothing from the glossary
    assert result is not None and result.text == source and result.flags == ("untranslated",)


def _memory(tmp_path: Path, target: str) -> Path:
    path = tmp_path / "m.tmx"
    path.write_text(
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ru"><seg>Киев ответил Токио.'
        f'</seg></tuv><tuv xml:lang="en"><seg>{target}</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    return path


def test_checks_appear_in_the_output_and_strict_mode_fails_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ru.txt").write_text("Киев ответил Токио.", encoding="utf-8")
    memory = _memory(tmp_path, "Kiev answered Tokyo.")
    base = [str(src), "--memory", str(memory), "--no-cache"]
    assert main(["translate", *base, "--out", str(tmp_path / "a")]) == 0
    doc = json.loads((tmp_path / "a" / "ru.en.json").read_text(encoding="utf-8"))
    statuses = {c["concept"]: c["status"] for c in doc["sentences"][0]["glossary"]}
    assert statuses == {"kyiv": "forbidden", "tokyo": "kept"}
    report = json.loads((tmp_path / "a" / "xlate-report.json").read_text(encoding="utf-8"))
    assert report["files"][0]["glossary"] == {"forbidden": 1, "kept": 1}
    capsys.readouterr()
    assert main(["translate", *base, "--out", str(tmp_path / "b"), "--strict-glossary"]) == 1
    assert "glossary: 1 term not kept (kyiv forbidden)" in capsys.readouterr().err
    assert not (tmp_path / "b" / "ru.en.json").exists()


def test_no_glossary_means_no_checks(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "ru.txt").write_text("Киев ответил Токио.", encoding="utf-8")
    chain = [IdentityEngine()]
    batch = translate_batch(read_pile([src]), tmp_path / "o", chain, TranslateOptions())
    assert batch.results[0].terms == {}


@pytest.mark.argos
def test_argos_output_keeps_or_reports_every_protected_term(
    installed_argos: dict[str, Path], glossary: Glossary
) -> None:
    from xlate.engines.argos import ArgosEngine, ArgosOptions

    engine = GlossaryEngine(ArgosEngine(ArgosOptions(max_decoding_length=30)), glossary)
    sentences = [SENTENCE, "Япония сохранит санкции против России."]
    for sentence, result in zip(sentences, engine.translate(sentences, "ru", "en"), strict=True):
        assert result is not None
        for match in glossary.scan(sentence, "ru"):
            english = match.concept.english_for("ru")
            lost = f"term-lost:{match.concept.id}" in result.flags
            assert (english in result.text) != lost  # restored, or reported lost: never both


def test_the_sample_bundle_keeps_every_glossary_term(tmp_path: Path) -> None:
    from conftest import SAMPLES

    assert main(["translate", str(SAMPLES), "--out", str(tmp_path), "--no-cache"]) == 0
    report = json.loads((tmp_path / "xlate-report.json").read_text(encoding="utf-8"))
    totals: dict[str, int] = {}
    for entry in report["files"]:
        for status, count in entry["glossary"].items():
            totals[status] = totals.get(status, 0) + count
    assert set(totals) == {"kept"} and totals["kept"] >= 140
