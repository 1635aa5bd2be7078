"""Pipeline overhead without machine translation: the sample bundle repeated N times.

    python benchmarks/pipeline_bench.py [--copies 100] [--jobs 1 2] [--repeats 3]

Everything but MT runs: ingest (HTML extraction, encodings), segmentation, per-sentence
detection, the memory engine, the output check, JSON writing and the report.
Measured warm (imports and detection tables loaded by a first run over the samples), with
one process and with worker processes preparing files (``--jobs``). Target: at least 5,000
sentences per second.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from xlate.ingest.bundle import load_manifest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "fixtures"))
from bundles import make_bundle

from xlate.engines.memory import MemoryEngine
from xlate.ingest.inputs import collect_inputs
from xlate.translate.batch import translate_batch
from xlate.translate.results import TranslateOptions

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "japan-sanctions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=5, help="best of N runs (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = make_bundle(Path(tmp) / "bundle", args.copies)
        inputs = collect_inputs([bundle])
        chain = [MemoryEngine.from_files(load_manifest(bundle).memories)]
        # warm: imports (trafilatura) and the detector's n-gram tables, as in a long batch
        translate_batch(collect_inputs([SAMPLES]), Path(tmp) / "warm", chain, TranslateOptions())
        for jobs in args.jobs:
            elapsed = float("inf")
            for run in range(args.repeats):
                out = Path(tmp) / f"out-{jobs}-{run}"
                start = time.perf_counter()
                batch = translate_batch(inputs, out, chain, TranslateOptions(jobs=jobs))
                elapsed = min(elapsed, time.perf_counter() - start)
            sentences = sum(r.sentences for r in batch.results)
            statuses = sorted({r.status for r in batch.results})
            print(f"--jobs {jobs}: {len(batch.results)} articles, {sentences:,} sentences "
                  f"({statuses}), best of {args.repeats}: {elapsed:.2f} s, "
                  f"{sentences / elapsed:,.0f} sentences/s "
                  "(target >= 5,000)")  # fmt: skip


if __name__ == "__main__":
    main()
