"""Shared fixtures. Tests never touch the user's real Argos, cache or config folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "japan-sanctions"
SHARED = ROOT.parent / "shared" / "data"

# argostranslate reads these at import time and creates folders under them: point them at a
# private temporary home before any test can import it.
_HOME = Path(tempfile.mkdtemp(prefix="xlate-test-home-"))
for _var, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
    ("ARGOS_PACKAGES_DIR", "argos-packages"),
):
    os.environ[_var] = str(_HOME / _sub)
os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"  # never reach the network


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/data ships only beside the project's own CI")
    return path


@pytest.fixture
def samples() -> Path:
    return SAMPLES
