"""Short lines (issue #30): Cyrillic lines are Bulgarian or Macedonian only on evidence Russian
cannot have; a line of code and Japanese is Japanese. The strings are the real ones quoted in
the issue (held-out UI strings) and real sentences of ../shared/data/langid."""

from __future__ import annotations

import pytest
from conftest import shared_data
from short_lines import short_lines

from xlate.detect.rules import Detector, detect

ISSUE_LINES = [
    ("предупреждение: EXIT-процедура не определена", "ru"),
    ("Версия сервера: , версия библиотеки: .", "ru"),
    ("Укажите тип поиска, например «name»", "ru"),  # Укажите: an imperative, no article
    ("Программа разбиения/объединения пакетов Debian « », версия .", "ru"),
    ("initialize job control: getpgrp が失敗しました", "ja"),
    ("用法: gsettings [--schemadir SCHEMADIR]", "ja"),
]


@pytest.mark.parametrize(("text", "lang"), ISSUE_LINES)
def test_short_lines_of_the_issue_route_to_their_language(text: str, lang: str) -> None:
    assert detect(text).lang == lang


# Real short lines of the look-alikes (../shared/data/langid) with the evidence Russian lacks.
EVIDENCE = [
    ("Прокуратурата дори образува проверка.", "bg"),  # дори, a word Russian does not write
    ("Аз на приятелска основа помогнах.", "bg"),  # аз
    ("Британският показател FTSE 100 слезе до 6312.4 след спад от 1.32%.", "bg"),  # -ият
    ("Во градот живеат 27,285 жители, а во метрополитенската област 74,700.", "mk"),
]


@pytest.mark.parametrize(("text", "lang"), EVIDENCE)
def test_a_short_line_with_evidence_keeps_its_language(text: str, lang: str) -> None:
    assert detect(text).lang == lang


def test_an_english_sentence_beside_kanji_stays_english() -> None:
    # prose words (the, is, for) make the Latin words English, not code
    assert detect("This is the word 政府 for government").lang == "en"


@pytest.mark.shared
@pytest.mark.parametrize("held_out", [False, True], ids=["tuning", "held-out"])
@pytest.mark.parametrize("lang", ["ru", "ja", "en"])
def test_short_lines_cut_from_wmt22(lang: str, held_out: bool) -> None:
    lines = [x.text for x in short_lines(shared_data("wmt22"), lang) if x.held_out == held_out]
    assert len(lines) > 300
    found = Detector().detect_many(lines)
    assert sum(d.lang == lang for d in found) / len(lines) >= 0.995
