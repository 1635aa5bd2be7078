"""Alignment on real news nobody on the project wrote (../shared/data; skipped when absent):
the floors of benchmarks/align_bench.py, which prints the same figures beside the baseline."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import shared_data
from evaluate_align import (
    Method,
    ecb_long_articles,
    ecb_null_units,
    ecb_same_event,
    ecb_unrelated,
    load_jsonl,
    null_scores,
    wmt_documents,
    wmt_null_units,
    wmt_same_document,
    wmt_unrelated,
)

from xlate.compare.scores import LINK_THRESHOLD, NULL_RATE
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary

pytestmark = pytest.mark.shared
ALL_DOMAINS = ("news", "social", "ecommerce", "conversational")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


@pytest.fixture(scope="module")
def ecb() -> list[dict[str, Any]]:
    return load_jsonl(shared_data("events", "ecbplus.jsonl"))


def wmt(domains: tuple[str, ...], min_sentences: int) -> list[dict[str, Any]]:
    paths = [shared_data("wmt22", "ru-en.jsonl"), shared_data("wmt22", "ja-en.jsonl")]
    return wmt_documents(paths, domains, min_sentences)


def test_ecb_same_event_links_are_precise(ecb: list[dict[str, Any]], glossary: Glossary) -> None:
    rates = ecb_same_event(ecb, Method(), glossary)
    assert rates.groups == 86
    assert rates.precision >= 0.9, rates
    assert rates.facts_per_group >= 3, rates


def test_three_unrelated_topics_give_at_most_one_fact_in_ten_groups(
    ecb: list[dict[str, Any]], glossary: Glossary
) -> None:
    assert ecb_unrelated(ecb, Method(), glossary, groups=100) <= 0.1


def test_wmt22_renderings_of_one_document_align(glossary: Glossary) -> None:
    rates = wmt_same_document(wmt(("news",), 5), Method(), glossary)
    assert rates.precision >= 0.95, rates
    assert rates.recall >= 0.9, rates


def test_three_different_wmt22_documents_share_almost_nothing(glossary: Glossary) -> None:
    assert wmt_unrelated(wmt(("news",), 5), Method(), glossary, groups=100) <= 0.1


@pytest.mark.parametrize("corpus", ["ecb", "wmt22"])
def test_the_null_model_gives_the_threshold_in_code(
    corpus: str, ecb: list[dict[str, Any]], glossary: Glossary
) -> None:
    if corpus == "ecb":
        null = null_scores(ecb_null_units(ecb, glossary))
    else:
        null = null_scores(wmt_null_units(wmt(ALL_DOMAINS, 1), glossary))
    assert 1600 * null.rate(LINK_THRESHOLD) <= 0.02  # two unrelated 40-sentence articles
    assert null.threshold() <= LINK_THRESHOLD
    assert null.rate(LINK_THRESHOLD) <= NULL_RATE * 1.0001


def test_long_articles_about_different_events_give_no_facts(
    ecb: list[dict[str, Any]], glossary: Glossary
) -> None:
    # Five ECB+ documents of one event read as one article of about 80 sentences.
    unrelated_empty, same_shared, _ = ecb_long_articles(ecb, Method(), glossary)
    assert unrelated_empty >= 0.85
    assert same_shared >= 0.85


def _sparse(items: Any) -> Any:
    from xlate.compare.scores import SparseScores

    return SparseScores(items, cells=2_000, dense=0)  # a few rows at a time, never the dense matrix


def _whole(items: Any) -> Any:
    from xlate.compare.scores import SparseScores

    return SparseScores(items)  # the matrix of distinct sentences, as compare runs it


@pytest.mark.parametrize("scorer", [_sparse, _whole])
def test_sparse_scores_find_the_dense_facts_on_real_groups(
    ecb: list[dict[str, Any]], glossary: Glossary, scorer: Any
) -> None:
    sparse = Method(scorer)
    assert ecb_same_event(ecb, sparse, glossary) == ecb_same_event(ecb, Method(), glossary)
    assert ecb_unrelated(ecb, sparse, glossary, groups=30) == ecb_unrelated(
        ecb, Method(), glossary, groups=30
    )
    docs = wmt(("news",), 5)
    assert wmt_same_document(docs, sparse, glossary) == wmt_same_document(docs, Method(), glossary)
