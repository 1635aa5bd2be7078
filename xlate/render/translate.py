"""Progress bars and the summary table of ``xlate translate`` on a terminal (what goes to a
file or a pipe is :mod:`xlate.render.plain`, without rich)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from xlate.render.console import cell, relative_path, shorten_left, shorten_middle
from xlate.render.plain import (
    COMPACT_AFTER,
    SUMMARY_COLUMNS,
    PlainProgress,
    cells_of,
    flag_kinds,
    listed_rows,
    plain_summary,
    totals_line,
)
from xlate.translate.results import BatchResult, FileResult

_STATUS = {"ok": "green", "partial": "yellow", "failed": "bold red", "skipped": "dim"}


class SteadyRemaining(ProgressColumn):
    """The time left at the pace of the whole batch so far (elapsed time over work done),
    not rich's estimate from its last samples: a chunk's files finish together, and a
    burst of 32 at once gave "eta 0:00:01" with 45 seconds to go (a trial)."""

    def render(self, task: Task) -> Text:
        elapsed, done, total = task.elapsed, task.completed, task.total
        if not elapsed or not done or total is None:
            return Text("-:--:--", style="progress.remaining")
        left = int(elapsed * max(0.0, total - done) / done)
        hours, rest = divmod(left, 3600)
        return Text(f"{hours}:{rest // 60:02d}:{rest % 60:02d}", style="progress.remaining")


class ProgressView:
    """Files and sentences as progress bars on a terminal, one plain line per file elsewhere.

    The files bar counts files and goes by bytes: its fill and its time left are the share
    of the input's bytes done (a file of 20 MB among small ones is most of the work, and a
    large file read part by part advances as its parts are done). The sentence count of
    files not yet read is unknown, so the sentences bar's total is an estimate (the
    sentences done, plus the files left at the average so far), labelled as one until the
    last file is done.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.live = console.is_terminal
        self.lines = PlainProgress(console.file)  # off a terminal: a line per file
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            SteadyRemaining(),
            console=console,
            transient=True,
        )
        self.files = self.progress.add_task("files", total=None, visible=self.live, count="")
        self.sentences = self.progress.add_task(
            "sentences", total=None, visible=self.live, count=""
        )
        self.sizes: dict[str, int] = {}  # bytes of each input file
        self.counted: dict[str, int] = {}  # bytes of each file done so far
        self.total_files = 0
        self.done_files = 0
        self.seen: set[str] = set()  # the files done (an article of theirs is)
        self.translated: set[str] = set()  # files whose sentences were counted (ok or partial)
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
            self.sizes = dict(data.get("sizes", {}))
            total = data.get("bytes") or data["files"]  # by files when no size is known
            self.progress.update(self.files, total=total)
        elif kind == "sentences":
            self.announced += data["total"]
        elif kind == "advance":  # a part of a large article is done
            self.done += data["sentences"]
            self._count_bytes(data.get("file", ""), data.get("bytes", 0))
        elif kind == "file":  # a feed's file gives one for each of its articles, in a row
            if data["file"] not in self.seen:
                self.seen.add(data["file"])
                self.done_files += 1
            self.done += data.get("sentences", 0)
            if data["status"] in ("ok", "partial"):
                self.translated.add(data["file"])
            if data["status"] == "skipped":  # no work: out of the total, not done fast
                self._skip_bytes(data["file"])
            else:
                self._count_bytes(data["file"], None)
            if not self.live:
                self.lines(kind, data)
        self.progress.update(self.files, count=f"{self.done_files}/{self.total_files}")
        self._update_sentences()

    def _skip_bytes(self, name: str) -> None:
        """Take what is left of ``name`` (a file kept from an earlier run) out of the files
        bar's total: a resumed batch's time left goes by the files still to translate."""
        if name in self.counted:  # a feed's next article: its file is out already
            return
        task = self.progress.tasks[self.files]
        size = self.sizes.get(name, 0) if self.sizes else 1
        self.counted[name] = self.sizes.get(name, 0)
        if task.total is not None:
            self.progress.update(self.files, total=max(task.completed, task.total - size))

    def _count_bytes(self, name: str, done: int | None) -> None:
        """Advance the files bar by ``done`` bytes of ``name`` (``None``: all that is left of
        it, or one file when sizes are unknown), never past the file's size."""
        if not self.sizes:
            if done is None:
                self.progress.advance(self.files)
            return
        size, counted = self.sizes.get(name, 0), self.counted.get(name, 0)
        step = size - counted if done is None else min(done, size - counted)
        self.counted[name] = counted + step
        self.progress.advance(self.files, step)

    def estimate(self) -> int:
        """The batch's sentences: exact once every file is done, estimated before."""
        left = max(self.total_files - self.done_files, 0)
        average = self.done / len(self.translated) if self.translated else 0.0
        return max(self.announced, self.done + round(average * left))

    def _update_sentences(self) -> None:
        finished = self.done_files >= self.total_files
        label = "sentences" if finished else "sentences (est.)"
        total = self.estimate() or None
        count = f"{self.done}/{total or '?'}"
        self.progress.update(
            self.sentences, completed=self.done, total=total, description=label, count=count
        )


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
    if rows:  # none to look at: the totals say it (a trial saw a table of headers alone)
        _rich_table(batch, rows, note, console)
    console.print(totals_line(batch), highlight=False, markup=False)  # wrapped between words


def _rich_table(
    batch: BatchResult, rows: Sequence[FileResult], note: str, console: Console
) -> None:
    """One row per file at any width: each reason once, as a footnote under the table (a
    missing model's advice is the same for every file it leaves partial), the names cut from
    the left when the column is narrow, no word broken."""
    from rich.cells import cell_len

    reasons: dict[str, int] = {}
    values = [_cells(r, reasons) for r in rows]

    def others() -> int:  # the width of every column but the name, padding and rules included
        widths = [
            max([cell_len(n), *(cell_len(line) for v in values for line in v[i].split("\n"))])
            for i, n in enumerate(SUMMARY_COLUMNS)
        ]
        return sum(widths[1:]) + 3 * len(SUMMARY_COLUMNS) + 1

    if console.width - others() < 12:  # engines one a line ("memory 120" over "argos 37"),
        for v in values:  # so that no column is cut ("[…", "la…")
            v[ENGINES] = v[ENGINES].replace(", ", "\n")
    name_width = max(12, console.width - others())
    table = Table(title=f"Translation to {batch.target}", title_justify="left")
    for name in SUMMARY_COLUMNS:
        right = name in ("sentences", "flagged")
        shown = "why" if name == "note" else name
        table.add_column(shown, justify="right" if right else "left", no_wrap=True)
    for v in values:
        # a path keeps its file name, an article id its two ends
        v[0] = shorten_left(v[0], name_width) if "/" in v[0] else shorten_middle(v[0], name_width)
        table.add_row(*[cell(x, _STATUS.get(x, "") if i == 1 else "") for i, x in enumerate(v)])
    if note:
        table.caption, table.caption_justify = note, "left"
    console.print(table)
    if reasons:
        notes = Table.grid(padding=(0, 1))
        notes.add_column(no_wrap=True)
        notes.add_column(overflow="fold")
        for reason, number in reasons.items():
            notes.add_row(f"[{number}]", cell(reason))
        console.print(notes)


ENGINES = SUMMARY_COLUMNS.index("engines")

# After a file's flag counts in its footnote: where each sentence's flags are
FLAGS_HINT = " (each sentence's flags are in its output; docs/cli.md lists them)"


def _cells(r: FileResult, reasons: dict[str, int]) -> list[str]:
    """A file's row for the terminal: its name as a path from the working folder, and in the
    note column how many sentences were left untranslated and the footnote saying why."""
    values = cells_of(r)
    if r.error or r.flags:
        reason = _reason(r) if r.error else flag_kinds(r, counts=False) + FLAGS_HINT
        values[-1] = f"[{reasons.setdefault(reason, len(reasons) + 1)}]"
    if not r.article:
        values[0] = relative_path(r.source)
    return values


def _reason(r: FileResult) -> str:
    """Why a file is not ok, as files share it: a partial file's reason without its counts
    (the flagged column and the totals line give them), a failed file's message without its
    name (its row shows it)."""
    marker = " untranslated: "
    if r.status == "partial" and marker in r.error:
        return "untranslated: " + r.error.split(marker, 1)[1]
    return r.error.removeprefix(r.source + ": ")
