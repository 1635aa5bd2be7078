"""Helpers for benchmarks that read ../shared/data (absent from a user's clone)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def shared_or_exit(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} is absent (../shared/data ships only beside the project's CI)")
        sys.exit(0)
    return path
