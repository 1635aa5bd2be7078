"""Consoles and safe cells for every terminal view."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from xlate.textsafe import inert


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


def add_columns(table: Table, columns: Sequence[tuple[str, JustifyMethod]]) -> None:
    """Columns (name, justification) that fold long untrusted text instead of cutting it."""
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold")
