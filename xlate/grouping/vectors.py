"""Document vectors (tf-idf over English stems and source-side evidence) and candidate
pairs: a sparse product (an inverted index in compiled code), dates weighed, the null model."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from xlate.dates import parse_date as parse_date
from xlate.grouping.model import Document, Settings

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Digits with separators: 1,000 / 1.000 / 1 000 (Russian groups thousands with a space) / 1,5.
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")
# A capitalised word not at the start of a sentence: a name, in English and in MT output.
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][^\W\d_]+")
# Function words and reporting verbs: in every article, they carry no event.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my no nor not now of off on once only or other our ours out over
    own said same say says she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours told tell according also year years
    new one two three first last mr mrs ms""".split()
)


# -- vectors -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def english_stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=262144)
def _stem(word: str) -> str:
    return str(english_stemmer().stemWord(word))


def _tokens(doc: Document, settings: Settings) -> tuple[list[str], list[int]]:
    """The document's words, names, concepts and numbers, and how much each one counts."""
    words = WORD.findall(doc.english.lower())
    title = WORD.findall(doc.title_english.lower())
    names = [w.lower() for w in _NAME.findall(doc.english)]
    concepts = [f"c:{c}" for c in doc.concepts]
    found = [f"n:{n}" for n in doc.numbers]
    tokens = words + title + names + concepts + found
    counts = (
        [1] * len(words)
        + [settings.title_repeat] * len(title)
        + [settings.name_repeat] * len(names)
        + [1] * (len(concepts) + len(found))
    )
    return tokens, counts


def vectors(docs: Sequence[Document], settings: Settings) -> tuple[csr_matrix, np.ndarray]:
    """Rows of length 1 (tf-idf), and each term's document frequency.

    Each distinct token of the pile is mapped once to its term (its Snowball stem, or none for
    function words); each document's counts are summed in numpy as it is read, so memory holds
    one entry per distinct term of a document, not one per token.
    """
    from scipy.sparse import csr_matrix, diags

    n = len(docs)
    vocabulary: dict[str, int] = {}
    to_term: dict[str, int] = {}  # token -> term id, -1 for function words

    def term_of(token: str) -> int:
        if token[:2] in ("c:", "n:"):
            return vocabulary.setdefault(token, len(vocabulary))
        if len(token) > 1 and token not in STOP_WORDS:
            return vocabulary.setdefault(_stem(token), len(vocabulary))
        return -1

    columns: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for doc in docs:
        tokens, weights = _tokens(doc, settings)
        for token in sorted(set(tokens).difference(to_term)):  # sorted: reproducible ids
            to_term[token] = term_of(token)
        terms = np.fromiter(map(to_term.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        keep = terms >= 0
        unique, inverse = np.unique(terms[keep], return_inverse=True)
        columns.append(unique)
        counts.append(np.bincount(inverse, weights=np.array(weights, dtype=np.float64)[keep]))
    lengths = [len(c) for c in columns]
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    col = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    tf = np.concatenate(counts) if counts else np.zeros(0)
    df = np.bincount(col, minlength=len(vocabulary)).astype(np.float64)
    kind = np.ones(len(vocabulary))
    for name, k in vocabulary.items():
        if name.startswith("c:"):
            kind[k] = settings.concept_weight
        elif name.startswith("n:"):
            kind[k] = settings.number_weight
    # The pile is taken as a sample of a larger stream of news (``background`` more articles
    # that share none of its terms): in a small pile about one event, the words all its
    # articles share still count.
    idf = np.log((n + settings.background) / (df + 0.5))
    weight = (1 + np.log(tf)) * idf[col] * kind[col]
    matrix = csr_matrix((weight, (rows, col)), shape=(n, len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(diags(1 / norms) @ matrix), df


# -- pairs ---------------------------------------------------------------------------------------


def date_ordinal(text: str) -> float:
    found = parse_date(text)
    return math.nan if found is None else float(found.toordinal())


def date_factor(a: np.ndarray, b: np.ndarray, settings: Settings) -> np.ndarray:
    """1 within the window (or when a date is unknown), then e^-(days past it / scale)."""
    apart = np.abs(a - b) - settings.date_window
    factor = np.exp(-np.clip(apart, 0, None) / settings.date_scale)
    return np.where(np.isnan(factor), 1.0, factor)


def similar_pairs(
    matrix: csr_matrix, df: np.ndarray, ordinals: np.ndarray, settings: Settings, block: int = 1024
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs i < j with their similarity (cosine times the date factor) at least ``floor``.

    The product runs over terms found in at most ``max_df`` of the articles (an inverted
    index: pairs sharing only common words are never formed), row block by row block.
    """
    n = matrix.shape[0]
    cap = max(settings.min_df_cap, settings.max_df * n)
    keep = np.flatnonzero(df <= cap)
    index = matrix[:, keep].tocsr()
    transposed = index.T.tocsr()
    found_i, found_j, found_s = [], [], []
    for lo in range(0, n, block):
        product = (index[lo : lo + block] @ transposed).tocoo()
        i = product.row + lo
        j = product.col
        upper = (j > i) & (product.data >= settings.floor)
        i, j, s = i[upper], j[upper], product.data[upper]
        s = s * date_factor(ordinals[i], ordinals[j], settings)
        strong = s >= settings.floor
        found_i.append(i[strong])
        found_j.append(j[strong])
        found_s.append(s[strong])
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


def null_threshold(
    matrix: csr_matrix, df: np.ndarray, settings: Settings, samples: int = 10000, seed: int = 0
) -> float:
    """The similarity that no more than ``chance_pairs`` of the pile's pairs reach by chance.

    The null model: cosines between the pile's articles and random bags of its own terms
    (drawn by document frequency, each bag with as many terms as a random article). Their
    mean plus z standard deviations, z taken where a normal tail leaves ``chance_pairs`` of the
    pile's n(n-1)/2 pairs (z = 3.8 for 150 articles, 5.3 for 10,000); at least their largest.
    Chance overlap grows with a pile's shared vocabulary: a pile of articles on one broad
    subject raises the threshold, and a large pile raises it a little."""
    n = matrix.shape[0]
    if n < settings.null_min_articles or matrix.nnz == 0:
        return 0.0
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(seed)
    count = min(samples, 4 * n)
    sources = rng.integers(n, size=count)
    lengths = np.maximum(1, np.diff(matrix.indptr)[sources])
    rows = np.repeat(np.arange(count), lengths)
    # Terms drawn by document frequency, weighted as an article's would be (idf).
    cols = np.searchsorted(np.cumsum(df) / df.sum(), rng.random(int(lengths.sum())))
    cols = np.minimum(cols, len(df) - 1)
    vals = np.log((n + settings.background) / (df[cols] + 0.5))
    bags = csr_matrix((vals, (rows, cols)), shape=(count, matrix.shape[1]))
    norms = np.sqrt(np.asarray(bags.multiply(bags).sum(axis=1)).ravel())
    targets = rng.integers(n, size=count)
    dots = np.asarray(bags.multiply(matrix[targets]).sum(axis=1)).ravel()
    cosines = dots / np.where(norms > 0, norms, 1.0)
    from statistics import NormalDist

    pairs = n * (n - 1) / 2
    z = NormalDist().inv_cdf(1 - min(0.5, settings.chance_pairs / pairs))
    return float(max(cosines.mean() + z * cosines.std(), cosines.max()))
