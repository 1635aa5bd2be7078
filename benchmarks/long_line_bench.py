"""Peak memory of `xlate translate` on a plain-text file that is one paragraph: one line (no
line break), or hard-wrapped at 72 columns with no blank line.

    python benchmarks/long_line_bench.py [--megabytes 30] [--wrapped] [--baseline REF]

Writes an English text of that size on one line (the sample bundle's English, its line
breaks made spaces; with ``--wrapped``, broken into lines of at most 72 characters) and
translates it in a child process with --max-bytes raised, so that it is streamed. Prints
the child's peak resident memory (ru_maxrss), time and exit code. With
``--baseline REF`` the same file is also translated by the code of git revision REF (exported
into a temporary folder), and both figures are printed side by side from the same run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak(cmd: list[str], checkout: Path) -> tuple[float, float, int]:
    """Peak RSS in MB of the child (measured alone: one child per call), seconds, exit code."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "rc = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t, rc)"
    )
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run(  # in the checkout: `python -m` imports from the working folder first
        [sys.executable, "-c", probe, *cmd],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=checkout,
    )
    kb, seconds, rc = out.stdout.split()
    return int(kb) / 1024, float(seconds), int(rc)


def export(ref: str, folder: Path) -> Path:
    """The files of git revision ``ref`` in ``folder``."""
    archive = folder / "baseline.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), ref], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "baseline", filter="data")
    return folder / "baseline"


def one_line(path: Path, megabytes: int, wrapped: bool = False) -> int:
    english = (ROOT / "samples/japan-sanctions/articles/meridian-post.txt").read_text()
    chunk = " ".join(line.strip() for line in english.splitlines() if line.strip()) + " "
    if wrapped:
        chunk = textwrap.fill(chunk, 72) + "\n"
    with path.open("w", encoding="utf-8") as handle:
        written = 0
        while written < megabytes * 1024 * 1024:
            written += handle.write(chunk)
        handle.write("The end.")  # no line break at all
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=30)
    parser.add_argument("--wrapped", action="store_true", help="lines of 72 characters")
    parser.add_argument("--baseline", metavar="REF", help="git revision to measure as well")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "one-line.txt"
        size = one_line(big, args.megabytes, args.wrapped)
        checkouts = {"now": ROOT}
        if args.baseline:
            checkouts = {f"baseline {args.baseline}": export(args.baseline, folder), **checkouts}
        shape = "hard-wrapped, no blank line" if args.wrapped else "on one line"
        print(f"{size / 1024 / 1024:.0f} MB of English text {shape}:")
        for name, checkout in checkouts.items():
            cmd = [sys.executable, "-m", "xlate", "translate", str(big), "--no-cache"]
            cmd += ["--no-glossary", "--max-bytes", str(size + 1)]
            cmd += ["--out", str(folder / f"out-{len(name)}")]
            mb, seconds, rc = peak(cmd, checkout)
            print(f"  {name:>20}: peak {mb:6.0f} MB, {seconds:6.1f} s, exit {rc}")


if __name__ == "__main__":
    main()
