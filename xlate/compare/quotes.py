"""Quotations: the same words of one speaker as each outlet renders them."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from xlate.compare.align import cluster
from xlate.compare.prepare import Outlet, quotes
from xlate.compare.report import Quote, Rendering
from xlate.compare.terms import Unit, normalise

QUOTE_THRESHOLD = 45.0


QUOTE_MIN_WORDS = 3  # shorter quotation marks are scare quotes ("pressure"), not quotes


def _speaker(outlet: Outlet, index: int) -> str:
    """The English name of the glossary person (or office) named in the sentence at position
    ``index`` of ``outlet.sentences``, else in the three before ("— сказал дипломат": the name
    came earlier); "" when none is."""
    for i in range(index, index - 4, -1):
        if 0 <= i < len(outlet.sentences):
            for kind in ("person", "office"):
                for match in outlet.sentences[i].concepts:
                    if match.concept.type == kind:
                        return match.concept.preferred.get("en") or match.concept.id
    return ""


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def quote_words(text: str) -> int:
    """Words in a quotation: spaced words, or two CJK characters to a word."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def _is_quote(text: str) -> bool:
    """A quotation of three words or more; shorter quotation marks are scare quotes."""
    return quote_words(text) >= QUOTE_MIN_WORDS


def find_quotes(outlets: Sequence[Outlet]) -> tuple[Quote, ...]:
    from rapidfuzz import fuzz, process

    items: list[Rendering] = []
    for outlet in outlets:
        for position, s in enumerate(outlet.sentences):  # a partial outlet's skip indexes
            long_source = [q for q in quotes(s.source) if _is_quote(q)]
            said = [q for q in quotes(s.english) if _is_quote(q)]
            for english in said or ((s.english,) if long_source and not said else ()):
                source = next(iter(long_source), "")
                items.append(
                    Rendering(
                        outlet.id,
                        s.index,
                        english.strip().rstrip(",;:"),  # “..., guided by our interests,” he said
                        source,
                        _speaker(outlet, position),
                    )
                )
    if not items:
        return ()
    # each distinct wording compared once (a quote repeated by many outlets is common); a
    # dictionary, not np.unique, whose fixed-width array pads every text to the longest
    index: dict[str, int] = {}
    which = np.array([index.setdefault(normalise(r.english), len(index)) for r in items])
    texts = list(index)
    distinct = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.float32)
    scores = distinct.astype(np.float64)[np.ix_(which, which)]
    same = np.array([r.outlet for r in items])
    scores[same[:, None] == same[None, :]] = -1.0
    fake = [Unit(r.outlet, i, r.english, frozenset()) for i, r in enumerate(items)]
    groups = cluster(fake, scores, QUOTE_THRESHOLD, QUOTE_THRESHOLD, by_terms=False)
    ordered = sorted(groups, key=lambda g: (-len(g), items[g[0]].outlet, items[g[0]].index))
    return tuple(
        Quote(f"Q{n}", tuple(items[i] for i in group)) for n, group in enumerate(ordered, 1)
    )
