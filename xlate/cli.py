"""The ``xlate`` command line: parse, call one library function, render.

Exit codes: 0 success; 1 an xlate error (a one-line message; ``--debug`` shows the traceback) or
a batch in which some file failed; 2 a usage error; 130 interrupted.
Library modules are imported inside the command functions so that ``xlate --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from xlate import __version__

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xlate",
        description=(
            "Offline translation and cross-outlet comparison of diplomatic news "
            "in Russian, Japanese and English."
        ),
        epilog="Run `xlate COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"xlate {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when an error occurs"
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


if TYPE_CHECKING:
    from xlate.detect import Detector

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def _report_failures(errors: Sequence[Exception]) -> int:
    """Print one line per failed file; the exit code of a batch."""
    for error in errors:
        print(f"xlate: error: {error}", file=sys.stderr)
    if errors:
        print(f"xlate: {len(errors)} file(s) failed", file=sys.stderr)
    return 1 if errors else 0


# -- detect -------------------------------------------------------------------------------------


def _add_detect(sub: Subparsers) -> None:
    p = sub.add_parser(
        "detect",
        help="detect the language of articles, paragraphs or lines",
        description=(
            "Detect the language of each article (or paragraph) and show where it would be "
            "routed: translated (ru, ja, or any language an installed model covers), passed "
            "through (already in the target language) or skipped (no text)."
        ),
        epilog=(
            "examples:\n  xlate detect samples/japan-sanctions/articles/*\n"
            "  xlate detect --paragraphs --json article.html\n"
            "  xlate detect --lines sentences.txt --json > langs.jsonl"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files; - reads stdin")
    p.add_argument(
        "--lines",
        metavar="FILE",
        help="treat each line of FILE as one text (evaluation mode; - reads stdin)",
    )
    p.add_argument("--paragraphs", action="store_true", help="one row per paragraph")
    p.add_argument("--json", action="store_true", help="JSON (JSON Lines with --lines)")
    p.add_argument("--to", default="en", metavar="LANG", help="target language (default: en)")
    p.add_argument("--encoding", help="read input in this encoding instead of detecting it")
    p.add_argument(
        "--han-default",
        choices=("ja", "zh"),
        default="ja",
        help="language of Han-only text with no evidence either way (default: ja)",
    )
    p.set_defaults(handler=_detect, parser=p)


def _detect(args: argparse.Namespace) -> int:
    from xlate.detect import Detector, DetectorConfig

    detector = Detector(DetectorConfig(han_default=args.han_default))
    if args.lines:
        if args.paths:
            args.parser.error("--lines takes one FILE; do not give PATHs as well")
        return _detect_lines(args, detector)
    if not args.paths:
        args.parser.error("give at least one PATH (or --lines FILE)")
    import json

    from xlate.models import covers
    from xlate.survey import survey

    rows, errors = survey(
        args.paths,
        paragraphs=args.paragraphs,
        target=args.to,
        covered=_safe_covers(covers),
        encoding=args.encoding,
        detector=detector,
    )
    if args.json:
        print(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2))
    elif rows:
        from xlate.render.console import make_console
        from xlate.render.detect import detect_table

        detect_table(rows, make_console())
    return _report_failures(errors)


def _safe_covers(covers: Callable[[str, str], bool]) -> Callable[[str, str], bool]:
    """Model coverage, or "not covered" when Argos is not usable here."""

    def check(source: str, target: str) -> bool:
        try:
            return covers(source, target)
        except Exception:  # a broken Argos install only means "no model here"
            return False

    return check


def _detect_lines(args: argparse.Namespace, detector: Detector) -> int:
    import json

    from xlate.survey import detect_lines

    out = sys.stdout
    for number, found in detect_lines(args.lines, encoding=args.encoding, detector=detector):
        if args.json:
            out.write(json.dumps({"line": number, **found.to_dict()}, ensure_ascii=False) + "\n")
        else:
            out.write(f"{number}\t{found.lang}\t{found.confidence:.4f}\t{found.script}\n")
    return 0


COMMANDS: list[Callable[[Subparsers], None]] = [_add_detect]  # filled in as commands land


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    from xlate.errors import XlateError

    try:
        return handler(args)
    except XlateError as exc:
        if args.debug:
            raise
        print(f"xlate: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("xlate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
