"""``xlate compare``: how outlets report one event, in the terminal (paged), JSON, Markdown
or HTML.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from xlate.cli.common import _add_engine_options, _engine_chain, _error, _report_failures
from xlate.limits import MAX_ARTICLES, MAX_SENTENCES, MAX_SENTENCES_COST

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers
    from xlate.compare.report import Report


def _add_compare(sub: Subparsers) -> None:
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
            "  xlate compare saved/*.html --out report.html    # the format from the extension\n"
            "  xlate compare samples/japan-sanctions --timeline   # who said it first\n"
            "  xlate compare translated/                       # xlate translate's outputs"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="event bundles, article files or folders, or `xlate translate` outputs (*.en.json)",
    )
    p.add_argument(
        "--format",
        dest="out_format",
        choices=("terminal", "json", "md", "html"),
        default=None,
        help="terminal, json, md or html (one self-contained page); default: from --out's "
        "extension (.json, .md, .html; anything else is terminal text), else terminal",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="write the report here, not to stdout")
    p.add_argument("--show-source", action="store_true", help="add each original sentence")
    p.add_argument(
        "--timeline",
        action="store_true",
        help="show the timeline alone: when each outlet published, who reported each fact "
        "first and how much later the others did, and who repeats whose wording",
    )
    p.add_argument(
        "--no-pager",
        action="store_true",
        help="never page the terminal report (by default a report taller than the terminal "
        "opens in $PAGER, else less -R)",
    )
    p.add_argument(
        "--width", type=int, metavar="N", help="terminal width (default: the terminal's)"
    )
    _add_engine_options(p)
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
        f"{MAX_SENTENCES}: up to {MAX_SENTENCES_COST})",
    )
    p.set_defaults(handler=_compare, parser=p)


# The report format an --out file's extension asks for.
OUT_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def _compare_format(args: argparse.Namespace) -> str:
    if args.out_format is not None:
        return str(args.out_format)
    if args.out is None:
        return "terminal"
    return OUT_FORMATS.get(args.out.suffix.lower(), "terminal")


def check_compare_paths(paths: Sequence[str]) -> None:
    """A missing path, or a folder without any article file, is named before anything runs."""
    from xlate.errors import InputError
    from xlate.ingest.bundle import is_bundle
    from xlate.ingest.paths import ARTICLE_SUFFIXES

    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(raw):  # a loop or a dangling link: the path check says which
            raise InputError(raw, "no such file or folder")
        if path.is_dir() and not is_bundle(path):
            found = any(
                p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES for p in path.rglob("*")
            )
            if not found:
                kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
                raise InputError(raw, f"no article files in this folder (looked for {kinds})")


def _compare(args: argparse.Namespace) -> int:
    import json

    from xlate.compare.report import report_json
    from xlate.compare.run import compare_paths
    from xlate.ingest.inputs import collect_inputs

    check_compare_paths(args.paths)
    out_format = _compare_format(args)
    inputs = collect_inputs(args.paths)
    from os.path import realpath  # never raises: a link loop among the inputs fails later

    if args.out is not None and realpath(args.out) in {realpath(f.path) for f in inputs.files}:
        args.parser.error(f"--out {args.out} is one of the inputs")
    if len(inputs.files) > args.max_articles:
        from xlate.errors import LimitError

        raise LimitError(
            f"{len(inputs.files)} article files to compare, over --max-articles "
            f"{args.max_articles}; compare fewer, or raise the limit"
        )
    chain, glossary = _engine_chain(args, inputs)
    report, errors = compare_paths(
        args.paths,
        chain,
        glossary=glossary,
        max_sentences=args.max_sentences,
        max_articles=args.max_articles,
    )
    if out_format == "terminal":
        from xlate.render.console import make_console
        from xlate.render.terminal import render_terminal

        if args.out is None:
            _show_paged(report, args)
            return _report_failures(errors)
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
    if args.out is None:
        sys.stdout.write(text)
    else:
        from contextlib import suppress

        from xlate.files import write_guarded

        with suppress(OSError):  # if it cannot be made, write_guarded says why
            args.out.parent.mkdir(parents=True, exist_ok=True)
        failure = write_guarded(args.out, text)
        if failure:  # the failed files' messages first, then why the report is missing
            _report_failures(errors)
            _error(failure)
            return 1
        print(f"wrote {args.out}", file=sys.stderr)
    return _report_failures(errors)


def _show_paged(report: Report, args: argparse.Namespace) -> None:
    """The terminal report on stdout, through a pager when it is taller than the terminal
    and stdout is one (not with --no-pager)."""
    from xlate.render.console import make_console
    from xlate.render.terminal import terminal_sections

    console = make_console(width=args.width)
    sections = terminal_sections(report, show_source=args.show_source, timeline_only=args.timeline)
    if args.no_pager or not console.is_terminal:
        for section in sections:
            console.print(section)
        return
    with console.capture() as captured:
        for section in sections:
            console.print(section)
    text = captured.get()
    if text.count("\n") < console.height:
        console.file.write(text)
        return
    _page(text, console.file)


def _page(text: str, fallback: IO[str]) -> None:
    """``text`` (with ANSI styles, unless NO_COLOR cleared them) through $PAGER, else less -R;
    written as it is when no pager can run."""
    import os
    import shlex
    import subprocess

    command = os.environ.get("PAGER") or "less -R"
    env = dict(os.environ)
    env.setdefault("LESS", "-R")
    try:
        argv = shlex.split(command)
    except ValueError:  # a quote left open in $PAGER
        argv = []
    if not argv:  # a blank or broken $PAGER: no pager to run
        fallback.write(text)
        return
    try:
        subprocess.run(argv, input=text, text=True, encoding="utf-8", env=env, check=False)
    except OSError:
        fallback.write(text)
