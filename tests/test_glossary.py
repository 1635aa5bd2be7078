"""The diplomatic glossary: the real file, matching per language, validation, the CLI."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, shared_data
from judged_glossary import held_out_sentences, judged, measure, news_sentences

from xlate.cli.main import main
from xlate.engines.enforce import check_terms
from xlate.glossary.concepts import WORD, Match, fold_width
from xlate.glossary.load import default_glossary_path, load_glossary, parse_glossary
from xlate.glossary.match import Glossary
from xlate.glossary.words import WordMatcher, _fits, _owned, _without_overlaps, word_stem


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


# Words that are not the concept they resemble (real cases from WMT22 news and beyond), and
# the forms that still are: acronyms, short stems, names, single kanji, bare institutions.
RUSSIAN_PRECISION = [
    ("Люди покинули свои дома и своих близких.", []),  # свои is not СВО
    ("Итоги СВО обсудили.", [("СВО", "special-military-operation")]),
    ("СВОЙ ПУТЬ", []),  # a headline in capitals: still not the acronym
    ("В ответе МИДа говорится.", [("МИДа", "ru-mfa")]),
    ("МИД Польши считает иначе.", [("Польши", "poland")]),  # Poland's ministry, not Russia's
    ("Он умер вчера.", []),  # not Умеров
    ("Ветер дует на запад. Запад ввел санкции.", [
        ("Запад", "western-countries"), ("санкции", "sanctions")]),  # a direction, the West
    ("Надо посолить суп.", []),  # a verb sharing посол's stem
    ("Посол ответил.", [("Посол", "office-ambassador")]),
    ("Медведи едят падаль.", []),  # bears share Медведев's stem, not his name
    ("Глава сбербанка Герман Греф.", []),  # a given name, not Германия
    ("Книга Ивана Старцева.", []),  # Ивана shares Иваи's stem ива, not its name
    ("Речь на премьере фильма.", []),  # a film's premiere
    ("Премьер Израиля Беннет.", [("Премьер", "office-prime-minister"), ("Израиля", "israel")]),
    ("Самостоятельная профилактика опасна.", []),
    ("Форвард \"Вашингтон Кэпиталз\". Вашингтон ответил.", [("Вашингтон", "washington")]),
    ("Ирана и Ливии в Вене.", [("Ирана", "iran"), ("Ливии", "libya"), ("Вене", "vienna")]),
    ("У Китая и Египта.", [("Китая", "china"), ("Египта", "egypt")]),
    ("Минобороны Украины и минобороны Украины.", [
        ("Минобороны Украины", "ua-mod"), ("минобороны Украины", "ua-mod")]),
    ("Газопровод \"Северный поток - 2\".", [("Северный поток - 2", "nord-stream-2")]),
    ("Глава МИД Германии Анналена Бербок.", [
        ("Глава МИД", "office-foreign-minister"), ("Германии", "germany"),
        ("Анналена Бербок", "baerbock")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), RUSSIAN_PRECISION)
def test_russian_words_that_only_resemble_a_term_do_not_match(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text, "ru") == expected


JAPANESE_PRECISION = [
    ("ちょっとした雑学を披露できる。", []),  # 露 inside 披露
    ("佐賀県産ヒノヒカリの分づき米に雑穀", []),  # rice
    ("米沢から中継", []),  # the city of Yonezawa
    ("南米と中米の国々", []),  # South and Central America
    ("日中は暑い。", []),  # daytime
    ("中でも人気なのは", []),
    ("全国連携マーケット", []),  # 全国 + 連携, not 国連
    ("小林氏が語った。", []),  # not 林氏
    ("バイデン氏は「連邦政府としてあらゆることを行う」と強調。", [("バイデン氏", "biden")]),
    ("政府の水素経済ロードマップ", []),  # a bare 政府 without Japan: ambiguous, left out
    ("日本政府と政府", [("日本政府", "jp-government"), ("政府", "jp-government")]),
    ("韓国政府は発表した。", [("韓国政府", "kr-government")]),
    ("米政府高官", [("米政府", "us-government")]),
    ("日米首脳会談", [("日", "japan"), ("米", "usa"), ("首脳会談", "summit")]),
    ("12日米国務省は", [("米国務省", "us-state-department")]),  # 12日 is a day
    ("昨日米国が発表した", [("米国", "usa")]),  # 昨日 is yesterday
    ("その中間の位置、中東部で雨", []),  # 中 is "middle"
    ("米中間の対立", [("米", "usa"), ("中", "china")]),
    ("米はロシア軍の動きに警戒", [("米", "usa"), ("ロシア", "russia")]),
    ("米の消費が減った。", []),  # rice: nothing foreign nearby
    ("訪中した露外相", [("中", "china"), ("露", "russia"), ("外相", "office-foreign-minister")]),
    ("キン肉マン対ロビンマスク", []),  # ロ inside a katakana word
    ("インドネシアとインド", [("インドネシア", "indonesia"), ("インド", "india")]),
    ("北大西洋条約機構（ＮＡＴＯ）とＧ７", [
        ("北大西洋条約機構", "nato"), ("ＮＡＴＯ", "nato"), ("Ｇ７", "g7")]),  # full width: NFKC
    ("G77の会合", []),  # a Latin form is a whole word
    ("中国地方の天気", []),  # the Chūgoku region of Japan
    ("日本橋から銀座まで", []),  # a district of Tokyo
    ("【モスクワ共同】", [("モスクワ", "moscow"), ("共同】", "kyodo")]),  # Kyodo's dateline
    ("抗議デモが続いた。", []),  # a street protest
    ("観光大使に任命された。", []),  # a tourism ambassador
    ("駐日大使が着任した。", [("日", "japan"), ("大使", "office-ambassador")]),
    ("外交ルートを通じて抗議した。", [("外交ルートを通じて抗議", "diplomatic-protest")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), JAPANESE_PRECISION)
def test_japanese_single_kanji_and_bare_words_match_only_where_they_name_it(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text, "ja") == expected


ENGLISH_PRECISION = [
    ("He told us about it.", []),  # the pronoun is not the US
    ("The US and the USA.", [("US", "usa"), ("USA", "usa")]),
    ("A turkey for dinner.", []),
    ("Turkey and Greece.", [("Turkey", "turkey")]),
    ("the dispute over the southern Kurils", [("southern Kurils", "southern-kurils")]),
    (
        "A West Coast bank; the West imposed sanctions.",
        [("the West", "western-countries"), ("sanctions", "sanctions")],
    ),
    ("She was born in Georgia.", []),  # the US state: the country only beside Russia, NATO...
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_PRECISION)
def test_english_acronyms_are_case_sensitive_and_names_capitalised(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text, "en") == expected


AMBIGUOUS = [
    # a surname that is also a place or a word needs a title, given name or role nearby
    ("ru", "Пастор Джоэл Остин из Хьюстона.", "Остин", True),
    ("ru", "Глава Пентагона Остин прибыл.", "Остин", False),
    ("ru", "Министр обороны США Ллойд Остин заявил.", "Ллойд Остин", False),
    ("ru", "Зампред Совбеза РФ Медведев заявил.", "Медведев", False),
    ("ru", "Умеров приехал.", "Умеров", True),
    ("ru", "Министр обороны Украины Умеров приехал.", "Умеров", False),
    ("en", "Austin, Texas, was hit by storms.", "Austin", True),
    ("ja", "政府の水素経済ロードマップ", "政府", True),
    ("ja", "日本の政府は", "政府", False),
    ("ja", "トランプで遊ぶ", "トランプ", True),  # playing cards
    ("ru", "У пациента повысилось давление.", "давление", True),  # blood pressure
    ("ru", "Давление Токио на Москву растет.", "Давление", False),
    ("ja", "台風が接近している。", "接近", True),  # a typhoon approaching
    ("ja", "ロシアと北朝鮮の接近", "接近", False),
    ("ja", "敵対的買収を防ぐ", "敵対的", True),  # a hostile takeover
    ("ja", "侵略的外来種の駆除", "侵略", True),  # invasive species
    ("ja", "トランプ氏と米国の関係", "トランプ氏", False),
    ("ja", "上川町の農家", "上川", True),  # a district of Hokkaido
    ("ja", "上川外相が訪問", "上川", False),
]


@pytest.mark.parametrize(("lang", "text", "surface", "ambiguous"), AMBIGUOUS)
def test_ambiguous_forms_are_reported_but_not_claimed_without_context(
    glossary: Glossary, lang: str, text: str, surface: str, ambiguous: bool
) -> None:
    every = {m.surface: m.ambiguous for m in glossary.scan(text, lang, ambiguous=True)}
    assert every[surface] is ambiguous
    claimed = {m.surface for m in glossary.scan(text, lang)}
    assert (surface in claimed) is not ambiguous


def test_full_width_text_keeps_its_spans(glossary: Glossary) -> None:
    text = "米国はＮＡＴＯとＥＵ、Ｇ７に説明した。"
    for match in glossary.scan(text, "ja"):
        assert text[match.start : match.end] == match.surface
    assert [m.concept.id for m in glossary.scan(text, "ja")] == ["usa", "nato", "eu", "g7"]


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


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Песков встретился с Лавровым в Москве.", "lavrov"),  # a trial: not found
        ("Переговоры с Сергеем Лавровым продолжатся.", "lavrov"),
        ("Встреча с Рябковым прошла в Женеве.", "ryabkov"),
        ("Встреча с Песковым не состоялась.", "peskov"),
        ("Семья Лавровых приехала.", "lavrov"),
    ],
)
def test_a_surname_in_ov_is_found_in_its_adjective_cases(
    glossary: Glossary, text: str, concept: str
) -> None:
    assert concept in {m.concept.id for m in glossary.scan(text, "ru")}


def test_a_bay_leaf_is_no_lavrov(glossary: Glossary) -> None:
    # a review: the surname's endings read "Лавровым листом" (a bay leaf) as Lavrov
    for text in ("Лавровым листом приправляют суп.", "Лавровыми ветками украсили зал."):
        assert "lavrov" not in {m.concept.id for m in glossary.scan(text, "ru")}


@pytest.mark.parametrize(
    "text",
    ["if it invades Ukraine", "Invading Ukraine would be a mistake.", "Russia invaded Ukraine."],
)
def test_the_verb_of_an_invasion_is_its_framing_too(glossary: Glossary, text: str) -> None:
    # a trial: the framing table gave the reference "·" though it said "invading Ukraine"
    assert "invasion-of-ukraine" in {m.concept.id for m in glossary.scan(text, "en")}


LOOKUPS = [
    ("МИДа", "ru-mfa"),
    ("Иваи", "iwaya"),
    ("北方領土", "southern-kurils"),
    ("Kiev regime", "kyiv-regime"),
    ("sanctions", "sanctions"),
    ("米", "usa"),  # a single kanji is looked up as the form it is
    ("Остина", "austin"),  # an ambiguous form too
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
        HEAD + 'en = "A"\nru = "А"\nambiguous.ru = ["Б"]\n',
        "g.toml:1: a: ambiguous ru form 'Б' is no form",
    ),
    (
        HEAD + 'en = "A"\nru = "А"\ncontext = ["nowhere"]\n',
        "g.toml:1: a: context names unknown id 'nowhere'",
    ),
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


def test_a_glossary_without_japanese_forms_scans_japanese_text_and_looks_terms_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ru/en glossary (as an imported CSV of term pairs gives) finds nothing in Japanese
    text, and the commands that scan every language work with it."""
    path = tmp_path / "ru.toml"
    path.write_text(
        '[[concept]]\nid = "sanctions"\ntype = "sanction-term"\nen = "sanctions"\nru = "санкции"\n',
        encoding="utf-8",
    )
    glossary, problems = load_glossary([path])
    assert problems == []
    assert glossary.scan("日本政府は対ロ制裁を維持した。", "ja") == []
    assert glossary.named("日本政府は制裁を維持した。", "ja", ["sanctions"]) == {}
    assert [c.id for c in glossary.lookup("санкций")] == ["sanctions"]
    assert main(["glossary", "lookup", "санкции", "--glossary", str(path)]) == 0
    assert "sanctions" in capsys.readouterr().out


def test_glossary_scan_reads_the_good_records_of_a_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a review: an empty record made the whole dump "detected as 'und'", nothing scanned
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": ""}, {"text": "Руденко ответил Японии."}]), "utf-8")
    assert main(["glossary", "scan", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["concept"] for line in out.splitlines()] == ["rudenko", "japan"]
    assert f"{path}: item 1: the 'text' field is empty" in err


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


def test_glossary_lookup_wraps_a_note_under_its_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["glossary", "lookup", "Kiev"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  note: "))
    assert lines[at + 1].startswith(" " * 8) and lines[at + 1][8] != " "  # the note goes on


# -- precision on real news: the judged WMT22 set (tests/data/glossary_judged.md) ---------------


@pytest.fixture(scope="module")
def wmt22() -> dict[str, list[tuple[str, str, str]]]:
    folder = shared_data("wmt22")
    return {lang: news_sentences(folder / f"{lang}-en.jsonl") for lang in ("ru", "ja")}


@pytest.fixture(scope="module")
def held_out() -> dict[str, list[tuple[str, str, str]]]:
    folder = shared_data("wmt22")
    return {lang: held_out_sentences(folder / f"{lang}-en.jsonl") for lang in ("ru", "ja")}


@pytest.mark.parametrize("held", [False, True], ids=["tuning", "held-out"])
@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_the_judged_set_is_well_formed(glossary: Glossary, lang: str, held: bool) -> None:
    rows = judged(lang, held_out=held)
    assert len(rows) > 50
    assert {r.verdict for r in rows} <= {"true", "false", "inside"}
    assert all(r.reason for r in rows if r.verdict != "true")  # every false hit says why
    assert all(glossary.get(r.concept) for r in rows)
    assert len({(r.id, r.surface, r.concept) for r in rows}) == len(rows)


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_precision_and_recall_on_judged_news(
    glossary: Glossary, wmt22: dict[str, list[tuple[str, str, str]]], lang: str
) -> None:
    figures = measure(glossary, lang, wmt22[lang])
    assert figures.unjudged == []  # a new hit: read the sentence and add its row
    assert figures.precision >= 0.95, figures.false
    assert figures.recall >= 0.9, figures.missed


# The recall each held-out set had when it was judged, before the context rules of issue #30:
# the rules may not lower it (1 of 181 Russian terms missed, 2 of 56 Japanese).
HELD_OUT_RECALL = {"ru": 180 / 181, "ja": 54 / 56}


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_precision_and_recall_on_held_out_news(
    glossary: Glossary, held_out: dict[str, list[tuple[str, str, str]]], lang: str
) -> None:
    figures = measure(glossary, lang, held_out[lang], held_out=True)
    assert figures.unjudged == []  # a new hit: read the sentence and add its row
    assert figures.precision >= 0.98, figures.false
    assert figures.recall >= HELD_OUT_RECALL[lang], figures.missed


# Terms a reference translation leaves out (a check rightly reports them `missing`): every other
# glossary term of the judged sentences is kept by the professional English.
OMITTED_BY_THE_REFERENCE = {
    "ru": {
        ("gazeta.ru.24491:0:1", "libya"),  # "В Ливии находятся ... наемников": no Libya in English
        ("rt-russian.47266:0:11", "who"),  # the reference writes WНO with a Cyrillic Н
    },
    "ja": {
        ("yahoo-ja.265404:0:10", "usa"),  # 米フロリダ州の州兵: "the Florida National Guard"
        ("yahoo-ja.265917:0:0", "ldp"),  # 自民党前税調会長 rendered as another of his titles
        ("yahoo-ja.265710:0:1", "south-korea"),  # 韓国軍内: "in the military"
    },
}


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_reference_translations_keep_every_term_they_translate(
    glossary: Glossary, wmt22: dict[str, list[tuple[str, str, str]]], lang: str
) -> None:
    """What --strict-glossary checks per sentence, on the professional translations: no
    false `missing` (a correct translation the glossary fails to recognise)."""
    failed = {
        (sid, check.concept)
        for sid, text, reference in wmt22[lang]
        for check in check_terms(glossary, glossary.scan(text, lang), reference, lang)
        if check.status != "kept"
    }
    assert failed == OMITTED_BY_THE_REFERENCE[lang]


def _plain_scan(self: Any, text: str, overlapping: bool = False, only: Any = None) -> Any:
    """The rules applied word by word, nothing memoised or skipped: at every word, each form
    that may start there (by the word or its stem) is tested word by word with ``_fits``,
    and a name needs a capital on one of its capitalised words."""
    lang = self.lang
    tokens = []
    for m in WORD.finditer(fold_width(text)):
        word = m.group().lower()
        tokens.append((m.start(), m.end(), m.group(), word, word_stem(lang, word)))
    found = []
    for i, token in enumerate(tokens):
        for seq, concept, form, proper in self._merge(token[3], token[4]):
            words = tokens[i : i + len(seq)]
            if (
                len(words) == len(seq)
                and all(_fits(f, t, lang) for f, t in zip(seq, words, strict=True))
                and (not proper or any(words[k][2][:1].isupper() for k in proper))
            ):
                end = words[-1][1]
                found.append((Match(concept, lang, text[token[0] : end], token[0], end), form))
                if not overlapping:
                    break
    return found if overlapping else _owned(text, _without_overlaps(found))


def _sample_texts() -> list[str]:
    from xlate.glossary.tmx import read_tmx

    texts = [p.read_bytes().decode("utf-8", "replace") for p in (SAMPLES / "articles").iterdir()]
    for unit in read_tmx(SAMPLES / "memory.tmx"):
        texts += [unit.source, unit.target]
    return texts


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("overlapping", [True, False])
def test_the_memoised_matcher_finds_what_the_plain_rules_find(
    lang: str, overlapping: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick tests, memo and candidate pruning of the compiled matcher change nothing: the
    same matches as the rules applied word by word, on every sample article and memory
    sentence, in upper and lower case too."""
    texts = _sample_texts()
    texts += [t.upper() for t in texts] + [t.lower() for t in texts]
    fast, _ = load_glossary([default_glossary_path()])
    plain, _ = load_glossary([default_glossary_path()])
    expected = [fast.scan(text, lang, overlapping=overlapping) for text in texts]
    monkeypatch.setattr(WordMatcher, "scan", _plain_scan)
    assert [plain.scan(text, lang, overlapping=overlapping) for text in texts] == expected
    assert sum(map(len, expected)) > 100


@pytest.mark.parametrize("overlapping", [True, False])
def test_the_japanese_scan_jumping_between_first_characters_visits_what_it_must(
    overlapping: bool, wmt22: dict[str, list[tuple[str, str, str]]]
) -> None:
    """The Japanese matcher jumps from one character that starts a form to the next: the same
    matches as visiting every character, on the WMT22 sources and the sample texts."""
    texts = [text for _, text, _ in wmt22["ja"]] + _sample_texts()
    fast, _ = load_glossary([default_glossary_path()])
    plain, _ = load_glossary([default_glossary_path()])
    every = plain.matcher("ja")
    every._starts = re.compile(".", re.DOTALL)
    every.index = defaultdict(list, every.index)
    expected = [fast.scan(text, "ja", overlapping=overlapping) for text in texts]
    assert [plain.scan(text, "ja", overlapping=overlapping) for text in texts] == expected
    assert sum(map(len, expected)) > 100


def test_a_word_new_to_the_matcher_is_learnt_once_however_often_a_text_repeats_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Work per distinct word, not per occurrence: a long text that repeats new words (a 1 MB
    article) costs each of them one look-up (a first pass over 1 MB of Russian took 0.35 s
    instead of 0.1 s when every occurrence was learnt again)."""
    glossary, _ = load_glossary([default_glossary_path()])
    matcher = glossary.matcher("ru")
    learnt: list[str] = []
    learn = WordMatcher._learn

    def counting(self: WordMatcher, written: str) -> Any:
        learnt.append(written)
        return learn(self, written)

    monkeypatch.setattr(WordMatcher, "_learn", counting)
    text = "Посол России Галузин встретился с послом Японии. " * 50
    found = glossary.scan(text, "ru")
    assert len(found) >= 100  # the text is matched as before
    assert sorted(learnt) == sorted(set(learnt))  # each written form learnt once
    assert isinstance(matcher, WordMatcher)


def _first_surfaces(glossary: Glossary, text: str, concepts: set[str]) -> dict[str, str]:
    surfaces: dict[str, str] = {}
    for m in glossary.scan(text, "en", overlapping=True, ambiguous=True):
        if m.concept.id in concepts:
            surfaces.setdefault(m.concept.id, m.surface)
    return surfaces


def test_named_finds_what_a_whole_scan_finds(
    glossary: Glossary, wmt22: dict[str, list[tuple[str, str, str]]]
) -> None:
    """The check of a translation tries only the source's concepts (``Glossary.named``): the
    same concepts and surfaces as a scan for every concept, on the WMT22 references."""
    checked = 0
    for lang in ("ru", "ja"):
        for _, text, reference in wmt22[lang]:
            concepts = {m.concept.id for m in glossary.scan(text, lang, ambiguous=True)}
            concepts |= {"russia", "japan", "ukraine", "sanctions"}  # and some not in the source
            found = glossary.named(reference, "en", concepts)
            assert found == _first_surfaces(glossary, reference, concepts), reference
            checked += bool(found)
    assert checked > 100


def test_a_sentence_scanned_again_is_not_matched_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation's sources are scanned before MT (to protect terms) and after (to check
    them): the second plain scan is the first's result, a copy the caller may change."""
    fresh, _ = load_glossary([default_glossary_path()])
    text = "Санкции против Японии ввёл МИД России."
    matcher = fresh.matcher("ru")
    calls: list[bool] = []
    scan = matcher.scan

    def counted(text: str, overlapping: bool) -> Any:
        calls.append(overlapping)
        return scan(text, overlapping)

    monkeypatch.setattr(matcher, "scan", counted)
    first = fresh.scan(text, "ru")
    first.clear()
    assert fresh.scan(text, "ru") == fresh.scan(text, "ru", ambiguous=True) != []
    assert calls == [False]
    fresh.scan(text, "ru", overlapping=True)  # a check of a translation: never kept
    assert calls == [False, True]
