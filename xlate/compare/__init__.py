"""Cross-outlet comparison (``xlate compare``): how outlets in three languages tell one event.

    prepare ─▶ align ─▶ diff, quotes ─▶ build ─▶ report (data, JSON) ─▶ xlate.render

``prepare`` reads and translates each outlet (the translate step, in memory), ``align`` groups
sentences into facts, ``diff`` and ``quotes`` compare the members of a fact, ``summary`` says it
in sentences, ``build`` assembles the :class:`~xlate.compare.report.Report`, ``run`` does it all
from paths. :func:`compare` is the entry point; it imports the stages when called, so importing
this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlate.compare.report import Report
    from xlate.engines import Engine
    from xlate.glossary.match import Glossary


def compare(
    paths: Sequence[str],
    chain: Sequence[Engine],
    *,
    glossary: Glossary | None = None,
    **limits: Any,
) -> tuple[Report, list[Exception]]:
    """Read, translate and compare the articles of ``paths`` with the engines of ``chain``;
    the report, and the files left out (``max_sentences``, ``max_articles``: see
    :func:`xlate.compare.run.compare_paths`)."""
    from xlate.compare.run import compare_paths

    return compare_paths(paths, chain, glossary=glossary, **limits)
