"""Whether ``xlate compare`` gains from pausing Python's cyclic garbage collector.

    python benchmarks/collector_bench.py [--repeats 5] [--sizes 10x1000,50x200]

The library never switches the process's collector (a library call must not change what the
caller's process does). This measures what a pause would buy the command line: the whole
``xlate compare --format json`` in a new process, on the synthetic outlets of
``compare_bench.py`` (the sample's sentences, perturbed), with the collector as Python sets it
and with it disabled before the command starts, the two in turn each round, best of
``--repeats``. The two JSON reports are compared byte for byte.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import ROOT
from compare_bench import make_outlets

RUNNER = """
import gc, sys
if sys.argv[1] == "paused":
    gc.disable()
from xlate.cli.main import main
sys.exit(main(sys.argv[2:]))
"""
MODES = ("collector on", "paused")


def run(mode: str, folder: Path, out: Path, total: int) -> float:
    """Wall seconds of one whole ``xlate compare --format json`` in a new process."""
    cmd = [sys.executable, "-c", RUNNER, mode.split()[0], "compare", str(folder)]
    cmd += ["--format", "json", "--out", str(out), "--no-cache"]
    cmd += ["--max-sentences", str(max(2 * total, 10_000))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=folder.parent, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sizes", default="10x1000,50x200", help="outlets x sentences, ...")
    args = parser.parse_args()
    print("whole command, xlate compare --format json (wall s, best of each):")
    print(f"  {'outlets x sentences':<20}" + "".join(f" {m:>14}" for m in MODES) + "  same JSON")
    for size in args.sizes.split(","):
        outlets, sentences = (int(n) for n in size.split("x"))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "outlets"
            folder.mkdir()
            make_outlets(folder, outlets, sentences)
            outs = {m: Path(tmp) / f"{m.split()[0]}.json" for m in MODES}
            times: dict[str, list[float]] = {m: [] for m in MODES}
            for _ in range(args.repeats):
                for mode in MODES:
                    times[mode].append(run(mode, folder, outs[mode], outlets * sentences))
            same = len({outs[m].read_bytes() for m in MODES}) == 1
            cells = "".join(f" {min(times[m]):>12.2f} s" for m in MODES)
            print(f"  {size:<20}{cells}  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
