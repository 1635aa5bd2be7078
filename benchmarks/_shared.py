"""Helpers for benchmarks that read ../shared/data (absent from a user's clone)."""

from __future__ import annotations

import sys
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
