"""The fast paths of term extraction (words looked up in a table learnt a word at a time,
sentences without a digit skipped, plain digits not normalised) against the plain rule they
stand for, one word and one number at a time, on real English text and on small cases."""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import Stemmer
from conftest import shared_data
from evaluate_align import load_jsonl

from xlate import numbers as number_module
from xlate.compare import terms
from xlate.numbers import numbers_at

_PLAIN_STEMMER = Stemmer.Stemmer("english")


def plain_word_terms(text: str, names: bool) -> dict[str, float]:
    """Content-word stems and their largest weights, word by word, as the rule says (a
    hyphenated compound is its parts; Latin letters lose their accents)."""
    found: dict[str, float] = {}
    for k, word in enumerate(terms._PART.findall(text)):
        lower = terms.fold(word.lower())
        if lower in terms.STOP_WORDS or any(c.isdigit() for c in lower):
            continue
        weight = terms.word_weight(lower)
        if names and k > 0 and word[0].isupper():
            weight += terms.NAME_BONUS
        if weight > 0:
            stem = _PLAIN_STEMMER.stemWord(lower)
            found[stem] = max(weight, found.get(stem, 0.0))
    return found


def plain_numbers_at(text: str) -> Iterator[tuple[int, str]]:
    for m in number_module._NUMBER.finditer(text):
        number = unicodedata.normalize("NFKC", m.group())
        if number_module._THOUSANDS.fullmatch(number):
            yield m.start(), re.sub(r"[.,\s]", "", number)
        else:
            for part in number.split():
                yield m.start(), part.replace(",", ".")


def plain_dates_and_numbers(text: str) -> frozenset[str]:
    found: set[str] = set()
    spans = []
    for m in terms._DATE.finditer(text):
        found.add(f"day:{int(m.group('d1') or m.group('d2') or m.group('d3'))}")
        spans.append(m.span())
    for start, value in plain_numbers_at(text):
        if not any(s <= start < e for s, e in spans):
            found.add(value)
    return frozenset(found)


def assert_as_plain(text: str) -> None:
    with_names = terms._word_terms(text, names=True)
    assert sorted(with_names.items()) == sorted(plain_word_terms(text, True).items()), text
    # without names (quoted words) the order is kept too: the scores add weights in it
    assert list(terms._word_terms(text, names=False).items()) == list(
        plain_word_terms(text, False).items()
    ), text
    assert list(numbers_at(text)) == list(plain_numbers_at(text)), text
    assert terms.dates_and_numbers.__wrapped__(text) == plain_dates_and_numbers(text), text


CASES = [
    "",
    "   ",
    "The",  # a stop word alone
    "Police said the police chief, Police Chief Smith, spoke.",  # one stem, three weights
    "The Kremlin said the Kremlin would reply; the kremlin did not.",
    "Said Smith: the 3rd-quarter profit rose 12% to $1.5bn, or 10,000 yen (１０,０００ yen).",
    "Tokyo-based Toyota's U.S. unit and the Rock'n'Roll hall",  # inner - and '
    "CO2 and H2O and x²: words with digits are not words",
    "On November 12, 2023, the 12th, and 12 Nov. the 3 000 troops (1 000 000 rubles) left",
    "Weights ٣٤٥ and 十二 and Ⅻ: digits that are not ASCII",
    "São Paulo and Zürich and Ålesund and ŁÓDŹ, Москва",
    "_under_score and snake_case_words",
]


@pytest.mark.parametrize("text", CASES)
def test_fast_paths_give_what_the_plain_rule_gives(text: str) -> None:
    assert_as_plain(text)


def test_a_word_seen_first_inside_then_first_in_a_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(terms, "_FIRST", {})
    monkeypatch.setattr(terms, "_LATER", {})
    assert_as_plain("He met Reid in Paris")  # Reid, Paris learnt as names
    assert_as_plain("Reid met him in Paris")  # Reid first: no name bonus


def test_the_word_table_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "_KNOWN_MAX", 8)
    monkeypatch.setattr(terms, "_FIRST", {})
    monkeypatch.setattr(terms, "_LATER", {})
    for text in CASES:
        assert_as_plain(text)
        assert len(terms._LATER) <= 8 + len(terms._PART.findall(text))


def test_threads_sharing_the_word_table_as_it_fills_and_is_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a small table replaced again and again while four threads read and learn: each thread
    # reads a sentence from the tables it learnt it into (emptying them in place raised
    # KeyError in another thread between its learning and its reading)
    monkeypatch.setattr(terms, "_KNOWN_MAX", 16)
    monkeypatch.setattr(terms, "_FIRST", {})
    monkeypatch.setattr(terms, "_LATER", {})
    rng = random.Random(3)
    vocabulary = [f"{w}{k}" for k in range(40) for w in ("Word", "name", "Place", "thing")]
    texts = [" ".join(rng.choices(vocabulary, k=12)) for _ in range(400)]
    expected = [plain_word_terms(t, True) for t in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as CPython allows
    try:
        with ThreadPoolExecutor(4) as pool:
            found = list(pool.map(lambda t: terms._word_terms(t, names=True), texts * 4))
    finally:
        sys.setswitchinterval(interval)
    assert [sorted(f.items()) for f in found] == [sorted(e.items()) for e in expected * 4]


def _ecb_sentences() -> list[str]:
    return [
        s for doc in load_jsonl(shared_data("events", "ecbplus.jsonl")) for s in doc["sentences"]
    ]


def _wmt22_english() -> list[str]:
    found = []
    for pair in ("ru-en", "ja-en"):
        path = shared_data("wmt22", f"{pair}.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for version in (doc["ref"], *doc["hyps"].values()):
                found += [s for paragraph in version for s in paragraph if isinstance(s, str)]
    return found


@pytest.mark.parametrize("corpus", [_ecb_sentences, _wmt22_english], ids=["ecb", "wmt22"])
def test_real_english_gives_what_the_plain_rule_gives(corpus: Callable[[], list[str]]) -> None:
    texts = corpus()
    assert len(texts) > 10_000
    for text in texts:
        assert_as_plain(text)
