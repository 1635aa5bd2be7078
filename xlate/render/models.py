"""``xlate models list`` in a terminal: the installed Argos models as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table

from xlate.render.console import cell

if TYPE_CHECKING:
    from xlate.engines.available import AvailableModel
    from xlate.engines.packages import InstalledModel


def models_table(models: Sequence[InstalledModel]) -> Table:
    table = Table(title="Installed Argos models", title_justify="left")
    for name in ("pair", "version", "size"):
        table.add_column(name, no_wrap=True)
    table.add_column("path", overflow="fold")  # a trial saw "…/translate-ru_en-t…" at 80 columns
    for m in models:
        table.add_row(
            cell(f"{m.source}→{m.target}"),
            cell(m.version),
            cell(f"{m.size / 1e6:.1f} MB"),
            cell(m.path),
        )
    return table


def available_table(models: Sequence[AvailableModel]) -> Table:
    from xlate.engines.index import PACKAGE_LIST

    table = Table(
        title="Models in the Argos package index",
        title_justify="left",
        caption=f"install one: xlate models install SRC TGT; offline: download it from "
        f"{PACKAGE_LIST}, then xlate models install FILE.argosmodel",
        caption_justify="left",
    )
    for name in ("pair", "languages", "version"):
        table.add_column(name)
    for m in models:
        table.add_row(
            cell(f"{m.source}→{m.target}"),
            cell(f"{m.source_name} → {m.target_name}"),
            cell(m.version),
        )
    return table
