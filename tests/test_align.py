"""The aligner's scorer and verdict arithmetic, on the sample bundle and small cases."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from conftest import SAMPLES
from evaluate_align import score_matrix

from xlate.compare import scores as pair_scores
from xlate.compare import terms, weights
from xlate.compare.align import (
    _candidate_links,
    _sparse_candidate_links,
    chance_of,
    cluster,
    event_outlets,
)
from xlate.compare.lexicon import pile_terms
from xlate.compare.prepare import prepare_outlets, units
from xlate.compare.scores import SparseScores
from xlate.compare.terms import Unit
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.ingest.bundle import load_manifest


@pytest.fixture(scope="module")
def sample_units() -> list[Unit]:
    glossary = load_glossary([default_glossary_path()])[0]
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, _ = prepare_outlets([str(SAMPLES)], chain, glossary)
    return units(outlets)


def test_the_dense_and_the_sparse_products_give_the_same_scores(
    sample_units: list[Unit], monkeypatch: pytest.MonkeyPatch
) -> None:
    dense = score_matrix(sample_units)
    monkeypatch.setattr(weights, "DENSE_PRODUCT", 0)  # force scipy's sparse product
    assert np.array_equal(score_matrix(sample_units), dense)


@pytest.mark.parametrize(
    "texts",
    [
        ["", "the of and", "..."],  # nothing informative: no term at all
        ["Rudenko", "Rudenko"],  # one shared name is not a fact: the weight floor holds it
    ],
)
def test_sentences_with_little_information_score_low(texts: list[str]) -> None:
    items = [Unit(f"o{k}", 0, t, frozenset()) for k, t in enumerate(texts)]
    scores = score_matrix(items)
    assert np.all(scores[~np.eye(len(items), dtype=bool)] < pair_scores.LINK_THRESHOLD)


def test_identical_informative_sentences_score_100() -> None:
    text = "Rudenko said Moscow would answer Tokyo's sanctions of 12 November."
    items = [Unit("a", 0, text, frozenset({"rudenko"})), Unit("b", 0, text, frozenset({"rudenko"}))]
    assert score_matrix(items)[0, 1] == pytest.approx(100.0, abs=1e-3)


@pytest.mark.parametrize(
    ("shared", "expected", "chance"),
    [(0, 0.5, 1.0), (1, 0.02, 1 - math.exp(-0.02)), (2, 0.3, 1 - math.exp(-0.3) * 1.3)],
)
def test_the_chance_of_links_is_poisson(shared: int, expected: float, chance: float) -> None:
    assert chance_of(shared, expected) == pytest.approx(chance)


def _units(sizes: dict[str, int]) -> list[Unit]:
    return [Unit(o, i, "", frozenset()) for o, n in sizes.items() for i in range(n)]


@pytest.mark.parametrize(
    ("facts", "event"),
    [
        ([], set()),  # nothing shared
        ([[("a", 0), ("b", 0)]], {"a", "b"}),  # one fact between short articles is significant
        ([[("a", 0), ("b", 0)], [("b", 1), ("c", 1)]], {"a", "b", "c"}),  # joined through b
        ([[("a", 0), ("b", 0)], [("a", 1), ("b", 1)], [("c", 2), ("d", 2)]], {"a", "b"}),
    ],
)
def test_the_event_is_the_largest_set_of_outlets_joined_by_significant_pairs(
    facts: list[list[tuple[str, int]]], event: set[str]
) -> None:
    items = _units({"a": 10, "b": 10, "c": 10, "d": 10})
    where = {(u.outlet, u.index): k for k, u in enumerate(items)}
    groups = [[where[m] for m in fact] for fact in facts]
    assert event_outlets(items, groups) == event


def test_one_fact_between_long_articles_is_not_enough() -> None:
    items = _units({"a": 400, "b": 400})  # 160,000 pairs: two chance links expected
    assert event_outlets(items, [[0, 400]]) == set()
    assert event_outlets(items, [[k, 400 + k] for k in range(8)]) == {"a", "b"}


@pytest.mark.parametrize(
    ("concept", "implies"),
    [
        ("tokyo", {"japan"}),  # a capital for its country
        ("kremlin", {"russia"}),  # a seat of power for its country
        ("jp-government", {"japan", "government"}),  # an institution for its country
        ("sanctions-against-russia", {"sanctions", "russia"}),  # a compound for its parts
        ("war-in-ukraine", {"war", "ukraine"}),
        ("tighten-sanctions", {"tighten", "sanctions"}),
        ("japan", set()),
    ],
)
def test_a_concept_implies_its_country_and_its_parts(concept: str, implies: set[str]) -> None:
    assert terms.implied_concepts(concept) == implies


def test_metonymy_links_what_no_shared_word_would() -> None:
    # "Moscow and Pyongyang" against "Russia and North Korea": no informative word in common.
    text_a = "Tokyo froze the assets of Moscow and Pyongyang."
    text_b = "Japan froze the assets of Russia and North Korea."
    a = Unit("a", 0, text_a, frozenset({"tokyo", "moscow", "pyongyang"}))
    b = Unit("b", 0, text_b, frozenset({"japan", "russia", "north-korea"}))
    untagged = Unit("c", 0, text_b, frozenset())
    scores = score_matrix([a, b, untagged])
    assert scores[0, 1] >= pair_scores.LINK_THRESHOLD > scores[0, 2]
    # A concept counts as what it stands for, with its own weight: naming Tokyo says no more.
    words = sum(w for _, w in terms.sentence_terms(text_a))
    found = terms.unit_terms(a)[0]
    assert sum(found.values()) == pytest.approx(words + 3 * terms.CONCEPT_WEIGHT)
    assert found["@japan"] == terms.CONCEPT_WEIGHT and "@tokyo" not in found


def _random_units(seed: int, outlets: int, per: int, copied: bool = False) -> list[Unit]:
    """Sentences drawn from a small vocabulary (so that many pairs share terms, and ties
    happen), with concepts and quotes, shuffled; ``copied``: drawn from 20 such sentences, so
    that most are copies of others (wire copy), in other outlets and in their own."""
    rng = random.Random(seed)
    if copied:
        pool = _random_units(seed, 1, 20)
        picks = [rng.choice(pool) for _ in range(outlets * per)]
        items = [
            Unit(f"o{k // per}", k % per, p.english, p.concepts, p.quotes)
            for k, p in enumerate(picks)
        ]
        rng.shuffle(items)
        return items
    words = "Iwaya Rudenko Tokyo Moscow sanctions banks frozen assets talks treaty 2022 12".split()
    words += "the said would of government continue war Ukraine response harsh".split()
    concepts = ["japan", "tokyo", "russia", "moscow", "sanctions-against-russia", "iwaya"]
    items = [
        Unit(
            f"o{n}",
            k,
            " ".join(rng.choices(words, k=rng.randrange(3, 12))),
            frozenset(rng.sample(concepts, rng.randrange(3))),
            tuple(
                rng.sample(
                    ["we will respond", "a harsh answer", "sanctions stay"], rng.randrange(2)
                )
            ),
        )
        for n in range(outlets)
        for k in range(per)
    ]
    rng.shuffle(items)
    return items


def _sparse(items: Sequence[Unit]) -> SparseScores:
    return SparseScores(items, cells=64, dense=0)  # a few rows at a time, never the dense matrix


# How SparseScores may run: a few rows at a time, the distinct sentences' matrix whole, and
# each sentence on its own (not merged with its copies), blocks or whole.
SPARSE_MODES: dict[str, dict[str, Any]] = {
    "blocks": {"cells": 64, "dense": 0},
    "whole": {},
    "each-blocks": {"cells": 64, "dense": 0, "merge": False},
    "each-whole": {"merge": False},
}


@pytest.mark.parametrize("mode", sorted(SPARSE_MODES))
@pytest.mark.parametrize(
    ("seed", "outlets", "per", "copied"),
    [
        *[(1, 2, 5, False), (2, 3, 30, False), (3, 5, 40, False), (4, 8, 25, False)],
        *[(5, 2, 6, True), (6, 4, 30, True), (7, 9, 20, True)],
    ],
)
def test_sparse_scores_give_the_dense_scores_and_facts(
    seed: int, outlets: int, per: int, copied: bool, mode: str
) -> None:
    items = _random_units(seed, outlets, per, copied)
    dense, sparse = score_matrix(items), SparseScores(items, **SPARSE_MODES[mode])
    everything = np.arange(len(items))
    assert np.array_equal(sparse[np.ix_(everything, everything)], dense)
    links = _candidate_links(items, dense, pair_scores.JOIN_THRESHOLD)
    found = _sparse_candidate_links(items, sparse, pair_scores.JOIN_THRESHOLD)
    assert all(np.array_equal(f, d) for f, d in zip(found, links, strict=True))
    assert cluster(items, sparse) == cluster(items, dense)
    assert cluster(items, sparse, 60.0, 40.0) == cluster(items, dense, 60.0, 40.0)
    # without the first outlet, as the report groups again without an unrelated outlet
    keep = [i for i, u in enumerate(items) if u.outlet != "o0"]
    part = [items[i] for i in keep]
    whole = [plain for plain, _ in pile_terms(items)]  # the lexicon the scores were made with
    assert cluster(part, sparse.subset(keep)) == cluster(
        part, dense[np.ix_(keep, keep)], terms=[whole[i] for i in keep]
    )
    # the kept links are each sentence's best, as the dense matrix holds them
    assert np.array_equal(sparse.values, dense[sparse.rows, sparse.columns])


@pytest.mark.parametrize(
    ("dense_share", "sort_share"), [(0, 0), (0, 1 << 40), (1 << 40, 0)]
)  # the pairs scored and sorted; scored, then made dense as most clear; dense blocks
@pytest.mark.parametrize(
    ("seed", "outlets", "per", "copied"), [(3, 5, 40, False), (6, 4, 30, True)]
)
def test_best_links_are_picked_alike_from_dense_blocks_and_sorted_pairs(
    seed: int,
    outlets: int,
    per: int,
    copied: bool,
    dense_share: int,
    sort_share: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = _random_units(seed, outlets, per, copied)
    monkeypatch.setattr(pair_scores, "DENSE_SHARE", dense_share)
    monkeypatch.setattr(pair_scores, "SORT_SHARE", sort_share)
    sparse, dense = SparseScores(items, **SPARSE_MODES["blocks"]), score_matrix(items)
    links = _candidate_links(items, dense, pair_scores.JOIN_THRESHOLD)
    found = _sparse_candidate_links(items, sparse, pair_scores.JOIN_THRESHOLD)
    assert all(np.array_equal(f, d) for f, d in zip(found, links, strict=True))
    assert np.array_equal(sparse.values, dense[sparse.rows, sparse.columns])


@pytest.mark.parametrize("floor", [0.0, -1.0])
def test_links_are_kept_only_from_a_score_above_zero(floor: float) -> None:
    # pairs that share no term are never scored (0): a floor at or below 0 would need them
    with pytest.raises(ValueError, match="above 0"):
        SparseScores(_random_units(1, 2, 5, False), floor=floor)


@pytest.mark.parametrize("mode", ["blocks", "whole"])
def test_an_average_is_decided_as_numpys_mean_decides_it(mode: str) -> None:
    # clustering's test (the mean cross-outlet score reaches the threshold), added up in
    # Python for small blocks, gives numpy's float32 answer even exactly at the threshold
    items = _random_units(11, 4, 30, False)
    sparse = SparseScores(items, **SPARSE_MODES[mode])
    dense = score_matrix(items)
    rng = random.Random(5)
    asked = 0
    for _ in range(300):
        rows = rng.sample(range(len(items)), rng.choice([1, 2, 3, 5, 25]))
        columns = rng.sample(range(len(items)), rng.choice([1, 4, 11, 30]))  # 25 x 30: numpy
        block = dense[np.ix_(rows, columns)]
        cross = block[block >= 0]
        if cross.size == 0:
            assert sparse.reaches(rows, columns, 1e9)
            continue
        mean = float(cross.mean())
        for needed in (mean, float(np.nextafter(np.float32(mean), np.float32(np.inf))), 43.5):
            asked += 1
            assert sparse.reaches(rows, columns, needed) == (mean >= needed)
    assert asked > 300


def test_the_whole_matrix_of_copies_is_the_same_through_scipy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = _random_units(8, 6, 30, copied=True)
    monkeypatch.setattr(weights, "DENSE_PRODUCT", 0)  # force scipy's sparse product
    sparse = SparseScores(items)
    assert sparse._whole is not None and len(sparse._plain) < len(items)  # copies merged
    everything = np.arange(len(items))
    assert np.array_equal(sparse[np.ix_(everything, everything)], score_matrix(items))


def test_sparse_scores_give_the_sample_bundles_facts(sample_units: list[Unit]) -> None:
    dense, sparse = score_matrix(sample_units), _sparse(sample_units)
    assert sparse.values.size > 0
    assert cluster(sample_units, sparse) == cluster(sample_units, dense)
    # the kept links are each sentence's best, as the dense matrix holds them
    assert np.array_equal(sparse.values, dense[sparse.rows, sparse.columns])


def test_a_subset_of_sparse_scores_keeps_whole_outlets(sample_units: list[Unit]) -> None:
    with pytest.raises(ValueError, match="whole outlets"):
        _sparse(sample_units).subset([0, 1])


def test_the_word_list_read_from_wordfreqs_file_is_its_api_list() -> None:
    from xlate.compare.terms import _zipf_from_api, _zipf_from_file

    fast, slow = _zipf_from_file(), _zipf_from_api()
    assert fast is not None and fast.keys() == slow.keys()
    assert max(abs(fast[w] - slow[w]) for w in fast) <= 0.011  # buckets a centibel apart
