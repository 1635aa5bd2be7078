"""Time and peak memory of `xlate compare` as the sentence count nears --max-sentences.

    python benchmarks/compare_memory_bench.py [--sentences 1000 2000 4000] [--outlets 2]

Outlets are generated as in compare_bench.py (real English sentences of the sample bundle,
perturbed and shuffled), split evenly, and compared with the identity engine (English needs no
translation, so the figures are the comparison's own). Each run is a fresh process; its peak
resident memory is read from the kernel. Printed beside each: the estimate the README used to
give (one float32 matrix, 4*N*N bytes), the baseline this measurement replaces.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_bench import make_outlets

_CHILD = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, seconds, peak)
"""


def measure(folder: Path, report: Path) -> tuple[int, float, int, int]:
    """Exit code, seconds, peak kilobytes and sentences of one `xlate compare` of ``folder``."""
    cmd = [sys.executable, "-m", "xlate", "compare", str(folder), "--format", "json"]
    cmd += ["--engine", "identity", "--no-cache", "--no-glossary", "--out", str(report)]
    cmd += ["--max-sentences", "100000000"]
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, *cmd], check=True, capture_output=True, text=True
    )
    code, seconds, peak = out.stdout.split()
    sentences = 0
    if report.exists():
        outlets = json.loads(report.read_text(encoding="utf-8"))["outlets"]
        sentences = sum(o["sentences"] for o in outlets)
    return int(code), float(seconds), int(peak), sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--outlets", type=int, default=2)
    args = parser.parse_args()
    print(f"{'sentences':>10} {'seconds':>9} {'peak MB':>9} {'old estimate MB':>16}")
    for total in args.sentences:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "outlets"
            folder.mkdir()
            make_outlets(folder, args.outlets, total // args.outlets)
            code, seconds, peak, found = measure(folder, Path(tmp) / "report.json")
            estimate = 4 * found * found / 1e6
            note = "" if code == 0 else f"  (exit code {code})"
            print(f"{found:>10,} {seconds:>9.1f} {peak / 1024:>9,.0f} {estimate:>16,.0f}{note}")


if __name__ == "__main__":
    main()
