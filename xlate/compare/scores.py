"""Scores of sentence pairs from their shared terms: a dense matrix for small inputs, and
:class:`SparseScores` (an inverted index, block by block) for large ones, with the same values."""

from __future__ import annotations

import itertools
import struct
from collections.abc import Sequence
from typing import Any

import numpy as np

from xlate.compare.terms import MIN_INFORMATION, Unit, unit_terms

# The null model (benchmarks/align_bench.py, "null model"): sentence pairs of unrelated
# documents, glossary-tagged as compare tags them: ECB+ documents of different topics (19.1
# million pairs) and WMT22 documents of different source languages (2.1 million). Two
# unrelated articles of 40 sentences hold 1,600 pairs; the threshold is the lowest score (to
# 0.5) at which they expect at most 0.02 chance links in both corpora: 43.5 from ECB+, 38.0
# from WMT22. At 43.5 they expect 0.019 (ECB+) and 0.008 (WMT22); NULL_RATE is the higher
# rate per pair (1.21e-5), rounded up, which the same-event verdict takes as the chance of a
# link. (Derived again when concepts came to stand for what they imply: unchanged.)
LINK_THRESHOLD = 43.5
NULL_RATE = 1.25e-5
# The weights below and JOIN_THRESHOLD were chosen by measurement: for each setting the
# threshold was derived again from the null model, then precision and recall taken on the
# sample bundle, ECB+ and WMT22 (benchmarks/align_bench.py prints them).
# A sentence joins a fact holding its neighbour when its average score with the fact's
# members clears JOIN_THRESHOLD (a second sentence that says "he" where the first named him).
JOIN_THRESHOLD = 25.0
MAX_PER_OUTLET = 2
DENSE_CELLS = 100_000  # sentences x shared terms up to which numpy multiplies dense
# Up to this many sentences the n x n score matrix (36 MB at 3,000) is as small and faster
# than SparseScores' blocks of rows (benchmarks/compare_bench.py --growth).
DENSE_SENTENCES = 3_000


def _by_outlet(units: Sequence[Unit]) -> tuple[np.ndarray, list[int]]:
    """The units' positions in identity order (outlet, then sentence index), which puts each
    outlet's sentences together, and where each outlet's run starts (and the last ends)."""
    n = len(units)
    order = sorted(range(n), key=lambda k: (units[k].outlet, units[k].index))
    starts = [k for k in range(n) if k == 0 or units[order[k]].outlet != units[order[k - 1]].outlet]
    return np.array(order, dtype=np.int64), [*starts, n]


def _shared(rows: Sequence[dict[str, float]]) -> np.ndarray:
    """Pairwise shared weight of the rows' terms (the mean of both sides' weights of each
    shared term), float32.

    Only terms found in two rows or more can be shared, so only they get a column; the
    vocabulary is sorted, so the sums never depend on the order the rows came in. A small
    incidence matrix is multiplied dense (numpy); a large one sparse (scipy, imported only
    then: 0.2 s). Sums are rounded to 1e-9, so both give the same scores.
    """
    which, columns, data, shape = _triplets(rows)
    if shape[0] * shape[1] <= DENSE_CELLS:
        weights = np.zeros(shape, dtype=np.float64)
        weights[which, columns] = data
        dense: np.ndarray = weights @ (weights > 0).T.astype(np.float64)
        rounded: np.ndarray = np.round((dense + dense.T) * 0.5, 9).astype(np.float32)
        return rounded
    from scipy import sparse

    matrix = sparse.csr_matrix((np.array(data, dtype=np.float64), (which, columns)), shape)
    present = matrix.copy()
    present.data[:] = 1.0
    one_way = (matrix @ present.T).tocsr()
    both = ((one_way + one_way.T) * 0.5).tocsr()
    both.data = np.round(both.data, 9)
    result: np.ndarray = both.astype(np.float32).toarray()
    return result


def _triplets(
    rows: Sequence[dict[str, float]],
) -> tuple[list[int], list[int], list[float], tuple[int, int]]:
    """The rows' weights over the terms found in two rows or more (the only ones that can be
    shared), as (row, column, weight) triplets and the matrix's shape. The vocabulary is
    sorted, so the sums never depend on the order the rows came in."""
    counts: dict[str, int] = {}
    for row in rows:
        for term in row:
            counts[term] = counts.get(term, 0) + 1
    vocabulary = {t: k for k, t in enumerate(sorted(t for t, c in counts.items() if c > 1))}
    which, columns, data = [], [], []
    for i, row in enumerate(rows):
        for term, weight in row.items():
            column = vocabulary.get(term)
            if column is not None:
                which.append(i)
                columns.append(column)
                data.append(weight)
    return which, columns, data, (len(rows), max(1, len(vocabulary)))


def score_matrix(units: Sequence[Unit]) -> np.ndarray:
    """Pairwise scores (0-100, more with shared quotes), -1 on the diagonal and between
    sentences of one outlet."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    order, bounds = _by_outlet(units)
    terms = [unit_terms(units[i]) for i in order]
    plain = [t[0] for t in terms]
    scores = _shared(plain)  # shared weight, then scaled in place (one n x n matrix)
    quoting = np.flatnonzero([bool(t[1]) for t in terms])
    if quoting.size > 1:  # quoted words, among the sentences that quote
        scores[np.ix_(quoting, quoting)] += _shared([terms[i][1] for i in quoting])
    own = np.sqrt(np.maximum([sum(t.values()) for t in plain], MIN_INFORMATION))
    inverse = (1.0 / own).astype(np.float32)
    scores *= (np.float32(100.0) * inverse)[:, None]
    scores *= inverse[None, :]
    for lo, hi in itertools.pairwise(bounds):
        scores[lo:hi, lo:hi] = -1.0
    if np.array_equal(order, np.arange(n)):
        return scores
    back = np.empty(n, dtype=np.int64)
    back[order] = np.arange(n)
    result: np.ndarray = scores[np.ix_(back, back)]
    return result


def _incidence(rows: Sequence[dict[str, float]]) -> tuple[Any, Any]:
    """The rows' weights and presence (1) over the terms found in two rows or more, as sparse
    matrices (scipy): the inverted index of those terms, ready to multiply."""
    from scipy import sparse

    which, columns, data, shape = _triplets(rows)
    weights = sparse.csr_matrix((np.array(data, dtype=np.float64), (which, columns)), shape)
    present = weights.copy()
    present.data[:] = 1.0
    # [weights, presence] times [presence, weights] transposed: row i's weights of the terms
    # it shares with row j, plus row j's, in one product
    left = sparse.hstack([weights, present]).tocsr()
    right = sparse.hstack([present, weights]).T.tocsr()
    return left, right


def _shared_rows(index: tuple[Any, Any], lo: int, hi: int) -> np.ndarray:
    """Shared weight of rows ``lo:hi`` against every row (float32, rounded as :func:`_shared`
    rounds). The sparse product touches only the pairs that share a term."""
    left, right = index
    both = (left[lo:hi] @ right).toarray()
    both *= 0.5
    rounded: np.ndarray = np.round(both, 9).astype(np.float32)
    return rounded


_FLOAT32 = struct.Struct("f")


def _f32(value: float) -> float:
    """``value`` rounded to the nearest float32 (as numpy rounds)."""
    rounded: float = _FLOAT32.unpack(_FLOAT32.pack(value))[0]
    return rounded


class SparseScores:
    """The scores of :func:`score_matrix` without its n x n matrix, for large comparisons.

    Candidate pairs come from an inverted index of the terms found in two sentences or more
    (a sparse incidence matrix multiplied by its transpose, a block of rows at a time): a
    sentence is scored only against the sentences it shares a term with, and of those only
    the pairs of different outlets scoring ``floor`` or more (the links clustering starts
    from) are kept, as arrays. Any other score (the average-linkage blocks, a fact's centre)
    is computed when asked with the same arithmetic, so ``scores[np.ix_(a, b)]`` is the dense
    matrix's block and :func:`cluster` finds the same facts.
    """

    def __init__(
        self,
        units: Sequence[Unit],
        floor: float | None = None,
        cells: int = 4_000_000,
        dense: int = DENSE_SENTENCES,
    ) -> None:
        self.floor = min(JOIN_THRESHOLD, LINK_THRESHOLD) if floor is None else floor
        self.units = list(units)
        terms = [unit_terms(u) for u in self.units]
        self._plain = [t[0] for t in terms]
        self._quoted = [t[1] for t in terms]
        own = np.sqrt(np.maximum([sum(t.values()) for t in self._plain], MIN_INFORMATION))
        self._inverse = (1.0 / own).astype(np.float32)
        self._hundred = np.float32(100.0) * self._inverse
        code = {name: k for k, name in enumerate(sorted({u.outlet for u in self.units}))}
        self.outlet = np.array([code[u.outlet] for u in self.units], dtype=np.int64)
        self._hundred_list: list[float] = self._hundred.tolist()
        self._inverse_list: list[float] = self._inverse.tolist()
        self._cache: dict[tuple[int, int], float] = {}
        # Small enough for the dense matrix (faster, and as exact): it serves every score.
        n = len(self.units)
        self._dense = score_matrix(self.units) if n <= dense else None
        self.rows, self.columns, self.values = self._links(cells)

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.units), len(self.units))

    def _links(self, cells: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each sentence's best links (``MAX_PER_OUTLET`` to each other outlet, ``floor`` or
        more, ties broken by identity) as :func:`_candidate_links` picks them from the dense
        matrix: rows are scored a block at a time (``cells`` scores at most), and only their
        best links are kept."""
        n = len(self.units)
        empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
        self.shared = np.zeros(0, np.float32)  # each kept link's shared weight, unscaled
        if n < 2:
            return empty
        if self._dense is None:
            plain = _incidence(self._plain)
            quoted = _incidence(self._quoted) if sum(bool(q) for q in self._quoted) > 1 else None
        by_rank, bounds = _by_outlet(self.units)
        found = [empty]
        unscaled = []
        step = max(1, cells // n)
        for lo in range(0, n, step):
            hi = min(n, lo + step)
            if self._dense is not None:
                block = self._dense[lo:hi]
            else:
                block = _shared_rows(plain, lo, hi)
                if quoted is not None:
                    block += _shared_rows(quoted, lo, hi)
                raw = block.copy()
                block *= self._hundred[lo:hi, None]
                block *= self._inverse[None, :]
                block[self.outlet[lo:hi, None] == self.outlet[None, :]] = -1.0
            ranked = block[:, by_rank]  # a copy: best links are struck out as they are taken
            rows = np.arange(hi - lo)
            for first, last in itertools.pairwise(bounds):
                part = ranked[:, first:last]
                for _ in range(min(MAX_PER_OUTLET, last - first)):
                    best = part.argmax(axis=1)
                    value = part[rows, best]
                    clears = value >= self.floor
                    columns = by_rank[first + best[clears]]
                    found.append((rows[clears] + lo, columns, value[clears]))
                    if self._dense is None:
                        unscaled.append(raw[rows[clears], columns])
                    part[rows, best] = -np.inf
        if unscaled:
            self.shared = np.concatenate(unscaled).astype(np.float32)
        return (
            np.concatenate([f[0] for f in found]),
            np.concatenate([f[1] for f in found]),
            np.concatenate([f[2] for f in found]).astype(np.float32),
        )

    def score(self, i: int, j: int) -> float:
        """The score of one pair, as :func:`score_matrix` gives it (a float32 value).

        In Python floats, rounded to float32 after each step as numpy's float32 arithmetic
        rounds (a sum or product of two float32 values is exact in a float64, so one rounding
        gives numpy's result); sums rounded to 1e-9 as np.round rounds."""
        if self._dense is not None:
            return float(self._dense[i, j])
        if self.outlet[i] == self.outlet[j]:
            return -1.0
        cached = self._cache.get((i, j))
        if cached is not None:
            return cached
        value = 0.0
        for side in (self._plain, self._quoted):
            a, b = side[i], side[j]
            common = sorted(a.keys() & b.keys())
            if common:
                total = sum(a[t] for t in common) + sum(b[t] for t in common)
                value = _f32(value + _f32(round(total * 0.5 * 1e9) / 1e9))
        value = _f32(_f32(value * self._hundred_list[i]) * self._inverse_list[j])
        self._cache[(i, j)] = value
        return value

    def __getitem__(self, key: tuple[np.ndarray, ...]) -> np.ndarray:
        """A block of scores, ``scores[np.ix_(rows, columns)]`` as for the dense matrix."""
        if self._dense is not None:
            dense: np.ndarray = self._dense[key]
            return dense
        rows, columns = (np.asarray(k).ravel().tolist() for k in key)
        block = np.empty((len(rows), len(columns)), dtype=np.float32)
        for r, i in enumerate(rows):
            for c, j in enumerate(columns):
                block[r, c] = self.score(i, j)
        return block

    def subset(self, keep: Sequence[int]) -> SparseScores:
        """The scores among the units ``keep`` (in that order), links and all: ``keep`` holds
        whole outlets, whose best links to one another stay what they were."""
        outlets = {self.units[i].outlet for i in keep}
        if len(keep) != sum(u.outlet in outlets for u in self.units):
            raise ValueError("a subset of the scores keeps whole outlets")
        part = object.__new__(SparseScores)
        part._dense = None if self._dense is None else self._dense[np.ix_(keep, keep)]
        part.floor = self.floor
        part.units = [self.units[i] for i in keep]
        part._plain = [self._plain[i] for i in keep]
        part._quoted = [self._quoted[i] for i in keep]
        part._inverse = self._inverse[list(keep)]
        part._hundred = self._hundred[list(keep)]
        part.outlet = self.outlet[list(keep)]
        part._hundred_list = part._hundred.tolist()
        part._inverse_list = part._inverse.tolist()
        part._cache = {}
        where = np.full(len(self.units), -1, dtype=np.int64)
        where[list(keep)] = np.arange(len(keep))
        inside = (where[self.rows] >= 0) & (where[self.columns] >= 0)
        part.rows = where[self.rows[inside]]
        part.columns = where[self.columns[inside]]
        part.values = self.values[inside]
        part.shared = self.shared[inside] if self.shared.size else self.shared
        return part
