"""The preparation and the term extraction of ``xlate compare``, beside a baseline revision.

    python benchmarks/terms_bench.py [--baseline REV] [--rounds 5] [--outlets 10] [--sentences 1000]

Real news (../shared/data/events, ECB+): the English documents dealt out to ``--outlets``
outlets of ``--sentences`` sentences, as ``compare_bench.py --real`` deals them. In a new
process for each revision, as the command runs them once: ``prepare_outlets`` (reading,
segmentation and detection, the identity engine, the glossary's tags; the glossary's scan
timed inside it), then ``unit_terms`` of every distinct sentence (what the scorer asks for),
each cold. The baseline is xlate at git revision REV, unpacked to a temporary folder;
baseline and current runs alternate, one of each a round, and the best of ``--rounds`` is
printed side by side (the machine this runs on is shared). The outlets' sentences and tags
and the terms of both revisions must be equal (digests compared).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _shared import ROOT, unpack

BASELINE = "3d478fe"  # main before the term extraction speed-up

# Run in a child process with PYTHONPATH set to the xlate under test: prints the seconds of
# each stage, the counts, and digests of what the stages returned.
CHILD = """
import hashlib, sys, time
from xlate.compare import terms
from xlate.compare.prepare import prepare_outlets, units
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary

glossary, _ = load_glossary([default_glossary_path()])
scan, spent = Glossary.scan, [0.0]
def timed_scan(*args, **kwargs):
    start = time.perf_counter()
    try:
        return scan(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - start
Glossary.scan = timed_scan
import numpy  # as the command does before it prepares (xlate.compare.align)
start = time.perf_counter()
outlets, _ = prepare_outlets([sys.argv[1]], build_chain("identity"), glossary, max_sentences=10**6)
prepared = time.perf_counter() - start
found = units(outlets)
distinct = list({(u.english, u.concepts, u.quotes): u for u in found}.values())
start = time.perf_counter()
weighted = [terms.unit_terms(u) for u in distinct]
termed = time.perf_counter() - start
digest = lambda x: hashlib.sha256(repr(x).encode()).hexdigest()[:16]
print(prepared, spent[0], termed, len(found), len(distinct),
      digest([(u.outlet, u.index, u.english, sorted(u.concepts), u.quotes) for u in found]),
      digest([(sorted(p.items()), list(q.items())) for p, q in weighted]))
"""


def child(path: Path, folder: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(path), "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        env=env,
        cwd=path,  # python -c puts the working folder first on the path
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, metavar="REV")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--outlets", type=int, default=10)
    parser.add_argument("--sentences", type=int, default=1000)
    args = parser.parse_args()
    from compare_bench import make_real_outlets  # exits when ../shared is absent

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        versions = {"baseline": unpack(args.baseline, tmp / "baseline"), "now": ROOT}
        folder = tmp / "outlets"
        folder.mkdir()
        make_real_outlets(folder, args.outlets, args.sentences)
        figures: dict[str, list[list[float]]] = {name: [] for name in versions}
        digests: set[tuple[str, ...]] = set()
        counts: tuple[int, int] = (0, 0)
        for _ in range(args.rounds):
            for name, path in versions.items():
                prepared, scanned, termed, units, distinct, *found = child(path, folder)
                figures[name].append([float(prepared), float(scanned), float(termed)])
                counts = (int(units), int(distinct))
                digests.add(tuple(found))
    report(args, figures, counts)
    same = "yes" if len(digests) == 1 else "NO"
    print(f"\nsentences, tags and terms identical to the baseline's: {same}")


def report(
    args: argparse.Namespace, figures: dict[str, list[list[float]]], counts: tuple[int, int]
) -> None:
    units, distinct = counts
    print(
        f"{args.outlets} outlets x {args.sentences:,} ECB+ sentences ({units:,} sentences, "
        f"{distinct:,} distinct); best of {args.rounds} rounds, baseline ({args.baseline}) and "
        "now alternating, each in a new process:"
    )
    print(f"  {'stage':<42}{'baseline':>18}{'now':>18}")
    rows = (
        ("prepare_outlets (cold)", 0, units),
        ("  of which the glossary's scan", 1, units),
        ("unit_terms of the distinct sentences", 2, distinct),
    )
    for label, column, per in rows:
        cells = []
        for name in ("baseline", "now"):
            seconds = min(row[column] for row in figures[name])
            cells.append(f"{seconds * 1000:5.0f} ms {seconds / per * 1e6:5.1f} us")
        print(f"  {label:<42}{cells[0]:>18}{cells[1]:>18}")


if __name__ == "__main__":
    main()
