"""What the commands share: one-line error messages, the failed files of a batch, and the
engine options of ``translate`` and ``compare``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlate.engines import Engine
    from xlate.engines.argos import ArgosOptions
    from xlate.glossary.match import Glossary
    from xlate.ingest.inputs import Inputs

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

Handler = Callable[[argparse.Namespace], int]


def print_error(message: object) -> None:
    """One line on stderr; file names and article text in it are made inert first."""
    from xlate.textsafe import inert

    print(f"xlate: error: {inert(str(message))}", file=sys.stderr)


def report_failures(errors: Sequence[object]) -> int:
    """Print one line per failed file; the exit code of a batch."""
    for error in errors:
        print_error(error)
    if errors:
        print(f"xlate: {len(errors)} file(s) failed", file=sys.stderr)
    return 1 if errors else 0


def add_engine_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """Engines, memories, cache and glossary; the glossary group is returned for additions."""
    from xlate.engines import ENGINE_NAMES

    p.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default="auto",
        help="auto (default): memory exact match, then Argos; or one engine alone",
    )
    p.add_argument(
        "--memory",
        action="append",
        default=[],
        type=Path,
        metavar="FILE.tmx",
        help="a TMX translation memory (repeatable); a bundle's own .tmx files are used too",
    )
    p.add_argument(
        "--fuzzy",
        type=float,
        metavar="SCORE",
        help="also use memory entries at least this similar (0-100), marked as fuzzy; numbers "
        "the sentence changed are carried into the entry's translation, and an entry that "
        "cannot take them scores 30 lower (number-mismatch)",
    )
    p.add_argument("--cache", type=Path, metavar="PATH", help="translation cache database")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    terms = p.add_argument_group("glossary (default: glossaries/diplomatic.toml)")
    terms.add_argument(
        "--glossary",
        action="append",
        type=Path,
        metavar="FILE",
        help="glossary file (repeatable): its terms are kept through MT and checked after",
    )
    terms.add_argument("--no-glossary", action="store_true", help="neither keep nor check terms")
    return terms


def engine_chain(
    args: argparse.Namespace, inputs: Inputs, argos_options: ArgosOptions | None = None
) -> tuple[list[Engine], Glossary | None]:
    """The options of :func:`add_engine_options`, checked, as an engine chain and glossary."""
    from xlate.engines.chain import build_chain

    if args.fuzzy is not None and not 0 < args.fuzzy <= 100:
        args.parser.error("--fuzzy takes a score between 0 and 100")
    strict = getattr(args, "strict_glossary", False)
    if args.no_glossary and (args.glossary or strict):
        args.parser.error("--no-glossary cannot be combined with --glossary or --strict-glossary")
    glossary = None if args.no_glossary else open_glossary(args.glossary)
    chain = build_chain(
        args.engine,
        memories=[*args.memory, *inputs.memories],
        fuzzy=args.fuzzy,
        cache_path=args.cache,
        use_cache=not args.no_cache,
        argos_options=argos_options,
        glossary=glossary,
        glossary_mode=getattr(args, "glossary_mode", "placeholder"),
    )
    return chain, glossary


def open_glossary(files: Sequence[Path] | None) -> Glossary:
    from xlate.glossary.load import default_glossary_path, load_glossary

    # The shared-form search is `xlate glossary check`'s job; loading for use skips it.
    glossary, problems = load_glossary(files or [default_glossary_path()], check_forms=False)
    if problems:
        from xlate.errors import FormatError

        raise FormatError(None, f"{problems[0]} (run `xlate glossary check` for all problems)")
    return glossary


# cli/compare.py, cli/events.py and cli/translate.py, rewritten on another branch, still import
# the old private names: remove these once they import the public ones.
_error = print_error
_report_failures = report_failures
_add_engine_options = add_engine_options
_engine_chain = engine_chain
