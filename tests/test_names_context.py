"""Names in context (issue #30): each rule of xlate.glossary.context on a real sentence, quoted
in the issue from held-out news or taken from ../shared/data/wmt22."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import shared_data

from xlate.glossary.load import default_glossary_path, load_glossary, parse_glossary
from xlate.glossary.match import Glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    loaded, problems = load_glossary([default_glossary_path()])
    assert problems == []
    return loaded


def only(glossary: Glossary, concept: str, rule: str) -> Glossary:
    """``glossary`` whose ``concept`` keeps one of its context rules: the others emptied."""
    empty = {"not_after": {}, "not_before": {}, "not_quoted_after": {}, "elsewhere": ()}
    del empty[rule]
    return Glossary(
        [replace(c, **empty) if c.id == concept else c for c in glossary.concepts],
        glossary.digest,
    )


# (rule, concept, lang, a real sentence where the form names something else)
NAMED_ELSEWHERE = [
    # the city of Austin: a locative after в, and the state named after it
    ("not_after", "austin", "ru", "В Остине, штат Техас"),
    ("not_before", "austin", "ru", "В Остине, штат Техас"),
    # a village: хутор before the name
    ("not_after", "medvedev", "ru", "в пяти километрах от хутора Медведев"),
    # the hockey team: quoted, after a player's role
    ("not_quoted_after", "washington", "ru", "Нападающий «Вашингтона» Александр Овечкин"),
]


@pytest.mark.parametrize(("rule", "concept", "lang", "text"), NAMED_ELSEWHERE)
def test_a_rule_alone_takes_a_name_that_names_something_else(
    glossary: Glossary, rule: str, concept: str, lang: str, text: str
) -> None:
    without = only(glossary, concept, "elsewhere")  # every word rule of the concept emptied
    assert concept in {m.concept.id for m in without.scan(text, lang, ambiguous=True)}
    ruled = only(glossary, concept, rule)
    assert concept not in {m.concept.id for m in ruled.scan(text, lang, ambiguous=True)}


# Real WMT22 sentences where the same names name the concept: the rules leave them.
STILL_NAMED = [
    ("lenta.ru.89646:0:2", "ru", "washington"),  # Вашингтон и Москва ... планируют
    ("kommersant.51711:0:10", "ru", "washington"),  # Организованный Вашингтоном "Саммит ..."
    ("kp.96064:0:9", "ru", "minsk"),  # Минск в ответ ввел продовольственное эмбарго
]


def wmt22_sentence(sid: str, lang: str) -> str:
    doc_id, p, s = sid.rsplit(":", 2)
    with shared_data("wmt22", f"{lang}-en.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc["id"] == doc_id:
                return str(doc["src"][int(p)][int(s)])
    raise AssertionError(f"{sid} is not in WMT22")


@pytest.mark.shared
@pytest.mark.parametrize(("sid", "lang", "concept"), STILL_NAMED)
def test_the_rules_leave_a_name_that_names_the_concept(
    glossary: Glossary, sid: str, lang: str, concept: str
) -> None:
    text = wmt22_sentence(sid, lang)
    assert concept in {m.concept.id for m in glossary.scan(text, lang)}


@pytest.mark.shared
def test_a_bare_government_in_a_story_about_korea_is_koreas(glossary: Glossary) -> None:
    """yahoo-ja.265992 (WMT22): a JoongAng Ilbo story on Korea's hydrogen roadmap, 韓国政府
    and 韓国 named throughout, Japan twice; 政府の水素経済ロードマップ is Korea's."""
    with shared_data("wmt22", "ja-en.jsonl").open(encoding="utf-8") as lines:
        doc = next(d for d in map(json.loads, lines) if d["id"] == "yahoo-ja.265992")
    text = "\n".join("".join(para) for para in doc["src"])
    assert "政府の水素経済ロードマップ" in text
    at = text.index("政府の水素経済ロードマップ")
    plain = only(glossary, "jp-government", "not_after")  # elsewhere emptied
    assert any(m.start == at for m in plain.scan(text, "ja", ambiguous=True))
    assert not any(m.start == at for m in glossary.scan(text, "ja", ambiguous=True))
    assert "kr-government" in {m.concept.id for m in glossary.scan(text, "ja")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # place names inside club and stadium names, quoted in issue #30: part of the name
        ("レアル・マドリード", "ja"),
        ("パリ・サンジェルマン", "ja"),
        ("スタッド・ド・フランス", "ja"),
        ("Chelsea, Real Madrid and Manchester United", "en"),  # ../shared/data/pages
    ],
)
def test_a_place_inside_a_club_or_stadium_name_is_no_place(
    glossary: Glossary, text: str, lang: str
) -> None:
    assert glossary.scan(text, lang, ambiguous=True) == []


def test_context_rules_are_checked_and_written_back() -> None:
    text = (
        '[[concept]]\nid = "a"\ntype = "person"\nen = "A"\nru = "Аа"\n'
        'not_after.ru = ["хутор"]\nnot_quoted_after.xx = ["клуб"]\nelsewhere = ["nobody"]\n'
    )
    concepts, problems = parse_glossary(text, "g.toml")
    messages = [str(p) for p in problems]
    assert "g.toml:1: a: not_quoted_after has unknown language(s): xx" in messages
    assert "g.toml:1: a: elsewhere names unknown id 'nobody'" in messages
    assert concepts[0].not_after == {"ru": ("хутор",)}
    assert concepts[0].to_dict()["not_after"] == {"ru": ["хутор"]}
