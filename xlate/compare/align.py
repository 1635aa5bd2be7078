"""Cross-outlet alignment: which sentences of different outlets state the same thing.

Every pair of sentences from different outlets is scored at once with rapidfuzz's vectorised
``process.cdist`` over their English content words (normalised Indel similarity, 0-100;
token-set similarity scored subsets as identical and merged unrelated facts), boosted by what
survives wording: shared glossary concepts (language-independent anchors found on the source
side), shared numbers and dates, and shared quotations. Outlets order their facts differently,
so nothing assumes monotonic order.

Facts are grown by average-linkage clustering: the strongest links merge first, two groups
merge only when their average cross-outlet score clears the threshold, and a fact takes at
most two sentences of one outlet, consecutive ones (one long sentence may carry what another
outlet says in two). A fact needs at least two outlets; everything else is an outlet's
exclusive.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Chosen by measurement against the hand-annotated facts of the sample bundle
# (tests/data/japan-sanctions-facts.json; benchmarks/align_bench.py prints the figures).
LINK_THRESHOLD = 50.0
MAX_PER_OUTLET = 2
CONCEPT_WEIGHT = 20.0
NUMBER_WEIGHT = 5.0
QUOTE_WEIGHT = 10.0
# Function words carry no fact; left in, they make unrelated sentences look alike.
STOP_WORDS = frozenset(
    "the a an of to in on and that is was were will would be been its it their they he she"
    " his her at as by for with from this which who said says has have had not no than then"
    " also".split()
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}"  # 12 November
    rf"|{_MONTH}\.?\s+(?P<d2>\d{{1,2}})\b"  # November 12, Nov. 12
    r"|the\s+(?P<d3>\d{1,2})(?:st|nd|rd|th))",  # the 12th (Japanese 12日 in translation)
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one outlet, as the aligner sees it."""

    outlet: str
    index: int
    english: str
    concepts: frozenset[str]
    quotes: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def dates_and_numbers(text: str) -> frozenset[str]:
    """Day-of-month mentions as ``day:N`` (from "November 12", "12 November", "the 12th"),
    and the other numbers as they are (years, counts). Memoised: the aligner and the report
    both ask."""
    found: set[str] = set()
    spans = []
    for m in _DATE.finditer(text):
        day = m.group("d1") or m.group("d2") or m.group("d3")
        found.add(f"day:{int(day)}")
        spans.append(m.span())
    for m in _NUMBER.finditer(text):
        if not any(s <= m.start() < e for s, e in spans):
            found.add(m.group().replace(",", "."))
    return frozenset(found)


def normalise(text: str) -> str:
    """Lower-case content words of ``text``, joined by single spaces."""
    return " ".join(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def score_matrix(units: Sequence[Unit]) -> np.ndarray:
    """Pairwise scores (0-100+), -1 on the diagonal and between sentences of one outlet.

    Only pairs of different outlets are scored, each once: the similarity is symmetric, so
    each outlet's sentences are scored against the later outlets' and the block is mirrored
    (less than half the work of scoring every sentence against every other).
    """
    from rapidfuzz import fuzz, process

    n = len(units)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    order, bounds = _by_outlet(units)
    ordered = [units[i] for i in order]
    texts = [normalise(u.english) for u in ordered]
    scores = np.zeros((n, n), dtype=np.float32)
    for lo, hi in itertools.pairwise(bounds):
        if hi < n:
            block = process.cdist(
                texts[lo:hi], texts[hi:], scorer=fuzz.ratio, dtype=np.float32, workers=-1
            )
            scores[lo:hi, hi:] = block
            scores[hi:, lo:hi] = block.T
    # Boosts: Jaccard overlap of glossary concepts, of dates and numbers, and shared quotes.
    scores += np.float32(CONCEPT_WEIGHT) * _jaccard([u.concepts for u in ordered])
    scores += np.float32(NUMBER_WEIGHT) * _jaccard([dates_and_numbers(u.english) for u in ordered])
    quoted = np.flatnonzero([bool(u.quotes) for u in ordered])
    scores[np.ix_(quoted, quoted)] += np.float32(QUOTE_WEIGHT)
    for lo, hi in itertools.pairwise(bounds):
        scores[lo:hi, lo:hi] = -1.0
    if np.array_equal(order, np.arange(n)):
        return scores
    back = np.empty(n, dtype=np.int64)
    back[order] = np.arange(n)
    return scores[np.ix_(back, back)]


def _by_outlet(units: Sequence[Unit]) -> tuple[np.ndarray, list[int]]:
    """The units' positions in identity order (outlet, then sentence index), which puts each
    outlet's sentences together, and where each outlet's run starts (and the last ends)."""
    n = len(units)
    order = sorted(range(n), key=lambda k: (units[k].outlet, units[k].index))
    starts = [k for k in range(n) if k == 0 or units[order[k]].outlet != units[order[k - 1]].outlet]
    return np.array(order, dtype=np.int64), [*starts, n]


def _candidate_links(
    units: Sequence[Unit], scores: np.ndarray, threshold: float
) -> list[tuple[int, int]]:
    """Links that may start a merge, strongest first (ties in index order).

    A fact holds at most two sentences of an outlet, so only a sentence's two best links to
    each other outlet can ever join it to a fact; weaker links still count in the average
    that every merge must clear.
    """
    n = len(units)
    if n < 2:
        return []
    # Ties break by the sentences' identities (outlet, index), not their positions, so the
    # result does not depend on the order the units came in. In rank order the columns of
    # each outlet are contiguous, and argmax (the first maximum) prefers the lower rank.
    by_rank, bounds = _by_outlet(units)
    rank = np.empty(n, dtype=np.int64)
    rank[by_rank] = np.arange(n)
    ranked = scores[:, by_rank]  # a copy: best links are struck out as they are taken
    rows = np.arange(n)
    found_rows, found_columns = [], []
    for lo, hi in itertools.pairwise(bounds):
        block = ranked[:, lo:hi]
        for _ in range(min(MAX_PER_OUTLET, hi - lo)):
            best = block.argmax(axis=1)
            clears = block[rows, best] >= threshold
            found_rows.append(rows[clears])
            found_columns.append(by_rank[lo + best[clears]])
            block[rows, best] = -np.inf
    i, j = np.concatenate(found_rows), np.concatenate(found_columns)
    # Kept from either side, each pair once, strongest first.
    a, b = np.divmod(np.unique(np.minimum(i, j) * n + np.maximum(i, j)), n)
    ra, rb = rank[a], rank[b]
    order = np.lexsort((np.maximum(ra, rb), np.minimum(ra, rb), -scores[a, b]))
    return list(zip(a[order].tolist(), b[order].tolist(), strict=True))


def _outlets_fit(a: dict[str, list[int]], b: dict[str, list[int]]) -> bool:
    """Whether two groups (outlet -> sentence indices) may merge: at most two sentences of an
    outlet in a fact, and those two consecutive."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    for outlet, indices in small.items():
        other = large.get(outlet)
        if other is None:
            continue
        if len(indices) + len(other) > MAX_PER_OUTLET:
            return False
        if abs(indices[0] - other[0]) != 1:
            return False
    return True


def _jaccard(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """Pairwise Jaccard similarity of small sets, through one sparse incidence matrix.

    Only items found in two sets or more can be shared, so only they get a column.
    """
    counts = Counter(item for items in sets for item in items)
    vocabulary = {item: k for k, item in enumerate(i for i, c in counts.items() if c > 1)}
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            column = vocabulary.get(item)
            if column is not None:
                rows.append(i)
                cols.append(column)
    n = len(sets)
    incidence = np.zeros((n, max(1, len(vocabulary))), dtype=np.float32)
    incidence[rows, cols] = 1.0
    shared = incidence @ incidence.T
    sizes = np.array([len(items) for items in sets], dtype=np.float32)
    union = sizes[:, None] + sizes[None, :] - shared
    result: np.ndarray = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return result


def cluster(
    units: Sequence[Unit],
    scores: np.ndarray,
    threshold: float = LINK_THRESHOLD,
) -> list[list[int]]:
    """Groups of unit indices that state the same thing (facts and single sentences)."""
    n = len(units)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    outlets: dict[int, dict[str, list[int]]] = {
        i: {u.outlet: [u.index]} for i, u in enumerate(units)
    }
    refused: set[tuple[int, int, int, int]] = set()  # (a, size a, b, size b): groups only grow

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_links(units, scores, threshold):
        a, b = find(i), find(j)
        if a == b:
            continue
        key = (a, len(members[a]), b, len(members[b]))
        if key in refused:
            continue
        if not _outlets_fit(outlets[a], outlets[b]):
            refused.add(key)
            continue
        block = scores[np.ix_(members[a], members[b])]
        cross = block[block >= 0]
        if cross.size and float(cross.mean()) < threshold:
            refused.add(key)
            continue
        parent[b] = a
        members[a] += members.pop(b)
        for outlet, indices in outlets.pop(b).items():
            outlets[a].setdefault(outlet, []).extend(indices)
    groups = [sorted(m) for m in members.values()]
    return sorted(groups, key=lambda g: g[0])
