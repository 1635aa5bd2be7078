"""The ``xlate`` command line: parse, call one library function, render.

Exit codes: 0 success; 1 an xlate error (a one-line message; ``--debug`` shows the traceback), a
batch in which some file failed, or a translation with sentences left untranslated; 2 a usage
error; 130 interrupted.
Library modules are imported inside the command functions so that ``xlate --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from xlate import __version__
from xlate.cli.common import Handler, print_error
from xlate.cli.compare import add_compare_parser
from xlate.cli.detect import add_detect_parser
from xlate.cli.events import add_events_parser
from xlate.cli.glossary import add_glossary_parser
from xlate.cli.models import add_models_parser
from xlate.cli.parser import Parser
from xlate.cli.translate import add_translate_parser


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    from xlate.cli.common import Subparsers


COMMANDS: list[Callable[[Subparsers], None]] = [
    add_detect_parser,
    add_translate_parser,
    add_compare_parser,
    add_events_parser,
    add_models_parser,
    add_glossary_parser,
]


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
        print_error(exc)
        return 1
    except KeyboardInterrupt:
        print("xlate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
