"""The diplomatic glossary: the real file, matching per language, validation, the CLI."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.cli import main
from xlate.glossary.match import Glossary, default_glossary_path, load_glossary, parse_glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    loaded, problems = load_glossary([default_glossary_path()])
    assert problems == []
    return loaded


def test_the_bundled_glossary_is_large_and_covers_every_type(glossary: Glossary) -> None:
    assert len(glossary.concepts) >= 200
    assert {c.type for c in glossary.concepts} == {
        "person",
        "office",
        "organisation",
        "place",
        "sanction-term",
        "framing",
        "other",
    }
    assert all(
        c.preferred.get("en") and (c.preferred.get("ru") or c.preferred.get("ja"))
        for c in glossary.concepts
    )


def found(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.surface, m.concept.id) for m in glossary.scan(text, lang)]


RUSSIAN = [
    # every case and number of a term
    ("Новые санкции вступили в силу.", [("санкции", "sanctions")]),
    ("Пакет из десяти санкций.", [("санкций", "sanctions")]),
    ("Токио присоединился к санкциям.", [("Токио", "tokyo"), ("санкциям", "sanctions")]),
    (
        "Москва ответит на санкции санкциями.",
        [("Москва", "moscow"), ("санкции", "sanctions"), ("санкциями", "sanctions")],
    ),
    (
        "Решение Министерства иностранных дел России.",
        [("Министерства иностранных дел России", "ru-mfa")],
    ),
    ("В ответе МИДа говорится.", [("МИДа", "ru-mfa")]),
    ("Переговоры с Японией прерваны.", [("Японией", "japan")]),
    ("Заявление Руденко.", [("Руденко", "rudenko")]),
    ("Слова Такэси Иваи прозвучали.", [("Такэси Иваи", "iwaya")]),
    ("Министр Такеси Ивая заявил.", [("Такеси Ивая", "iwaya")]),
    # longest match: a ministry of Japan, not of Russia; an office, not the ministry
    ("Представитель МИД Японии ответил.", [("МИД Японии", "jp-mofa")]),
    ("Позиция японского МИД ясна.", [("японского МИД", "jp-mofa")]),
    (
        "Замглавы МИД РФ выступил.",
        [("Замглавы МИД", "office-deputy-foreign-minister"), ("РФ", "russia")],
    ),
    ("Введены антироссийские санкции.", [("антироссийские санкции", "sanctions-against-russia")]),
    (
        "Список недружественных стран расширен.",
        [("Список недружественных стран", "unfriendly-countries")],
    ),
    ("На Южных Курилах.", [("Южных Курилах", "southern-kurils")]),
]


@pytest.mark.parametrize(("text", "expected"), RUSSIAN)
def test_russian_terms_match_in_every_inflection(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text, "ru") == expected


JAPANESE = [
    ("岩屋外相は述べた。", [("岩屋外相", "iwaya")]),
    ("岩屋毅外務大臣が会見した。", [("岩屋毅外務大臣", "iwaya")]),
    ("外相会談が開かれた。", [("外相", "office-foreign-minister")]),
    ("中国外務省の報道官", [("中国外務省", "cn-mfa")]),  # not 外務省 (Japan) inside it
    ("外務省によると", [("外務省", "jp-mofa")]),
    ("ロシア外務省のルデンコ次官", [("ロシア外務省", "ru-mfa"), ("ルデンコ次官", "rudenko")]),
    ("対ロ制裁を強化", [("対ロ制裁", "sanctions-against-russia")]),
    ("北方領土問題", [("北方領土問題", "territorial-dispute")]),
    ("北方領土の返還", [("北方領土", "southern-kurils")]),
]


@pytest.mark.parametrize(("text", "expected"), JAPANESE)
def test_japanese_terms_match_longest_first(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text, "ja") == expected


ENGLISH = [
    ("New SANCTIONS on Russia.", [("SANCTIONS on Russia", "sanctions-against-russia")]),
    ("Unfriendly Countries list", [("Unfriendly Countries", "unfriendly-countries")]),
    ("Japan imposed asset freezes.", [("Japan", "japan"), ("asset freezes", "asset-freeze")]),
    ("Japanology lectures", []),  # a word boundary: not "Japan"
    ("Japanese officials said", [("Japanese", "japan")]),  # the adjective names the country
    ("Rudenko's remarks", [("Rudenko", "rudenko")]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_terms_are_case_and_plural_tolerant(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text, "en") == expected


def test_matches_keep_spans_and_never_overlap(glossary: Glossary) -> None:
    text = (SAMPLES / "articles" / "toto-shinpo.md").read_text(encoding="utf-8")
    matches = glossary.scan(text, "ja")
    assert matches
    for match in matches:
        assert text[match.start : match.end] == match.surface
    for a, b in pairwise(matches):
        assert a.end <= b.start


def test_side_specific_english_keeps_the_outlets_framing(glossary: Glossary) -> None:
    kurils = glossary.get("southern-kurils")
    assert kurils is not None and kurils.is_framing
    assert kurils.english_for("ja") == "Northern Territories"
    assert kurils.english_for("ru") == "Southern Kurils"


LOOKUPS = [
    ("МИДа", "ru-mfa"),
    ("Иваи", "iwaya"),
    ("北方領土", "southern-kurils"),
    ("Kiev regime", "kyiv-regime"),
    ("sanctions", "sanctions"),
]


@pytest.mark.parametrize(("term", "concept"), LOOKUPS)
def test_lookup_finds_the_concept_of_any_form(glossary: Glossary, term: str, concept: str) -> None:
    assert [c.id for c in glossary.lookup(term)] == [concept]


HEAD = '[[concept]]\nid = "a"\ntype = "person"\n'
BAD = [
    (
        HEAD + 'en = "A"\nru = "А"\n\n' + HEAD + 'en = "B"\nru = "Б"\n',
        "g.toml:7: duplicate id 'a' (first at g.toml:1)",
    ),
    (
        HEAD + 'en = "A"\nru = "Руденко"\n\n[[concept]]\nid = "b"\ntype = "person"\n'
        'en = "B"\nru = "Б"\nvariants.ru = ["Руденко"]\n',
        "g.toml:7: b: ru form 'Руденко' is also a form of 'a' (g.toml:1)",
    ),
    (HEAD + 'ru = "А"\n', "g.toml:1: a: missing preferred English"),
    (HEAD.replace("person", "human") + 'en = "A"\nru = "А"\n', "g.toml:1: a: bad type 'human'"),
    ('[[concept]]\nid = "A b"\n', "g.toml:1: bad or missing id 'A b'"),
    (HEAD + 'en = "A"\n', "g.toml:1: a: needs a preferred ru or ja"),
    (
        HEAD + 'en = "A"\nru = "А"\nvariants.de = ["x"]\n',
        "g.toml:1: a: variants has unknown language(s): de",
    ),
    ("[[concept]\n", "g.toml: not valid TOML"),
    (
        HEAD + 'en = "A"\nru = "А"\nvariants.ru = ["А"]\n',
        "g.toml:1: a: ru form 'А' is listed twice",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_glossary_problems_name_file_and_line(text: str, message: str) -> None:
    _, problems = parse_glossary(text, "g.toml")
    assert any(str(p).startswith(message) for p in problems), [str(p) for p in problems]


def test_glossary_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "check"]) == 0
    assert "concepts, no problems" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD[0][0], encoding="utf-8")
    assert main(["glossary", "check", str(bad)]) == 1
    assert f"{bad}:7: duplicate id 'a'" in capsys.readouterr().err


def test_glossary_scan_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Руденко ответил Японии.", encoding="utf-8")
    assert main(["glossary", "scan", str(path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        {
            "concept": "rudenko",
            "type": "person",
            "en": "Andrey Rudenko",
            "lang": "ru",
            "surface": "Руденко",
            "start": 0,
            "end": 7,
        },
        {
            "concept": "japan",
            "type": "place",
            "en": "Japan",
            "lang": "ru",
            "surface": "Японии",
            "start": 16,
            "end": 22,
        },
    ]


def test_glossary_lookup_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "lookup", "岩屋外相"]) == 0
    out = capsys.readouterr().out
    assert "iwaya (person)" in out and "Такэси Ивая" in out and "Takeshi Iwaya" in out
    assert main(["glossary", "lookup", "nothing-like-this"]) == 1
