"""Average linkage over the significant pairs: events without a number of clusters given."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from xlate.grouping.model import Document, Event, EventArticle, Settings
from xlate.grouping.vectors import (
    STOP_WORDS,
    WORD,
    date_ordinal,
    english_stemmer,
    null_threshold,
    parse_date,
    similar_pairs,
    vectors,
)
from xlate.segment import split_sentences

if TYPE_CHECKING:
    pass


# -- clustering ----------------------------------------------------------------------------------


def average_linkage(
    n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, threshold: float
) -> list[list[int]]:
    """Groups by average linkage over a sparse similarity graph (absent pairs count 0).

    The two groups of highest average similarity merge first, while it clears ``threshold``;
    the result does not depend on the order of the articles (ties break by smallest members).
    """
    links: dict[int, dict[int, float]] = {k: {} for k in range(n)}
    for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True):
        links[a][b] = links[a].get(b, 0.0) + v
        links[b][a] = links[b].get(a, 0.0) + v
    size = dict.fromkeys(range(n), 1)
    least = {k: k for k in range(n)}
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    heap = [
        (-v, min(least[a], least[b]), a, b) for a in links for b, v in links[a].items() if a < b
    ]
    heap = [h for h in heap if -h[0] >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, _, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        current = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + negative) > 1e-12:
            continue  # stale: the groups changed since this entry was pushed
        # b joins a
        for c, v in links.pop(b).items():
            del links[c][b]
            if c != a:
                links[a][c] = links[a].get(c, 0.0) + v
                links[c][a] = links[a][c]
        links[a].pop(b, None)
        size[a] += size.pop(b)
        least[a] = min(least[a], least.pop(b))
        members[a] += members.pop(b)
        for c, v in links[a].items():
            average = v / (size[a] * size[c])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(least[a], least[c]), a, c))
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


@dataclass(frozen=True)
class Grouping:
    groups: tuple[tuple[int, ...], ...]  # every document in exactly one group
    events: tuple[Event, ...]
    unassigned: tuple[EventArticle, ...]
    threshold: float
    null_threshold: float


def _order(docs: Sequence[Document]) -> list[int]:
    """The documents by id and path: the grouping does not depend on their order."""
    return sorted(range(len(docs)), key=lambda k: (docs[k].id, docs[k].path))


def _similarities(
    ordered: Sequence[Document], settings: Settings
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The similar pairs of ``ordered`` (i, j, similarity) and the pile's null threshold."""
    matrix, df = vectors(ordered, settings)
    ordinals = np.array([date_ordinal(d.date) for d in ordered])
    i, j, s = similar_pairs(matrix, df, ordinals, settings)
    return i, j, s, null_threshold(matrix, df, settings)


def groupings(
    docs: Sequence[Document], thresholds: Sequence[float], settings: Settings | None = None
) -> list[tuple[tuple[int, ...], ...]]:
    """The groups of ``docs`` (their indexes) at each floor of ``thresholds``, as
    :func:`group` makes them with that threshold; the pile's similarities are computed once."""
    settings = settings or Settings()
    order = _order(docs)
    ordered = [docs[k] for k in order]
    if not ordered:
        return [() for _ in thresholds]
    i, j, s, null = _similarities(ordered, settings)
    return [
        tuple(
            tuple(order[k] for k in members)
            for members in average_linkage(len(ordered), i, j, s, max(threshold, null))
        )
        for threshold in thresholds
    ]


def group(docs: Sequence[Document], settings: Settings | None = None) -> Grouping:
    """Group ``docs`` into events (the documents' order does not matter)."""
    settings = settings or Settings()
    order = _order(docs)
    ordered = [docs[k] for k in order]
    n = len(ordered)
    if n == 0:
        return Grouping((), (), (), settings.threshold, 0.0)
    i, j, s, null = _similarities(ordered, settings)
    threshold = max(settings.threshold, null)
    clusters = average_linkage(n, i, j, s, threshold)
    pair_sims = {(a, b): v for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True)}
    made: list[Event] = []
    alone: list[EventArticle] = []
    for members in clusters:
        outlets = {ordered[k].outlet or ordered[k].id for k in members}
        if len(members) < 2 or len(outlets) < settings.min_outlets:
            alone += [_article(ordered[k]) for k in members]
            continue
        made.append(_event(ordered, members, pair_sims))
    made.sort(key=lambda e: (-len(e.articles), e.first, e.label))
    numbered = tuple(replace(e, id=f"E{k}") for k, e in enumerate(made, 1))
    groups = tuple(tuple(order[k] for k in members) for members in clusters)
    alone.sort(key=lambda a: (a.date, a.id))
    return Grouping(groups, numbered, tuple(alone), threshold, null)


def _article(doc: Document) -> EventArticle:
    found = parse_date(doc.date)
    return EventArticle(
        doc.id,
        doc.path,
        doc.outlet,
        doc.language,
        found.isoformat() if found else doc.date,
        doc.title,
        doc.title_english,
        doc.untranslated,
    )


def _event(
    docs: Sequence[Document],
    members: Sequence[int],
    pair_sims: dict[tuple[int, int], float],
) -> Event:
    pairs = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :]]
    cohesion = sum(pair_sims.get((a, b), 0.0) for a, b in pairs) / max(1, len(pairs))
    articles = sorted((_article(docs[k]) for k in members), key=lambda a: (_day(a.date), a.id))
    dates = sorted(found.isoformat() for a in articles if (found := parse_date(a.date)))
    return Event(
        "",
        label(docs, members),
        dates[0] if dates else "",
        dates[-1] if dates else "",
        tuple(sorted({a.outlet or a.id for a in articles})),
        tuple(sorted({a.language for a in articles})),
        tuple(articles),
        round(cohesion, 4),
    )


def label(docs: Sequence[Document], members: Sequence[int]) -> str:
    """The English headline sharing most words with the others' headlines (ties: shortest,
    then alphabetical); the first sentence stands in for a missing headline."""
    heads = []
    for k in members:
        head = docs[k].title_english or lead_sentence(docs[k].english)
        words = {w for w in WORD.findall(head.lower()) if w not in STOP_WORDS}
        heads.append((head.strip(), set(english_stemmer().stemWords(sorted(words)))))

    def shared(item: tuple[str, set[str]]) -> tuple[float, int, str]:
        head, stems = item
        score = sum(len(stems & other) for h, other in heads if h != head or other is not stems)
        return (-score / max(1, len(stems)) ** 0.5, len(head), head)

    return min(heads, key=shared)[0]


_LEAD = 160  # characters of a first sentence that name an event without a headline


def lead_sentence(text: str) -> str:
    """The first sentence of ``text``, cut at a word's end with "…" past :data:`_LEAD`
    characters: an article without a headline named by its lead."""
    found = split_sentences(text[: 8 * _LEAD])
    first = " ".join((found[0].text if found else text).split())
    if len(first) <= _LEAD:
        return first
    cut = first.rfind(" ", 0, _LEAD)
    return first[: cut if cut > _LEAD // 2 else _LEAD].rstrip(" ,;:") + "…"


def _day(text: str) -> str:
    """What sorts an article by date: its ISO date, else the date as written."""
    found = parse_date(text)
    return found.isoformat() if found else text
