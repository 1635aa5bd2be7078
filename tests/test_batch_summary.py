"""The end of a batch: the summary (table or lines, compact past 50 files), the totals line,
progress with an estimated sentence total, and what an interrupted run says."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.cli.main import main
from xlate.render.console import make_console
from xlate.render.plain import COMPACT_AFTER, interrupted_message, is_terminal, totals_line
from xlate.render.translate import ProgressView, summary_table
from xlate.translate.results import BatchResult, FileResult, Status


def batch_of(statuses: list[Status], seconds: float = 2.25) -> BatchResult:
    results = [
        FileResult(
            f"in/{n}.txt",
            status,
            f"a{n}",
            sentences=10 if status in ("ok", "partial") else 0,
            untranslated=3 if status == "partial" else 0,
            error={"failed": "empty file", "partial": "3 of 10 untranslated"}.get(status, ""),
        )
        for n, status in enumerate(statuses)
    ]
    return BatchResult(results, [], "en", seconds=seconds, files=len(statuses))


def rendered(batch: BatchResult, terminal: bool) -> str:
    buffer = io.StringIO()
    environ = {"TTY_COMPATIBLE": "1" if terminal else "0"}
    summary_table(batch, make_console(buffer, width=120, environ=environ))
    return buffer.getvalue()


def test_the_totals_line_counts_every_status_sentences_and_time() -> None:
    batch = batch_of(["ok", "ok", "partial", "failed", "skipped"])
    assert totals_line(batch) == (
        "5 files: 2 ok, 1 partial, 1 failed, 1 skipped · 30 sentences (3 untranslated) · 2.2 s"
    )


CASES = [  # (files, listed rows, the note on the others)
    (["ok"] * COMPACT_AFTER, COMPACT_AFTER, None),
    (
        ["ok"] * 1400 + ["skipped"] * 97 + ["failed", "partial", "partial"],
        3,
        "and 1,400 ok, 97 skipped, not listed",
    ),
]


@pytest.mark.parametrize(("statuses", "listed", "note"), CASES)
@pytest.mark.parametrize("terminal", [True, False])
def test_past_50_files_only_failures_and_partials_are_listed(
    statuses: list[Status], listed: int, note: str | None, terminal: bool
) -> None:
    text = rendered(batch_of(statuses), terminal)
    rows = [line for line in text.splitlines() if re.search(r"\ba\d+\b", line)]
    assert len(rows) == listed
    if note:
        assert note in text
        assert all(("failed" in r or "partial" in r) for r in rows)
    assert text.rstrip().splitlines()[-1].startswith(f"{len(statuses):,} files: ")


def test_a_terminal_draws_no_table_of_headers_alone() -> None:
    # a trial resumed a finished batch: a table with no row, then "and 195 ok, 32 skipped"
    text = rendered(batch_of(["ok"] * 30 + ["skipped"] * 30), terminal=True)
    assert "Translation to" not in text
    assert (
        text.strip() == "60 files: 30 ok, 0 partial, 0 failed, 30 skipped · 300 sentences · 2.2 s"
    )


@pytest.mark.parametrize(("terminal", "table"), [(True, True), (False, False)])
def test_a_table_is_drawn_only_for_a_terminal_or_when_asked(terminal: bool, table: bool) -> None:
    text = rendered(batch_of(["ok", "failed"]), terminal)
    assert ("┃" in text) is table
    if not table:
        assert text.splitlines()[0] == "file\tstatus\tlang\tsentences\tengines\tflagged\tnote"
        assert text.splitlines()[2] == "a1\tfailed\t\t\t\t\tempty file"


def test_the_sentence_total_is_estimated_until_the_last_file() -> None:
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))
    view.event("start", {"files": 10})
    view.event("sentences", {"total": 40})  # the first chunk: 2 files read
    assert view.estimate() == 40  # nothing done yet: no average to go by
    for name in ("a", "b"):
        view.event("file", {"status": "ok", "file": name, "sentences": 20})
    assert view.estimate() == 40 + 8 * 20  # the 8 files left at 20 sentences each
    view.event("file", {"status": "failed", "file": "c"})
    assert view.estimate() == 40 + 7 * 20
    for n in range(7):
        view.event("sentences", {"total": 5})
        view.event("file", {"status": "ok", "file": str(n), "sentences": 5})
    assert view.estimate() == view.done == 75  # exact at the end
    task = view.progress.tasks[view.sentences]
    assert (task.completed, task.total, task.description) == (75, 75, "sentences")


def test_the_interrupt_message_says_what_was_written_and_how_to_resume() -> None:
    batch = replace(batch_of(["ok", "partial", "failed", "skipped"]), files=240)
    assert interrupted_message(batch, Path("out")) == (
        "xlate: interrupted after 4 articles of 240 input files: 2 outputs written, 1 "
        "failed, 1 "
        "already there; the report out/xlate-report.json is marked interrupted. Run the same "
        "command again to resume: finished outputs are kept and skipped."
    )


def test_the_cli_prints_lines_and_totals_into_a_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The government said it would keep the sanctions.\n", "utf-8")
    (src / "b.txt").write_bytes(b"")
    assert main(["translate", str(src), "--out", str(tmp_path / "out"), "--no-cache"]) == 1
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert out[0].startswith("file\tstatus")
    # progress: one plain line per file on stderr, as the files finish
    assert f"ok: {src / 'a.txt'}" in captured.err.splitlines()
    assert f"failed: {src / 'b.txt'}" in captured.err.splitlines()
    assert out[-1].startswith("2 files: 1 ok, 0 partial, 1 failed, 0 skipped · 1 sentence · ")


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"TTY_COMPATIBLE": "1"}, False, True),
        ({"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, True, False),
    ],
)
def test_a_terminal_is_told_apart_as_rich_tells_it(
    environ: dict[str, str], tty: bool, expected: bool
) -> None:
    """The plain views (no rich imported) are chosen exactly where rich would print plain."""

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    stream = Stream()
    assert is_terminal(stream, environ) is expected
    assert make_console(stream, environ=environ).is_terminal is expected


def test_translate_into_a_pipe_does_not_import_rich(tmp_path: Path) -> None:
    """Start-up: a scripted run (output to a file or a pipe) never loads rich (50 ms)."""
    import os
    import subprocess
    import sys

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The government said it would keep the sanctions.\n", "utf-8")
    probe = (
        "import sys; from xlate.cli.main import main; "
        f"code = main(['translate', {str(src)!r}, '--out', {str(tmp_path / 'out')!r}, "
        "'--no-cache']); print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules), "
        "file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "False"
    assert done.stdout.splitlines()[0].startswith("file\tstatus")


def test_a_files_flags_are_said_not_only_counted() -> None:
    """A trial's file whose every sentence came out in the wrong language showed "ok" and a
    flagged count with an empty note: the note now says what the flags were."""
    flagged = FileResult(
        "in/a.txt", "ok", "a", sentences=9, flagged=9, flags={"term-lost": 9, "wrong-language": 9}
    )
    other = replace(flagged, source="in/b.txt", article="b", flags={"wrong-language": 9})
    batch = BatchResult([flagged, other], [], "en", files=2)
    lines = rendered(batch, terminal=False).splitlines()
    assert lines[1].endswith("\tflagged: term-lost 9, wrong-language 9")
    assert lines[2].endswith("\tflagged: wrong-language 9")
    table = rendered(batch, terminal=True)
    assert "[1] flagged: term-lost, wrong-language (each sentence's flags" in table
    assert "[2] flagged: wrong-language (" in table
    assert flagged.to_dict()["flags"] == {"term-lost": 9, "wrong-language": 9}


def test_the_flag_kinds_of_real_translations_reach_the_summary(tmp_path: Path) -> None:
    """Through the pipeline: sentences left untranslated (no model here) are flagged so."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Привет, мир. Это тест.\n", encoding="utf-8")
    assert main(["translate", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) in (0, 1)
    import json

    report = json.loads((tmp_path / "out" / "xlate-report.json").read_text(encoding="utf-8"))
    [row] = report["files"]
    assert sum(row["flags"].values()) >= row["flagged"] > 0


def test_progress_counts_the_sentences_the_summary_counts(tmp_path: Path) -> None:
    """A trial saw "sentences 67/67" in the progress and "61 sentences" in the summary: the
    progress counted titles too. Through the pipeline on the sample bundle, both agree."""
    from xlate.engines.chain import build_chain
    from xlate.ingest.pile import read_pile
    from xlate.translate.batch import translate_batch
    from xlate.translate.results import TranslateOptions

    pile = read_pile([SAMPLES])
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))
    chain = build_chain("memory", memories=pile.memories, use_cache=False)
    batch = translate_batch(pile, tmp_path, chain, TranslateOptions(), progress=view.event)
    assert batch.sentences > 0 and any(r.article for r in batch.results)
    assert view.done == view.estimate() == batch.sentences


def test_a_feed_is_counted_as_articles_from_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial read "4 files: 4 ok" for a text file and a feed of three articles, and three
    progress lines "ok: in/feed.jsonl" alike: the totals count articles from files, and a
    line names the article of a file that holds several."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The government said it would keep the sanctions.\n", "utf-8")
    records = [
        {"title": f"T{n}", "text": f"The envoy met {n} officials in Geneva on Monday."}
        for n in (1, 2, 3)
    ]
    (src / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    assert main(["translate", str(src), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1].startswith(
        "4 articles from 2 files: 4 ok, 0 partial, 0 failed, 0 skipped · 4 sentences · "
    )
    lines = captured.err.splitlines()
    assert f"ok: {src / 'a.txt'}" in lines  # one article: its file alone
    assert [line for line in lines if "feed.jsonl" in line] == [
        f"ok: {src / 'feed.jsonl'} [feed-{n}]" for n in (1, 2, 3)
    ]


def test_progress_counts_a_feeds_file_once() -> None:
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))
    view.event("start", {"files": 3})
    view.event("sentences", {"total": 9})
    for n in (1, 2, 3):  # a feed's three articles
        view.event("file", {"status": "ok", "file": "feed.jsonl", "article": f"f{n}",
                            "sentences": 3})  # fmt: skip
    task = view.progress.tasks[view.files]
    assert task.fields["count"] == "1/3"
    assert view.estimate() == 9 + 2 * 9  # two files left at the feed's 9 sentences


def test_the_time_left_goes_by_the_whole_batchs_pace_and_skipped_files_are_no_work() -> None:
    """A trial: "files 32/227 0:00:09 eta 0:00:01" with 45 s to go (a chunk's 32 files done
    at once), and a resumed batch counting its skipped files as fast work."""
    from rich.progress import Progress

    from xlate.render.translate import SteadyRemaining

    now = [0.0]
    progress = Progress(get_time=lambda: now[0])
    task_id = progress.add_task("files", total=227)
    progress.start_task(task_id)
    now[0] = 9.0
    progress.update(task_id, completed=32)  # a burst at the end of the first chunk
    task = progress.tasks[task_id]
    assert SteadyRemaining().render(task).plain == "0:00:54"  # 9 s x 195 / 32, not 1 s
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))
    view.event("start", {"files": 2, "bytes": 300, "sizes": {"a": 100, "b": 200}})
    view.event("file", {"status": "skipped", "file": "a"})
    files = view.progress.tasks[view.files]
    assert (files.completed, files.total) == (0, 200)
    view.event("file", {"status": "ok", "file": "b", "sentences": 3})
    assert (files.completed, files.total) == (200, 200)
    # a review: sizes unknown, a kept feed's three articles took 3 files off the total
    view = ProgressView(make_console(io.StringIO(), environ={"TTY_COMPATIBLE": "0"}))
    view.event("start", {"files": 3})
    for n in (1, 2, 3):
        view.event("file", {"status": "skipped", "file": "feed.jsonl", "article": f"f{n}"})
    assert view.progress.tasks[view.files].total == 2


def test_a_narrow_summary_keeps_both_ends_of_an_article_id() -> None:
    # a trial: "…ommersant.51718" four times over, the "ru1-" to "ru4-" that told them cut
    from xlate.render.console import shorten_middle

    assert shorten_middle("ru4-kommersant.51718", 12) == "ru4-ko…51718"
    assert shorten_middle("岩屋外相は制裁を維持", 9) == "岩屋…維持"  # by cells
    results = [
        FileResult(
            f"in/ru{n}-kommersant.51718.txt",
            "failed",
            f"ru{n}-kommersant.51718",
            error="no model installed for ru→en",
        )
        for n in range(1, 5)
    ]
    buffer = io.StringIO()
    summary_table(
        BatchResult(results, [], "en", files=4),
        make_console(buffer, width=60, environ={"TTY_COMPATIBLE": "1"}),
    )
    text = buffer.getvalue()
    assert all(f"ru{n}-" in text for n in range(1, 5))
