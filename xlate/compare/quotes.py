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


# A speaker named beside a verb of saying in the quote's own English sentence ("..., said
# Professor Malik Peiris"; "Melnyk said"; "according to ..."): up to four capitalised words.
_NAME = r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*[a-z][\w'’-]*"
_SAYS = "said|says|added|stated|declared|noted|wrote|warned|explained|insisted|stressed|told"
_ATTRIBUTED = re.compile(
    rf"\b(?:(?:said|says|added|stated|declared|noted|wrote|warned|explained|insisted|stressed)"
    rf"|according\s+to)\s+(?P<after>{_NAME})|(?P<before>{_NAME})\s+(?:{_SAYS})\b"
)
# capitalised words that name no speaker: pronouns, articles, days and months
_NO_SPEAKER = frozenset(
    "he she they it we i you the this that a an his her their its our officials "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)


_POSSESSIVE = re.compile(r"['’]s$")


def attributed_speaker(english: str) -> str:
    """The speaker an English sentence names beside a verb of saying, as written ("" when it
    names none, or says "he said")."""
    for m in _ATTRIBUTED.finditer(english):
        name = (m["after"] or m["before"]).strip()
        words = name.split()
        while words and words[0].lower() in _NO_SPEAKER:  # "The Foreign Minister Lavrov"
            words.pop(0)
        if words and words[-1].lower() not in _NO_SPEAKER and not _POSSESSIVE.search(name):
            return " ".join(words)  # (not "said Biden's spokesman": the spokesman spoke)
    return ""


def _speaker(outlet: Outlet, index: int) -> str:
    """Who said the quote in the sentence at position ``index`` of ``outlet.sentences``: the
    name its English gives beside a verb of saying (the glossary's English name when that is
    a glossary person's), else the English name of the glossary person (or office) named in
    the sentence or the three before ("— сказал дипломат": the name came earlier); "" when
    none is."""
    sentence = outlet.sentences[index]
    named = attributed_speaker(sentence.english)
    if named:
        for match in sentence.concepts:
            english = match.concept.preferred.get("en") or match.concept.id
            if match.concept.type == "person" and _surname(english) == _surname(named):
                return english
        return named
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


def _surname(name: str) -> str:
    """A name's last word, folded: "Foreign Minister Lavrov" and "Sergey Lavrov" are one."""
    words = name.split()
    return words[-1].casefold().rstrip("’'s") if words else ""
