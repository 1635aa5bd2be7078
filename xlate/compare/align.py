"""Cross-outlet alignment: which sentences of different outlets state the same thing.

Sentences are compared by the *information* they share, not by shared letters. Each English
sentence becomes a set of terms: content-word stems, numbers and dates, glossary concepts
(language-independent anchors found on the source side), and the words inside its quotations.
Each term weighs what it tells: a word's weight grows as it gets rarer in general English
(wordfreq's frequency list): "the" weighs nothing, "said", "president" or "government" about
2, "sanctions" or "elephant" 3.5, a name such as "Rudenko" 6 to 7; numbers and dates weigh 4,
glossary concepts 4 on top of their words. A concept that stands for others counts as them:
a capital or an institution as its country ("Tokyo", "the Japanese government": Japan), a
compound as its parts (sanctions against Russia: sanctions, Russia). The score of two
sentences is the weight they share over the geometric mean of their own weights (0-100),
plus the weight of quoted words both quote (a quote counts only when the quoted words
overlap). Every pair of sentences of different outlets is scored at once by sparse matrix
products (scipy), each distinct sentence once (copies score alike); past ``DENSE_SENTENCES``
distinct sentences, :class:`SparseScores` scores a block of rows at a time, each sentence only
against those it shares a term with, and keeps only each sentence's best links, so memory grows
with the sentences, not their square (the facts are the same). Outlets order their facts
differently, so nothing assumes monotonic order.

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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from xlate.compare.lexicon import pile_terms
from xlate.compare.scores import (
    JOIN_THRESHOLD,
    LINK_THRESHOLD,
    MAX_PER_OUTLET,
    NULL_RATE,
    SparseScores,
    by_outlet,
    mean_reaches,
)
from xlate.compare.stems import synonym_groups
from xlate.compare.terms import (
    MIN_INFORMATION,
    Unit,
    disputed_weights,
    quotes_apart,
    unit_terms,
)


def _candidate_links(
    units: Sequence[Unit], scores: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Links that may start a merge, strongest first (ties in index order).

    A fact holds at most two sentences of an outlet, so only a sentence's two best links to
    each other outlet can ever join it to a fact; weaker links still count in the average
    that every merge must clear.
    """
    n = len(units)
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # Ties break by the sentences' identities (outlet, index), not their positions, so the
    # result does not depend on the order the units came in. In rank order the columns of
    # each outlet are contiguous, and argmax (the first maximum) prefers the lower rank.
    by_rank, bounds = by_outlet(units)
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
    return _strongest_first(a, b, rank, scores[a, b])


def _sparse_candidate_links(
    units: Sequence[Unit], scores: SparseScores, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_candidate_links` over the sparse graph: each sentence's two best links to each
    other outlet, ties broken by identity, each pair once, strongest first."""
    n = len(units)
    if threshold < scores.floor:
        raise ValueError(f"links from {threshold} asked of scores kept from {scores.floor}")
    by_rank, _ = by_outlet(units)
    rank = np.empty(n, dtype=np.int64)
    rank[by_rank] = np.arange(n)
    clears = np.flatnonzero(scores.values >= threshold)
    i, j = scores.rows[clears], scores.columns[clears]
    keys = np.minimum(i, j) * n + np.maximum(i, j)
    sorter = np.argsort(keys, kind="stable")  # timsort: the links come in runs
    keys = keys[sorter]
    first = np.ones(keys.size, dtype=bool)  # each pair once, from either side
    first[1:] = keys[1:] != keys[:-1]
    a, b = np.divmod(keys[first], n)
    # the score of (a, b) as the dense matrix holds it, row a's: the shared weight (the same
    # both ways) of the link kept from either side, scaled as score_matrix scales it
    forward = scores.shared[clears[sorter[first]]] * scores._hundred[a]
    forward *= scores._inverse[b]
    return _strongest_first(a, b, rank, forward)


def _strongest_first(
    a: np.ndarray, b: np.ndarray, rank: np.ndarray, score: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(a, b)`` (each once) by descending ``score``, ties by the pair's ranks (the
    lower first, then the higher), as two arrays: one end of each link, then the other."""
    ra, rb = rank[a], rank[b]
    pair = np.minimum(ra, rb) * max(1, rank.size) + np.maximum(ra, rb)  # unique per pair
    ordered = pair.size < 2 or bool(np.all(pair[1:] > pair[:-1]))  # units in identity order
    by_pair = np.arange(pair.size) if ordered else np.argsort(pair, kind="stable")
    order = by_pair[np.argsort(-score[by_pair], kind="stable")]
    return a[order], b[order]


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


def _reaches(
    scores: np.ndarray | SparseScores, rows: list[int], columns: list[int], needed: float
) -> bool:
    """Whether the average score of ``rows`` against ``columns`` (pairs of different
    outlets) reaches ``needed``, or there is no such pair."""
    if isinstance(scores, SparseScores):
        return scores.reaches(rows, columns, needed)
    return mean_reaches(scores[np.array(rows)[:, None], columns], needed)


def shares_more_than_one_thing(
    a: Unit, b: Unit, terms: tuple[dict[str, float], dict[str, float]] | None = None
) -> bool:
    """Whether two sentences share more than one thing, so that their link may join them:
    two words, names or values, or one and a synonym of another word ("Lavrov spoke" and
    "Lavrov arrived" share one name, with its glossary concept: no fact). Concepts stand for
    words already counted; a synonym group both words of which are shared counts nothing."""
    pa, pb = terms if terms is not None else (unit_terms(a)[0], unit_terms(b)[0])
    shared = pa.keys() & pb.keys()
    things = [t for t in shared if t[0] not in "@~"]
    if len(things) > 1:
        return True
    if not things and not any(t[0] == "~" for t in shared):
        return False
    groups = synonym_groups()
    said = {g for t in things for g in groups.get(t, ())}
    return any(t[0] == "~" and t not in said for t in shared) and bool(things)


# A pair that disagrees on a figure is scored as if it agreed (_second_look) from this
# score up. Lower, unrelated sentences that each give a year or a count link by chance in long
# articles of different topics (benchmarks/align_bench.py, "groups with no fact": 78% from 25,
# 88% from 29, 92% from 32, 95% from 35, against 98% without the rule), and reports of two
# similar events (two earthquakes) join on their figures (verdict_bench.py, similar events
# told apart: 0.350 from 32, 0.400 from 36, 0.425 without the rule); changed-number pairs
# linked, tuning half of facts_bench.py: 0.885 from 25 to 36, 0.870 from 39.
DISPUTE_FLOOR = 36.0
# A pair of single sentences scoring this much and sharing this share of their words, function
# words included, is linked (_second_look). Tuning half of facts_bench.py, pairs scoring 25
# to the threshold: 45 same-fact pairs and no other sentence of their article share 0.3 of
# their words. Chance links between unrelated 40-sentence outlets (facts_bench.py) from a
# score of 25: 0.017 per pair; from 30: 0.013 (same-fact recall 0.883 / 0.869), so 30.
SURFACE_FLOOR = 30.0
SURFACE_OVERLAP = 0.3


def _second_look(
    units: Sequence[Unit],
    scores: np.ndarray | SparseScores,
    i: int,
    j: int,
    needed: float,
    plain: Callable[[int], dict[str, float]],
) -> bool:
    """Whether two single sentences whose score falls short of ``needed`` are one fact
    after all, on a second look:

    - they disagree on a figure (each gives in one slot a value the other lacks: 17 / 18
      migrants, 19.3% / 29.3%) and reach ``needed`` scored as if they agreed on it: that is
      a candidate conflict for the report to show, not evidence that the two say different
      things (from a score of :data:`DISPUTE_FLOOR`);
    - or their words, function words included, overlap as two renderings of one sentence do
      (word Jaccard :data:`SURFACE_OVERLAP` or more, from a score of :data:`SURFACE_FLOOR`):
      two translations of one wire sentence that chose different words for its content.
    """
    score = float(scores.score(i, j) if isinstance(scores, SparseScores) else scores[i, j])
    if score < min(DISPUTE_FLOOR, SURFACE_FLOOR):
        return False
    a, b = units[i].english, units[j].english
    if score >= SURFACE_FLOOR and word_overlap(a, b) >= SURFACE_OVERLAP:
        return True
    if score < DISPUTE_FLOOR:
        return False
    disputed_a, disputed_b = disputed_weights(a, b)
    if not (disputed_a and disputed_b):
        return False
    own_a, own_b = (sum(plain(k).values()) for k in (i, j))
    norm = math.sqrt(max(own_a, MIN_INFORMATION) * max(own_b, MIN_INFORMATION))
    return score + 100.0 * (disputed_a + disputed_b) / 2 / norm >= needed


def templated(
    units: Sequence[Unit], plain: Callable[[int], dict[str, float]] | None = None
) -> set[int]:
    """The units whose words, numbers aside, another sentence of their outlet repeats: the
    lines of a template (a price list, "Mattress Dimax, size 160x190"; a daily index report),
    which only their figures tell apart. A link of one to a sentence that gives other
    figures in a slot is no link (their figures are no candidate conflict), and they get no
    second look (:func:`_second_look`)."""
    seen: dict[tuple[str, frozenset[str]], set[str]] = {}
    where: dict[tuple[str, frozenset[str]], list[int]] = {}
    for k, u in enumerate(units):
        terms = plain(k) if plain is not None else unit_terms(u)[0]
        words = frozenset(t for t in terms if t[0] != "#")
        if words:
            key = (u.outlet, words)
            seen.setdefault(key, set()).add(u.english)
            where.setdefault(key, []).append(k)
    return {k for key, ks in where.items() if len(seen[key]) > 1 for k in ks}


_TOKEN = re.compile(r"\w+")


def word_overlap(a: str, b: str) -> float:
    """Jaccard of two sentences' lower-case words, function words included."""
    x, y = set(_TOKEN.findall(a.lower())), set(_TOKEN.findall(b.lower()))
    return len(x & y) / len(x | y) if x and y else 0.0


def _scored_terms(
    units: Sequence[Unit],
    scores: np.ndarray | SparseScores,
    terms: Sequence[dict[str, float]] | None,
) -> Callable[[int], dict[str, float]]:
    """Unit k's plain terms as its scores were computed from them: :class:`SparseScores`
    holds them; a matrix's are ``terms``, else the pile's (:func:`pile_terms`, computed on
    first use)."""
    if isinstance(scores, SparseScores):
        return scores.terms
    known: list[dict[str, float]] = list(terms) if terms is not None else []

    def computed(k: int) -> dict[str, float]:
        if not known:
            known.extend(plain for plain, _ in pile_terms(units))
        return known[k]

    return computed


def _unlinkable(
    units: Sequence[Unit],
    x: int,
    y: int,
    plain: Callable[[int], dict[str, float]],
    lines: set[int],
) -> bool:
    """Whether the link of sentences ``x`` and ``y`` joins nothing, whatever it scores: they
    share one thing only, or quote different statements, or one is a template's line (its
    figures tell its lines apart) and they give other figures in a slot."""
    a, b = units[x], units[y]
    if not shares_more_than_one_thing(a, b, (plain(x), plain(y))) or quotes_apart(a, b):
        return True
    return (x in lines or y in lines) and any(disputed_weights(a.english, b.english))


LINKS_AT_ONCE = 4096  # links checked at once for the groups that have joined their ends


def cluster(
    units: Sequence[Unit],
    scores: np.ndarray | SparseScores,
    threshold: float = LINK_THRESHOLD,
    join: float = JOIN_THRESHOLD,
    *,
    terms: Sequence[dict[str, float]] | None = None,
    by_terms: bool = True,
) -> list[list[int]]:
    """Groups of unit indices that state the same thing (facts and single sentences).

    Groups merge when their average score clears ``threshold`` (the null model's: chance
    links are rare, so chance facts are rarer still); the neighbour of one of a fact's
    sentences joins it when its average score with the fact clears ``join`` (a second
    sentence that says "he" where the first named him).

    The scores are the sentences' term scores, and the term rules apply (no link on one
    shared thing, a template's lines, the second look), on the terms they were computed
    from: :class:`SparseScores` holds them; for a matrix, ``terms`` gives each unit's plain
    terms (by default :func:`xlate.compare.lexicon.pile_terms` of ``units``, as
    :func:`score_matrix` scores them). With ``by_terms`` False the scores are of another
    kind (the quotes' fuzzy ratios) and only the thresholds and the outlet rules apply.
    """
    n = len(units)
    root = list(range(n))  # each unit's group, named by one of its units
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    outlets: dict[int, dict[str, list[int]]] = {
        i: {u.outlet: [u.index]} for i, u in enumerate(units)
    }
    refused: set[tuple[int, int, int, int]] = set()  # (a, size a, b, size b): groups only grow
    join = min(join, threshold)
    if isinstance(scores, SparseScores):
        first, second = _sparse_candidate_links(units, scores, join)
    else:
        first, second = _candidate_links(units, scores, join)
    size = [1] * n  # of each group, by its name
    plain = _scored_terms(units, scores, terms)
    lines = templated(units, plain) if by_terms else set()
    for lo in range(0, first.size, LINKS_AT_ONCE):
        # Groups only grow: a link inside one group now stays inside one, and is passed over.
        now = np.array(root, dtype=np.int64)
        i, j = first[lo : lo + LINKS_AT_ONCE], second[lo : lo + LINKS_AT_ONCE]
        apart = now[i] != now[j]
        pairs = zip(i[apart].tolist(), j[apart].tolist(), strict=True)
        for x, y in pairs:
            a, b = root[x], root[y]  # the groups' names now (a root stays its own name)
            if a == b:
                continue
            key = (a, size[a], b, size[b])
            if key in refused or (by_terms and _unlinkable(units, x, y, plain, lines)):
                continue
            if not _outlets_fit(outlets[a], outlets[b]):
                refused.add(key)
                continue
            needed = _needed(outlets[a], outlets[b], threshold, join)
            if not _reaches(scores, members[a], members[b], needed) and not (
                by_terms
                and size[a] == size[b] == 1
                and not {a, b} & lines
                and _second_look(units, scores, a, b, needed, plain)
            ):
                refused.add(key)
                continue
            for m in members[b]:
                root[m] = a
            size[a] += size[b]
            members[a] += members.pop(b)
            for outlet, indices in outlets.pop(b).items():
                outlets[a].setdefault(outlet, []).extend(indices)
    groups = [sorted(m) for m in members.values()]
    return sorted(groups, key=lambda g: g[0])


# The verdict: two outlets report one event when they share more facts than chance gives
# with probability SIGNIFICANCE (Poisson, with NULL_RATE chance links per sentence pair), or
# when their articles are alike as `xlate events` groups articles (xlate.compare.alike).
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
    alike: bool = False  # ``xlate events`` puts their articles in one group
    apart: bool = False  # ... in two different groups of several articles each

    @property
    def chance(self) -> float:
        return chance_of(self.facts, self.expected)

    @property
    def significant(self) -> bool:
        return self.facts > 0 and self.chance <= SIGNIFICANCE

    @property
    def joined(self) -> bool:
        """Whether the two report one event: their articles are alike, or they share more
        facts than chance and their articles are not apart. Two articles that ``xlate
        events`` puts with others, in two different groups, tell two events even when they
        share a few facts: two earthquakes' magnitudes and background
        (``benchmarks/verdict_bench.py``, two similar events told apart)."""
        return self.alike or (self.significant and not self.apart)


def outlet_pairs(
    units: Sequence[Unit],
    facts: Sequence[Sequence[int]],
    alike: Sequence[Collection[str]] = (),
    apart: Sequence[Collection[str]] | None = None,
) -> list[OutletPair]:
    """Every pair of outlets with the facts they share against what chance would give, and
    whether their articles are alike (in one group of ``alike``: outlets whose articles are
    grouped together, each group of two or more) or apart (in two groups of ``apart``,
    ``alike`` when not given)."""
    sizes: dict[str, int] = {}
    concepts: dict[str, set[str]] = {}
    for u in units:
        sizes[u.outlet] = sizes.get(u.outlet, 0) + 1
        concepts.setdefault(u.outlet, set()).update(u.concepts)
    names = sorted(sizes)
    group_of = {o: k for k, members in enumerate(alike) for o in members}
    split_of = {
        o: k for k, members in enumerate(alike if apart is None else apart) for o in members
    }
    code = {name: k for k, name in enumerate(names)}
    carries = np.zeros((len(facts), len(names)), dtype=np.int64)  # fact x outlet: carried
    for f, group in enumerate(facts):
        carries[f, [code[units[i].outlet] for i in group]] = 1
    shared = (carries.T @ carries).tolist()  # facts each two outlets carry both
    return [
        OutletPair(
            names[a],
            names[b],
            shared[a][b],
            chance_links(sizes[names[a]], sizes[names[b]]),
            tuple(sorted(concepts[names[a]] & concepts[names[b]])),
            _same_group(group_of.get(names[a]), group_of.get(names[b])),
            _other_groups(split_of.get(names[a]), split_of.get(names[b])),
        )
        for a, b in itertools.combinations(range(len(names)), 2)
    ]


def _same_group(a: int | None, b: int | None) -> bool:
    return a is not None and a == b


def _other_groups(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and a != b


def _joined_components(pairs: Sequence[OutletPair]) -> list[set[str]]:
    """The outlets joined pair by pair, alike pairs first, then the pairs sharing most facts:
    a join that would put two outlets whose articles are apart in one set is not made (an
    outlet in no group that shares facts with two groups does not merge them)."""
    apart: dict[str, set[str]] = {}
    for p in pairs:
        if p.apart:
            apart.setdefault(p.a, set()).add(p.b)
            apart.setdefault(p.b, set()).add(p.a)
    member: dict[str, set[str]] = {}
    for p in sorted(
        (p for p in pairs if p.joined), key=lambda p: (not p.alike, -p.facts, p.chance, p.a, p.b)
    ):
        ours = member.setdefault(p.a, {p.a})
        theirs = member.setdefault(p.b, {p.b})
        if ours is theirs:
            continue
        small, large = (ours, theirs) if len(ours) <= len(theirs) else (theirs, ours)
        if any(not apart.get(o, set()).isdisjoint(large) for o in small):
            continue
        large |= small
        for o in small:
            member[o] = large
    found: list[set[str]] = []
    for component in member.values():
        if not any(component is c for c in found):
            found.append(component)
    return found


def event_outlets(
    units: Sequence[Unit],
    facts: Sequence[Sequence[int]],
    pairs: Sequence[OutletPair] | None = None,
) -> set[str]:
    """The outlets of the main event: the largest set of joined pairs (the one
    with more facts, then the first by name, on a tie); empty when no pair is.
    ``pairs``: :func:`outlet_pairs` of these facts, when known already."""
    events = events_of(units, facts, pairs)
    return set(events[0]) if events else set()


def events_of(
    units: Sequence[Unit],
    facts: Sequence[Sequence[int]],
    pairs: Sequence[OutletPair] | None = None,
) -> list[tuple[str, ...]]:
    """The events the outlets report: each a set of outlets joined pair by pair
    (:attr:`OutletPair.joined`: their articles are alike, or they share more facts than
    chance), directly or through another outlet of the set, its outlets sorted by name. The
    largest first, then the one with more facts inside, then by its first outlet's name; an
    outlet in no joined pair is in none.
    ``pairs``: :func:`outlet_pairs` of these facts, when known already."""
    pairs = outlet_pairs(units, facts) if pairs is None else pairs
    components = _joined_components(pairs)
    outlet_sets = [{units[i].outlet for i in g} for g in facts]

    def weight(component: set[str]) -> tuple[int, int, str]:
        inside = sum(1 for carried in outlet_sets if len(carried & component) > 1)
        return -len(component), -inside, min(component)

    return [tuple(sorted(c)) for c in sorted(components, key=weight)]
