"""Properties that must hold for any input (hypothesis generates the inputs)."""

from __future__ import annotations

import random
import re
from itertools import pairwise

from evaluate_align import score_matrix
from hypothesis import given, settings
from hypothesis import strategies as st

from xlate.compare.align import cluster
from xlate.compare.terms import Unit
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary
from xlate.segment import fold, split_sentences
from xlate.textsafe import inert

GLOSSARY: Glossary = load_glossary([default_glossary_path()], check_forms=False)[0]

# Text made of the pieces that matter to the rules: letters of three scripts, end marks,
# abbreviations, quotes, brackets, line breaks, spaces, digits.
PIECES = st.sampled_from(
    [
        "Руденко",
        "заявил",
        "г.",
        "т.е.",
        "А.",
        "Mr.",
        "U.S.",
        "Japan",
        "said",
        "岩屋",
        "外相",
        "制裁",
        "。",
        "！",
        "？",
        ".",
        "!",
        "?",
        "…",
        "«",
        "»",
        "「",
        "」",
        "『",
        "』",
        "“",
        "”",
        " ",
        " ",
        "\n",
        "\n\n",
        "2024",
        ",",
        "—",
        "МИД",
        "санкциям",
        "sanctions",
    ]
)
TEXT = st.lists(PIECES, max_size=60).map("".join)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_sentence_offsets_index_the_text_and_lose_nothing(text: str) -> None:
    sentences = split_sentences(text)
    last = 0
    for s in sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last  # in order, no overlap
        assert s.text == fold(text[s.start : s.end])
        assert text[last : s.start].strip() == ""  # only white space between sentences
        last = s.end
    assert text[last:].strip() == ""


@given(TEXT, st.sampled_from(["ru", "ja", "en"]))
@settings(max_examples=300, deadline=None)
def test_glossary_matches_have_valid_spans_and_never_overlap(text: str, lang: str) -> None:
    matches = GLOSSARY.scan(text, lang)
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
    for a, b in pairwise(matches):
        assert a.end <= b.start


SENTENCES = st.lists(
    st.sampled_from(
        [
            "Japan keeps its sanctions on Russia.",
            "Moscow will respond harshly.",
            "Rudenko spoke to TASS on November 12.",
            "Talks on a peace treaty stalled.",
            "Japan keeps sanctions against Russia.",
            "North Korea and Russia cooperate.",
        ]
    ),
    min_size=1,
    max_size=5,
)


@given(st.lists(SENTENCES, min_size=2, max_size=5), st.randoms())
@settings(max_examples=60, deadline=None)
def test_alignment_ignores_input_order_and_facts_need_two_outlets(
    outlets: list[list[str]], rng: random.Random
) -> None:
    units = [
        Unit(f"o{k}", i, s, frozenset()) for k, ss in enumerate(outlets) for i, s in enumerate(ss)
    ]

    def facts(items: list[Unit]) -> set[frozenset[tuple[str, int]]]:
        groups = cluster(items, score_matrix(items))
        return {frozenset((items[i].outlet, items[i].index) for i in g) for g in groups}

    shuffled = units[:]
    rng.shuffle(shuffled)
    assert facts(units) == facts(shuffled)
    for group in facts(units):
        per_outlet: dict[str, list[int]] = {}
        for outlet, index in group:
            per_outlet.setdefault(outlet, []).append(index)
        assert all(len(v) <= 2 for v in per_outlet.values())
        if len(group) > 1:
            assert len(per_outlet) >= 2  # a fact is never one outlet alone


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
@settings(max_examples=500, deadline=None)
def test_no_control_escape_or_bidi_character_survives(text: str) -> None:
    made_safe = inert(text)
    # C0 controls but tab and line feed, DEL and C1 controls, and the bidi marks and overrides
    unsafe = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
    assert not re.search(unsafe, made_safe)
    assert "\x1b" not in made_safe
    assert not re.search(r"[\u202a-\u202e\u2066-\u2069]", made_safe)
