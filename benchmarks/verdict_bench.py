"""Piles that hold two events: does the verdict report two events, each with its facts?

    python benchmarks/verdict_bench.py [--piles 40]

Piles of ECB+ (../shared/data/events): two documents of one event and two of another, of
different topics and (the hard case) of one topic's two similar events. For each kind prints,
for the verdict now and, beside it, the verdict it replaced (one event: the largest set of
outlets joined by significant pairs, the other outlets' facts dropped):

- two events: piles reported as exactly two events, each the pair of documents of one event;
- both events' facts: piles whose report lists a fact of each event;
- facts across events: facts that join documents of different events (chance links).

and, for scale, the piles whose two documents of each event, compared alone, are found to
report one event: the verdict can tell two events apart only where the alignment links each
event's documents at all.

Nothing here is tuned, so the piles are not split: the seed picks them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import ROOT, shared_or_exit

sys.path.insert(0, str(ROOT / "tests"))

from evaluate_align import Doc, ecb_outlet, ecb_two_event_piles, load_jsonl

from xlate.compare.build import build_report
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary


def _measure(piles: list[tuple[list[Doc], list[Doc]]], glossary: Glossary) -> None:
    two = both = across = linked = 0
    old_two = old_both = old_across = 0
    for first, second in piles:
        outlets = [ecb_outlet(d, glossary) for d in (*first, *second)]
        truth = {tuple(sorted(str(d["doc"]) for d in pair)) for pair in (first, second)}
        event = {str(d["doc"]): k for k, pair in enumerate((first, second)) for d in pair}
        report = build_report(outlets, glossary=glossary)
        alone = [build_report(outlets[k : k + 2], glossary=glossary) for k in (0, 2)]
        linked += all(r.verdict.same_event for r in alone)
        found = {e.outlets for e in report.verdict.events}
        two += found == truth
        kinds = [{event[o] for o in f.outlets} for f in report.facts]
        both += {0, 1} <= {next(iter(k)) for k in kinds if len(k) == 1}
        across += sum(len(k) > 1 for k in kinds)
        # the verdict it replaced kept only the largest joined set of outlets, and its facts
        largest = set(report.verdict.events[0].outlets) if report.verdict.events else set()
        old_kept = [
            k for k, f in zip(kinds, report.facts, strict=True) if set(f.outlets) <= largest
        ]
        old_two += found == truth and len(largest) == 4  # it could name one event only
        old_both += {0, 1} <= {next(iter(k)) for k in old_kept if len(k) == 1}
        old_across += sum(len(k) > 1 for k in old_kept)
    n = len(piles)
    print(f"  piles: {n}")
    print(f"  each event's pair one event when compared alone: {linked / n:.3f}")
    print(f"  two events:          now {two / n:.3f}   replaced {old_two / n:.3f}")
    print(f"  both events' facts:  now {both / n:.3f}   replaced {old_both / n:.3f}")
    print(f"  facts across events: now {across}   replaced {old_across}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--piles", type=int, default=40, help="piles of each kind (40)")
    args = parser.parse_args()
    docs = load_jsonl(shared_or_exit("events", "ecbplus.jsonl"))
    glossary = load_glossary([default_glossary_path()])[0]
    for similar in (False, True):
        print("ECB+ two events of " + ("one topic (similar)" if similar else "different topics"))
        _measure(ecb_two_event_piles(docs, args.piles, similar), glossary)


if __name__ == "__main__":
    main()
