"""The detection table."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from xlate.detect.route import Route
from xlate.detect.survey import DetectRow
from xlate.render.console import cell

_ROUTE_STYLE = {"translate": "green", "pass": "cyan", "skip": "dim", "no-model": "yellow"}


def detect_table(rows: Sequence[DetectRow], console: Console) -> None:
    paragraphs = any(row.paragraph is not None for row in rows)
    table = Table(title="Language detection", title_justify="left")
    table.add_column("file", overflow="fold")
    if paragraphs:
        table.add_column("¶", justify="right")
    table.add_column("lang")
    table.add_column("conf", justify="right")
    table.add_column("script")
    table.add_column("by")
    table.add_column("route", overflow="fold")
    for row in rows:
        d = row.detection
        name = row.source if row.article == _stem(row.source) else f"{row.source} [{row.article}]"
        cells = [cell(name)]
        if paragraphs:
            cells.append(cell(row.paragraph if row.paragraph is not None else ""))
        cells += [
            cell(d.lang, "bold"),
            cell(f"{d.confidence:.2f}"),
            cell(d.script),
            cell(d.method),
            cell(_short(row.route), _ROUTE_STYLE.get(row.route.action, "")),
        ]
        table.add_row(*cells)
    console.print(table)
    # what to do about a missing model: once per pair, under the table, not in every row
    for note in dict.fromkeys(str(r.route) for r in rows if r.route.action == "no-model"):
        console.print(cell(note, "yellow"))


def _short(route: Route) -> str:
    if route.action == "no-model":
        return f"no model installed for {route.source}→{route.target} (below)"
    return str(route)


def _stem(source: str) -> str:
    from pathlib import Path

    return Path(source).stem
