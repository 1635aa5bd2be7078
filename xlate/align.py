"""Cross-outlet alignment: which sentences of different outlets state the same thing.

Sentences are compared by the *information* they share, not by shared letters. Each English
sentence becomes a set of terms: content-word stems, numbers and dates, glossary concepts
(language-independent anchors found on the source side), and the words inside its quotations.
Each term weighs what it tells: a word's weight grows as it gets rarer in general English
(wordfreq's frequency list): "the" weighs nothing, "said", "president" or "government" about
2, "sanctions" or "elephant" 3.5, a name such as "Rudenko" 6 to 7; numbers and dates weigh 6,
glossary concepts 4 on top of their words. A concept that stands for others counts as them:
a capital or an institution as its country ("Tokyo", "the Japanese government": Japan), a
compound as its parts (sanctions against Russia: sanctions, Russia). The score of two
sentences is the weight they share over the geometric mean of their own weights (0-100),
plus the weight of quoted words both quote (a quote counts only when the quoted words
overlap). Every pair of sentences of different outlets is scored at once by sparse matrix
products (scipy); past ``DENSE_SENTENCES`` sentences, :class:`SparseScores` scores a block of
rows at a time, each sentence only against those it shares a term with, and keeps only each
sentence's best links, so memory grows with the sentences, not their square (the facts are
the same). Outlets order their facts differently, so nothing assumes monotonic order.

The link threshold comes from a null model, not from taste: scores between sentences of
unrelated documents (ECB+ documents of different topics, WMT22 documents) were measured and
the threshold set where two unrelated 40-sentence articles expect at most 0.02 chance links
(``benchmarks/align_bench.py`` re-derives it).

Facts are grown by average-linkage clustering: the strongest links merge first, two groups
merge only when their average cross-outlet score clears the threshold, and a fact takes at
most two sentences of one outlet, consecutive ones (one long sentence may carry what another
outlet says in two). A fact needs at least two outlets; everything else is an outlet's
exclusive.
"""

from __future__ import annotations

import itertools
import math
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

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
# Term weights, in the units of word weights (ZIPF_CEIL - Zipf frequency of the word).
ZIPF_CEIL = 7.5  # words this common (the, of) weigh nothing; said 1.5, president 2.1
ZIPF_FLOOR = 2.0  # words rarer than this, or unknown (names, transliterations), weigh the most
CONCEPT_WEIGHT = 4.0
NUMBER_WEIGHT = 6.0
NAME_BONUS = 1.0  # a capitalised word inside a sentence: a name, whatever its frequency
QUOTE_WEIGHT = 1.0  # quoted words both sentences quote count this much again
MIN_INFORMATION = 16.0  # a sentence weighs at least this much: one shared name is not a fact
# Function words carry no fact; left in, they make unrelated sentences look alike.
STOP_WORDS = frozenset(
    "the a an of to in on and that is was were will would be been its it their they he she"
    " his her at as by for with from this which who said says has have had not no than then"
    " also".split()
)
# Metonymy, which news uses everywhere: a capital or a seat of power stands for its country
# ("Tokyo said", "the Kremlin replied"), and so does an institution, whose glossary id starts
# with its country's code (jp-government, ru-mfa, us-state-department).
SEATS = {
    "moscow": "russia",
    "kremlin": "russia",
    "tokyo": "japan",
    "washington": "usa",
    "us-white-house": "usa",
    "beijing": "china",
    "pyongyang": "north-korea",
    "seoul": "south-korea",
    "kyiv": "ukraine",
    "brussels": "eu",
    "berlin": "germany",
    "paris": "france",
    "london": "uk",
    "warsaw": "poland",
    "vienna": "austria",
    "madrid": "spain",
    "minsk": "belarus",
    "ankara": "turkey",
    "tel-aviv": "israel",
    "doha": "qatar",
}
COUNTRY_CODES = {
    "ru": "russia",
    "jp": "japan",
    "us": "usa",
    "ua": "ukraine",
    "cn": "china",
    "kp": "north-korea",
    "kr": "south-korea",
    "eu": "eu",
}
# Words that link the parts of a compound concept id (sanctions-against-russia, war-in-ukraine).
LINKING_WORDS = frozenset("against in of on with to for and".split())
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


@lru_cache(maxsize=1)
def _zipf() -> dict[str, float]:
    """Zipf frequencies (log10 of uses per billion words) of the English words at least as
    common as ``ZIPF_FLOOR``, from wordfreq's "large" list, loaded once.

    The list is read straight from wordfreq's data file in its documented cBpack format
    (``wordfreq.read_cBpack``: a header, then one list of words per centibel of frequency,
    most frequent first), stopping at the floor: 0.06 s instead of 0.4 s for importing
    wordfreq and building its whole dictionary. Any surprise falls back to wordfreq's API.
    """
    import gzip
    import importlib.util

    try:
        import msgpack

        spec = importlib.util.find_spec("wordfreq")
        assert spec is not None and spec.submodule_search_locations
        path = Path(spec.submodule_search_locations[0], "data", "large_en.msgpack.gz")
        zipf: dict[str, float] = {}
        with gzip.open(path, "rb") as f:
            unpacker = msgpack.Unpacker(f, raw=False)
            buckets = unpacker.read_array_header() - 1
            if unpacker.unpack() != {"format": "cB", "version": 1}:
                raise ValueError("not a cBpack file")
            for centibels in range(buckets):
                value = 9.0 - centibels / 100.0
                if value < ZIPF_FLOOR:
                    break
                zipf.update(dict.fromkeys(unpacker.unpack(), value))
        return zipf
    except (AssertionError, ImportError, OSError, ValueError, msgpack.UnpackException):
        import wordfreq

        frequencies = wordfreq.get_frequency_dict("en", wordlist="large")
        every = {w: math.log10(f) + 9.0 for w, f in frequencies.items() if f > 0}
        return {w: z for w, z in every.items() if z >= ZIPF_FLOOR}


@lru_cache(maxsize=1 << 17)
def word_weight(word: str) -> float:
    """How much a lower-case English word tells: ``ZIPF_CEIL`` minus its Zipf frequency,
    between 0 and ``ZIPF_CEIL - ZIPF_FLOOR``."""
    zipf = _zipf().get(word, 0.0)
    return min(ZIPF_CEIL - ZIPF_FLOOR, max(0.0, ZIPF_CEIL - zipf))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers, compiled

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1 << 17)
def _stem(word: str) -> str:
    stem: str = _stemmer().stemWord(word)
    return stem


def _word_terms(text: str, names: bool) -> dict[str, float]:
    """Content-word stems of ``text`` and their weights (the largest over a stem's words)."""
    found: dict[str, float] = {}
    words = _WORD.findall(text)
    for k, word in enumerate(words):
        lower = word.lower()
        if lower in STOP_WORDS or any(c.isdigit() for c in lower):
            continue
        weight = word_weight(lower)
        if names and k > 0 and word[0].isupper():
            weight += NAME_BONUS
        if weight > 0:
            stem = _stem(lower)
            found[stem] = max(weight, found.get(stem, 0.0))
    return found


@lru_cache(maxsize=65536)
def sentence_terms(text: str) -> tuple[tuple[str, float], ...]:
    """The weighted terms of an English sentence: content stems, then numbers and dates
    (prefixed ``#``), sorted."""
    found = _word_terms(text, names=True)
    for value in dates_and_numbers(text):
        weight = NUMBER_WEIGHT if len(value) > 1 else NUMBER_WEIGHT / 2
        found[f"#{value}"] = weight
    return tuple(sorted(found.items()))


@lru_cache(maxsize=4096)
def implied_concepts(concept: str) -> frozenset[str]:
    """What naming ``concept`` also says, so that a sentence that says it otherwise matches:
    the country a capital, seat of power or institution stands for (tokyo, jp-government:
    japan), and the parts of a compound concept: every run of its id's words that neither
    starts nor ends with a linking word (sanctions-against-russia: sanctions, russia;
    peace-treaty-talks: peace-treaty, treaty-talks, peace, treaty, talks). It needs no list
    of known concepts, so it works with any glossary: a part no other concept has matches
    nothing, and the null model (which tags its sentences the same way) prices in the rest."""
    found: set[str] = set()
    if concept in SEATS:
        found.add(SEATS[concept])
    words = concept.split("-")
    if len(words) > 1 and words[0] in COUNTRY_CODES:
        found.add(COUNTRY_CODES[words[0]])
        words = words[1:]
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            run = words[i:j]
            if run[0] not in LINKING_WORDS and run[-1] not in LINKING_WORDS:
                found.add("-".join(run))
    found.discard(concept)
    return frozenset(found)


def unit_terms(unit: Unit) -> tuple[dict[str, float], dict[str, float]]:
    """A unit's weighted terms (words, numbers, concepts prefixed ``@``) and its quoted words."""
    plain = dict(sentence_terms(unit.english))
    for concept in sorted(unit.concepts):
        # A concept that stands for others counts as them, its weight spread evenly: Tokyo
        # as Japan, sanctions against Russia as sanctions and Russia. (Keeping a quarter to
        # three quarters of the weight for the concept itself was measured too: the same
        # null-model threshold, fewer true links on the sample bundle, none fewer false.)
        implied = implied_concepts(concept) or frozenset({concept})
        for other in sorted(implied):
            term = f"@{other}"
            plain[term] = plain.get(term, 0.0) + CONCEPT_WEIGHT / len(implied)
    quoted: dict[str, float] = {}
    for quote in unit.quotes:
        for stem, weight in _word_terms(quote, names=False).items():
            quoted[stem] = max(weight * QUOTE_WEIGHT, quoted.get(stem, 0.0))
    return plain, quoted


def _shared(rows: Sequence[dict[str, float]]) -> np.ndarray:
    """Pairwise shared weight of the rows' terms (the mean of both sides' weights of each
    shared term), float32.

    Only terms found in two rows or more can be shared, so only they get a column; the
    vocabulary is sorted, so the sums never depend on the order the rows came in. A small
    incidence matrix is multiplied dense (numpy); a large one sparse (scipy, imported only
    then: 0.2 s). Sums are rounded to 1e-9, so both give the same scores.
    """
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
    shape = (len(rows), max(1, len(vocabulary)))
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
    shape = (len(rows), max(1, len(vocabulary)))
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


def _sparse_candidate_links(
    units: Sequence[Unit], scores: SparseScores, threshold: float
) -> list[tuple[int, int]]:
    """:func:`_candidate_links` over the sparse graph: each sentence's two best links to each
    other outlet, ties broken by identity, each pair once, strongest first."""
    n = len(units)
    if threshold < scores.floor:
        raise ValueError(f"links from {threshold} asked of scores kept from {scores.floor}")
    by_rank, _ = _by_outlet(units)
    rank = np.empty(n, dtype=np.int64)
    rank[by_rank] = np.arange(n)
    clears = scores.values >= threshold
    i, j = scores.rows[clears], scores.columns[clears]
    a, b = np.divmod(np.unique(np.minimum(i, j) * n + np.maximum(i, j)), n)
    # the score of (a, b) as the dense matrix holds it, row a's: the shared weight (the same
    # both ways) of the link kept from either side, scaled as score_matrix scales it
    if scores._dense is not None:
        forward = scores._dense[a, b]
    else:
        keys = np.minimum(scores.rows, scores.columns) * n + np.maximum(scores.rows, scores.columns)
        sorter = np.argsort(keys, kind="stable")
        at = sorter[np.searchsorted(keys, a * n + b, sorter=sorter)]
        forward = scores.shared[at] * scores._hundred[a]
        forward *= scores._inverse[b]
    ra, rb = rank[a], rank[b]
    order = np.lexsort((np.maximum(ra, rb), np.minimum(ra, rb), -forward))
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


def _needed(
    a: dict[str, list[int]], b: dict[str, list[int]], threshold: float, join: float
) -> float:
    """The average score two groups need to merge: ``join`` for a sentence of an outlet the
    fact already holds (its neighbour, since two sentences of an outlet are consecutive),
    ``threshold`` otherwise."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(large) > 1 and len(small) == 1 and next(iter(small)) in large:
        return join
    return threshold


def cluster(
    units: Sequence[Unit],
    scores: np.ndarray | SparseScores,
    threshold: float = LINK_THRESHOLD,
    join: float = JOIN_THRESHOLD,
) -> list[list[int]]:
    """Groups of unit indices that state the same thing (facts and single sentences).

    Groups merge when their average score clears ``threshold`` (the null model's: chance
    links are rare, so chance facts are rarer still); the neighbour of one of a fact's
    sentences joins it when its average score with the fact clears ``join`` (a second
    sentence that says "he" where the first named him).
    """
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

    join = min(join, threshold)
    if isinstance(scores, SparseScores):
        links = _sparse_candidate_links(units, scores, join)
    else:
        links = _candidate_links(units, scores, join)
    for i, j in links:
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
        if cross.size and float(cross.mean()) < _needed(outlets[a], outlets[b], threshold, join):
            refused.add(key)
            continue
        parent[b] = a
        members[a] += members.pop(b)
        for outlet, indices in outlets.pop(b).items():
            outlets[a].setdefault(outlet, []).extend(indices)
    groups = [sorted(m) for m in members.values()]
    return sorted(groups, key=lambda g: g[0])


# The verdict: two outlets report one event when they share more facts than chance gives
# with probability SIGNIFICANCE (Poisson, with NULL_RATE chance links per sentence pair).
SIGNIFICANCE = 0.01


def chance_links(sentences_a: int, sentences_b: int) -> float:
    """Chance links expected between two unrelated articles of these lengths."""
    return sentences_a * sentences_b * NULL_RATE


def chance_of(shared: int, expected: float) -> float:
    """The probability of at least ``shared`` chance links when ``expected`` are expected."""
    term = math.exp(-expected)
    below = 0.0
    for k in range(shared):
        below += term
        term *= expected / (k + 1)
    return max(0.0, 1.0 - below)


@dataclass(frozen=True, slots=True)
class OutletPair:
    """The evidence that two outlets report one event."""

    a: str
    b: str
    facts: int  # facts carried by both
    expected: float  # chance links two unrelated articles of their lengths expect
    concepts: tuple[str, ...]  # glossary concepts both name

    @property
    def chance(self) -> float:
        return chance_of(self.facts, self.expected)

    @property
    def significant(self) -> bool:
        return self.facts > 0 and self.chance <= SIGNIFICANCE


def outlet_pairs(units: Sequence[Unit], facts: Sequence[Sequence[int]]) -> list[OutletPair]:
    """Every pair of outlets with the facts they share against what chance would give."""
    sizes: dict[str, int] = {}
    concepts: dict[str, set[str]] = {}
    for u in units:
        sizes[u.outlet] = sizes.get(u.outlet, 0) + 1
        concepts.setdefault(u.outlet, set()).update(u.concepts)
    shared: dict[tuple[str, str], int] = {}
    for group in facts:
        for pair in itertools.combinations(sorted({units[i].outlet for i in group}), 2):
            shared[pair] = shared.get(pair, 0) + 1
    return [
        OutletPair(
            a,
            b,
            shared.get((a, b), 0),
            chance_links(sizes[a], sizes[b]),
            tuple(sorted(concepts[a] & concepts[b])),
        )
        for a, b in itertools.combinations(sorted(sizes), 2)
    ]


def event_outlets(units: Sequence[Unit], facts: Sequence[Sequence[int]]) -> set[str]:
    """The outlets that report one event: the largest set joined by significant pairs (the
    one with more facts, then the first by name, on a tie); empty when no pair is."""
    links: dict[str, set[str]] = {}
    for pair in outlet_pairs(units, facts):
        if pair.significant:
            links.setdefault(pair.a, set()).add(pair.b)
            links.setdefault(pair.b, set()).add(pair.a)
    components: list[set[str]] = []
    for start in sorted(links):
        if any(start in c for c in components):
            continue
        seen, todo = {start}, [start]
        while todo:
            for other in links[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        components.append(seen)
    if not components:
        return set()

    def weight(component: set[str]) -> tuple[int, int]:
        inside = sum(1 for g in facts if len({units[i].outlet for i in g} & component) > 1)
        return len(component), inside

    return max(components, key=weight)  # max keeps the first (by name) of equals
