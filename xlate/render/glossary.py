"""``xlate glossary scan`` in a terminal: the terms found, as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from xlate.render.console import cell


def scan_table(rows: Sequence[dict[str, Any]]) -> Table:
    """One row per match (``Match.to_dict()``), framing words in magenta."""
    table = Table(title=f"Glossary terms: {len(rows)}", title_justify="left")
    for name in ("surface", "concept", "type", "en", "span"):
        table.add_column(name)
    for row in rows:
        table.add_row(
            cell(row["surface"]),
            cell(row["concept"] + (" (ambiguous)" if row.get("ambiguous") else "")),
            cell(row["type"], "magenta" if row["type"] == "framing" else ""),
            cell(row["en"]),
            cell(f"{row['start']}-{row['end']}"),
        )
    return table
