"""``xlate events``: a pile of saved articles grouped into the events they report."""

from __future__ import annotations

import argparse
import sys
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

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers


def add_events_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "events",
        help="group a pile of saved articles into the events they report",
        description=(
            "Read, detect and translate the articles to English as `xlate translate` does "
            "(translation memory, then Argos through the cache), and group those that report "
            "one event: on glossary concepts and numbers of the source text, and on the English "
            "words, with publication dates weighed (stories months apart are different events). "
            "Each event: a label (its most shared English headline), dates, outlets, "
            "languages, cohesion (the average similarity of its pairs of articles, 0 to 1: "
            "the higher, the more they share) and articles; articles that fit no event are "
            "listed as such."
        ),
        epilog=(
            "examples:\n  xlate events samples/japan-sanctions samples/distractors\n"
            "  xlate events saved/ --format md --out events.md\n"
            "  xlate events saved/ --compare-dir events/ && xlate compare events/E1-*"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=PILE_HELP)
    p.add_argument(
        "--format",
        dest="out_format",
        type=format_name,
        choices=("terminal", "json", "md"),
        default=None,
        help="terminal, json or md; default: from --out's extension (.json, .md, .txt for "
        "terminal text; others are refused), else terminal",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write the listing here, not to stdout")
    add_pager_option(p, "listing")
    p.add_argument(
        "--width", type=width, metavar="N", help="terminal width (default: the terminal's)"
    )
    p.add_argument(
        "--min-outlets",
        type=int,
        default=2,
        metavar="N",
        help="an event needs articles of at least N outlets (default 2); others are listed "
        "as in no event",
    )
    p.add_argument(
        "--compare-dir",
        type=Path,
        metavar="DIR",
        help="write one event bundle per event under DIR, ready for `xlate compare`",
    )
    p.add_argument(
        "--threshold",
        type=float,
        metavar="SIM",
        help="average similarity (0-1) two groups need to merge (default: the one chosen "
        "on ECB+, see docs/events.md; the null model may raise it)",
    )
    add_engine_options(p)
    p.set_defaults(handler=_events, parser=p)


def _events(args: argparse.Namespace) -> int:
    import json
    from dataclasses import replace

    from xlate.errors import InputError
    from xlate.grouping.model import Settings
    from xlate.grouping.outputs import events_json, write_bundles
    from xlate.grouping.run import events
    from xlate.translate.names import check_output_folder

    if args.min_outlets < 1:
        args.parser.error("--min-outlets takes a positive number")
    if args.threshold is not None and not 0 < args.threshold <= 1:
        args.parser.error("--threshold takes a similarity between 0 and 1")
    out_format = report_format(args, ("terminal", "json", "md"))
    pile = report_pile(args)
    if args.compare_dir is not None:
        check_output_folder(args.compare_dir, pile, "--compare-dir")
    settings = replace(Settings(), min_outlets=args.min_outlets)
    if args.threshold is not None:
        settings = replace(settings, threshold=args.threshold)
    chain, glossary = engine_chain(args, pile)
    result, errors = events(pile, chain, glossary, settings=settings)
    tell_walk(pile)
    if args.compare_dir is not None:
        try:
            for folder in write_bundles(result, args.compare_dir):
                print(f"wrote {folder}", file=sys.stderr)
        except InputError as exc:  # none written: the listing is still shown, the error last
            errors = [*errors, exc]
    if out_format == "terminal":
        from io import StringIO

        from xlate.render.console import make_console
        from xlate.render.events import render_terminal
        from xlate.render.pager import show_paged

        if args.out is None:
            show_paged(
                lambda console: render_terminal(result, console),
                width=args.width,
                no_pager=args.no_pager,
            )
            return report_failures(errors)
        buffer = StringIO()
        render_terminal(result, make_console(buffer, width=args.width or 100))
        text = buffer.getvalue()
    elif out_format == "json":
        from xlate.textsafe import json_inert

        text = json_inert(json.dumps(events_json(result), ensure_ascii=False, indent=2)) + "\n"
    else:
        from xlate.render.events import render_markdown

        text = render_markdown(result)
    return write_report(args.out, text, errors)
