"""Sentence segmentation: one table per rule; offsets always index the text."""

from __future__ import annotations

import pytest

from xlate.segment import fold, split_sentences

SPLITS = [
    # abbreviations and initials do not end sentences
    (
        "В 2022 г. Россия ввела меры. Токио ответил.",
        ["В 2022 г. Россия ввела меры.", "Токио ответил."],
    ),
    ("Т.е. это решено. Дальше.", ["Т.е. это решено.", "Дальше."]),
    ("Так А. Руденко ответил Токио. Вот.", ["Так А. Руденко ответил Токио.", "Вот."]),
    ("Он живёт на ул. Ленина. Там тихо.", ["Он живёт на ул. Ленина.", "Там тихо."]),
    ("Музей им. Пушкина открыт. Вход свободный.", ["Музей им. Пушкина открыт.", "Вход свободный."]),
    ("Mr. Iwaya spoke. He left.", ["Mr. Iwaya spoke.", "He left."]),
    (
        "It joined the U.S. and EU partners. Then it paused.",
        ["It joined the U.S. and EU partners.", "Then it paused."],
    ),
    (
        "Talks began on Dec. 12 in Tokyo. They ended.",
        ["Talks began on Dec. 12 in Tokyo.", "They ended."],
    ),
    ("A. Rudenko said so. Tokyo disagreed.", ["A. Rudenko said so.", "Tokyo disagreed."]),
    # closing quotes stay with their sentence; a dialogue dash continues it
    ("«Мы ответим», — сказал он. Это всё.", ["«Мы ответим», — сказал он.", "Это всё."]),
    ("«Почему?» — спросил он. Никто не ответил.", ["«Почему?» — спросил он.", "Никто не ответил."]),
    ("He said: “We will respond.” Then he left.", ["He said: “We will respond.”", "Then he left."]),
    # lower-case continuation is not a new sentence
    ("It rose 2.5 percent. etc. and more.", ["It rose 2.5 percent. etc. and more."]),
    # Japanese: 。！？ end sentences, not inside 「…」
    ("岩屋外相は述べた。ロシアは反発した。", ["岩屋外相は述べた。", "ロシアは反発した。"]),
    (
        "彼は「反応し続ける。国益が指針だ」と述べた。次の話題。",
        ["彼は「反応し続ける。国益が指針だ」と述べた。", "次の話題。"],
    ),
    ("本当か？そうだ！", ["本当か？", "そうだ！"]),
    ("『制裁は続く。』と報じた。", ["『制裁は続く。』と報じた。"]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_paragraphs_are_numbered_and_hard_wraps_folded() -> None:
    text = "Япония сохранит санкции,\nзаявил министр. Это важно.\n\nВторой\nабзац."
    found = split_sentences(text)
    assert [(s.paragraph, s.text) for s in found] == [
        (0, "Япония сохранит санкции, заявил министр."),
        (0, "Это важно."),
        (1, "Второй абзац."),
    ]


def test_japanese_hard_wraps_fold_without_a_space() -> None:
    assert fold("ロシア外務省の\nアンドレイ") == "ロシア外務省のアンドレイ"
    assert fold("Moscow\nresponded") == "Moscow responded"


TEXTS = [s for s, _ in SPLITS] + ["Япония сохранит санкции,\nзаявил министр.\n\n\nВторой абзац."]


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_index_the_source(text: str) -> None:
    for sentence in split_sentences(text):
        assert fold(text[sentence.start : sentence.end]) == sentence.text
        assert text[sentence.start : sentence.end] == text[sentence.start : sentence.end].strip()


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
