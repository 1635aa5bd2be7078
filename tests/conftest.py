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


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real .argosmodel files (ru→en, en→de) built by tests/fixtures/build_tiny_argos.py."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from build_tiny_argos import build

    out = tmp_path_factory.mktemp("argosmodels")
    return {pair: build(out, *pair.split("-")) for pair in ("ru-en", "en-de")}


@pytest.fixture(scope="session")
def installed_argos(tiny_packages: dict[str, Path]) -> dict[str, Path]:
    """The tiny packages installed with `xlate models install FILE` (argostranslate's API)."""
    from xlate.cli.main import main

    for path in tiny_packages.values():
        assert main(["models", "install", str(path)]) == 0
    return tiny_packages


@pytest.fixture(scope="session")
def tiny_ct2(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real CTranslate2 model folders (an OPUS-MT ru→en and an M2M-100) converted by
    tests/fixtures/build_tiny_ct2.py from random transformers models (skipped without it)."""
    import sys

    pytest.importorskip("transformers", reason="the test extra's transformers builds them")
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from build_tiny_ct2 import FAMILIES, build

    out = tmp_path_factory.mktemp("ct2models")
    return {family: build(out, family) for family in FAMILIES}
