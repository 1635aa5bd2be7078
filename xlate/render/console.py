"""Consoles and safe cells for every terminal view."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from xlate.textsafe import inert, shown_path


def make_console(
    file: IO[str] | None = None,
    *,
    width: int | None = None,
    environ: Mapping[str, str] | None = None,
    stderr: bool = False,
) -> Console:
    """A console honouring NO_COLOR and plain output when not a terminal."""
    env = dict(os.environ if environ is None else environ)
    return Console(
        file=file or (sys.stderr if stderr else sys.stdout),
        width=width,
        no_color="NO_COLOR" in env,
        highlight=False,
        emoji=False,
        _environ=env,
    )


def cell(text: object, style: str = "") -> Text:
    """Untrusted text as a rich cell: never parsed as markup, controls made visible."""
    return Text(inert(str(text)), style=style)


def hanging_table() -> Table:
    """Two columns: a short key, then text whose wrapped lines align under its first."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    return table


def hanging(key: str, text: object, style: str = "") -> Table:
    """One line of ``key`` and untrusted ``text``, its wrapped lines under the text."""
    table = hanging_table()
    table.add_row(cell(key, style), cell(text, style))
    return table


def add_columns(table: Table, columns: Sequence[tuple[str, JustifyMethod]]) -> None:
    """Columns (name, justification) that fold long untrusted text instead of cutting it."""
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold")


def relative_path(path: str) -> str:
    """``path`` relative to the working folder when it lies inside it, else absolute: the
    paths of one table are never a mix of the forms they were given in. Shown as
    :func:`~xlate.textsafe.shown_path` shows a file name: a line break or tab in a name is
    an escape, never a forged row."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return shown_path(os.path.abspath(path))
    return shown_path(os.path.abspath(path) if relative.startswith(os.pardir) else relative)


def shorten_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal cells, its middle cut ("ru4-kom…t.51718"): an
    article id's start and end both tell it from its neighbours (cut from the left, a
    trial's "…ommersant.51718" lost the "ru4-" of one of four)."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    head, tail = "", ""
    room = max(0, width - 1)
    for char in text:
        if cell_len(head) + cell_len(char) > (room + 1) // 2:
            break
        head += char
    for char in reversed(text):
        if cell_len(head) + cell_len(tail) + cell_len(char) > room:
            break
        tail = char + tail
    return head + "…" + tail


def shorten_left(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal cells, cut from the left (the file name is what
    tells files apart): ``…/articles/hokuyo-nippo.txt``, at a folder boundary when one is
    close."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    kept = ""
    for char in reversed(text):
        if cell_len(kept) + cell_len(char) + 1 > width:
            break
        kept = char + kept
    cut = kept.find("/")
    if 0 <= cut < len(kept) // 2:  # drop a partial folder name rather than show half of it
        kept = kept[cut:]
    return "…" + kept
