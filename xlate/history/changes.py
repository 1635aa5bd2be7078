"""What changed between two saved versions of one article, fact by fact, in English.

The versions' sentences are paired as compare pairs sentences across outlets (the same text;
else compare's information-weighted score, one to one, best first); a pair whose words
differ is diffed word by word as a fact's members are (:func:`compare_words`), and its
numbers and dates compared as values. What is left is added or removed; a pair out of order
is a move, never a removal and an addition.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from xlate.compare.diff import Reference, compare_words, word_diff
from xlate.compare.prepare import Outlet, OutletSentence, quotes, units
from xlate.compare.report import DiffOp
from xlate.compare.scores import SparseScores
from xlate.compare.terms import slotted_values

ChangeKind = Literal["added", "removed", "changed", "reworded", "moved"]

# What a changed sentence changed: compared as values (numbers, dates), marked words
# (names, negations) or a quotation's words.
Changed = Literal["number", "date", "name", "negation", "quote"]

# compare's score (0-100) at or above which two versions' sentences are one sentence edited;
# lower than compare's link threshold: one article's versions share their context.
PAIR_SCORE = 10.0

# A changed sentence keeping at least this share of its words is a local edit, where a
# changed name, negation or quotation is reported; below it, a rewording (numbers and
# dates, compared as values, are reported either way).
LOCAL_EDIT = 0.7
LOCAL_WORDS = 2

# Two versions pairing fewer than this share of the longer one's sentences, with different
# headlines, are taken for different articles under one URL, not edited versions.
SAME_ARTICLE = 0.2


@dataclass(frozen=True, slots=True)
class Change:
    """One change from the earlier version to the later: ``before`` and ``after`` are the
    sentences' English ("" for an added or removed one), indexes their sentence numbers."""

    kind: ChangeKind
    before: str
    after: str
    before_index: int | None
    after_index: int | None
    what: tuple[Changed, ...] = ()  # for "changed"
    diff: tuple[DiffOp, ...] = ()
    moved: bool = False  # a changed or reworded sentence that also moved


@dataclass(frozen=True, slots=True)
class Edit:
    """The changes between two versions (``before`` and ``after`` are their ids)."""

    before: str
    after: str
    changes: tuple[Change, ...]
    headline: Change | None  # the headline's change, when it changed
    same_article: bool = True  # False: too little shared to be versions of one article

    @property
    def unchanged(self) -> bool:
        return self.same_article and not self.changes and self.headline is None


def _source(s: OutletSentence) -> str:
    return s.source


def _english(s: OutletSentence) -> str:
    return s.english


def _pairs(
    a: Sequence[OutletSentence], b: Sequence[OutletSentence], scores: SparseScores
) -> dict[int, int]:
    """Sentence positions of ``a`` paired with positions of ``b``: identical sources first
    (in order), then identical English (versions in two languages), then the best scores
    of at least ``PAIR_SCORE``, one to one."""
    pairs: dict[int, int] = {}
    words: tuple[Callable[[OutletSentence], str], ...] = (_source, _english)
    for text in words:  # the same words in the source, else in English
        taken = set(pairs.values())
        free: dict[str, list[int]] = {}
        for j, s in enumerate(b):
            if j not in taken:
                free.setdefault(text(s), []).append(j)
        for i, s in enumerate(a):
            if i not in pairs and free.get(text(s)):
                pairs[i] = free[text(s)].pop(0)
    rest_a = [i for i in range(len(a)) if i not in pairs]
    taken = set(pairs.values())
    rest_b = [j for j in range(len(b)) if j not in taken]
    if not rest_a or not rest_b:
        return pairs
    block = scores.cross(rest_a, [len(a) + j for j in rest_b])
    ranked = sorted(
        (
            (float(block[x, y]), rest_a[x], rest_b[y])
            for x in range(len(rest_a))
            for y in range(len(rest_b))
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    for score, i, j in ranked:
        if score < PAIR_SCORE:
            break
        if i in used_a or j in taken:
            continue
        pairs[i] = j
        used_a.add(i)
        taken.add(j)
    return pairs


def in_order(pairs: dict[int, int]) -> set[int]:
    """The positions of ``a`` whose pairs keep their order (a longest increasing run of
    ``b``'s positions): the others moved."""
    items = sorted(pairs.items())
    ends: list[int] = []  # ends[k]: the item ending the best run of length k + 1
    back: list[int] = [-1] * len(items)
    tails: list[int] = []
    for n, (_, j) in enumerate(items):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[k] = j
            ends[k] = n
        back[n] = ends[k - 1] if k else -1
    keep: set[int] = set()
    n = ends[-1] if ends else -1
    while n >= 0:
        keep.add(items[n][0])
        n = back[n]
    return keep


def local_edit(before: str, after: str) -> bool:
    """Whether the word diff keeps ``LOCAL_EDIT`` of the longer sentence's words, or changes
    at most ``LOCAL_WORDS`` of them ("Happy New Year!" to "Happy New Petrova!")."""
    ops = word_diff(before, after)
    kept = sum(len(op.before.split()) for op in ops if op.tag == "equal")
    longer = max(len(before.split()), len(after.split()), 1)
    return kept / longer >= LOCAL_EDIT or longer - kept <= LOCAL_WORDS


def what_changed(before: OutletSentence, after: OutletSentence) -> tuple[Changed, ...]:
    """What matters in the change from ``before`` to ``after``: numbers and dates compared as
    values; names, negations and a quotation's words only in a local edit (``LOCAL_EDIT``
    of the words kept): a sentence said again in other words renders them differently."""
    found: set[Changed] = set()
    # as the comparison reads values: "two million" and "2,000,000" are one number (a trial:
    # a headline's "Two million" -> "Three million" was only reworded)
    va, vb = dict(slotted_values(before.english)), dict(slotted_values(after.english))
    found |= {"date" if {**va, **vb}[v] == "date" else "number" for v in va.keys() ^ vb.keys()}
    if not local_edit(before.english, after.english):
        return tuple(k for k in ("number", "date") if k in found)
    for ref, text in ((before.english, after.english), (after.english, before.english)):
        _, spans = compare_words(Reference.of(ref), text)
        found |= {s.kind for s in spans if s.kind in ("name", "negation", "date", "number")}
    said_before, said_after = quotes(before.source), quotes(after.source)
    if said_before and said_after and said_before != said_after:
        found.add("quote")
    order: tuple[Changed, ...] = ("number", "date", "name", "negation", "quote")
    return tuple(k for k in order if k in found)


def _headline(a: Outlet, b: Outlet) -> Change | None:
    if a.title == b.title:
        return None
    before, after = a.title_english or a.title, b.title_english or b.title
    what = what_changed(
        OutletSentence(a.id, 0, a.title, before, a.language, "", ()),
        OutletSentence(b.id, 0, b.title, after, b.language, "", ()),
    )
    diff, _ = compare_words(Reference.of(before), after)
    return Change("changed" if what else "reworded", before, after, 0, 0, what, diff)


def diff_versions(a: Outlet, b: Outlet) -> Edit:
    """The changes from version ``a`` to the later version ``b``."""
    if [s.source for s in a.sentences] == [s.source for s in b.sentences] and a.title == b.title:
        return Edit(a.id, b.id, (), None)
    labelled = [
        replace(u, outlet="after" if n >= len(a.sentences) else "before")
        for n, u in enumerate(units([a, b]))
    ]
    scores = SparseScores(labelled)
    pairs = _pairs(a.sentences, b.sentences, scores)
    headline = _headline(a, b)
    longer = max(len(a.sentences), len(b.sentences), 1)
    if len(pairs) / longer < SAME_ARTICLE and headline is not None:
        return Edit(a.id, b.id, (), headline, same_article=False)
    kept = in_order(pairs)
    changes: list[Change] = []
    for i, s in enumerate(a.sentences):
        if i not in pairs:
            changes.append(Change("removed", s.english, "", s.index, None))
            continue
        t = b.sentences[pairs[i]]
        moved = i not in kept
        if s.source == t.source or s.english == t.english:  # translations of one sentence
            if moved:
                changes.append(Change("moved", s.english, t.english, s.index, t.index))
            continue
        what = what_changed(s, t)
        diff, _ = compare_words(Reference.of(s.english), t.english)
        kind: ChangeKind = "changed" if what else "reworded"
        changes.append(Change(kind, s.english, t.english, s.index, t.index, what, diff, moved))
    paired = set(pairs.values())
    for j, t in enumerate(b.sentences):
        if j not in paired:
            changes.append(Change("added", "", t.english, None, t.index))
    changes.sort(
        key=lambda c: (c.after_index if c.after_index is not None else c.before_index or 0, c.kind)
    )
    return Edit(a.id, b.id, tuple(changes), headline)
