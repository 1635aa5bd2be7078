"""`xlate history` on the WMT22 edit corpus (tests/evaluate_history.py): changes found with
precision and recall of 0.95 or more on both halves, in English and with Russian and Japanese
versions translated through a memory of the references, and no move ever reported as a deletion
and an addition. benchmarks/history_bench.py prints the figures beside a plain sentence diff."""

from __future__ import annotations

import pytest
from conftest import shared_data
from evaluate_history import corpus, found_changes, score

pytestmark = pytest.mark.shared


@pytest.mark.parametrize("side", ["ref", "src"], ids=["english", "ru-ja-through-memory"])
@pytest.mark.parametrize("half", [0, 1], ids=["tuning", "held-out"])
def test_the_edit_corpus(half: int, side: str) -> None:
    cases = corpus(shared_data("wmt22"), side)[half]
    assert len(cases) > 100
    found = score(cases, found_changes)
    assert found["precision"] >= 0.95 and found["recall"] >= 0.95, found
    assert found["moves as delete+add"] == 0
    if side == "ref":  # the source side has no rewording
        assert found["rewordings as rewordings"] >= 0.8, found
