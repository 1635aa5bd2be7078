"""The detection table."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.table import Table

from xlate.detect.route import Route
from xlate.detect.survey import DetectRow
from xlate.render.console import cell, make_console, shorten_left
from xlate.render.plain import source_label

# The route column's width when names need the room: "translate ru→en" on one line.
ROUTE_WIDTH = len("translate ru→en")
_ROUTE_STYLE = {"translate": "green", "pass": "cyan", "skip": "dim", "no-model": "yellow"}


def detect_table(rows: Sequence[DetectRow], console: Console) -> None:
    """A row per text (or paragraph); the names cut from the left to what the other columns
    leave of the console's width, as the translate summary does, never folded mid-word."""
    from rich.cells import cell_len

    paragraphs = any(row.paragraph is not None for row in rows)
    heads = ["file", *(["¶"] if paragraphs else []), "lang", "conf", "script", "by", "route"]
    values = [_cells(row, paragraphs) for row in rows]
    widths = [max([cell_len(h), *(cell_len(v[i]) for v in values)]) for i, h in enumerate(heads)]
    widths[-1] = min(widths[-1], ROUTE_WIDTH)  # a long route wraps between its words
    others = sum(widths[1:]) + 3 * len(heads) + 1  # the columns' padding and rules
    name_width = max(12, console.width - others)
    table = Table(title="Language detection", title_justify="left")
    table.add_column("file", no_wrap=True)
    if paragraphs:
        table.add_column("¶", justify="right")
    table.add_column("lang")
    table.add_column("conf", justify="right")
    table.add_column("script")
    table.add_column("by")
    table.add_column("route", overflow="fold")
    for row, v in zip(rows, values, strict=True):
        styles = [*([""] * (len(v) - 5)), "bold", "", "", ""]
        styles.append(_ROUTE_STYLE.get(row.route.action, ""))
        v[0] = shorten_left(v[0], name_width)
        table.add_row(*[cell(x, style) for x, style in zip(v, styles, strict=True)])
    console.print(table)
    # what to do about a missing model: once per pair, under the table, not in every row
    for note in dict.fromkeys(str(r.route) for r in rows if r.route.action == "no-model"):
        console.print(cell(note, "yellow"))


def _cells(row: DetectRow, paragraphs: bool) -> list[str]:
    d = row.detection
    name = source_label(row.source, row.article)
    where = [str(row.paragraph) if row.paragraph is not None else ""] if paragraphs else []
    return [name, *where, d.lang, f"{d.confidence:.2f}", d.script, d.method, _short(row.route)]


def _short(route: Route) -> str:
    if route.action == "no-model":
        return f"no model installed for {route.source}→{route.target} (below)"
    return str(route)


@contextmanager
def files_bar(files: int) -> Iterator[Callable[[str], None]]:
    """A transient bar on stderr counting ``files`` as each is told to the callable given
    (before it is read: the bar counts the ones done)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("reading and detecting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=make_console(stderr=True), transient=True) as bar:
        task = bar.add_task("files", total=files)
        seen = 0

        def advance(_: str) -> None:
            nonlocal seen
            if seen:
                bar.advance(task)
            seen += 1

        yield advance
        bar.update(task, completed=files)
