"""Pipeline overhead without machine translation: the sample bundle repeated N times.

    python benchmarks/pipeline_bench.py [--copies 100] [--jobs 1 2] [--repeats 5]
                                        [--baseline REV | --baseline none]

Everything but MT runs: ingest (HTML extraction, encodings), segmentation, per-sentence
detection, the memory engine, the glossary check, the output check, JSON writing, the report
and the summary.

Headline: the whole command as users run it, ``xlate translate BUNDLE --out DIR`` with default
options (glossary on, cache on, one process, output to a file as in a script), beside the same
command with ``--no-glossary``; best of ``--repeats`` runs, each into a new folder, after one
run that fills the cache. Beside it, the same commands with xlate at git revision REV
(``--baseline``, default e95b31c, the revision before the latest speed work), run alternately
with the current tree so that both meet the same moments of a shared VM. Then, in one warm
process (imports and detection tables loaded), ``translate_batch`` with the default glossary
for each ``--jobs``. Target: at least 5,000 sentences per second.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, unpack

from xlate.ingest.bundle import load_manifest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "fixtures"))
from bundles import make_bundle

from xlate.engines.memory import MemoryEngine
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.ingest.pile import read_pile
from xlate.translate.batch import translate_batch
from xlate.translate.results import TranslateOptions

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "japan-sanctions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--baseline", default=BASELINE, metavar="REV", help="or none")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = make_bundle(Path(tmp) / "bundle", args.copies)
        versions = {"now": ROOT}
        if args.baseline != "none":
            versions["baseline"] = unpack(args.baseline, Path(tmp) / "baseline")
        whole_command(bundle, Path(tmp), args.repeats, versions)
        inputs = read_pile([bundle])
        chain = [MemoryEngine.from_files(load_manifest(bundle).memories)]
        glossary = load_glossary([default_glossary_path()])[0]
        # warm: imports (trafilatura) and the detector's n-gram tables, as in a long batch
        translate_batch(read_pile([SAMPLES]), Path(tmp) / "warm", chain, TranslateOptions())
        print("in one warm process, translate_batch with the default glossary:")
        for jobs in args.jobs:
            elapsed = float("inf")
            for run in range(args.repeats):
                out = Path(tmp) / f"out-{jobs}-{run}"
                start = time.perf_counter()
                batch = translate_batch(
                    inputs, out, chain, TranslateOptions(jobs=jobs), glossary=glossary
                )
                elapsed = min(elapsed, time.perf_counter() - start)
            sentences = sum(r.sentences for r in batch.results)
            statuses = sorted({r.status for r in batch.results})
            print(f"  --jobs {jobs}: {len(batch.results)} articles, {sentences:,} sentences "
                  f"({statuses}), best of {args.repeats}: {elapsed:.2f} s, "
                  f"{sentences / elapsed:,.0f} sentences/s "
                  "(target >= 5,000)")  # fmt: skip


BASELINE = "e95b31c"  # main before the speed work of #21 (detection, glossary, start-up)


def whole_command(bundle: Path, tmp: Path, repeats: int, versions: dict[str, Path]) -> None:
    """The headline: ``xlate translate`` as a user runs it, with and without the glossary,
    each version of xlate in turn (from ``tmp``, so that only PYTHONPATH picks xlate)."""
    cache = tmp / "cache.sqlite3"

    def run(path: Path, out: Path, *extra: str) -> float:
        command = [sys.executable, "-m", "xlate", "translate", str(bundle), "--out", str(out)]
        start = time.perf_counter()
        with (tmp / "summary.txt").open("w") as summary:  # output to a file, as in a script
            subprocess.run(
                [*command, "--cache", str(cache), *extra],
                stdout=summary,
                stderr=subprocess.STDOUT,
                check=True,
                cwd=tmp,
                env={**os.environ, "PYTHONPATH": str(path)},
            )
        return time.perf_counter() - start

    for name, path in versions.items():
        run(path, tmp / f"fill-cache-{name}")
    report = json.loads((tmp / "fill-cache-now" / "xlate-report.json").read_text("utf-8"))
    sentences = sum(f["sentences"] for f in report["files"])
    print(f"whole command, {len(report['files'])} articles, {sentences:,} sentences, "
          f"best of {repeats}, {' and '.join(versions)} alternating:")  # fmt: skip
    for label, extra in (("default (glossary on)", ()), ("--no-glossary", ("--no-glossary",))):
        best = dict.fromkeys(versions, float("inf"))
        for n in range(repeats):
            for name, path in versions.items():
                out = tmp / f"cmd-{name}-{label[:2]}-{n}"
                best[name] = min(best[name], run(path, out, *extra))
        cells = "   ".join(
            f"{name} {best[name]:5.2f} s {sentences / best[name]:6,.0f}/s" for name in versions
        )
        print(f"  {label:22} {cells}")


if __name__ == "__main__":
    main()
