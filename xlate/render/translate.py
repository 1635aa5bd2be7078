"""Progress and the summary table of ``xlate translate``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from xlate.render.console import add_columns, cell
from xlate.translate import BatchResult

_STATUS = {"ok": "green", "failed": "bold red", "skipped": "dim"}


class ProgressView:
    """Files and sentences as progress bars on a terminal, one plain line per file elsewhere."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.files = self.progress.add_task("files", total=None, visible=self.live)
        self.sentences = self.progress.add_task("sentences", total=0, visible=self.live)

    def __enter__(self) -> Callable[[str, dict[str, Any]], None]:
        if self.live:
            self.progress.start()
        return self.event

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.progress.stop()

    def event(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "start":
            self.progress.update(self.files, total=data["files"])
        elif kind == "sentences":
            task = self.progress.tasks[self.sentences]
            self.progress.update(self.sentences, total=(task.total or 0) + data["total"])
        elif kind == "advance":  # a part of a large article is done
            self.progress.advance(self.sentences, data["sentences"])
        elif kind == "file":
            self.progress.advance(self.files)
            self.progress.advance(self.sentences, data.get("sentences", 0))
            if not self.live:
                self.console.print(cell(f"{data['status']}: {data['file']}"), soft_wrap=True)


def summary_table(batch: BatchResult, console: Console) -> None:
    table = Table(title=f"Translation to {batch.target}", title_justify="left")
    add_columns(
        table,
        [
            ("file", "left"),
            ("status", "left"),
            ("lang", "left"),
            ("sentences", "right"),
            ("engines", "left"),
            ("flagged", "right"),
            ("note", "left"),
        ],
    )
    for r in batch.results:
        engines = ", ".join(f"{k} {v}" for k, v in sorted(r.engines.items()))
        table.add_row(
            cell(r.article or r.source),
            cell(r.status, _STATUS.get(r.status, "")),
            cell(r.language),
            cell(r.sentences or ""),
            cell(engines),
            cell(r.flagged or ""),
            cell(r.error),
        )
    console.print(table)
