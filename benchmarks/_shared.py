"""Helpers for benchmarks that read ../shared/data (absent from a user's clone)."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def shared_or_exit(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} is absent (../shared/data ships only beside the project's CI)")
        sys.exit(0)
    return path


def best(run: Callable[[], object], repeats: int = 5) -> float:
    """Seconds of the fastest of ``repeats`` runs (the least disturbed one on a shared VM)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def unpack(rev: str, into: Path) -> Path:
    """xlate (and the glossary its package links to) at git revision ``rev``, as a folder for
    PYTHONPATH: the baseline a benchmark runs beside the working tree."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "xlate", "glossaries"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="tar")
    return into
