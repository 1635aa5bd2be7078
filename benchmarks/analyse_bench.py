"""Segmentation and detection of whole batches (``analyse``), beside a baseline revision.

    python benchmarks/analyse_bench.py [--baseline REV] [--rounds 5] [--no-commands]

Three batches: the sample bundle x100 (600 articles of declared language, 6,100 sentences
and 600 titles: what ``xlate translate`` analyses), the same with no language declared (as a
folder without a manifest: each article detected, its sentences voting), and 10 outlets x
1,000 English sentences (the articles of no declared language that ``xlate compare`` reads,
as ``compare_bench.py`` makes them). For each, ``xlate.translate.core.analyse``
(segmentation, then the detection of every article and sentence) is timed in one warm
process; then the whole commands, ``xlate translate BUNDLE --out DIR`` with default options
(cache filled by a first run) and ``xlate compare OUTLETS --format json --no-cache``, each in
a new process. The baseline is xlate at git revision REV, unpacked to a temporary folder;
baseline and current runs alternate, one of each a round, and the best of ``--rounds`` is
printed side by side (the machine this runs on is shared). The analyses, the translate
outputs and the compare reports of both must be equal.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, unpack

BASELINE = "e95b31c"  # main before the detection and segmentation speed-up

# Run in a child process with PYTHONPATH set to the xlate under test: prints the best
# analyse() time of each batch and a digest of what it returned.
CHILD = """
import hashlib, sys, time
from dataclasses import replace
from pathlib import Path
from xlate.detect.rules import Detector
from xlate.ingest.pile import read_pile
from xlate.translate.article import read_input
from xlate.translate.core import analyse
from xlate.translate.results import TranslateOptions

repeats = int(sys.argv[1])
for batch in sys.argv[2:]:
    folder, _, undeclared = batch.partition("+")  # FOLDER+undeclared: no language declared
    inputs = read_pile([Path(folder)])
    articles = [a for item in inputs.files for a in read_input(item, TranslateOptions())]
    if undeclared:
        articles = [replace(a, language="") for a in articles]
    detector = Detector()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        found = analyse(articles, detector)
        best = min(best, time.perf_counter() - start)
    digest = hashlib.sha256(repr(found).encode()).hexdigest()[:16]
    print(best, sum(len(x.texts) for x in found), digest)
"""


def python(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=path,  # python -c and -m put the working folder first on the path
        capture_output=True,
        text=True,
        check=True,
    )


def timed(path: Path, *args: str) -> float:
    start = time.perf_counter()
    python(path, "-m", "xlate", *args)
    return time.perf_counter() - start


def digest(folder: Path, cache: Path) -> str:
    """A hash of every output file's name and content (the paths of the output folder and of
    the cache masked: they differ from run to run)."""
    sha = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            text = file.read_text(encoding="utf-8")
            text = text.replace(str(folder), "OUT").replace(str(cache), "CACHE")
            sha.update(f"{file.relative_to(folder)}\n{text}\n".encode())
    return sha.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, metavar="REV")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-commands", action="store_true", help="analyse() only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bundles import make_bundle
    from compare_bench import make_outlets

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        versions = {"baseline": unpack(args.baseline, tmp / "baseline"), "now": ROOT}
        bundle = make_bundle(tmp / "bundle", 100)
        outlets = tmp / "outlets"
        outlets.mkdir()
        make_outlets(outlets, 10, 1000)
        batches = {
            "bundle x100": str(bundle),
            "bundle x100, no language": f"{bundle}+undeclared",
            "10 outlets x 1,000": str(outlets),
        }
        analysed: dict[str, dict[str, list[float]]] = {
            v: {b: [] for b in batches} for v in versions
        }
        counts: dict[str, int] = {}
        digests: dict[str, set[str]] = {b: set() for b in batches}
        commands: dict[str, dict[str, list[float]]] = {v: {} for v in versions}
        outputs: dict[str, set[str]] = {"translate": set(), "compare": set()}
        for name, path in {} if args.no_commands else versions.items():  # fill the caches
            fill = [
                "--out",
                str(tmp / f"fill-{name}"),
                "--cache",
                str(tmp / f"cache-{name}.sqlite3"),
            ]
            python(path, "-m", "xlate", "translate", str(bundle), *fill)
        for round_ in range(args.rounds):
            for name, path in versions.items():
                lines = python(path, "-c", CHILD, "3", *batches.values()).stdout.split()
                for k, batch in enumerate(batches):
                    seconds, texts, found = lines[3 * k : 3 * k + 3]
                    analysed[name][batch].append(float(seconds))
                    counts[batch] = int(texts)
                    digests[batch].add(found)
                if args.no_commands:
                    continue
                out = tmp / f"out-{name}-{round_}"
                cache = tmp / f"cache-{name}.sqlite3"
                translate = timed(
                    path, "translate", str(bundle), "--out", str(out), f"--cache={cache}"
                )
                report = tmp / f"report-{name}-{round_}.json"
                compare = timed(path, "compare", str(outlets), "--format", "json", "--no-cache",
                                "--out", str(report))  # fmt: skip
                outputs["translate"].add(digest(out, cache))
                outputs["compare"].add(hashlib.sha256(report.read_bytes()).hexdigest())
                for label, seconds in (("translate", translate), ("compare", compare)):
                    commands[name].setdefault(label, []).append(seconds)
    report_figures(args, batches, analysed, counts, commands)
    same = all(len(found) == 1 for found in digests.values())
    print(f"\nanalyses identical to the baseline's: {'yes' if same else 'NO'}")
    if not args.no_commands:
        for label, found in outputs.items():
            print(
                f"{label} outputs identical to the baseline's: {'yes' if len(found) == 1 else 'NO'}"
            )


def report_figures(
    args: argparse.Namespace,
    batches: dict[str, str],
    analysed: dict[str, dict[str, list[float]]],
    counts: dict[str, int],
    commands: dict[str, dict[str, list[float]]],
) -> None:
    print(f"best of {args.rounds} rounds, baseline ({args.baseline}) and now alternating:")
    print(f"  {'analyse (segment + detect), warm':<40}{'baseline':>22}{'now':>22}")
    for batch in batches:
        cells = []
        for name in ("baseline", "now"):
            seconds = min(analysed[name][batch])
            cells.append(f"{seconds * 1000:6.0f} ms {counts[batch] / seconds:7,.0f}/s")
        print(f"  {batch + f' ({counts[batch]:,} texts)':<40}{cells[0]:>22}{cells[1]:>22}")
    if args.no_commands:
        return
    sentences = counts["bundle x100"] - 600  # the 600 titles are not counted as sentences
    rows = (("xlate translate bundle x100, defaults", "translate", sentences),
            ("xlate compare 10 x 1,000 --format json", "compare", 0))  # fmt: skip
    print(f"  {'whole command':<40}")
    for label, key, per in rows:
        cells = []
        for name in ("baseline", "now"):
            seconds = min(commands[name][key])
            rate = f" {per / seconds:7,.0f}/s" if per else ""
            cells.append(f"{seconds:6.2f} s{rate}")
        print(f"  {label:<40}{cells[0]:>22}{cells[1]:>22}")


if __name__ == "__main__":
    main()
