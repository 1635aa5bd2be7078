"""Summaries that fit an 80-column terminal: one row per file, each reason once as a footnote,
no word broken, paths from the working folder cut from the left; the events table likewise;
the files bar's time left going by bytes."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.errors import no_model_message
from xlate.ingest.pile import read_pile
from xlate.render.console import make_console, relative_path, shorten_left
from xlate.render.translate import ProgressView, summary_table
from xlate.translate.results import BatchResult, FileResult, TranslateOptions

TERMINAL = {"TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
HINT = "no translation memory entry and " + no_model_message("ru", "en")


def _partial(name: str, n: int) -> FileResult:
    return FileResult(
        f"saved/{name}.txt",
        "partial",
        name,
        language="ru",
        sentences=n,
        engines={"none": n},
        flagged=n,
        untranslated=n,
        title_untranslated=True,
        error=f"{n} of {n} sentences and the title untranslated: {HINT}",
    )


def _summary(results: list[FileResult], width: int = 80) -> str:
    buffer = io.StringIO()
    batch = BatchResult(results, [], "en", seconds=1.0, files=len(results))
    summary_table(batch, make_console(buffer, width=width, environ=TERMINAL))
    return re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue())  # bold stays without colour


def _words_intact(text: str, out: str) -> None:
    """Every word of ``text`` is a word of ``out``: none was broken across lines."""
    shown = set(out.split())
    broken = [word for word in text.split() if word not in shown]
    assert not broken, broken


@pytest.mark.parametrize("width", [80, 100])
def test_one_row_per_file_and_each_reason_once(width: int) -> None:
    names = ["vostochnoe-obozrenie", "severny-vestnik", "hokuyo-nippo", "toto-shinpo"]
    results = [_partial(n, 10 + i) for i, n in enumerate(names)]
    failed = FileResult("saved/broken.html", "failed", error="saved/broken.html: empty file")
    out = _summary([*results, failed], width)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == len(names) + 1  # one line per file
    assert sum("[1]" in r for r in rows) == 4 and sum("[2]" in r for r in rows) == 1
    joined = " ".join(out.split())
    assert joined.count("run `xlate models install ru en`") == 1
    assert joined.count("[2] empty file") == 1  # without the name its row shows
    _words_intact(HINT, out)
    assert "saved/broken.html" in out  # a failed file: its path from the working folder


def test_many_engines_go_one_a_line_and_no_column_is_cut() -> None:
    # a trial at 80 columns: the why column showed "[…" and the lang header "la…"
    wide = FileResult(
        "saved/kommersant-g7.txt",
        "ok",
        "kommersant-g7",
        language="ru",
        sentences=1234,
        engines={"memory": 1000, "argos": 200, "identity": 34},
        flagged=1234,
        flags={"fuzzy": 1000, "term-lost": 234},
    )
    failed = FileResult("saved/broken.json", "failed", error="saved/broken.json: empty file")
    out = _summary([wide, failed])
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out.split("┃")[3]  # the lang header whole
    assert "│ [1] │" in out and "│ [2] │" in out
    assert "argos 200" in out and "identity 34" in out and "memory 1000" in out


def test_a_long_path_is_cut_from_the_left_to_its_file_name() -> None:
    deep = "a/" * 40 + "the-article-that-failed.html"
    out = _summary([FileResult(deep, "failed", error="empty file")])
    row = next(line for line in out.splitlines() if "failed" in line and "│" in line)
    shown = row.split("│")[1].strip()
    assert shown.startswith("…") and shown.endswith("-that-failed.html"), shown
    assert len(row) <= 80


SHORTEN = [
    ("samples/japan-sanctions/articles/hokuyo-nippo.txt", 60, None),
    ("samples/japan-sanctions/articles/hokuyo-nippo.txt", 30, "…/articles/hokuyo-nippo.txt"),
    ("samples/japan-sanctions/articles/hokuyo-nippo.txt", 16, "…okuyo-nippo.txt"),
    ("記事/北洋日報の記事.txt", 12, "…の記事.txt"),
]


@pytest.mark.parametrize(("path", "width", "shown"), SHORTEN)
def test_shorten_left(path: str, width: int, shown: str | None) -> None:
    from rich.cells import cell_len

    assert shorten_left(path, width) == (shown or path)
    assert cell_len(shorten_left(path, width)) <= width


def test_paths_are_relative_inside_the_working_folder_absolute_outside(tmp_path: Path) -> None:
    inside = Path.cwd() / "saved" / "a.txt"
    assert relative_path(str(inside)) == os.path.join("saved", "a.txt")
    assert relative_path("saved/../saved/a.txt") == os.path.join("saved", "a.txt")
    outside = tmp_path / "b.txt"
    assert relative_path(str(outside)) == str(outside)


def test_the_events_table_fits_80_columns(tmp_path: Path) -> None:
    from xlate.cli.main import main

    out = tmp_path / "events.txt"
    memory = ["--engine", "memory", "--memory", str(SAMPLES / "memory.tmx")]
    # a copy without the bundle's manifest: .txt articles whose outlet nothing names
    articles = shutil.copytree(SAMPLES / "articles", tmp_path / "articles")
    args = ["events", str(articles), "--out", str(out), "--width", "80", *memory]
    assert main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= 80
    for name in ("hokuyo-nippo.txt", "vostochnoe-obozrenie.txt", "toto-shinpo.md"):
        [line] = [line for line in text.splitlines() if line.rstrip().endswith(name)]
        path = line.split()[-1]
        assert path.startswith(("…", "/")), path  # whole, or cut from the left
    # a .txt article without an outlet is listed under its name, as the event's outlets are
    row = next(line for line in text.splitlines() if line.startswith("2024-11-21"))
    assert re.search(r"2024-11-21\s+hokuyo-nippo\s+ja", row), row


def test_the_files_bar_goes_by_bytes() -> None:
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))
    sizes = {"small.txt": 1_000, "big.txt": 99_000}
    view.event("start", {"files": 2, "bytes": 100_000, "sizes": sizes})
    view.event("file", {"status": "ok", "file": "small.txt", "sentences": 5})
    task = view.progress.tasks[view.files]
    assert (task.completed, task.total, task.fields["count"]) == (1_000, 100_000, "1/2")
    view.event("advance", {"sentences": 100, "file": "big.txt", "bytes": 49_000})
    assert task.completed == 50_000  # half the work, though one file of two is done
    view.event("advance", {"sentences": 100, "file": "big.txt", "bytes": 60_000})
    assert task.completed == 100_000  # never past the file's size
    view.event("file", {"status": "ok", "file": "big.txt", "sentences": 0})
    assert (task.completed, task.fields["count"]) == (100_000, "2/2")


def test_a_real_batch_reports_every_byte(tmp_path: Path) -> None:
    """translate_batch's events on a folder with a file large enough to be read part by
    part: the bar ends full, and the large file advanced it before it was done."""
    from xlate.engines.identity import IdentityEngine
    from xlate.translate.batch import translate_batch

    folder = tmp_path / "in"
    folder.mkdir()
    english = (SAMPLES / "articles" / "meridian-post.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(english, encoding="utf-8")
    (folder / "big.txt").write_text("Big\n\n" + "\n\n".join([english] * 60), encoding="utf-8")
    events: list[tuple[str, dict[str, object]]] = []
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))

    def progress(kind: str, data: dict[str, object]) -> None:
        events.append((kind, data))
        view.event(kind, data)

    options = TranslateOptions(stream_bytes=4096, part_chars=2048)
    translate_batch(
        read_pile([folder]), tmp_path / "out", [IdentityEngine()], options, progress=progress
    )
    task = view.progress.tasks[view.files]
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert task.total == total and task.completed == total
    assert sum(1 for kind, data in events if kind == "advance" and data.get("bytes")) > 2
