"""``xlate compare``: how outlets report one event, in the terminal (paged), JSON, Markdown
or HTML.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.cli.common import (
    PILE_HELP,
    add_engine_options,
    add_pager_option,
    engine_chain,
    format_name,
    report_failures,
    report_format,
    report_pile,
    tell_walk,
    width,
    write_report,
)
from xlate.limits import MAX_ARTICLES, MAX_SENTENCES

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers
    from xlate.compare.report import Report


def add_compare_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "compare",
        help="compare how outlets report one event: shared facts, gaps, quotes, framing",
        description=(
            "Translate the articles to English (translation memory, then Argos, through the "
            "cache), align their sentences across outlets into facts, and report which facts "
            "each outlet carries, what only one says, where numbers and dates differ, how "
            "quotes are rendered, and which names and framing words each uses."
        ),
        epilog=(
            "examples:\n  xlate compare samples/japan-sanctions\n"
            "  xlate compare samples/japan-sanctions --show-source --width 120\n"
            "  xlate compare saved/*.html --out report.html  # the format from the extension\n"
            "  xlate compare samples/japan-sanctions --timeline   # who said it first\n"
            "  xlate compare translated/                       # xlate translate's outputs"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=f"{PILE_HELP}; or `xlate translate` JSON outputs (*.en.json)",
    )
    p.add_argument(
        "--format",
        dest="out_format",
        type=format_name,
        choices=("terminal", "json", "md", "html"),
        default=None,
        help="terminal, json, md or html (one self-contained page); default: from --out's "
        "extension (.json, .md, .html, .txt for terminal text; others are refused), else "
        "terminal",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write the report here, not to stdout")
    p.add_argument("--show-source", action="store_true", help="add each original sentence")
    p.add_argument(
        "--timeline",
        action="store_true",
        help="show the timeline alone: when each outlet published, who reported each fact "
        "first and how much later the others did, and who repeats whose wording",
    )
    add_pager_option(p, "report")
    p.add_argument(
        "--width", type=width, metavar="N", help="terminal width (default: the terminal's)"
    )
    add_engine_options(p)
    p.add_argument(
        "--max-articles",
        type=int,
        default=MAX_ARTICLES,
        metavar="N",
        help=f"refuse more articles than this (default {MAX_ARTICLES}; every pair of sentences "
        "is scored)",
    )
    p.add_argument(
        "--max-sentences",
        type=int,
        default=MAX_SENTENCES,
        metavar="N",
        help="refuse more sentences in all than this, before translating (default "
        f"{MAX_SENTENCES}; its time and memory: docs/performance.md)",
    )
    p.set_defaults(handler=_compare, parser=p)


def _compare(args: argparse.Namespace) -> int:
    import json

    from xlate.compare.report import report_json
    from xlate.compare.run import compare_paths

    out_format = report_format(args, ("terminal", "json", "md", "html"))
    pile = report_pile(args)
    chain, glossary = engine_chain(args, pile)
    report, errors = compare_paths(
        pile,
        chain,
        glossary=glossary,
        max_sentences=args.max_sentences,
        max_articles=args.max_articles,
    )
    tell_walk(pile)
    if out_format == "terminal":
        from xlate.render.console import make_console
        from xlate.render.terminal import render_terminal

        if args.out is None:
            _show_paged(report, args)
            return report_failures(errors)
        from io import StringIO

        buffer = StringIO()
        render_terminal(
            report,
            make_console(buffer, width=args.width or 100),
            show_source=args.show_source,
            timeline_only=args.timeline,
        )
        text = buffer.getvalue()
    elif out_format == "json":
        from xlate.textsafe import json_inert

        data = report_json(report)
        if args.timeline:
            data = {k: data[k] for k in ("schema", "signature", "event", "timeline")}
        text = json_inert(json.dumps(data, ensure_ascii=False)) + "\n"
    elif out_format == "md":
        from xlate.render.markdown import render_markdown

        text = render_markdown(report, show_source=args.show_source, timeline_only=args.timeline)
    else:
        from xlate.render.html import render_html

        text = render_html(report, show_source=args.show_source, timeline_only=args.timeline)
    return write_report(args.out, text, errors)


def _show_paged(report: Report, args: argparse.Namespace) -> None:
    """The terminal report on stdout, through a pager when it is taller than the terminal
    and stdout is one (not with --no-pager)."""
    from xlate.render.pager import show_sections_paged
    from xlate.render.terminal import terminal_sections

    sections = terminal_sections(report, show_source=args.show_source, timeline_only=args.timeline)
    show_sections_paged(sections, width=args.width, no_pager=args.no_pager)
