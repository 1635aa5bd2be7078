"""Peak memory of `xlate translate` on large files.

    python benchmarks/memory_bench.py [--megabytes 5 50]

For each size, writes an English text of that size (the sample bundle's English repeated) and
translates it in a child process: with the default --max-bytes (20 MiB: larger files are
refused before they are read) and with the limit raised so that it is processed (plain text
over 4 MiB is read and translated part by part). Prints the child's peak resident memory
(ru_maxrss) and time for each: bounded memory means the same peak whatever the size.
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


def measure(megabytes: int, english: str, tmp: Path) -> None:
    folder = tmp / f"in-{megabytes}"
    folder.mkdir()
    big = folder / "big.txt"
    with big.open("w", encoding="utf-8") as handle:
        written = 0
        while written < megabytes * 1024 * 1024:
            written += handle.write(english)
    size = big.stat().st_size
    base = [sys.executable, "-m", "xlate", "translate", str(big), "--no-cache", "--no-glossary"]
    refused = peak([*base, "--out", str(tmp / f"a-{megabytes}")])
    processed = peak([*base, "--out", str(tmp / f"b-{megabytes}"), "--max-bytes", str(size + 1)])
    print(f"{size / 1024 / 1024:.0f} MB English text file:")
    print(
        f"  default --max-bytes:          peak {refused[0]:6.0f} MB, {refused[1]:5.1f} s, "
        f"exit {refused[2]}"
    )
    print(
        f"  --max-bytes raised (processed): peak {processed[0]:6.0f} MB, {processed[1]:5.1f} s, "
        f"exit {processed[2]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, nargs="+", default=[5, 50])
    args = parser.parse_args()

    english = (ROOT / "samples/japan-sanctions/articles/meridian-post.txt").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.megabytes:
            measure(megabytes, english, Path(tmp))


if __name__ == "__main__":
    main()
