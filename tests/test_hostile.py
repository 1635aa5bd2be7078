"""Hostile and broken input: nothing lost, nothing injected, every failure explained."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from xlate.cli import main

CORPUS = ROOT / "tests" / "hostile"
EXPECTED: dict[str, str] = json.loads((CORPUS / "expected.json").read_text())["files"]
# Raw bytes that act on a terminal or an editor: ESC, BEL, C1 controls, bidi overrides.
UNSAFE = re.compile("[\x1b\x07\x80-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed corpus plus generated files too large to commit."""
    folder = tmp_path_factory.mktemp("hostile") / "in"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("expected.json"))
    deep = "<div>" * 10_000 + "<p>Japan keeps its sanctions on Russia.</p>" + "</div>" * 10_000
    (folder / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    with (folder / "large.txt").open("w", encoding="utf-8") as handle:
        line = "Japan keeps its sanctions on Russia while the war goes on.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    return folder


def test_every_file_of_the_corpus_gets_its_expected_outcome(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["translate", str(corpus), "--out", str(out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    status = {Path(f["file"]).name: f for f in report["files"]}
    assert set(status) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        if expected == "ok":
            assert status[name]["status"] == "ok", (name, status[name]["error"])
        else:
            message = expected.removeprefix("error: ")
            assert status[name]["status"] == "failed", name
            assert message in status[name]["error"], (name, status[name]["error"])
            assert f"{corpus / name}: " in err  # one line naming the file
    failures = sum(1 for e in EXPECTED.values() if e != "ok")
    assert f"{failures} file(s) failed" in err
    # A lone surrogate escape in JSON cannot be written as text: it becomes U+FFFD.
    doc = json.loads(Path(status["surrogates.json"]["output"]).read_text(encoding="utf-8"))
    assert "said \ufffd that" in doc["sentences"][0]["source"]
    # Article ids become file names: a path in one stays a name, a long one is shortened.
    for name in ("long-id.json", "path-id.json"):
        output = Path(status[name]["output"])
        assert output.parent == out and len(output.name.encode()) <= 140, output


def _all_output_bytes(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


@pytest.mark.parametrize("fmt", ["json", "txt", "md"])
def test_no_raw_escape_or_bidi_character_reaches_translation_outputs(
    corpus: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / fmt
    main(
        ["translate", str(corpus / "escapes.txt"), "--out", str(out), "--no-cache", "--format", fmt]
    )
    text = _all_output_bytes(out)
    assert not UNSAFE.search(text)
    assert not UNSAFE.search(capsys.readouterr().out + capsys.readouterr().err)
    if fmt == "json":  # the data is kept, escaped
        doc = json.loads((out / f"escapes.en.{fmt}").read_text(encoding="utf-8"))
        assert "\u202e" in doc["sentences"][0]["source"]


def test_no_raw_escape_reaches_detect_or_compare(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["detect", str(corpus / "escapes.txt"), "--paragraphs"])
    main(["detect", str(corpus / "escapes.txt"), "--json"])
    other = SAMPLES / "articles" / "meridian-post.txt"
    for fmt in ("terminal", "json", "md", "html"):
        main(["compare", str(corpus / "escapes.txt"), str(other), "--format", fmt, "--no-cache"])
    captured = capsys.readouterr()
    assert not UNSAFE.search(captured.out + captured.err)


def test_scripts_and_remote_resources_are_neither_run_nor_kept(
    corpus: Path, tmp_path: Path
) -> None:
    main(["translate", str(corpus / "scripts.html"), "--out", str(tmp_path), "--no-cache"])
    doc = json.loads((tmp_path / "scripts.en.json").read_text(encoding="utf-8"))
    text = " ".join(s["source"] for s in doc["sentences"])
    assert "Japan will keep its sanctions" in text
    assert not re.search(r"fetch|cookie|injected|tracker|alert", text)
