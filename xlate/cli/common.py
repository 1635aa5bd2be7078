"""What the commands share: one-line error messages, the failed files of a batch, and the
engine options of ``translate`` and ``compare``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.textsafe import plural

if TYPE_CHECKING:
    from xlate.cli.parser import Parser
    from xlate.engines import Engine
    from xlate.engines.argos import ArgosOptions
    from xlate.glossary.match import Glossary
    from xlate.ingest.pile import Pile

    Subparsers = argparse._SubParsersAction[Parser]

Handler = Callable[[argparse.Namespace], int]

# What a command's PATH arguments may be (xlate.ingest.pile reads them).
PILE_HELP = (
    "article files, folders (with their subfolders and the bundles in them) or event bundles; "
    "files a folder holds that xlate does not read are named with the reason"
)


def tell(line: str) -> None:
    """``line`` on stderr: one line for a script; on a terminal, wrapped between words at its
    width with the later lines indented (the terminal itself would cut a word in two)."""
    from xlate.render.plain import is_terminal

    if is_terminal(sys.stderr):
        import textwrap

        wrapped = [  # each line of a message of several (a file's failure a line) apart
            row
            for part in line.splitlines()
            for row in textwrap.wrap(
                part,
                stderr_columns(),
                subsequent_indent="  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        ]
        line = "\n".join(wrapped) or line
    print(line, file=sys.stderr)


def stderr_columns() -> int:
    """The width of the terminal stderr writes to: ``COLUMNS``, else its size, else 80."""
    import os
    import shutil

    try:
        return max(int(os.environ["COLUMNS"]), 20)
    except (KeyError, ValueError):
        pass
    try:
        return max(os.get_terminal_size(sys.stderr.fileno()).columns, 20)
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size().columns


def print_error(message: object) -> None:
    """One line on stderr (wrapped between words on a terminal); file names and article text
    in it are made inert first."""
    from xlate.textsafe import inert

    tell(f"xlate: error: {inert(str(message))}")


def whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An option's type: a whole number from ``low`` (to ``high``), else a usage error
    naming the range (a beam of -5 ended in a CTranslate2 traceback; 0 characters a
    sentence never ended)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low or (high is not None and value > high):
            span = f"{low:,} to {high:,}" if high is not None else f"{low:,} or more"
            raise argparse.ArgumentTypeError(f"{value:,}: give {span}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def language(text: str) -> str:
    """``--to``: a language code or English name Argos knows (``ru``, ``Russian``), or a code
    the language detector tells (``hr``: a memory or a CTranslate2 model may translate into
    it), as its code; else a usage error listing them (``--to xx`` wrote ``.xx.json``
    outputs, partial, with "run xlate models install ru xx")."""
    from xlate.detect.rules import DETECTED_LANGUAGES
    from xlate.engines.index import LANGUAGES, language_code
    from xlate.errors import LanguageError

    if text.strip() in DETECTED_LANGUAGES:
        return text.strip()
    try:
        return language_code(text, {**{code: code for code in DETECTED_LANGUAGES}, **LANGUAGES})
    except LanguageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def width(text: str) -> int:
    """``--width``: a number of columns a terminal could have (0 printed nothing, and a
    hundred million wrote hundreds of megabytes)."""
    from xlate.limits import MAX_WIDTH, MIN_WIDTH

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of columns: {text!r}") from None
    if not MIN_WIDTH <= value <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(
            f"{value} columns: give {MIN_WIDTH} to {MAX_WIDTH:,} columns"
        )
    return value


def encoding_name(value: str) -> str:
    """``--encoding``'s value, checked as it is parsed: a wrong name is a usage error (exit 2)
    before any file is read, not a failure of every file."""
    from xlate.ingest.decode import text_encoding

    problem = text_encoding(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


def report_failures(errors: Sequence[object]) -> int:
    """Print one line per failed file; the exit code of a batch."""
    for error in errors:
        print_error(error)
    if errors:
        tell(f"xlate: {plural(len(errors), 'file')} failed")
    return 1 if errors else 0


def write_report(out: Path | None, text: str, errors: Sequence[object]) -> int:
    """A command's report on stdout, or in ``out`` (its folder made if need be); then the
    failed files, one line each. The exit code: 1 if a file failed or the report could not be
    written (said last, after the failed files' messages)."""
    if out is None:
        sys.stdout.write(text)
        return report_failures(errors)
    from contextlib import suppress

    from xlate.files import write_guarded

    with suppress(OSError):  # a folder that cannot be made fails the write, said below
        out.parent.mkdir(parents=True, exist_ok=True)
    failure = write_guarded(out, text)
    if failure:
        report_failures(errors)
        print_error(failure)
        return 1
    print(f"wrote {out}", file=sys.stderr)
    return report_failures(errors)


def format_name(value: str) -> str:
    """A --format as its choices spell it: "markdown" (as --out's .markdown) is md, "htm" html,
    "text" txt; any case."""
    value = value.strip().lower()
    return {"markdown": "md", "htm": "html", "text": "txt"}.get(value, value)


# The report formats --out's extension asks for (compare and events); .txt is the terminal's text.
REPORT_SUFFIXES = {
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".txt": "terminal",
}


def report_format(args: argparse.Namespace, formats: Sequence[str]) -> str:
    """The format of a report: --format, else --out's extension (terminal text when it has
    none), else terminal. An extension the command cannot write is a usage error naming those
    it can: a .pdf is never given plain text."""
    if args.out_format is not None:
        return str(args.out_format)
    if args.out is None or not args.out.suffix:
        return "terminal"
    suffix = args.out.suffix.lower()
    chosen = REPORT_SUFFIXES.get(suffix)
    if chosen is None or chosen not in formats:
        known = ", ".join(s for s, f in REPORT_SUFFIXES.items() if f in formats)
        parser: argparse.ArgumentParser = args.parser
        parser.error(
            f"--out {args.out}: cannot write a {suffix} report; name a file ending in {known}, "
            "or give --format"
        )
    return chosen


def check_out_folder(args: argparse.Namespace) -> None:
    """--out names a folder to write into (or to make): an existing file is refused."""
    if args.out.is_file():
        args.parser.error(f"{args.out} is a file; --out takes a folder")


def add_engine_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """Engines, memories, cache and glossary; the glossary group is returned for additions."""
    from xlate.engines import ENGINE_NAMES

    p.add_argument(
        "--engine",
        default="auto",
        metavar="ENGINE",
        help=f"{', '.join(ENGINE_NAMES)}, ct2:PATH (a CTranslate2 model folder: OPUS-MT, "
        "NLLB-200, M2M-100) or a model's name in the configuration file; auto (default): "
        "memory exact match, then Argos",
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
    terms = p.add_argument_group(
        "glossary",
        "Default: the bundled diplomatic.toml and your own (see `xlate glossary --help`).",
    )
    terms.add_argument(
        "--glossary",
        action="append",
        type=Path,
        metavar="FILE",
        help="glossary file (repeatable), used instead of the default ones: its terms are "
        "kept through MT and checked after",
    )
    terms.add_argument("--no-glossary", action="store_true", help="neither keep nor check terms")
    return terms


def engine_chain(
    args: argparse.Namespace, inputs: Pile, argos_options: ArgosOptions | None = None
) -> tuple[list[Engine], Glossary | None]:
    """The options of :func:`add_engine_options`, checked, as an engine chain and glossary."""
    from xlate.engines.chain import build_chain

    if args.fuzzy is not None and not 0 < args.fuzzy <= 100:
        args.parser.error("--fuzzy takes a score between 0 and 100")
    strict = getattr(args, "strict_glossary", False)
    if args.no_glossary and (args.glossary or strict):
        args.parser.error("--no-glossary cannot be combined with --glossary or --strict-glossary")
    _check_engine_name(args)
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


def _check_engine_name(args: argparse.Namespace) -> None:
    """A usage error (exit 2) for an ``--engine`` that is neither built in, ``ct2:PATH``, nor
    a model registered in the configuration."""
    from xlate.engines import ENGINE_NAMES
    from xlate.engines.ct2 import registered_models

    name = args.engine
    if name in ENGINE_NAMES or name.startswith("ct2:"):
        return
    registered = registered_models()
    if name not in registered:
        names = ", ".join([*ENGINE_NAMES, *registered, "ct2:PATH"])
        args.parser.error(f"argument --engine: invalid choice: {name!r} (choose from {names})")


def open_glossary(files: Sequence[Path] | None) -> Glossary:
    from xlate.glossary.load import load_glossary, standard_glossary_paths

    # The shared-form search is `xlate glossary check`'s job; loading for use skips it.
    glossary, problems = load_glossary(files or standard_glossary_paths(), check_forms=False)
    if problems:
        from xlate.errors import FormatError

        raise FormatError(None, f"{problems[0]} (run `xlate glossary check` for all problems)")
    return glossary


def report_pile(args: argparse.Namespace) -> Pile:
    """The pile a report command (compare, events, history) reads from ``args.paths``: at least
    one article found, and ``--out`` checked against it before any work is done."""
    from xlate.ingest.pile import read_pile
    from xlate.translate.outputs import sources_passed_over

    if getattr(args, "engine", None) is not None:
        _check_engine_name(args)  # a usage error before any file is looked at
    pile = sources_passed_over(read_pile(args.paths))
    pile.require_articles()
    check_out_not_input(args, pile)
    return pile


def check_out_not_input(args: argparse.Namespace, pile: Pile) -> None:
    """A usage error when ``--out`` names one of the pile's files; an InputError, before any
    work, when it is inside one of the pile's folders (the next run would read it as an
    article) or names a symbolic link, a pipe or a device (the write would replace it)."""
    from os.path import realpath  # never raises: a link loop among the inputs fails later

    from xlate.errors import InputError
    from xlate.files import check_replaceable
    from xlate.textsafe import shown_path
    from xlate.translate.names import check_output_file

    if args.out is None:
        return
    if realpath(args.out) in {realpath(f.path) for f in pile.files}:
        args.parser.error(f"--out {args.out} is one of the inputs")
    check_output_file(args.out, pile)
    try:
        check_replaceable(Path(args.out))
    except OSError as exc:  # the words the write itself would say, but before the work
        reason = f"cannot write the report {shown_path(args.out)}: {exc.strerror}"
        raise InputError(None, reason) from None


def tell_walk(pile: Pile) -> None:
    """What the walk of ``pile`` found besides the articles, on stderr with the command's
    summary: the bundle that articles named without it belong to (its manifest and memories
    used, or why not), and one line counting and naming the files it passed over."""
    from xlate.ingest.pile import passed_over_line
    from xlate.textsafe import inert

    for note in pile.notes:
        tell(f"xlate: {inert(note)}")
    line = passed_over_line(pile.passed_over)
    if line:
        tell(f"xlate: {inert(line)}")


def add_pager_option(p: argparse.ArgumentParser, what: str) -> None:
    """``--no-pager`` for a command whose terminal ``what`` (report, listing) may be paged."""
    p.add_argument(
        "--no-pager",
        action="store_true",
        help=f"never page the terminal {what} (by default a {what} taller than the terminal "
        "opens in $PAGER, else less -R)",
    )
