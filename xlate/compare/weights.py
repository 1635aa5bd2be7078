"""Shared weights of sentence pairs: the weight of the terms two sentences share (the mean
of both sides' weights of each), for many pairs at once by products of the terms' incidence
matrices (numpy dense, or scipy sparse when large) and for one pair in Python. They add the
same weights in different orders; each sum is rounded to 1e-9, so that they agree unless a
sum falls within a rounding error of the half-way point between two multiples of 1e-9 (never
seen: every link of the benchmarks' outlets checked, 1.9 million in a review).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

import numpy as np

# Up to this many multiply-adds (rows x rows x shared terms) numpy multiplies the incidence
# matrix dense, which then costs less than importing scipy for its sparse product (the
# figures: docs/performance.md, "Figures out of the code").
DENSE_PRODUCT = 500_000_000
DENSE_CELLS = 4_000_000  # and numpy's matrices of sentences x terms within 32 MB each


def shared_weights(
    rows: Sequence[dict[str, float]], copies: Sequence[int] | None = None
) -> np.ndarray:
    """Pairwise shared weight of the rows' terms (the mean of both sides' weights of each
    shared term), float32.

    Only terms found in two rows or more can be shared, so only they get a column; the
    vocabulary is sorted, so the sums never depend on the order the rows came in. A small
    incidence matrix is multiplied dense (numpy); a large one sparse (scipy, imported only
    then). Sums are rounded to 1e-9, so both give the same scores. ``copies``: how
    many sentences each row stands for (a term of one row shared by its copies counts).
    """
    which, columns, data, shape = _triplets(rows, copies)
    if shape[0] * shape[0] * shape[1] <= DENSE_PRODUCT and shape[0] * shape[1] <= DENSE_CELLS:
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
    rows: Sequence[dict[str, float]], copies: Sequence[int] | None = None
) -> tuple[list[int], list[int], list[float], tuple[int, int]]:
    """The rows' weights over the terms found in two rows or more (the only ones that can be
    shared), as (row, column, weight) triplets and the matrix's shape; ``copies``: how many
    sentences each row stands for (one each by default). The vocabulary is sorted, so the
    sums never depend on the order the rows came in."""
    counts: dict[str, int] = {}
    for k, row in enumerate(rows):
        times = 1 if copies is None else copies[k]
        for term in row:
            counts[term] = counts.get(term, 0) + times
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


def incidence(rows: Sequence[dict[str, float]], copies: Sequence[int]) -> tuple[Any, Any]:
    """The rows' weights and presence (1) over the terms found in two sentences or more, as
    sparse matrices (scipy): the inverted index of those terms, ready to multiply."""
    from scipy import sparse

    which, columns, data, shape = _triplets(rows, copies)
    weights = sparse.csr_matrix((np.array(data, dtype=np.float64), (which, columns)), shape)
    present = weights.copy()
    present.data[:] = 1.0
    # [weights, presence] times [presence, weights] transposed: row i's weights of the terms
    # it shares with row j, plus row j's, in one product
    left = sparse.hstack([weights, present]).tocsr()
    right = sparse.hstack([present, weights]).T.tocsr()
    return left, right


def shared_rows(index: tuple[Any, Any], lo: int, hi: int) -> Any:
    """Shared weight of rows ``lo:hi`` against every row (float32, rounded as
    :func:`shared_weights` rounds), as a sparse matrix: the product touches only the pairs
    that share a term, and only they are halved and rounded."""
    left, right = index
    both = (left[lo:hi] @ right).tocsr()
    halves = both.data  # np.round(data * 0.5, 9) in place: * 1e9, rint, / 1e9 as numpy rounds
    halves *= 5e8  # (x * 0.5) * 1e9 exactly: halving is exact
    np.rint(halves, out=halves)
    halves /= 1e9
    both.data = halves.astype(np.float32)
    return both


def pair_weight(a: dict[str, float], b: dict[str, float]) -> float:
    """The mean of both sides' weights of the terms ``a`` and ``b`` share, summed in term
    order and rounded to 1e-9 as :func:`shared_weights` rounds its products."""
    common = a.keys() & b.keys()
    if not common:
        return 0.0
    ordered = sorted(common)
    total = sum(map(a.__getitem__, ordered)) + sum(map(b.__getitem__, ordered))
    return round(total * 0.5 * 1e9) / 1e9


_FLOAT32 = struct.Struct("f")


def to_float32(value: float) -> float:
    """``value`` rounded to the nearest float32 (as numpy rounds)."""
    rounded: float = _FLOAT32.unpack(_FLOAT32.pack(value))[0]
    return rounded
