"""How many events does a pile hold? The verdict beside the verdict from shared facts alone.

    python benchmarks/verdict_bench.py [--piles 40]

Piles of ECB+ (../shared/data/events), each compared as `xlate compare` compares articles:

- two events: two documents of one event and two of another, of different topics and (the
  hard case) of one topic's two similar events. Prints the piles reported as exactly the two
  events, those whose report lists a fact of each event, and the facts that join documents
  of different events (chance links);
- one event: 2, 3 and 4 documents of one event (every event that has them), reported as
  one event of all of them;
- similar events, small piles: one document of each of a topic's two events (three pairs a
  topic), and two of one event with one of the other, reported as one event (the pair) or
  the third document joined to an event: where the grouping has no other articles to tell
  the two events apart;
- unrelated: two documents of different topics, reported as one event.

Two columns, in one run: the verdict now (two outlets are one event when they share more
facts than chance or their articles are alike as ``xlate events`` groups them) and the
verdict from shared facts alone (the second evidence left out), which it replaced. Beside
each figure over all piles, the piles whose topics are all even: ``xlate events``' weights
and threshold were chosen on the odd topics (benchmarks/events_bench.py), so the even ones
are held out from that tuning. Nothing here is tuned: the seeds pick the piles.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import ROOT, shared_or_exit

sys.path.insert(0, str(ROOT / "tests"))

from evaluate_align import Doc, ecb_outlet, ecb_two_event_piles, load_jsonl

from xlate.compare.build import build_report
from xlate.compare.report import Report
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary

Build = Callable[[Sequence[Doc]], Report]


def _builds(glossary: Glossary) -> dict[str, Build]:
    def now(docs: Sequence[Doc]) -> Report:
        return build_report([ecb_outlet(d, glossary) for d in docs], glossary=glossary)

    def facts_alone(docs: Sequence[Doc]) -> Report:
        with mock.patch("xlate.compare.build.alike_groups", return_value=([], [])):
            return now(docs)

    return {"now": now, "facts alone": facts_alone}


def _even(docs: Sequence[Doc]) -> bool:
    return all(int(str(d["topic"])) % 2 == 0 for d in docs)


def _rate(hits: Sequence[tuple[bool, bool]]) -> str:
    """The share of hits over all piles, and over the held-out (even-topic) ones."""
    held = [h for h, even in hits if even]
    every = sum(h for h, _ in hits) / max(1, len(hits))
    return f"{every:.3f} (held out {sum(held) / max(1, len(held)):.3f} of {len(held)})"


def _two_events(piles: list[tuple[list[Doc], list[Doc]]], builds: dict[str, Build]) -> None:
    print(f"  piles: {len(piles)}")
    for name, build in builds.items():
        two, both, across = [], [], 0
        for first, second in piles:
            docs = [*first, *second]
            truth = {tuple(sorted(str(d["doc"]) for d in pair)) for pair in (first, second)}
            event = {str(d["doc"]): k for k, pair in enumerate((first, second)) for d in pair}
            report = build(docs)
            even = _even(docs)
            two.append(({e.outlets for e in report.verdict.events} == truth, even))
            kinds = [{event[o] for o in f.outlets} for f in report.facts]
            both.append(({0, 1} <= {next(iter(k)) for k in kinds if len(k) == 1}, even))
            across += sum(len(k) > 1 for k in kinds)
        print(f"  {name:<12} two events {_rate(two)}")
        print(f"  {'':<12} both events' facts {_rate(both)}, facts across events {across}")


def _one_event(by_event: dict[str, list[Doc]], builds: dict[str, Build]) -> None:
    for size in (2, 3, 4):
        rng = random.Random(11 + size)
        piles = [rng.sample(ds, size) for _, ds in sorted(by_event.items()) if len(ds) >= size]
        for name, build in builds.items():
            one = []
            for docs in piles:
                verdict = build(docs).verdict
                one.append((verdict.same_event and not verdict.unrelated, _even(docs)))
            print(f"  {size} documents, {len(piles)} piles, {name:<12} one event {_rate(one)}")


def _similar_small(by_event: dict[str, list[Doc]], builds: dict[str, Build]) -> None:
    topics: dict[str, list[str]] = {}
    for event, docs in sorted(by_event.items()):
        topics.setdefault(str(docs[0]["topic"]), []).append(event)
    rng = random.Random(3)
    pairs, triples = [], []
    for events in topics.values():
        if len(events) != 2 or len(by_event[events[0]]) < 2:
            continue
        first, second = (by_event[e] for e in events)
        pairs += [[rng.choice(first), rng.choice(second)] for _ in range(3)]
        triples.append([*rng.sample(first, 2), rng.choice(second)])
    for name, build in builds.items():
        joined = []
        for docs in pairs:
            verdict = build(docs).verdict
            joined.append((verdict.same_event and not verdict.unrelated, _even(docs)))
        third = []
        for docs in triples:
            odd_one = str(docs[2]["doc"])
            events = build(docs).verdict.events
            third.append((any(odd_one in e.outlets for e in events), _even(docs)))
        print(f"  {name:<12} {len(pairs)} pairs reported as one event {_rate(joined)}")
        print(
            f"  {'':<12} {len(triples)} triples, the other event's document joined {_rate(third)}"
        )


def _unrelated(docs: Sequence[Doc], builds: dict[str, Build], piles: int) -> None:
    rng = random.Random(3)
    pairs = []
    while len(pairs) < piles:
        a, b = rng.sample(list(docs), 2)
        if a["topic"] != b["topic"]:
            pairs.append((a, b))
    for name, build in builds.items():
        joined = [(build(pair).verdict.same_event, _even(pair)) for pair in pairs]
        print(f"  {len(pairs)} pairs, {name:<12} reported as one event {_rate(joined)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--piles", type=int, default=40, help="two-event piles of each kind (40)")
    parser.add_argument("--unrelated", type=int, default=200, help="unrelated pairs (200)")
    args = parser.parse_args()
    docs = load_jsonl(shared_or_exit("events", "ecbplus.jsonl"))
    builds = _builds(load_glossary([default_glossary_path()])[0])
    for similar in (False, True):
        print("ECB+ two events of " + ("one topic (similar)" if similar else "different topics"))
        _two_events(ecb_two_event_piles(docs, args.piles, similar), builds)
    print("ECB+ one event")
    by_event: dict[str, list[Doc]] = {}
    for d in docs:
        by_event.setdefault(str(d["subtopic"]), []).append(d)
    _one_event(by_event, builds)
    print("ECB+ one topic's two events in two or three documents")
    _similar_small(by_event, builds)
    print("ECB+ two documents of different topics")
    _unrelated(docs, builds, args.unrelated)


if __name__ == "__main__":
    main()
