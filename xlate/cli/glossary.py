"""``xlate glossary``: check, scan, look up, export and import glossaries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.cli.common import open_glossary, print_error

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers


def add_glossary_parser(sub: Subparsers) -> None:
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

    glossary = open_glossary(args.glossary)
    _write_new(args.file, write_terms(glossary.concepts, args.file, args.source, args.target))
    print(f"wrote {len(glossary.concepts)} concepts to {args.file}")
    return 0


def _glossary_import(args: argparse.Namespace) -> int:
    from xlate.glossary.exchange import format_glossary, read_terms
    from xlate.glossary.load import parse_glossary

    concepts = read_terms(args.file, args.source, args.target)
    text = format_glossary(concepts, f"Imported by xlate from {args.file.name}.")
    _, problems = parse_glossary(text, str(args.out))
    _write_new(args.out, text)
    print(f"wrote {len(concepts)} concepts to {args.out}")
    for problem in problems:
        print(f"xlate: warning: {problem}", file=sys.stderr)
    return 0


def _glossary_check(args: argparse.Namespace) -> int:
    from xlate.glossary.load import default_glossary_path, load_glossary

    files = args.files or [default_glossary_path()]
    glossary, problems = load_glossary(files)
    for problem in problems:
        print_error(problem)
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

    glossary = open_glossary(args.glossary)
    rows = []
    for article in read_source(args.path):
        lang = args.lang or article.language or detect(article.text).lang
        if lang not in ("ru", "ja", "en"):
            from xlate.errors import InputError

            raise InputError(
                args.path,
                f"text detected as {lang!r}; the glossary matches ru, ja, en (give --lang)",
            )
        rows += [m.to_dict() for m in glossary.scan(article.text, lang, ambiguous=True)]
    if args.json:
        from xlate.textsafe import json_inert

        for row in rows:
            print(json_inert(json.dumps(row, ensure_ascii=False)))
        return 0
    from xlate.render.console import make_console
    from xlate.render.glossary import scan_table

    make_console().print(scan_table(rows))
    return 0


def _glossary_lookup(args: argparse.Namespace) -> int:
    import json

    from xlate.glossary.concepts import LANGUAGES

    glossary = open_glossary(args.glossary)
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
