"""``xlate translate``: saved articles in, translations out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.cli.common import (
    PILE_HELP,
    add_engine_options,
    check_out_folder,
    encoding_name,
    engine_chain,
    format_name,
    language,
    print_error,
    report_failures,
    tell,
    tell_walk,
    whole,
)
from xlate.limits import (
    ARGOS_BATCH_SIZE,
    DEFAULT_MAX_BYTES,
    MAX_BEAM,
    MAX_DECODING_LENGTH,
    MAX_SENTENCE_CHARS,
    MIN_SENTENCE_CHARS,
    STREAM_BYTES,
)
from xlate.textsafe import plural

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from xlate.cli.common import Subparsers
    from xlate.translate.executor import Executor
    from xlate.translate.results import BatchResult, Progress


def add_translate_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "translate",
        help="translate saved articles (files, folders or event bundles) offline",
        description=(
            "Translate saved articles into the target language. Each sentence is detected and "
            "routed: already in the target language → passed through; otherwise the engines "
            "are tried in order (auto: translation memory exact match, then Argos Translate "
            "through the cache). Writes OUT/<name>.<to>.<format> per article and "
            "OUT/xlate-report.json. Finished outputs are skipped on a second run (--force "
            "redoes them; another engine or glossary setting does too); a bad file is "
            "reported and the batch goes on. A sentence no engine "
            "covers keeps its source text, flagged untranslated, and its article is written as "
            "partial (exit code 1); --strict fails such an article instead."
        ),
        epilog=(
            "examples:\n"
            "  xlate translate samples/japan-sanctions --out translated\n"
            "  xlate translate saved/ --out out --engine argos --format md --jobs 4\n"
            "  xlate translate a.html --out out --memory reviewed.tmx --fuzzy 90"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=PILE_HELP)
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    p.add_argument(
        "--to",
        type=language,
        default="en",
        metavar="LANG",
        help="target language, a code or an English name (default: en)",
    )
    p.add_argument(
        "--format",
        dest="out_format",
        type=format_name,
        choices=("json", "txt", "md"),
        default="json",
        help="each output file's format (default json: every sentence with its engine and checks)",
    )
    p.add_argument(
        "--jobs",
        type=whole(1),
        default=1,
        metavar="N",
        help="files read in parallel (at most one per core)",
    )
    p.add_argument("--force", action="store_true", help="redo articles already translated")
    p.add_argument(
        "--encoding",
        type=encoding_name,
        help="read inputs in this encoding instead of detecting it",
    )
    p.add_argument(
        "--max-bytes",
        type=whole(1),
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse larger files (default {DEFAULT_MAX_BYTES // 2**20} MiB); .txt and .md files "
        f"over {STREAM_BYTES // 2**20} MiB are translated part by part, in flat memory",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail an article with a sentence no engine covers instead of writing it with "
        "that sentence flagged untranslated (all or nothing, per article)",
    )
    _add_glossary_options(p)
    _add_argos_options(p)
    _add_executor_options(p)
    p.set_defaults(handler=_translate, parser=p)


def _add_glossary_options(p: argparse.ArgumentParser) -> None:
    """The engine options every command shares, and translate's glossary checks."""
    terms = add_engine_options(p)
    terms.add_argument(
        "--strict-glossary",
        action="store_true",
        help="fail a file whose translation misses a term or uses a forbidden rendering",
    )
    terms.add_argument(
        "--glossary-mode",
        choices=("placeholder", "inline"),
        default="placeholder",
        help="how terms are protected before MT (default: placeholder; see docs/cli.md)",
    )


def _add_executor_options(p: argparse.ArgumentParser) -> None:
    from xlate.translate.executor import EXECUTORS

    run = p.add_argument_group("where the work runs (see docs/ray.md)")
    run.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="local (default): --jobs processes on this machine; ray: a Ray cluster "
        "(pip install 'xlate[ray]'), with --jobs N translator actors (default: one per CPU)",
    )
    run.add_argument(
        "--address",
        metavar="auto|HOST:PORT",
        help="with --executor ray: the cluster to join (default: start a local Ray instance)",
    )
    run.add_argument(
        "--ship-inputs",
        action="store_true",
        help="with --executor ray: send file contents to the nodes instead of having them "
        "read the inputs from a shared filesystem",
    )


def _executor(args: argparse.Namespace) -> Executor:
    """The executor the options of :func:`_add_executor_options` name, checked and started."""
    from xlate.translate.executor import make_executor

    if args.executor != "ray" and (args.address or args.ship_inputs):
        args.parser.error("--address and --ship-inputs need --executor ray")
    return make_executor(
        args.executor,
        address=args.address,
        ship_inputs=args.ship_inputs,
        actors=args.jobs if args.jobs > 1 else None,
    )


def _add_argos_options(p: argparse.ArgumentParser) -> None:
    """Argos Translate's decoding and threading options."""
    argos = p.add_argument_group(
        "Argos Translate",
        "An option wins over its ARGOS_* variable, which wins over the default.",
    )
    argos.add_argument(
        "--beam-size",
        type=whole(1, MAX_BEAM),
        metavar="N",
        help="hypotheses kept at each step (default 4)",
    )
    argos.add_argument(
        "--batch-size",
        type=whole(1),
        metavar="N",
        help=f"sentences per CTranslate2 sub-batch, at most (default {ARGOS_BATCH_SIZE}; fewer "
        "when a call holds too few sentences to keep every translator busy)",
    )
    argos.add_argument(
        "--inter-threads",
        type=whole(1),
        metavar="N",
        help="sub-batches translated at once (default: the cores this process may use)",
    )
    argos.add_argument(
        "--threads",
        type=whole(0),
        metavar="N",
        help="threads inside each sub-batch (default 1; 0: CTranslate2 decides)",
    )
    argos.add_argument(
        "--max-decoding-length",
        type=whole(1),
        default=MAX_DECODING_LENGTH,
        metavar="N",
        help=f"tokens a translated sentence may hold at most (default {MAX_DECODING_LENGTH})",
    )
    argos.add_argument(
        "--min-confidence",
        type=float,
        metavar="LOGPROB",
        help="flag machine translations whose mean log-probability per token is below this "
        "(e.g. -1.5) as low-confidence; default: below each model's lower fence on the "
        "article (docs/engines.md says how to calibrate)",
    )
    argos.add_argument(
        "--max-sentence-chars",
        type=whole(MIN_SENTENCE_CHARS),
        default=MAX_SENTENCE_CHARS,
        metavar="N",
        help="longer sentences go to the model in pieces (flagged split:N), never truncated "
        "(default %(default)s characters)",
    )


def _translate(args: argparse.Namespace) -> int:
    from xlate.engines.argos import ArgosOptions
    from xlate.errors import InputError
    from xlate.ingest.pile import read_pile
    from xlate.render.plain import interrupted_message
    from xlate.translate.batch import translate_batch
    from xlate.translate.names import check_output_folder
    from xlate.translate.outputs import outputs_passed_over
    from xlate.translate.results import BatchInterrupted, TranslateOptions

    check_out_folder(args)
    pile = outputs_passed_over(read_pile(args.paths))
    try:
        check_output_folder(args.out, pile)
    except InputError as exc:  # a wrong --out: a usage error, as --out naming a file is
        args.parser.error(str(exc))
    chain, glossary = engine_chain(
        args,
        pile,
        ArgosOptions(
            beam_size=args.beam_size,
            batch_size=args.batch_size,
            intra_threads=args.threads,
            inter_threads=args.inter_threads,
            max_decoding_length=args.max_decoding_length,
            max_sentence_chars=args.max_sentence_chars,
        ),
    )
    pile.require_articles()  # after the usage errors
    options = TranslateOptions(
        target=args.to,
        out_format=args.out_format,
        force=args.force,
        encoding=args.encoding,
        jobs=args.jobs,
        max_bytes=args.max_bytes,
        min_confidence=args.min_confidence,
    )
    try:
        with _executor(args) as executor, _progress() as progress:
            batch = translate_batch(
                pile,
                args.out,
                executor.engines(chain),
                options,
                progress=progress,
                glossary=glossary,
                strict_glossary=args.strict_glossary,
                strict=args.strict,
                executor=executor,
            )
    except BatchInterrupted as stop:
        tell(interrupted_message(stop.batch, args.out))
        if stop.batch.report_error:
            print_error(stop.batch.report_error)
        return 130
    _tell_changed(batch.changed, args.out)
    if batch.cleaned:
        tell(
            f"xlate: removed {plural(len(batch.cleaned), 'temporary file')} that an "
            f"interrupted run left in {args.out}"
        )
    _summary(batch)
    tell_walk(pile)
    code = report_failures([_named(r.source, r.error) for r in batch.failed])
    if batch.partial:
        untranslated = sum(r.untranslated for r in batch.partial)
        titles = sum(r.title_untranslated for r in batch.partial)
        left = [plural(untranslated, "sentence")] if untranslated else []
        left += [plural(titles, "title")] if titles else []  # "0 sentences" said nothing
        tell(
            f"xlate: {plural(len(batch.partial), 'file')} partial: {' and '.join(left)} left in "
            f"{'its' if untranslated + titles == 1 else 'their'} source language, flagged "
            "untranslated (--strict fails such files instead)"
        )
    if batch.report_error:
        print_error(batch.report_error)
        return 1
    return 1 if batch.partial else code


def _tell_changed(changed: Sequence[str], out: Path) -> None:
    """Which settings outputs were made again for (the glossary's mode goes with it)."""
    if changed:
        said = [c for c in changed if not (c == "glossary_mode" and "glossary" in changed)]
        tell(
            f"xlate: the outputs in {out} were made with another "
            f"{', '.join(_SETTING_NAMES.get(c, c) for c in said)}: made again, not kept"
        )


# how each setting a batch compares with its last run's (results.run_settings) is said
_SETTING_NAMES = {
    "engines": "engine (--engine)",
    "glossary": "glossary",
    "glossary_mode": "glossary mode (--glossary-mode)",
    "strict_glossary": "--strict-glossary",
    "unrecorded": "version of xlate (no settings recorded)",
}


def _progress() -> AbstractContextManager[Progress]:
    """Bars on a terminal (rich), one line per file elsewhere (rich not even imported)."""
    from contextlib import nullcontext

    from xlate.render.plain import PlainProgress, is_terminal

    if not is_terminal(sys.stderr):
        return nullcontext(PlainProgress(sys.stderr))
    from xlate.render.console import make_console
    from xlate.render.translate import ProgressView

    return ProgressView(make_console(stderr=True))


def _summary(batch: BatchResult) -> None:
    """The batch's files and totals: a table on a terminal, tab-separated lines elsewhere."""
    from xlate.render.plain import is_terminal, plain_summary

    if not is_terminal(sys.stdout):
        plain_summary(batch, sys.stdout)
        return
    from xlate.render.console import make_console
    from xlate.render.translate import summary_table

    summary_table(batch, make_console())


def _named(source: str, error: str) -> str:
    """A failed file's message, starting with the file's name (once)."""
    from xlate.textsafe import shown_path

    name = shown_path(source)
    return error if error.startswith(name) else f"{name}: {error}"
