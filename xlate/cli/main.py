"""The ``xlate`` command line: parse, call one library function, render.

Exit codes: 0 success; 1 an xlate error (a one-line message; ``--debug`` shows the traceback), a
batch in which some file failed, or a translation with sentences left untranslated; 2 a usage
error; 130 interrupted.
Library modules are imported inside the command functions so that ``xlate --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

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
    from xlate.compare.report import Report
    from xlate.detect.rules import Detector
    from xlate.engines import Engine
    from xlate.engines.argos import ArgosOptions
    from xlate.glossary.match import Glossary
    from xlate.ingest.inputs import Inputs

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def _error(message: object) -> None:
    """One line on stderr; file names and article text in it are made inert first."""
    from xlate.textsafe import inert

    print(f"xlate: error: {inert(str(message))}", file=sys.stderr)


def _report_failures(errors: Sequence[object]) -> int:
    """Print one line per failed file; the exit code of a batch."""
    for error in errors:
        _error(error)
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
    from xlate.detect.rules import Detector, DetectorConfig

    detector = Detector(DetectorConfig(han_default=args.han_default))
    if args.lines:
        if args.paths:
            args.parser.error("--lines takes one FILE; do not give PATHs as well")
        return _detect_lines(args, detector)
    if not args.paths:
        args.parser.error("give at least one PATH (or --lines FILE)")
    import json

    from xlate.detect.survey import survey
    from xlate.engines.packages import covers

    rows, errors = survey(
        args.paths,
        paragraphs=args.paragraphs,
        target=args.to,
        covered=_safe_covers(covers),
        encoding=args.encoding,
        detector=detector,
    )
    if args.json:
        from xlate.textsafe import json_inert

        print(json_inert(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2)))
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

    from xlate.detect.survey import detect_lines

    out = sys.stdout
    for number, found in detect_lines(args.lines, encoding=args.encoding, detector=detector):
        if args.json:
            out.write(json.dumps({"line": number, **found.to_dict()}, ensure_ascii=False) + "\n")
        else:
            out.write(f"{number}\t{found.lang}\t{found.confidence:.4f}\t{found.script}\n")
    return 0


# -- engine options shared by translate and compare ---------------------------------------------


def _add_engine_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
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


def _engine_chain(
    args: argparse.Namespace, inputs: Inputs, argos_options: ArgosOptions | None = None
) -> tuple[list[Engine], Glossary | None]:
    """The options of :func:`_add_engine_options`, checked, as an engine chain and glossary."""
    from xlate.engines.chain import build_chain

    if args.fuzzy is not None and not 0 < args.fuzzy <= 100:
        args.parser.error("--fuzzy takes a score between 0 and 100")
    strict = getattr(args, "strict_glossary", False)
    if args.no_glossary and (args.glossary or strict):
        args.parser.error("--no-glossary cannot be combined with --glossary or --strict-glossary")
    glossary = None if args.no_glossary else _load_glossary(args.glossary)
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


# -- translate ----------------------------------------------------------------------------------


def _add_translate(sub: Subparsers) -> None:
    p = sub.add_parser(
        "translate",
        help="translate saved articles (files, folders or event bundles) offline",
        description=(
            "Translate saved articles into the target language. Each sentence is detected and "
            "routed: already in the target language → passed through; otherwise the engines "
            "are tried in order (auto: translation memory exact match, then Argos Translate "
            "through the cache). Writes OUT/<name>.<to>.<format> per article and "
            "OUT/xlate-report.json. Finished outputs are skipped on a second run (--force "
            "redoes them); a bad file is reported and the batch goes on. A sentence no engine "
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
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or bundles")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    p.add_argument("--to", default="en", metavar="LANG", help="target language (default: en)")
    p.add_argument("--format", dest="out_format", choices=("json", "txt", "md"), default="json")
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="files read in parallel (at most one per core)",
    )
    p.add_argument("--force", action="store_true", help="redo articles already translated")
    p.add_argument("--encoding", help="read inputs in this encoding instead of detecting it")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=20 * 1024 * 1024,
        metavar="N",
        help="refuse larger files (default 20 MiB); .txt and .md files over 4 MiB are "
        "translated part by part, in flat memory",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail an article with a sentence no engine covers instead of writing it with "
        "that sentence flagged untranslated (all or nothing, per article)",
    )
    terms = _add_engine_options(p)
    terms.add_argument(
        "--strict-glossary",
        action="store_true",
        help="fail a file whose translation misses a term or uses a forbidden rendering",
    )
    terms.add_argument(
        "--glossary-mode",
        choices=("placeholder", "inline"),
        default="placeholder",
        help="how terms are protected before MT (default: placeholder; see README)",
    )
    argos = p.add_argument_group(
        "Argos Translate (an option wins over its ARGOS_* variable, which wins over the default)"
    )
    argos.add_argument("--beam-size", type=int, metavar="N")
    argos.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="sentences per CTranslate2 sub-batch (default 32)",
    )
    argos.add_argument(
        "--inter-threads",
        type=int,
        metavar="N",
        help="sub-batches translated at once (default: the cores this process may use)",
    )
    argos.add_argument(
        "--threads", type=int, metavar="N", help="threads inside each sub-batch (default 1)"
    )
    argos.add_argument("--max-decoding-length", type=int, default=256, metavar="N")
    argos.add_argument(
        "--max-sentence-chars",
        type=int,
        default=600,
        metavar="N",
        help="longer sentences go to the model in pieces (flagged split:N), never truncated",
    )
    p.set_defaults(handler=_translate, parser=p)


def _translate(args: argparse.Namespace) -> int:
    from xlate.engines.argos import ArgosOptions
    from xlate.ingest.inputs import collect_inputs
    from xlate.render.console import make_console
    from xlate.render.translate import ProgressView, interrupted_message, summary_table
    from xlate.translate.batch import translate_batch
    from xlate.translate.results import BatchInterrupted, TranslateOptions

    if args.jobs < 1:
        args.parser.error("--jobs takes a positive number")
    inputs = collect_inputs(args.paths)
    chain, glossary = _engine_chain(
        args,
        inputs,
        ArgosOptions(
            beam_size=args.beam_size,
            batch_size=args.batch_size,
            intra_threads=args.threads,
            inter_threads=args.inter_threads,
            max_decoding_length=args.max_decoding_length,
            max_sentence_chars=args.max_sentence_chars,
        ),
    )
    options = TranslateOptions(
        target=args.to,
        out_format=args.out_format,
        force=args.force,
        encoding=args.encoding,
        jobs=args.jobs,
        max_bytes=args.max_bytes,
    )
    try:
        with ProgressView(make_console(stderr=True)) as progress:
            batch = translate_batch(
                inputs,
                args.out,
                chain,
                options,
                progress=progress,
                glossary=glossary,
                strict_glossary=args.strict_glossary,
                strict=args.strict,
            )
    except BatchInterrupted as stop:
        print(interrupted_message(stop.batch, args.out), file=sys.stderr)
        if stop.batch.report_error:
            _error(stop.batch.report_error)
        return 130
    if batch.cleaned:
        print(
            f"xlate: removed {len(batch.cleaned)} temporary file(s) that an interrupted run "
            f"left in {args.out}",
            file=sys.stderr,
        )
    summary_table(batch, make_console())
    code = _report_failures([r.error for r in batch.failed])
    if batch.partial:
        untranslated = sum(r.untranslated for r in batch.partial)
        print(
            f"xlate: {len(batch.partial)} file(s) partial: {untranslated} sentence(s) left in "
            "their source language, flagged untranslated (--strict fails such files instead)",
            file=sys.stderr,
        )
    if batch.report_error:
        _error(batch.report_error)
        return 1
    return 1 if batch.partial else code


# -- models -------------------------------------------------------------------------------------


def _add_models(sub: Subparsers) -> None:
    p = sub.add_parser(
        "models",
        help="list, install and remove Argos Translate models",
        description=(
            "Manage the Argos Translate packages xlate translates with. They live where "
            "argostranslate keeps them (ARGOS_PACKAGES_DIR, by default "
            "~/.local/share/argos-translate/packages)."
        ),
        epilog=(
            "examples:\n  xlate models list\n  xlate models install ru en      (online)\n"
            "  xlate models install translate-ru_en-1_9.argosmodel   (offline)\n"
            "  xlate models remove ru en"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    listing = actions.add_parser("list", help="installed models: pairs, versions, sizes")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_models_list)
    install = actions.add_parser(
        "install",
        help="install SRC TGT from the Argos index (online) or FILE.argosmodel (offline)",
        description=(
            "`install SRC TGT` downloads the package from the Argos package index; "
            "`install FILE.argosmodel` installs a package file after checking it (no absolute "
            "or escaping paths, no links, no zip bombs, a real Argos translation package)."
        ),
    )
    install.add_argument("what", nargs="+", metavar="SRC TGT | FILE")
    install.set_defaults(handler=_models_install, parser=install)
    remove = actions.add_parser("remove", help="uninstall the SRC→TGT model")
    remove.add_argument("source", metavar="SRC")
    remove.add_argument("target", metavar="TGT")
    remove.set_defaults(handler=_models_remove)

    def usage(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(handler=usage)


def _models_list(args: argparse.Namespace) -> int:
    import json

    from xlate.engines.packages import installed_models

    models = installed_models()
    if args.json:
        print(json.dumps([m.to_dict() for m in models], indent=2))
        return 0
    if not models:
        print("no Argos models installed; see `xlate models install --help`")
        return 0
    from rich.table import Table

    from xlate.render.console import cell, make_console

    table = Table(title="Installed Argos models", title_justify="left")
    for name in ("pair", "version", "size", "path"):
        table.add_column(name)
    for m in models:
        table.add_row(
            cell(f"{m.source}→{m.target}"),
            cell(m.version),
            cell(f"{m.size / 1e6:.1f} MB"),
            cell(m.path),
        )
    make_console().print(table)
    return 0


def _models_install(args: argparse.Namespace) -> int:
    from xlate.engines.packages import install_file, install_pair

    if len(args.what) == 1:
        model = install_file(args.what[0])
    elif len(args.what) == 2:
        model = install_pair(*args.what)
    else:
        args.parser.error("give SRC TGT (two language codes) or one FILE.argosmodel")
    from xlate.textsafe import inert  # a package's metadata is not ours: print it inert

    print(inert(f"installed {model.source}→{model.target} {model.version} at {model.path}"))
    return 0


def _models_remove(args: argparse.Namespace) -> int:
    from xlate.engines.packages import remove_pair

    model = remove_pair(args.source, args.target)
    from xlate.textsafe import inert

    print(inert(f"removed {model.source}→{model.target} {model.version} ({model.path})"))
    return 0


# -- glossary -----------------------------------------------------------------------------------


def _add_glossary(sub: Subparsers) -> None:
    p = sub.add_parser(
        "glossary",
        help="check a glossary, find its terms in a text, look a term up",
        description=(
            "The diplomatic glossary: concepts (people, offices, organisations, places, "
            "sanction terms, framing words) with their forms in English, Russian and "
            "Japanese. Russian and English forms match in every inflection; Japanese forms "
            "match longest first. Default glossary: glossaries/diplomatic.toml."
        ),
        epilog=(
            "examples:\n  xlate glossary check\n"
            "  xlate glossary scan samples/japan-sanctions/articles/toto-shinpo.md\n"
            "  echo 'Санкции против Японии' | xlate glossary scan - --lang ru --json\n"
            "  xlate glossary lookup МИДа"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    check = actions.add_parser(
        "check", help="validate glossary files (duplicate ids, shared forms, missing fields)"
    )
    check.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="default: the bundled one"
    )
    check.set_defaults(handler=_glossary_check)
    scan = actions.add_parser("scan", help="the glossary terms found in a text")
    scan.add_argument("path", metavar="PATH", help="an article file; - reads stdin")
    scan.add_argument(
        "--lang", choices=("ru", "ja", "en"), help="the text's language (default: detected)"
    )
    scan.add_argument("--json", action="store_true", help="one JSON object per match")
    scan.add_argument(
        "--glossary", action="append", type=Path, metavar="FILE", help="glossary file (repeatable)"
    )
    scan.set_defaults(handler=_glossary_scan)
    lookup = actions.add_parser("lookup", help="the concept(s) a term belongs to, in all languages")
    lookup.add_argument("term", metavar="TERM")
    lookup.add_argument("--json", action="store_true")
    lookup.add_argument(
        "--glossary", action="append", type=Path, metavar="FILE", help="glossary file (repeatable)"
    )
    lookup.set_defaults(handler=_glossary_lookup)
    export = actions.add_parser(
        "export",
        help="write the glossary as CSV term pairs (DeepL/Google) or TBX",
        description=(
            "FILE.csv: one source,target row per source form, for one language pair, as DeepL "
            "and Google Cloud glossaries take them. FILE.tbx: TBX-Basic, every concept with "
            "all its forms, preferred/admitted/deprecated. Never overwrites FILE."
        ),
    )
    export.add_argument("file", type=Path, metavar="FILE", help="FILE.csv or FILE.tbx")
    export.add_argument("--from", dest="source", default="ru", choices=("ru", "ja", "en"))
    export.add_argument("--to", dest="target", default="en", choices=("ru", "ja", "en"))
    export.add_argument(
        "--glossary", action="append", type=Path, metavar="FILE", help="glossary file (repeatable)"
    )
    export.set_defaults(handler=_glossary_export)
    imports = actions.add_parser(
        "import",
        help="turn CSV term pairs or a TBX file into an xlate glossary",
        description=(
            "Reads FILE.csv (source,target pairs, DeepL's four-column rows, or Google's "
            "equivalent term sets with a header of language codes) or FILE.tbx (TBX-Basic or "
            "TBX v3) and writes the concepts as an xlate TOML glossary to --out, which must "
            "not exist yet. Check and edit the result (types, notes) before use."
        ),
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="FILE.csv or FILE.tbx")
    imports.add_argument("--out", required=True, type=Path, metavar="NEW.toml")
    imports.add_argument("--from", dest="source", default="ru", choices=("ru", "ja", "en"))
    imports.add_argument("--to", dest="target", default="en", choices=("ru", "ja", "en"))
    imports.set_defaults(handler=_glossary_import)

    def usage(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(handler=usage)


def _write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet: xlate never overwrites the user's data."""
    from xlate.errors import InputError

    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise InputError(path, "already exists; choose another name (nothing written)") from None
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror}") from None


def _glossary_export(args: argparse.Namespace) -> int:
    from xlate.glossary.exchange import write_terms

    glossary = _load_glossary(args.glossary)
    _write_new(args.file, write_terms(glossary.concepts, args.file, args.source, args.target))
    print(f"wrote {len(glossary.concepts)} concepts to {args.file}")
    return 0


def _glossary_import(args: argparse.Namespace) -> int:
    from xlate.glossary.exchange import format_glossary, read_terms
    from xlate.glossary.match import parse_glossary

    concepts = read_terms(args.file, args.source, args.target)
    text = format_glossary(concepts, f"Imported by xlate from {args.file.name}.")
    _, problems = parse_glossary(text, str(args.out))
    _write_new(args.out, text)
    print(f"wrote {len(concepts)} concepts to {args.out}")
    for problem in problems:
        print(f"xlate: warning: {problem}", file=sys.stderr)
    return 0


def _load_glossary(files: Sequence[Path] | None) -> Glossary:
    from xlate.glossary.match import default_glossary_path, load_glossary

    # The shared-form search is `xlate glossary check`'s job; loading for use skips it.
    glossary, problems = load_glossary(files or [default_glossary_path()], check_forms=False)
    if problems:
        from xlate.errors import FormatError

        raise FormatError(None, f"{problems[0]} (run `xlate glossary check` for all problems)")
    return glossary


def _glossary_check(args: argparse.Namespace) -> int:
    from xlate.glossary.match import default_glossary_path, load_glossary

    files = args.files or [default_glossary_path()]
    glossary, problems = load_glossary(files)
    for problem in problems:
        _error(problem)
    names = ", ".join(_shown(f) for f in files)
    status = f"{len(problems)} problem(s)" if problems else "no problems"
    print(f"{names}: {len(glossary.concepts)} concepts, {status}")
    return 1 if problems else 0


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _glossary_scan(args: argparse.Namespace) -> int:
    import json

    from xlate.detect.rules import detect
    from xlate.detect.survey import read_source

    glossary = _load_glossary(args.glossary)
    rows = []
    for article in read_source(args.path):
        lang = args.lang or article.language or detect(article.text).lang
        if lang not in ("ru", "ja", "en"):
            from xlate.errors import InputError

            raise InputError(
                args.path,
                f"text detected as {lang!r}; the glossary matches ru, ja, en (give --lang)",
            )
        rows += [m.to_dict() for m in glossary.scan(article.text, lang)]
    if args.json:
        from xlate.textsafe import json_inert

        for row in rows:
            print(json_inert(json.dumps(row, ensure_ascii=False)))
        return 0
    from rich.table import Table

    from xlate.render.console import cell, make_console

    table = Table(title=f"Glossary terms: {len(rows)}", title_justify="left")
    for name in ("surface", "concept", "type", "en", "span"):
        table.add_column(name)
    for row in rows:
        table.add_row(
            cell(row["surface"]),
            cell(row["concept"]),
            cell(row["type"], "magenta" if row["type"] == "framing" else ""),
            cell(row["en"]),
            cell(f"{row['start']}-{row['end']}"),
        )
    make_console().print(table)
    return 0


def _glossary_lookup(args: argparse.Namespace) -> int:
    import json

    from xlate.glossary.match import LANGUAGES

    glossary = _load_glossary(args.glossary)
    found = glossary.lookup(args.term)
    if args.json:
        print(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
    else:
        from xlate.render.console import cell, make_console

        console = make_console()
        for concept in found:
            console.print(cell(f"{concept.id} ({concept.type})", "bold"))
            for lang in LANGUAGES:
                forms = concept.forms(lang)
                if forms:
                    console.print(cell(f"  {lang}: {'; '.join(forms)}"))
            for lang, forms in concept.forbidden.items():
                console.print(cell(f"  never in {lang}: {'; '.join(forms)}", "red"))
            if concept.note:
                console.print(cell(f"  note: {concept.note}", "dim"))
    if not found:
        print(f"no concept has the form {args.term!r}", file=sys.stderr)
        return 1
    return 0


# -- compare ------------------------------------------------------------------------------------


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
        default=100,
        metavar="N",
        help="refuse more articles than this (default 100; every pair of sentences is scored)",
    )
    p.add_argument(
        "--max-sentences",
        type=int,
        default=10_000,
        metavar="N",
        help="refuse more sentences in all than this, before translating (default 10000; "
        "N sentences need a 4*N*N-byte score matrix)",
    )
    p.set_defaults(handler=_compare, parser=p)


# The report format an --out file's extension asks for.
_OUT_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def _compare_format(args: argparse.Namespace) -> str:
    if args.out_format is not None:
        return str(args.out_format)
    if args.out is None:
        return "terminal"
    return _OUT_FORMATS.get(args.out.suffix.lower(), "terminal")


def _check_compare_paths(paths: Sequence[str]) -> None:
    """A missing path, or a folder without any article file, is named before anything runs."""
    from xlate.errors import XlateError
    from xlate.ingest.bundle import is_bundle
    from xlate.ingest.paths import ARTICLE_SUFFIXES
    from xlate.textsafe import shown_path

    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(raw):  # a loop or a dangling link: the path check says which
            raise XlateError(f"{shown_path(raw)}: no such file or folder")
        if path.is_dir() and not is_bundle(path):
            found = any(
                p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES for p in path.rglob("*")
            )
            if not found:
                kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
                raise XlateError(
                    f"{shown_path(raw)}: no article files in this folder (looked for {kinds})"
                )


def _compare(args: argparse.Namespace) -> int:
    import json

    from xlate.compare.report import report_json
    from xlate.compare.run import compare_paths
    from xlate.ingest.inputs import collect_inputs

    _check_compare_paths(args.paths)
    out_format = _compare_format(args)
    inputs = collect_inputs(args.paths)
    from os.path import realpath  # never raises: a link loop among the inputs fails later

    if args.out is not None and realpath(args.out) in {realpath(f.path) for f in inputs.files}:
        args.parser.error(f"--out {args.out} is one of the inputs")
    if len(inputs.files) > args.max_articles:
        from xlate.errors import XlateError

        raise XlateError(
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
            report, make_console(buffer, width=args.width or 100), show_source=args.show_source
        )
        text = buffer.getvalue()
    elif out_format == "json":
        from xlate.textsafe import json_inert

        text = json_inert(json.dumps(report_json(report), ensure_ascii=False)) + "\n"
    elif out_format == "md":
        from xlate.render.markdown import render_markdown

        text = render_markdown(report, show_source=args.show_source)
    else:
        from xlate.render.html import render_html

        text = render_html(report, show_source=args.show_source)
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
    sections = terminal_sections(report, show_source=args.show_source)
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
        subprocess.run(
            shlex.split(command), input=text, text=True, encoding="utf-8", env=env, check=False
        )
    except OSError:
        fallback.write(text)


COMMANDS: list[Callable[[Subparsers], None]] = [
    _add_detect,
    _add_translate,
    _add_compare,
    _add_models,
    _add_glossary,
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
        _error(exc)
        return 1
    except KeyboardInterrupt:
        print("xlate: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
