"""Scores of sentence pairs from their shared terms: :class:`SparseScores`, which scores each
distinct sentence once and, for many of them, through an inverted index block by block, keeping
only the best links. Its values are those of the dense matrix of every pair, ``score_matrix``,
which the tests and benchmarks keep as the oracle (``tests/evaluate_align.py``)."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from xlate.compare.lexicon import pile_terms
from xlate.compare.terms import MIN_INFORMATION, Unit
from xlate.compare.weights import incidence, pair_weight, shared_rows, shared_weights, to_float32

# The null model (benchmarks/align_bench.py, "null model"): sentence pairs of unrelated
# documents, glossary-tagged as compare tags them: ECB+ documents of different topics (19.1
# million pairs) and WMT22 documents of different source languages (2.1 million). Two
# unrelated articles of 40 sentences hold 1,600 pairs; the threshold is the lowest score (to
# 0.5) at which they expect at most 0.02 chance links in both corpora (ECB+ binds; WMT22 asks
# less). NULL_RATE is that rate per pair (0.02 / 1,600), which the same-event verdict takes
# as the chance of a link. Derived again whenever the terms change (last: when the pile's
# lexicon came, synonyms, number words and one weight for numbers: 43.5 -> 42.0).
LINK_THRESHOLD = 42.0
NULL_RATE = 1.25e-5
# The weights below and JOIN_THRESHOLD were chosen by measurement: for each setting the
# threshold was derived again from the null model, then precision and recall taken on the
# sample bundle, ECB+ and WMT22 (benchmarks/align_bench.py prints them).
# A sentence joins a fact holding its neighbour when its average score with the fact's
# members clears JOIN_THRESHOLD (a second sentence that says "he" where the first named him).
JOIN_THRESHOLD = 25.0
MAX_PER_OUTLET = 2
# Up to this many distinct sentences their whole score matrix (36 MB at 3,000) is as small
# and faster than SparseScores' blocks of rows (benchmarks/compare_bench.py --growth).
DENSE_SENTENCES = 3_000
# Up to this many pairs an average score is added up in Python (SparseScores.reaches): faster
# than numpy's arrays for the small groups clustering mostly compares.
SMALL_BLOCK = 256
FILLED_LINKS = 300_000  # best links whose shared weights SparseScores keeps from the start
# A block of rows picks its best links from the pairs it holds (scored one by one, those that
# clear the floor sorted) when fewer than one cell in DENSE_SHARE holds a pair and fewer than
# one in SORT_SHARE clears the floor; else from the block made dense (numpy's argmax, outlet
# by outlet), which costs the same however many pairs there are.
DENSE_SHARE = 4
SORT_SHARE = 32


def by_outlet(units: Sequence[Unit]) -> tuple[np.ndarray, list[int]]:
    """The units' positions in identity order (outlet, then sentence index), which puts each
    outlet's sentences together, and where each outlet's run starts (and the last ends)."""
    n = len(units)
    order = sorted(range(n), key=lambda k: (units[k].outlet, units[k].index))
    starts = [k for k in range(n) if k == 0 or units[order[k]].outlet != units[order[k - 1]].outlet]
    return np.array(order, dtype=np.int64), [*starts, n]


def _within(counts: np.ndarray) -> np.ndarray:
    """For runs of these lengths laid end to end, each item's place in its run (0, 1, ...)."""
    ends = np.cumsum(counts)
    within: np.ndarray = np.arange(int(ends[-1]) if ends.size else 0) - np.repeat(
        ends - counts, counts
    )
    return within


def _run_lengths(key: np.ndarray) -> np.ndarray:
    """The lengths of the runs of equal values in ``key``."""
    if key.size == 0:
        return np.zeros(0, dtype=np.int64)
    return np.diff(np.flatnonzero(np.r_[True, key[1:] != key[:-1], True]))


def mean_reaches(block: np.ndarray, needed: float) -> bool:
    """Whether the mean of a block's scores of different outlets (0 or more; -1 marks a
    pair of one outlet) reaches ``needed``, True when it has none."""
    cross = block[block >= 0]
    return cross.size == 0 or float(cross.mean()) >= needed


def _distinct(
    units: Sequence[Unit], merge: bool
) -> tuple[np.ndarray, list[tuple[dict[str, float], dict[str, float]]]]:
    """Which distinct sentence (the same terms and quoted words) each unit is, numbered in
    order of first appearance, and the terms of each distinct sentence, as the pile's
    lexicon makes them (:func:`xlate.compare.lexicon.pile_terms`: it learns from the set of
    words, which copies do not change). With ``merge`` False every unit stands for itself."""
    if not merge:
        return np.arange(len(units), dtype=np.int64), pile_terms(units)
    texts: dict[tuple[str, frozenset[str], tuple[str, ...]], int] = {}  # the same text, once
    which = [texts.setdefault((u.english, u.concepts, u.quotes), len(texts)) for u in units]
    firsts = np.unique(which, return_index=True)[1].tolist()
    number: dict[tuple[tuple[tuple[str, float], ...], ...], int] = {}
    terms: list[tuple[dict[str, float], dict[str, float]]] = []
    kinds: list[int] = []
    for plain, quoted in pile_terms([units[k] for k in firsts]):
        key = (tuple(sorted(plain.items())), tuple(sorted(quoted.items())))
        kinds.append(number.setdefault(key, len(number)))
        if kinds[-1] == len(terms):
            terms.append((plain, quoted))
    return np.array(kinds, dtype=np.int64)[which], terms


class _Slots(NamedTuple):
    """The sentences that can be a best link (:meth:`SparseScores._slots`), grouped by
    distinct sentence (identity order within each): their ranks in identity order, the
    sentences, where each distinct sentence's run starts; and in identity order (each
    outlet's run together): the sentences, where each outlet's run starts."""

    rank: np.ndarray
    members: np.ndarray
    group_bounds: np.ndarray
    in_order: np.ndarray
    outlet_bounds: list[int]


class SparseScores:
    """The scores of :func:`score_matrix` without its n x n matrix, for large comparisons.

    A score depends only on the two sentences' terms, so sentences with the same terms (a
    wire story's sentence in several outlets, a repeated line) are scored once: the matrix is
    over the *distinct* sentences. Up to ``dense`` of them it is computed whole and serves
    every score. Past that, candidate pairs come from an inverted index of the terms found in
    two sentences or more (a sparse incidence matrix multiplied by its transpose, a block of
    ``cells`` scores at a time): a sentence is scored only against the sentences it shares a
    term with, and of those only each sentence's best links to each other outlet scoring
    ``floor`` or more (the links clustering starts from) are kept, as arrays: picked from
    the pairs that clear the floor when a block holds few, by numpy's argmax over the block
    made dense when most pairs share a term. Any other score (the average-linkage blocks, a
    fact's centre) is computed when asked with the same arithmetic, and its shared weight kept
    (the best links' are known already); :meth:`reaches` decides a merge's average in Python
    floats, leaving to numpy's float32 only an average within rounding of the threshold.
    Either way ``scores[np.ix_(a, b)]`` is the dense matrix's block and :func:`cluster` finds
    the same facts.
    """

    def __init__(
        self,
        units: Sequence[Unit],
        floor: float | None = None,
        cells: int = 4_000_000,
        dense: int = DENSE_SENTENCES,
        merge: bool = True,
    ) -> None:
        self.floor = min(JOIN_THRESHOLD, LINK_THRESHOLD) if floor is None else floor
        if self.floor <= 0:  # pairs that share nothing score 0 and are never looked at
            raise ValueError(f"links are kept from a score above 0, not {self.floor}")
        self.units = list(units)
        self.group, terms = _distinct(self.units, merge)
        copies: list[int] = np.bincount(self.group).tolist()
        self._plain = [t[0] for t in terms]  # of each distinct sentence
        self._quoted = [t[1] for t in terms]
        own = np.sqrt(np.maximum([sum(t.values()) for t in self._plain], MIN_INFORMATION))
        inverse = (1.0 / own).astype(np.float32)
        hundred = np.float32(100.0) * inverse
        self._hundred_list: list[float] = hundred.tolist()
        self._inverse_list: list[float] = inverse.tolist()
        self._inverse, self._hundred = inverse[self.group], hundred[self.group]  # per sentence
        code = {name: k for k, name in enumerate(sorted({u.outlet for u in self.units}))}
        self.outlet = np.array([code[u.outlet] for u in self.units], dtype=np.int64)
        self._group_list: list[int] = self.group.tolist()
        self._outlet_list: list[int] = self.outlet.tolist()
        self._cache: dict[int, float] = {}  # shared weights, by distinct pair (_pair's key)
        self._whole: np.ndarray | None = None  # the distinct sentences' scores, when held
        self.rows, self.columns, self.values, self.shared = self._links(copies, cells, dense)
        # the best links' shared weights, asked first by clustering: filled in when they are
        # few enough (a dict of a million costs 100 MB; real news keeps ~11 links a sentence)
        if self._whole is None and self.rows.size <= FILLED_LINKS:
            g, h = self.group[self.rows], self.group[self.columns]
            keys = (np.minimum(g, h) * len(self._plain) + np.maximum(g, h)).tolist()
            self._cache = dict(zip(keys, self.shared.tolist(), strict=True))

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.units), len(self.units))

    def _slots(self) -> _Slots:
        """The sentences that can be a best link to their outlet: the first
        ``MAX_PER_OUTLET`` of each distinct sentence in each outlet (a later copy scores the
        same as an earlier one, and ties go to the earlier), grouped two ways (see
        :class:`_Slots`), once for all the blocks."""
        by_rank, _ = by_outlet(self.units)
        groups, outlets = self.group[by_rank], self.outlet[by_rank]
        order = np.lexsort((outlets, groups))  # stable: identity order within each run
        key = groups[order] * (int(self.outlet.max(initial=0)) + 1) + outlets[order]
        rank = order[_within(_run_lengths(key)) < MAX_PER_OUTLET]
        members = by_rank[rank]
        in_order = by_rank[np.sort(rank)]
        outlet_of = self.outlet[in_order]
        return _Slots(
            rank,
            members,
            np.searchsorted(self.group[members], np.arange(len(self._plain) + 1)),
            in_order,
            np.searchsorted(outlet_of, np.arange(int(outlet_of.max(initial=0)) + 2)).tolist(),
        )

    def _all_shared(self, copies: list[int]) -> np.ndarray:
        """Shared weight of every two distinct sentences, as :func:`score_matrix` sums it
        (numpy alone when the terms are few)."""
        raw = shared_weights(self._plain, copies)
        quoting = [k for k, q in enumerate(self._quoted) if q]
        if sum(copies[k] for k in quoting) > 1:  # quoted words, among the sentences that quote
            quoted = [self._quoted[k] for k in quoting]
            raw[np.ix_(quoting, quoting)] += shared_weights(quoted, [copies[k] for k in quoting])
        return raw

    def _indices(self, copies: list[int]) -> list[tuple[Any, Any]]:
        """The inverted indexes of the plain terms and (when two sentences quote) the quoted
        words, for :meth:`_block`."""
        indices = [incidence(self._plain, copies)]
        quoting = [k for k, q in enumerate(self._quoted) if q]
        if sum(copies[k] for k in quoting) > 1:
            indices.append(incidence(self._quoted, copies))
        return indices

    def _block(self, indices: list[tuple[Any, Any]], lo: int, hi: int) -> Any:
        """Shared weight (plain terms, then quoted words) of distinct sentences ``lo:hi``
        against all of them, as :func:`score_matrix` sums it, as a sparse matrix (only the
        pairs that share a term)."""
        raw = shared_rows(indices[0], lo, hi)
        for index in indices[1:]:  # few sentences quote: only the pairs that share quoted words
            raw = (raw + shared_rows(index, lo, hi)).tocsr()  # float32 + float32, as in place
        return raw

    def _block_links(
        self,
        slots: _Slots,
        raw: Any,
        lo: int,
        scale: tuple[np.ndarray, np.ndarray],
    ) -> tuple[np.ndarray, ...]:
        """The best links of distinct sentences ``lo:`` (``raw``: their shared weights
        against every distinct sentence, sparse; ``scale``: score_matrix's factors of rows
        and of columns), as :meth:`_best_dense` gives them: from the pairs that score
        ``floor`` or more when they are few, else from the block made dense."""
        hundred, inverse = scale
        cells = raw.shape[0] * raw.shape[1]
        if raw.nnz * DENSE_SHARE < cells:  # a sparse block: score only the pairs it holds
            pairs = raw.tocoo()  # int32 positions: fewer bytes to gather by
            value = pairs.data * hundred[pairs.row + lo]  # score_matrix's float32 arithmetic
            value *= inverse[pairs.col]
            clears = np.flatnonzero(value >= self.floor)
            if clears.size * SORT_SHARE < cells:
                rows = pairs.row[clears].astype(np.int64) + lo
                found = (rows, pairs.col[clears].astype(np.int64), value[clears])
                return self._best_sparse(slots, *found, pairs.data[clears])
        dense = raw.toarray()
        block = dense * hundred[lo : lo + raw.shape[0], None]
        block *= inverse[None, :]
        rows, *rest = self._best_dense(slots, dense, block)
        return (rows + lo, *rest)

    def _links(
        self, copies: list[int], cells: int, dense: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each sentence's best links (``MAX_PER_OUTLET`` to each other outlet, ``floor`` or
        more, ties broken by identity) as :func:`_candidate_links` picks them from the dense
        matrix, with their shared weights: up to ``dense`` distinct sentences from their
        whole score matrix, more a block of rows at a time (``cells`` scores at most), only
        the pairs that share a term, and only the best links of their sentences kept."""
        empty = np.zeros(0, np.int64)
        n, size = len(self.units), len(self._plain)
        if n < 2:
            return empty, empty, np.zeros(0, np.float32), np.zeros(0, np.float32)
        hundred = np.array(self._hundred_list, dtype=np.float32)
        inverse = np.array(self._inverse_list, dtype=np.float32)
        slots = self._slots()
        if size <= dense:
            raw = self._all_shared(copies)
            self._whole = raw * hundred[:, None]
            self._whole *= inverse[None, :]
            return self._to_sentences(*self._best_dense(slots, raw, self._whole))
        indices, step = self._indices(copies), max(1, cells // size)
        found = [
            self._block_links(slots, self._block(indices, lo, lo + step), lo, (hundred, inverse))
            for lo in range(0, size, step)
        ]
        return self._to_sentences(*(np.concatenate(f) for f in zip(*found, strict=True)))

    def _best_dense(
        self, slots: _Slots, raw: np.ndarray, block: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """The best links of distinct sentences (rows of ``block``, their scores against
        every distinct sentence; ``raw`` the shared weights; ``slots``: :meth:`_slots`) to
        the sentences of each outlet: column by outlet, the first highest of the outlet's
        sentences that can take it, ``MAX_PER_OUTLET`` times. Rows, sentences, scores, shared
        weights."""
        members = slots.in_order
        found: list[tuple[np.ndarray, ...]] = []
        rows = np.arange(block.shape[0])
        for lo, hi in itertools.pairwise(slots.outlet_bounds):
            groups = self.group[members[lo:hi]]
            part = block[:, groups]  # a copy: best links are struck out as they are taken
            for _ in range(min(MAX_PER_OUTLET, hi - lo)):
                best = part.argmax(axis=1)
                value = part[rows, best]
                at, column = rows[value >= self.floor], best[value >= self.floor]
                found.append((at, members[lo + column], value[at], raw[at, groups[column]]))
                part[rows, best] = -np.inf
        return tuple(np.concatenate(f) for f in zip(*found, strict=True))

    def _best_sparse(
        self,
        slots: _Slots,
        rows: np.ndarray,
        columns: np.ndarray,
        values: np.ndarray,
        shared: np.ndarray,
    ) -> tuple[np.ndarray, ...]:
        """:meth:`_best_dense` from the pairs of distinct sentences (``rows`` x ``columns``)
        that score ``floor`` or more, all of each row's: of each row the ``MAX_PER_OUTLET``
        highest-scoring sentences of each outlet (ties to the first in identity order)."""
        rank, members, bounds = slots.rank, slots.members, slots.group_bounds
        counts = np.diff(bounds)[columns]  # each pair, once per sentence that can take it
        pick = np.repeat(np.arange(columns.size), counts)
        slot = bounds[columns[pick]] + _within(counts)
        rows, values, shared = rows[pick], values[pick], shared[pick]
        outlet = self.outlet[members[slot]]
        # per distinct sentence and outlet: the highest scores first, ties in identity order
        by = np.lexsort((rank[slot], -values, outlet, rows))
        key = rows[by] * (int(self.outlet.max(initial=0)) + 1) + outlet[by]
        best = by[_within(_run_lengths(key)) < MAX_PER_OUTLET]
        return rows[best], members[slot[best]], values[best], shared[best]

    def _to_sentences(
        self, rows: np.ndarray, columns: np.ndarray, values: np.ndarray, shared: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The links of distinct sentences ``rows`` to sentences ``columns`` given to each
        sentence of the distinct one, but those of the column's outlet (a sentence's own
        outlet is never linked: -1 in the dense matrix)."""
        by_group = np.argsort(self.group, kind="stable")
        first = np.searchsorted(self.group[by_group], np.arange(len(self._plain) + 1))
        times = np.diff(first)[rows]
        take = np.repeat(np.arange(rows.size), times)
        who = by_group[first[rows[take]] + _within(times)]
        other = self.outlet[who] != self.outlet[columns[take]]
        take, who = take[other], who[other]
        return who, columns[take], values[take].astype(np.float32), shared[take].astype(np.float32)

    def _pair(self, g: int, h: int) -> float:
        """The shared weight of distinct sentences ``g`` and ``h`` as :func:`score_matrix`
        holds it: plain terms and quoted words, each summed and rounded to 1e-9 as
        :func:`shared_weights` rounds (the same both ways), then added in float32. Kept: clustering
        asks for a pair again as its groups grow (and the best links come filled in)."""
        key = g * len(self._plain) + h if g <= h else h * len(self._plain) + g
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        value = to_float32(pair_weight(self._plain[g], self._plain[h]))
        quoted_g, quoted_h = self._quoted[g], self._quoted[h]
        if quoted_g and quoted_h:
            value = to_float32(value + to_float32(pair_weight(quoted_g, quoted_h)))
        self._cache[key] = value
        return value

    def terms(self, k: int) -> dict[str, float]:
        """Unit k's plain terms as they are scored (the pile's lexicon applied)."""
        return self._plain[self._group_list[k]]

    def score(self, i: int, j: int) -> float:
        """The score of one pair, as :func:`score_matrix` gives it (a float32 value).

        In Python floats, rounded to float32 after each step as numpy's float32 arithmetic
        rounds (a sum or product of two float32 values is exact in a float64, so one rounding
        gives numpy's result)."""
        if self._outlet_list[i] == self._outlet_list[j]:
            return -1.0
        g, h = self._group_list[i], self._group_list[j]
        if self._whole is not None:
            return float(self._whole[g, h])
        return to_float32(
            to_float32(self._pair(g, h) * self._hundred_list[g]) * self._inverse_list[h]
        )

    def reaches(self, rows: list[int], columns: list[int], needed: float) -> bool:
        """Whether the average score of ``rows`` against ``columns`` over the pairs of
        different outlets reaches ``needed`` (True when there is no such pair), as numpy's
        mean of ``cross(rows, columns)`` decides it.

        A small block is added up in Python floats; numpy's float32 scores and float32 sum
        differ from that by less than ``tolerance``, so only an average that close to
        ``needed`` is decided by numpy's own arithmetic."""
        if len(rows) * len(columns) > SMALL_BLOCK:
            return mean_reaches(self.cross(rows, columns), needed)
        outlet, group, pair = self._outlet_list, self._group_list, self._pair
        inverse, whole = self._inverse_list, self._whole
        total, count = 0.0, 0
        for i in rows:
            mine, g, hundred = outlet[i], group[i], self._hundred_list[group[i]]
            for j in columns:
                if outlet[j] == mine:
                    continue
                h = group[j]
                if whole is not None:
                    total += float(whole[g, h])
                else:
                    total += pair(g, h) * hundred * inverse[h]
                count += 1
        if count == 0:
            return True
        mean = total / count
        # Both start from the same float32 shared weight; each float32 score is two roundings
        # (u = 2**-24 each, relative) from the product in Python floats, numpy's float32 sum
        # of n scores of one sign adds at most (n - 1) u of the mean and its division one
        # more: within (n + 2) u of the mean in all. Allowed: 2 (n + 8) u of the larger.
        tolerance = (count + 8) * 2.0**-23 * max(mean, needed)
        if abs(mean - needed) > tolerance:
            return mean >= needed
        return mean_reaches(self.cross(rows, columns), needed)

    def __getitem__(self, key: tuple[np.ndarray, ...]) -> np.ndarray:
        """A block of scores, ``scores[np.ix_(rows, columns)]`` as for the dense matrix."""
        rows, columns = (np.asarray(k).ravel() for k in key)
        return self.cross(rows, columns)

    def cross(self, rows: np.ndarray | list[int], columns: np.ndarray | list[int]) -> np.ndarray:
        """The scores of ``rows`` (units) against ``columns``: ``scores[np.ix_(rows,
        columns)]``."""
        rows, columns = np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64)
        if self._whole is not None:
            block: np.ndarray = self._whole[self.group[rows][:, None], self.group[columns]]
            block[self.outlet[rows][:, None] == self.outlet[columns]] = -1.0
            return block
        # the shared weights pair by pair, then score_matrix's float32 arithmetic at once
        pair, across = self._pair, self.group[columns].tolist()
        found = [[pair(g, h) for h in across] for g in self.group[rows].tolist()]
        block = np.array(found, dtype=np.float32).reshape(rows.size, columns.size)
        block *= self._hundred[rows][:, None]
        block *= self._inverse[columns][None, :]
        block[self.outlet[rows][:, None] == self.outlet[columns]] = -1.0
        return block

    def subset(self, keep: Sequence[int]) -> SparseScores:
        """The scores among the units ``keep`` (in that order), links and all: ``keep`` holds
        whole outlets, whose best links to one another stay what they were."""
        outlets = {self.units[i].outlet for i in keep}
        if len(keep) != sum(u.outlet in outlets for u in self.units):
            raise ValueError("a subset of the scores keeps whole outlets")
        part = copy.copy(self)  # the distinct sentences' terms, scores and cache are shared
        chosen = np.asarray(keep, dtype=np.int64)
        part.units = [self.units[i] for i in keep]
        part.group, part.outlet = self.group[chosen], self.outlet[chosen]
        part._group_list, part._outlet_list = part.group.tolist(), part.outlet.tolist()
        part._inverse, part._hundred = self._inverse[chosen], self._hundred[chosen]
        where = np.full(len(self.units), -1, dtype=np.int64)
        where[chosen] = np.arange(len(keep))
        inside = (where[self.rows] >= 0) & (where[self.columns] >= 0)
        part.rows = where[self.rows[inside]]
        part.columns = where[self.columns[inside]]
        part.values = self.values[inside]
        part.shared = self.shared[inside]
        return part
