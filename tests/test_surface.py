"""The public surface: exports, startup cost, the command line's contract."""

from __future__ import annotations

import subprocess
import sys

import pytest

import xlate
from xlate.cli.main import main

HEAVY = (
    "argostranslate",
    "stanza",
    "torch",
    "ctranslate2",
    "trafilatura",
    "spacy",
    "ray",
    "scipy",
    "wordfreq",
)


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert xlate.__all__ == sorted(xlate.__all__)
    for name in xlate.__all__:
        assert getattr(xlate, name) is not None


def imported_modules(*args: str) -> set[str]:
    """Top-level modules imported by ``python -X importtime -m xlate ARGS``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "xlate", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_never_imports_heavy_modules(args: list[str]) -> None:
    loaded = imported_modules(*args)
    assert "xlate" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: xlate" in capsys.readouterr().err


def test_unknown_option_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["--no-such-option"])
    assert info.value.code == 2


def test_the_bundled_glossary_is_the_one_people_read() -> None:
    """The package ships ``glossaries/diplomatic.toml`` as data, so a wheel install has it too
    (``.ci/run`` installs the wheel in a clean venv and runs ``xlate compare`` with it)."""
    from pathlib import Path

    from xlate.glossary.load import default_glossary_path

    readable = Path(__file__).resolve().parent.parent / "glossaries" / "diplomatic.toml"
    bundled = default_glossary_path()
    assert bundled.is_relative_to(Path(xlate.__file__).parent)
    assert bundled.read_bytes() == readable.read_bytes()
