"""Whole batches: sentences detected with their article's language as a prior, and the
answers of the faster paths equal to detecting every text in full."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLES, shared_data

from xlate import segment
from xlate.detect import cyrillic
from xlate.detect.rules import VOTE_CHARS, Detector
from xlate.ingest.formats import parse_text
from xlate.ingest.pile import read_pile
from xlate.model import Article, Detection
from xlate.segment import split_sentences
from xlate.translate.article import read_input
from xlate.translate.core import Analysis, _sentence_language, analyse
from xlate.translate.results import TranslateOptions

LATIN = frozenset({"Latin"})
CYRILLIC = frozenset({"Cyrillic"})
JAPANESE = frozenset({"Kana", "Han"})

LONG_RUSSIAN = "Степень подобия оборудования, операций, процессов в пределах каждого центра затрат."
# (text, the scripts its article settles, whether the n-gram model is skipped)
SETTLED = [
    ("Moscow vows harsh answer to Tokyo's sanctions stance", LATIN, True),  # no English-only word
    ("Moscow vows harsh answer to Tokyo's sanctions stance", CYRILLIC, False),  # a foreign script
    ("Moscow vows harsh answer to Tokyo's sanctions stance", JAPANESE, False),
    ("Tokyo said that the sanctions would stay.", LATIN, False),  # the rules decide: en
    # a short line (8 words): the rules decide, Russian without Bulgarian or Macedonian evidence
    ("Руденко курирует в МИД России отношения со странами Азии.", CYRILLIC, False),
    (LONG_RUSSIAN, CYRILLIC, True),  # longer, and nothing for the rules: the model
    (LONG_RUSSIAN, LATIN, False),
    ("Москва продолжит отвечать на санкции, заявил он.", CYRILLIC, False),  # ы э ё: rules
    ("Київ відповів на заяву.", CYRILLIC, False),  # a marker letter: rules (uk)
    ("岩屋外相は12日、制裁を維持する考えを示した。", JAPANESE, False),  # kana: rules
    ("Die Regierung hält an den Sanktionen fest.", LATIN, True),
    ("12 345,67 — 2024", LATIN, False),  # no letters: und
]


@pytest.mark.parametrize(("text", "settled", "skipped"), SETTLED)
def test_only_texts_the_model_would_place_within_a_settled_script_are_skipped(
    text: str, settled: frozenset[str], skipped: bool
) -> None:
    [found] = Detector().detect_unsettled([text], [settled])
    assert (found is None) == skipped
    if found is not None:
        assert found == Detector().detect(text)


def test_a_long_sentence_is_voted_on_whatever_is_settled() -> None:
    """A sentence over the article threshold is cut into pieces that vote, as detect_many does."""
    long = " ".join(["Moscow vows harsh answer to Tokyo's sanctions stance."] * 8)
    assert Detector().detect_unsettled([long], [LATIN]) == [Detector().detect(long)]


def _reference(articles: Sequence[Article]) -> list[Analysis]:
    """What analyse answered when every sentence was detected in full, in one batch."""
    detector = Detector()
    split = [split_sentences(a.text) for a in articles]
    texts = [
        ([a.title] if a.title else []) + [s.text for s in ss]
        for a, ss in zip(articles, split, strict=True)
    ]
    undeclared = [i for i, a in enumerate(articles) if not a.language]
    found = iter(
        detector.detect_many([articles[i].text for i in undeclared] + [t for g in texts for t in g])
    )
    languages = {i: next(found).lang for i in undeclared}
    result = []
    for i, article in enumerate(articles):
        lang = article.language or languages[i]
        langs = tuple(_sentence_language(t, next(found), lang) for t in texts[i])
        result.append(Analysis(lang, tuple(split[i]), tuple(texts[i]), langs))
    return result


def _sample_articles(undeclared: bool) -> list[Article]:
    inputs = read_pile([SAMPLES])
    articles = [a for item in inputs.files for a in read_input(item, TranslateOptions())]
    if undeclared:  # as compare and events read loose files: no manifest language
        articles = [replace(a, language="") for a in articles]
    return articles


@pytest.mark.parametrize("undeclared", [False, True])
def test_analyse_equals_detecting_every_sentence_in_full(undeclared: bool) -> None:
    articles = _sample_articles(undeclared)
    assert analyse(articles, Detector()) == _reference(articles)


def test_sentences_of_their_articles_script_never_reach_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sample bundle's articles declare their language: no sentence needs the n-gram model
    (whose tables take numpy and 5 MB to load)."""
    import xlate.detect.rules as rules

    def no_model(profiles: tuple[str, ...]) -> None:
        raise AssertionError(f"the n-gram model was asked ({profiles})")

    monkeypatch.setattr(rules, "_scorer", no_model)
    analyse(_sample_articles(False), Detector())


def _wmt_articles(pair: str, side: str, lang: str) -> list[Article]:
    path = shared_data("wmt22", f"{pair}.jsonl")
    joiner = "" if lang == "ja" else " "
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        paragraphs = json.loads(line)[side]
        headline, *first = paragraphs[0]
        blocks = [headline, joiner.join(first)] + [joiner.join(p) for p in paragraphs[1:]]
        text = "\n\n".join(b for b in blocks if b)
        articles.append(parse_text(text, Path("a.txt"), ".txt")[0])
    return articles


@pytest.mark.shared
@pytest.mark.parametrize(("pair", "side", "lang"), [
    ("ru-en", "src", "ru"), ("ru-en", "ref", "en"), ("ja-en", "src", "ja"), ("ja-en", "ref", "en"),
])  # fmt: skip
def test_analyse_of_real_articles_equals_detecting_in_full(pair: str, side: str, lang: str) -> None:
    articles = _wmt_articles(pair, side, lang)
    assert analyse(articles, Detector()) == _reference(articles)
    # and with each article declared in each of the three languages (other scripts' sentences
    # are scored, their own are not)
    for declared in ("ru", "ja", "en"):
        marked = [replace(a, language=declared) for a in articles[:40]]
        assert analyse(marked, Detector()) == _reference(marked)


@pytest.mark.shared
def test_batch_answers_do_not_depend_on_the_batch() -> None:
    """Real sentences of every language, alone and in one batch, in either order."""
    texts = []
    for lang in ("ru", "uk", "bg", "be", "sr", "mk", "kk", "mn", "en", "ja", "zh", "ko"):
        path = shared_data("langid", "sentences", f"{lang}.txt")
        texts += [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()][:50]
    found = Detector().detect_many(texts)
    assert Detector().detect_many(texts[::-1]) == found[::-1]
    assert [Detector().detect(t) for t in texts[::7]] == found[::7]


def _texts_for(alphabet: str, seed: int) -> list[str]:
    """Real sentences (the samples, and ../shared's when present) and random strings over
    ``alphabet``, where the edge cases of a pattern are dense."""
    texts = [s.text for a in _sample_articles(False) for s in split_sentences(a.text)]
    rng = random.Random(seed)
    texts += ["".join(rng.choices(alphabet, k=rng.randrange(1, 40))) for _ in range(20_000)]
    return texts


# (a pattern written for speed, the plain one it was written from, an alphabet of its edge
# cases, whether the matches must be the same or only whether there is one)
FAST_PATTERNS = [
    (cyrillic._MONGOLIAN_GENITIVE, r"\w{2,}(?:ын|ийн)\b", "ыийнаб 1-_.", "found"),
    (
        cyrillic._LATIN_IN_CYRILLIC,
        r"(?<=[а-яёіїєґўөү])[aeopcxyiv]|[aeopcxyiv](?=[а-яёіїєґўөү])",
        "аеорсхуіїєґўөүaeopcxyivbdАЕ 1",
        "matches",
    ),
    (
        segment._END,
        r"[。！？]+[」』）)]*|[.!?…]+[\"'”’»)\]]*",
        "。！？.!?…」』）)\"'”’»]a 「",
        "matches",
    ),
]


@pytest.mark.parametrize(("fast", "plain", "alphabet", "same"), FAST_PATTERNS)
def test_patterns_written_for_speed_match_as_the_plain_ones(
    fast: re.Pattern[str], plain: str, alphabet: str, same: str
) -> None:
    slow = re.compile(plain)
    for text in _texts_for(alphabet, len(plain)):
        if same == "found":
            assert bool(fast.search(text)) == bool(slow.search(text)), text
        else:
            matches = [(m.start(), m.group()) for m in fast.finditer(text)]
            assert matches == [(m.start(), m.group()) for m in slow.finditer(text)], text


def test_the_hints_of_not_words_occur_wherever_it_matches() -> None:
    """The Cyrillic rules skip the sub of _NOT_WORDS when none of its hints occurs."""
    alphabet = "аБвЁёЯя.-12 \n_Х"
    for text in _texts_for(alphabet, 11):
        hinted = any(hint.search(text) for hint in cyrillic._NOT_WORDS_HINTS)
        assert hinted or cyrillic._NOT_WORDS.search(text) is None, text


@pytest.mark.shared
@pytest.mark.parametrize("settled", [LATIN, CYRILLIC, JAPANESE, frozenset()])
def test_unsettled_answers_are_detect_manys_on_real_sentences(settled: frozenset[str]) -> None:
    """Every answer is detect_many's; None only for a text of a settled script that the model
    would have placed (and every such text is None)."""
    texts = []
    for lang in ("ru", "uk", "bg", "mk", "sr", "en", "ja", "zh"):
        path = shared_data("langid", "sentences", f"{lang}.txt")
        texts += [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()][:200]
    path = shared_data("langid", "word-pairs", "en.txt")  # short: the model places most
    texts += [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()][:400]
    full = Detector().detect_many(texts)
    found = Detector().detect_unsettled(texts, [settled] * len(texts))
    for text, whole, answer in zip(texts, full, found, strict=True):
        if answer is None:
            assert whole.script in settled, text
        else:
            assert answer == whole, text
            assert whole.method != "both" or whole.script not in settled, text


@pytest.mark.shared
def test_the_pieces_an_article_was_voted_on_are_answered_as_alone() -> None:
    articles = _wmt_articles("ru-en", "src", "ru")[:20] + _wmt_articles("ja-en", "src", "ja")[:20]
    texts = [a.text for a in articles]
    voted = Detector().detect_articles(texts)
    assert [vote for vote, _ in voted] == Detector().detect_many(texts)
    pieces = [(text[s:e], answer) for text, (_, answers) in zip(texts, voted, strict=True)
              for (s, e), answer in answers.items()]  # fmt: skip
    assert len(pieces) > 100
    assert [answer for _, answer in pieces] == Detector().detect_many([p for p, _ in pieces])
    assert all(len(p) <= VOTE_CHARS and p == p.strip() for p, _ in pieces)


class AskedDetector(Detector):
    """The real detector, keeping the texts it was asked to detect one by one."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def detect_unsettled(
        self, texts: Sequence[str], settled: Sequence[frozenset[str]]
    ) -> list[Detection | None]:
        self.asked += texts
        return super().detect_unsettled(texts, settled)


def test_sentences_an_articles_vote_detected_are_not_detected_again() -> None:
    articles = _sample_articles(undeclared=True)
    detector = AskedDetector()
    assert analyse(articles, detector) == _reference(articles)
    sentences = [s.text for a in articles for s in split_sentences(a.text)]
    titles = [a.title for a in articles if a.title]
    assert set(titles) <= set(detector.asked)
    assert len(detector.asked) < len(sentences) // 2 + len(titles)
