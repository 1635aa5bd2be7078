"""Golden files for the formats the other golden tests do not cover: the comparison as JSON,
and ``xlate translate``'s outputs of the sample bundle in JSON, text and Markdown (with its
batch report). Volatile parts are normalised: the version, the checkout's and the output
folder's paths. ``XLATE_UPDATE_GOLDEN=1`` rewrites them (review the diff)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from xlate import __version__
from xlate.cli.main import main

GOLDEN = ROOT / "tests" / "golden"
ARTICLES = sorted(p.stem for p in (SAMPLES / "articles").iterdir())


def normalised(text: str, out: Path) -> str:
    text = text.replace(str(out), "<OUT>").replace(str(ROOT), "<ROOT>")
    text = re.sub(r'"file_saved": "[^"]+"', '"file_saved": "<SAVED>"', text)  # the clone's
    return re.sub(rf'"xlate": "{re.escape(__version__)}"', '"xlate": "<VERSION>"', text)


def check(golden: Path, text: str) -> None:
    if os.environ.get("XLATE_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), golden.name


def test_compare_json_matches_its_golden_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    argv = ["compare", str(SAMPLES), "--engine", "memory", "--no-cache", "--out", str(out)]
    assert main(argv) == 0
    text = normalised(out.read_text(encoding="utf-8"), tmp_path)
    assert json.loads(text)["signature"]["xlate"] == "<VERSION>"
    check(GOLDEN / "compare.json", text)


@pytest.fixture(scope="module", params=["json", "txt", "md"])
def translated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"translated-{request.param}")
    argv = ["translate", str(SAMPLES), "--out", str(out), "--format", request.param]
    assert main([*argv, "--engine", "memory", "--no-cache"]) == 0
    return out


@pytest.mark.parametrize("article", ARTICLES)
def test_each_translation_matches_its_golden_file(translated: Path, article: str) -> None:
    (output,) = translated.glob(f"{article}.en.*")
    text = normalised(output.read_text(encoding="utf-8"), translated)
    check(GOLDEN / "translate" / output.name, text)


def test_the_batch_report_matches_its_golden_file(translated: Path) -> None:
    text = normalised((translated / "xlate-report.json").read_text(encoding="utf-8"), translated)
    fmt = json.loads(text)["files"][0]["output"].rsplit(".", 1)[1]
    check(GOLDEN / "translate" / f"xlate-report.{fmt}.json", text)
