"""``xlate glossary scan`` and ``list`` in a terminal: the terms found, the concepts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from xlate.glossary.match import LANGUAGES, Concept
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


def concepts_table(concepts: Sequence[Concept], lang: str | None, title: str) -> Table:
    """One row per concept: id, type and its preferred forms, or (``lang``) every form in
    that language."""
    table = Table(title=title, title_justify="left")
    table.add_column("id", overflow="fold")
    table.add_column("type")
    languages = [lang] if lang else list(LANGUAGES)
    for name in languages:
        table.add_column(f"{name} forms" if lang else name, overflow="fold")
    for concept in concepts:
        if lang:
            forms = [", ".join(concept.forms(lang))]
        else:
            forms = [concept.preferred.get(name, "") for name in languages]
        table.add_row(
            cell(concept.id),
            cell(concept.type, "magenta" if concept.is_framing else ""),
            *(cell(form) for form in forms),
        )
    return table
