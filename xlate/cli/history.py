"""``xlate history``: what changed between saved versions of an article, fact by fact, in
English; in the terminal, JSON, Markdown or HTML."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.cli.common import (
    add_engine_options,
    add_pager_option,
    engine_chain,
    format_name,
    report_failures,
    report_format,
    report_pile,
    tell,
    tell_walk,
    width,
    write_report,
)
from xlate.limits import MAX_VERSIONS

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers
    from xlate.history.versions import History


def add_history_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "history",
        help="what changed between saved versions of an article: facts added, removed, "
        "changed, moved",
        description=(
            "Read saved versions of articles (the same URL or id saved at different times, in "
            "any language), translate them to English as compare does, and list for each "
            "article, version by version: sentences added, removed, changed (numbers, dates, "
            "names, negations, a quote's words), reworded or moved, the headline's changes, "
            "and whether the later version carries an update notice. Versions are grouped by "
            "URL, else by file name (files named one by one are versions of one article "
            "unless their URLs differ), and ordered by modification, else publication, time."
        ),
        epilog=(
            "examples:\n  xlate history saved/v1/article.html saved/v2/article.html\n"
            "  xlate history saved/ --out history.html     # every article in a pile\n"
            "  xlate history saved/ --format json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="versions: files, folders, bundles")
    p.add_argument(
        "--format",
        dest="out_format",
        type=format_name,
        choices=("terminal", "json", "md", "html"),
        default=None,
        help="terminal, json, md or html; default: from --out's extension (.json, .md, .html, "
        ".txt for terminal text; others are refused), else terminal",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write the history here")
    add_pager_option(p, "history")
    p.add_argument(
        "--width", type=width, metavar="N", help="terminal width (default: the terminal's)"
    )
    p.add_argument(
        "--max-versions",
        type=int,
        default=MAX_VERSIONS,
        metavar="N",
        help=f"refuse more versions than this in all (default {MAX_VERSIONS})",
    )
    add_engine_options(p)
    p.set_defaults(handler=_history, parser=p)


def _history(args: argparse.Namespace) -> int:
    import json

    from xlate.history.run import history_paths
    from xlate.history.versions import history_json

    out_format = report_format(args, ("terminal", "json", "md", "html"))
    pile = report_pile(args)
    chain, glossary = engine_chain(args, pile)
    named = len(args.paths) > 1 and all(Path(p).is_file() for p in args.paths)
    history, errors = history_paths(
        pile, chain, glossary=glossary, max_versions=args.max_versions, named=named
    )
    tell_walk(pile)
    nothing = int(_tell_no_versions(history))  # exit 1: nothing asked for was compared
    if out_format == "json":
        from xlate.textsafe import json_inert

        text = json_inert(json.dumps(history_json(history), ensure_ascii=False)) + "\n"
    elif out_format == "md":
        from xlate.render.history import markdown_history

        text = markdown_history(history)
    elif out_format == "html":
        from xlate.render.history import html_history

        text = html_history(history)
    else:
        from io import StringIO

        from xlate.render.console import make_console
        from xlate.render.history import terminal_history

        if args.out is None:  # paged as compare's report is (a trial: no --no-pager here)
            from xlate.render.pager import show_sections_paged

            show_sections_paged(terminal_history(history), width=args.width, no_pager=args.no_pager)
            return report_failures(errors) or nothing
        buffer = StringIO()
        console = make_console(buffer, width=args.width or 100)
        for part in terminal_history(history):
            console.print(part)
        text = buffer.getvalue()
    return write_report(args.out, text, errors) or nothing


def _tell_no_versions(history: History) -> bool:
    """Files read as different articles, one version each: say how versions are paired, or
    the user is left with "nothing to compare" for every file and no idea why. Whether
    nothing was compared (the command then exits 1)."""
    articles = history.articles
    if all(len(a.versions) == 1 for a in articles):
        if len(articles) > 1:
            tell(
                f"xlate: no two of the {len(articles)} files are versions of one article: "
                "versions share a URL, else a file name (saved/v1/story.html, "
                "saved/v2/story.html); two files named with different URLs are two articles"
            )
        return True
    return False
