"""Progress, the summary and the interrupt message of ``xlate translate``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from xlate.render.console import add_columns, cell
from xlate.textsafe import inert
from xlate.translate.report import REPORT
from xlate.translate.results import STATUSES, BatchResult, FileResult, Status, status_counts

_STATUS = {"ok": "green", "partial": "yellow", "failed": "bold red", "skipped": "dim"}
# Past this many files the summary lists only the files that need a look (failed, partial)
# and counts the rest: a 1,500-row table helps nobody.
COMPACT_AFTER = 50
_LISTED = ("failed", "partial")
_COLUMNS = ("file", "status", "lang", "sentences", "engines", "flagged", "note")


class ProgressView:
    """Files and sentences as progress bars on a terminal, one plain line per file elsewhere.

    The files bar shows the time left. The sentence count of files not yet read is unknown,
    so the sentences bar's total is an estimate (the sentences done, plus the files left at
    the average so far), labelled as one until the last file is done.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.files = self.progress.add_task("files", total=None, visible=self.live)
        self.sentences = self.progress.add_task("sentences", total=None, visible=self.live)
        self.total_files = 0
        self.done_files = 0
        self.translated_files = 0  # files whose sentences were counted (ok or partial)
        self.announced = 0  # sentences of the files read so far
        self.done = 0  # sentences translated

    def __enter__(self) -> Callable[[str, dict[str, Any]], None]:
        if self.live:
            self.progress.start()
        return self.event

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.progress.stop()

    def event(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "start":
            self.total_files = data["files"]
            self.progress.update(self.files, total=data["files"])
        elif kind == "sentences":
            self.announced += data["total"]
        elif kind == "advance":  # a part of a large article is done
            self.done += data["sentences"]
        elif kind == "file":
            self.done_files += 1
            self.done += data.get("sentences", 0)
            if data["status"] in ("ok", "partial"):
                self.translated_files += 1
            self.progress.advance(self.files)
            if not self.live:  # written as it is (rich would spend 60 µs a line on it)
                self.console.file.write(inert(f"{data['status']}: {data['file']}") + "\n")
        self._update_sentences()

    def estimate(self) -> int:
        """The batch's sentences: exact once every file is done, estimated before."""
        left = max(self.total_files - self.done_files, 0)
        average = self.done / self.translated_files if self.translated_files else 0.0
        return max(self.announced, self.done + round(average * left))

    def _update_sentences(self) -> None:
        finished = self.done_files >= self.total_files
        label = "sentences" if finished else "sentences (est.)"
        total = self.estimate() or None
        self.progress.update(self.sentences, completed=self.done, total=total, description=label)


def summary_table(
    batch: BatchResult, console: Console, *, compact_after: int = COMPACT_AFTER
) -> None:
    """The files of a batch, then its totals line.

    A rich table on a terminal (or when asked with TTY_COMPATIBLE=1 or FORCE_COLOR), tab-
    separated lines otherwise. Past ``compact_after`` files only the failed and partial ones
    are listed; the others are counted.
    """
    rows: Sequence[FileResult] = batch.results
    unlisted: dict[Status, int] = {}
    if len(rows) > compact_after:
        unlisted = status_counts(r for r in rows if r.status not in _LISTED)
        rows = [r for r in rows if r.status in _LISTED]
    note = ", ".join(f"{n:,} {status}" for status, n in unlisted.items())
    note = f"and {note}, not listed" if note else ""
    if console.is_terminal:
        _rich_table(batch, rows, note, console)
    else:
        _plain_rows(rows, note, console)
    console.print(totals_line(batch), highlight=False, markup=False, soft_wrap=True)


def _cells(r: FileResult) -> list[str]:
    engines = ", ".join(f"{k} {v}" for k, v in sorted(r.engines.items()))
    return [
        r.article or r.source,
        r.status,
        r.language,
        str(r.sentences or ""),
        engines,
        str(r.flagged or ""),
        r.error,
    ]


def _rich_table(
    batch: BatchResult, rows: Sequence[FileResult], note: str, console: Console
) -> None:
    table = Table(title=f"Translation to {batch.target}", title_justify="left")
    add_columns(
        table,
        [(name, "right" if name in ("sentences", "flagged") else "left") for name in _COLUMNS],
    )
    for r in rows:
        values = _cells(r)
        table.add_row(
            *[cell(v, _STATUS.get(v, "") if i == 1 else "") for i, v in enumerate(values)]
        )
    if note:
        table.caption, table.caption_justify = note, "left"
    console.print(table)


def _plain_rows(rows: Sequence[FileResult], note: str, console: Console) -> None:
    """One tab-separated line per file (under a header line): cheap, and easy to cut or grep."""
    lines = ["\t".join(_COLUMNS)]
    lines += ["\t".join(inert(v).replace("\t", " ") for v in _cells(r)) for r in rows]
    if note:
        lines.append(note)
    console.file.write("\n".join(lines) + "\n")


def totals_line(batch: BatchResult) -> str:
    """``240 files: 230 ok, 5 partial, 3 failed, 2 skipped · 6,100 sentences · 3.2 s``."""
    counts = status_counts(batch.results)
    statuses = ", ".join(f"{counts.get(s, 0):,} {s}" for s in STATUSES)
    untranslated = sum(r.untranslated for r in batch.results)
    left = f" ({untranslated:,} untranslated)" if untranslated else ""
    return (
        f"{len(batch.results):,} files: {statuses} · {batch.sentences:,} sentences{left} · "
        f"{batch.seconds:,.1f} s"
    )


def interrupted_message(batch: BatchResult, out: Path) -> str:
    """What an interrupted batch did, and how to go on."""
    counts = status_counts(batch.results)
    written = counts.get("ok", 0) + counts.get("partial", 0)
    failed = f", {counts['failed']:,} failed" if counts.get("failed") else ""
    kept = f", {counts['skipped']:,} already there" if counts.get("skipped") else ""
    return inert(
        f"xlate: interrupted after {len(batch.results):,} article(s) of {batch.files:,} input "
        f"file(s): {written:,} "
        f"output(s) written{failed}{kept}; the report {out / REPORT} is marked interrupted. "
        "Run the same command again to resume: finished outputs are kept and skipped."
    )
