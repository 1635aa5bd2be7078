"""Measuring alignment against references: hand-annotated facts, and ECB+ events.

Used by the tests (floors) and by ``benchmarks/align_bench.py`` (the figures).
"""

from __future__ import annotations

import itertools
import json
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from xlate.compare.align import Unit, cluster, score_matrix
from xlate.compare.report import Report


def _cross_pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    """Pairs of members (``outlet:index``) of one group that come from different outlets."""
    return {
        (a, b)
        for group in groups
        for a, b in itertools.combinations(sorted(group), 2)
        if a.split(":")[0] != b.split(":")[0]
    }


def fact_precision_recall(
    report: Report, annotated: Mapping[str, Sequence[str]]
) -> tuple[float, float]:
    """Pairwise precision and recall of the report's facts against annotated ones."""
    predicted = _cross_pairs([f"{m.outlet}:{m.index}" for m in f.members] for f in report.facts)
    gold = _cross_pairs(annotated.values())
    hits = len(predicted & gold)
    return (hits / len(predicted) if predicted else 0.0, hits / len(gold) if gold else 0.0)


def load_facts(path: str | Path) -> dict[str, list[str]]:
    facts: dict[str, list[str]] = json.loads(Path(path).read_text(encoding="utf-8"))["facts"]
    return facts


def ecb_rates(path: str | Path, seed: int = 3) -> tuple[float, float, float, int, int]:
    """ECB+: facts per group of three same-event documents, the share of such groups that
    share a fact, and facts linking two similar events per mixed group; and group counts.

    Same-event groups are three documents of one subtopic; mixed groups take two documents of
    one subtopic and one of the other subtopic of the same topic (a similar, different event).
    """
    docs = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    events_of_topic: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        by_event[str(doc["subtopic"])].append(doc)
        events_of_topic[str(doc["topic"])].add(str(doc["subtopic"]))
    event = {str(d["doc"]): str(d["subtopic"]) for d in docs}
    rng = random.Random(seed)
    same, mixed = [], []
    for topic in sorted(t for t, e in events_of_topic.items() if len(e) == 2):
        a, b = sorted(events_of_topic[topic])
        same += [rng.sample(by_event[e], 3) for e in (a, b) if len(by_event[e]) >= 3]
        if len(by_event[a]) >= 2:
            mixed.append(rng.sample(by_event[a], 2) + rng.sample(by_event[b], 1))

    def facts(group: list[dict[str, Any]], across_events: bool) -> int:
        units = [
            Unit(str(d["doc"]), i, s, frozenset())
            for d in group
            for i, s in enumerate(d["sentences"])
            if len(s.split()) >= 5
        ]
        groups = cluster(units, score_matrix(units))
        key = (lambda u: event[u.outlet]) if across_events else (lambda u: u.outlet)
        return sum(1 for g in groups if len({key(units[i]) for i in g}) > 1)

    same_counts = [facts(g, False) for g in same]
    cross_counts = [facts(g, True) for g in mixed]
    return (
        sum(same_counts) / len(same),
        sum(c > 0 for c in same_counts) / len(same),
        sum(cross_counts) / len(mixed),
        len(same),
        len(mixed),
    )
