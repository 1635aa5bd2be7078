"""Peak memory of `xlate translate` on a large file.

    python benchmarks/memory_bench.py [--megabytes 50]

Writes an English text of the given size (the sample bundle's English repeated) and
translates it twice in a child process: with the default --max-bytes (20 MiB: refused before
it is read) and with the limit raised so that it is processed. Prints the child's peak
resident memory (ru_maxrss) and time for each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak(cmd: list[str]) -> tuple[float, float, int]:
    """Peak RSS in MB of the child (measured alone: one child per call), seconds, exit code."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "rc = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t, rc)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True)
    kb, seconds, rc = out.stdout.split()
    return int(kb) / 1024, float(seconds), int(rc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args()

    english = (ROOT / "samples/japan-sanctions/articles/meridian-post.txt").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "in").mkdir()
        big = Path(tmp) / "in" / "big.txt"
        with big.open("w", encoding="utf-8") as handle:
            written = 0
            while written < args.megabytes * 1024 * 1024:
                written += handle.write(english)
        size = big.stat().st_size
        base = [sys.executable, "-m", "xlate", "translate", str(big), "--no-cache", "--no-glossary"]
        refused = peak([*base, "--out", str(Path(tmp) / "a")])

        processed = peak([*base, "--out", str(Path(tmp) / "b"), "--max-bytes", str(size + 1)])

    print(f"{size / 1024 / 1024:.0f} MB English text file:")
    print(
        f"  default --max-bytes (refused before reading): peak {refused[0]:7.0f} MB, "
        f"{refused[1]:5.1f} s, exit {refused[2]}"
    )
    print(
        f"  --max-bytes raised (processed):              peak {processed[0]:7.0f} MB, "
        f"{processed[1]:5.1f} s, exit {processed[2]}"
    )


if __name__ == "__main__":
    main()
