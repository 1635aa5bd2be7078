"""The comparison from paths to a report: read and translate (``prepare``), then build."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from xlate.compare.build import build_report
from xlate.compare.report import Report
from xlate.glossary.match import Glossary
from xlate.ingest.pile import Pile, left_out, read_pile
from xlate.limits import MAX_ARTICLES, MAX_SENTENCES


def compare_paths(
    paths: Pile | Sequence[str],
    chain: Sequence[Any],
    *,
    glossary: Glossary | None = None,
    max_sentences: int = MAX_SENTENCES,
    max_articles: int = MAX_ARTICLES,
) -> tuple[Report, list[Exception]]:
    """Read, translate and compare the articles of ``paths`` (a pile, or the paths to read as
    one); the files that failed."""
    from xlate.compare.prepare import prepare_outlets
    from xlate.errors import InputError

    pile = paths if isinstance(paths, Pile) else read_pile(paths)
    outlets, errors = prepare_outlets(
        pile,
        chain,
        glossary,
        max_sentences=max_sentences,
        max_articles=max_articles,
    )
    event = " / ".join(pile.events)
    if len(outlets) < 2:
        problem = f"; {len(errors)} failed" if errors else ""
        raise InputError(
            None,
            f"need at least two readable articles to compare, got {len(outlets)}{problem}"
            + "".join(f"\n  {e}" for e in errors[:5]),
        )
    from xlate.engines.chain import describe_engines

    engines = describe_engines(chain)
    report = build_report(
        outlets, glossary=glossary, engines=engines, left_out=left_out(errors), event=event
    )
    if pile.passed_over:
        report = replace(report, passed_over=pile.passed_over)
    return report, list(errors)
