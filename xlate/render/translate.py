"""Progress bars and the summary table of ``xlate translate`` on a terminal (what goes to a
file or a pipe is :mod:`xlate.render.plain`, without rich)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from xlate.render.plain import (
    COMPACT_AFTER,
    SUMMARY_COLUMNS,
    PlainProgress,
    cells_of,
    listed_rows,
    plain_summary,
    totals_line,
)
from xlate.translate.results import BatchResult, FileResult

_STATUS = {"ok": "green", "partial": "yellow", "failed": "bold red", "skipped": "dim"}


class ProgressView:
    """Files and sentences as progress bars on a terminal, one plain line per file elsewhere.

    The files bar shows the time left. The sentence count of files not yet read is unknown,
    so the sentences bar's total is an estimate (the sentences done, plus the files left at
    the average so far), labelled as one until the last file is done.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self.lines = PlainProgress(console.file)  # off a terminal: a line per file
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
            if not self.live:
                self.lines(kind, data)
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

    A rich table on a terminal (or when asked with TTY_COMPATIBLE=1 or FORCE_COLOR), the
    tab-separated lines of :func:`~xlate.render.plain.plain_summary` otherwise. Past
    ``compact_after`` files only the failed and partial ones are listed; the others are
    counted.
    """
    if not console.is_terminal:
        plain_summary(batch, console.file, compact_after=compact_after)
        return
    rows, note = listed_rows(batch, compact_after)
    _rich_table(batch, rows, note, console)
    console.print(totals_line(batch), highlight=False, markup=False, soft_wrap=True)


def _rich_table(
    batch: BatchResult, rows: Sequence[FileResult], note: str, console: Console
) -> None:
    table = Table(title=f"Translation to {batch.target}", title_justify="left")
    add_columns(
        table,
        [
            (name, "right" if name in ("sentences", "flagged") else "left")
            for name in SUMMARY_COLUMNS
        ],
    )
    for r in rows:
        values = cells_of(r)
        table.add_row(
            *[cell(v, _STATUS.get(v, "") if i == 1 else "") for i, v in enumerate(values)]
        )
    if note:
        table.caption, table.caption_justify = note, "left"
    console.print(table)
