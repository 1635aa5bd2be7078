"""Alignment quality: the sample bundle against its hand-annotated facts, and ECB+ events.

    python benchmarks/align_bench.py

Prints precision and recall of the facts found in samples/japan-sanctions against
tests/data/japan-sanctions-facts.json (pairs of sentences put together), and, when
../shared/data/events is present, how many facts groups of three ECB+ documents about one
event share, against how often groups spanning two similar events link across them.
"""

from __future__ import annotations

import time
from pathlib import Path

from xlate.compare.evaluate import ecb_rates, fact_precision_recall, load_facts
from xlate.compare.run import compare_paths
from xlate.engines.chain import build_chain
from xlate.glossary.match import default_glossary_path, load_glossary
from xlate.ingest.bundle import load_manifest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "japan-sanctions"
ECB = ROOT.parent / "shared" / "data" / "events" / "ecbplus.jsonl"


def main() -> None:
    glossary, _ = load_glossary([default_glossary_path()])
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    report, _ = compare_paths([str(SAMPLES)], chain, glossary=glossary)
    precision, recall = fact_precision_recall(
        report, load_facts(ROOT / "tests/data/japan-sanctions-facts.json")
    )
    print(
        f"sample bundle: {len(report.facts)} facts; precision {precision:.3f}, recall {recall:.3f} "
        "(floors 0.9 and 0.8)"
    )
    if not ECB.exists():
        print(f"ECB+: skipped, {ECB} is absent (../shared ships only beside the project's CI)")
        return
    start = time.perf_counter()
    same, share, across, n_same, n_mixed = ecb_rates(ECB)
    print(
        f"ECB+: {n_same} groups of three documents on one event share {same:.2f} facts "
        f"per group ({share:.0%} share at least one); {n_mixed} groups spanning two similar "
        f"events link across them {across:.2f} times per group ({same / across:.1f}x fewer) "
        f"[{time.perf_counter() - start:.1f} s]"
    )


if __name__ == "__main__":
    main()
