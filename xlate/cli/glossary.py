"""``xlate glossary``: check, scan, look up, export and import glossaries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.cli.common import open_glossary, print_error, report_failures, tell
from xlate.limits import LANGUAGES
from xlate.textsafe import plural

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers


def add_glossary_parser(sub: Subparsers) -> None:
    from xlate.glossary.paths import user_glossary_path

    p = sub.add_parser(
        "glossary",
        help="list, add, check, look up, import and export glossary terms; find them in a text",
        description=(
            "The diplomatic glossary: concepts (people, offices, organisations, places, "
            "sanction terms, framing words) with their forms in English, Russian and "
            "Japanese. Russian and English forms match in every inflection; Japanese forms "
            "match longest first. By default xlate uses the bundled glossary "
            "(glossaries/diplomatic.toml) and, when it exists, your own, which extends it: "
            f"{user_glossary_path()} (`xlate glossary add` writes there). --glossary FILE "
            "uses the files it names instead."
        ),
        epilog=(
            "examples:\n  xlate glossary check\n"
            "  xlate glossary list --type person --lang ja\n"
            "  xlate glossary add --type person --en 'Oleg Ivanov' \\\n"
            "    --ru 'Олег Иванов'\n"
            "  xlate glossary scan samples/japan-sanctions/articles/toto-shinpo.md\n"
            "  echo 'Санкции Японии' | xlate glossary scan - --lang ru\n"
            "  xlate glossary lookup МИДа"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    _add_list(actions)
    _add_add(actions)
    check = actions.add_parser(
        "check", help="validate glossary files (duplicate ids, shared forms, missing fields)"
    )
    check.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="default: the bundled one and yours"
    )
    check.set_defaults(handler=_glossary_check)
    scan = actions.add_parser("scan", help="the glossary terms found in a text")
    scan.add_argument("path", metavar="PATH", help="an article file; - reads stdin")
    scan.add_argument("--lang", choices=LANGUAGES, help="the text's language (default: detected)")
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
    _add_exchange(actions)

    def usage(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(handler=usage)


def _add_exchange(actions: Subparsers) -> None:
    """``export`` and ``import``: terms to and from CSV pairs and TBX."""
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
    export.add_argument("--from", dest="source", default="ru", choices=LANGUAGES)
    export.add_argument("--to", dest="target", default="en", choices=LANGUAGES)
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
    imports.add_argument("--from", dest="source", default="ru", choices=LANGUAGES)
    imports.add_argument("--to", dest="target", default="en", choices=LANGUAGES)
    imports.set_defaults(handler=_glossary_import)


def _add_list(actions: Subparsers) -> None:
    from xlate.glossary import LANGUAGES, TYPES

    listing = actions.add_parser(
        "list",
        help="the glossary's concepts, by type and language",
        description="List the concepts of the glossary (the bundled one and yours, or "
        "--glossary): id, type and preferred forms; with --lang, every form in that language.",
    )
    listing.add_argument(
        "--type",
        choices=sorted(TYPES),
        metavar="TYPE",
        help=f"only concepts of this type: {', '.join(sorted(TYPES))}",
    )
    listing.add_argument(
        "--lang", choices=LANGUAGES, help="only concepts with forms in LANG, all of them shown"
    )
    listing.add_argument("--json", action="store_true", help="the concepts as a JSON list")
    listing.add_argument(
        "--glossary", action="append", type=Path, metavar="FILE", help="glossary file (repeatable)"
    )
    listing.set_defaults(handler=_glossary_list)


def _add_add(actions: Subparsers) -> None:
    from xlate.glossary import TYPES

    add = actions.add_parser(
        "add",
        help="add a concept to your own glossary",
        description="Add one concept to your own glossary (made when missing), which xlate "
        "uses beside the bundled one. The concept is checked first, against the bundled "
        "glossary too: an id or a form another concept has is refused, and nothing is "
        "written.",
    )
    add.add_argument(
        "--type",
        required=True,
        choices=sorted(TYPES),
        metavar="TYPE",
        help=f"the concept's type: {', '.join(sorted(TYPES))}",
    )
    add.add_argument("--en", required=True, metavar="FORM", help="the preferred English form")
    add.add_argument("--ru", metavar="FORM", help="the preferred Russian form")
    add.add_argument("--ja", metavar="FORM", help="the preferred Japanese form")
    add.add_argument("--id", metavar="ID", help="default: made from the English form")
    add.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="LANG=FORM",
        help="another form (repeatable): ru=Иванова",
    )
    add.add_argument(
        "--forbidden",
        action="append",
        default=[],
        metavar="LANG=FORM",
        help="a rendering a translation must not use (repeatable): en=Kiev",
    )
    add.add_argument("--note", default="")
    add.set_defaults(handler=_glossary_add, parser=add)


def _glossary_list(args: argparse.Namespace) -> int:
    import json

    glossary = open_glossary(args.glossary)
    concepts = [
        c
        for c in glossary.concepts
        if (args.type is None or c.type == args.type) and (args.lang is None or c.forms(args.lang))
    ]
    if args.json:
        print(json.dumps([c.to_dict() for c in concepts], ensure_ascii=False, indent=2))
        return 0
    from xlate.render.console import make_console
    from xlate.render.glossary import concepts_table

    shown = ", ".join(_shown(Path(p)) for p in glossary.paths)
    make_console().print(concepts_table(concepts, args.lang, f"{len(concepts)} concepts"))
    tell(f"from {shown}")
    return 0


def _glossary_add(args: argparse.Namespace) -> int:
    from xlate.glossary.exchange import add_concept
    from xlate.glossary.load import standard_glossary_paths, user_glossary_path

    if not (args.ru or args.ja):
        args.parser.error("give --ru or --ja too: a concept names something in ru or ja")
    extra = {"variants": _pairs(args, "variant"), "forbidden": _pairs(args, "forbidden")}
    path = user_glossary_path()
    concept = add_concept(
        path,
        standard_glossary_paths(),
        concept_id=args.id,
        kind=args.type,
        preferred={k: v for k, v in (("en", args.en), ("ru", args.ru), ("ja", args.ja)) if v},
        note=args.note,
        **extra,
    )
    print(f"added {concept.id} ({concept.type}) to {path}")
    return 0


def _pairs(args: argparse.Namespace, name: str) -> dict[str, list[str]]:
    from xlate.glossary.match import LANGUAGES

    table: dict[str, list[str]] = {}
    for given in getattr(args, name):
        lang, _, form = given.partition("=")
        if lang not in LANGUAGES or not form.strip():
            args.parser.error(f"--{name} takes LANG=FORM with LANG one of en, ru, ja: {given!r}")
        table.setdefault(lang, []).append(form.strip())
    return table


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
    from xlate.glossary.exchange import LeftOut, format_glossary, read_term_file
    from xlate.glossary.load import parse_glossary

    left_out = LeftOut()
    concepts, header = read_term_file(args.file, args.source, args.target, left_out)
    if header:
        tell(f"xlate: {args.file}: skipped the header row ({','.join(header)})")
    text = format_glossary(concepts, f"Imported by xlate from {args.file.name}.")
    _, problems = parse_glossary(text, str(args.out))
    _write_new(args.out, text)
    print(f"wrote {len(concepts)} concepts to {args.out}")
    for problem in problems:
        tell(f"xlate: warning: {problem}")
    for form in left_out:  # the rest is written; the exit code says some was not
        print_error(form)
    return 1 if left_out else 0


def _glossary_check(args: argparse.Namespace) -> int:
    from xlate.glossary.load import load_glossary, standard_glossary_paths

    files = args.files or standard_glossary_paths()
    glossary, problems = load_glossary(files)
    for problem in problems:
        print_error(problem)
    names = ", ".join(_shown(f) for f in files)
    status = plural(len(problems), "problem") if problems else "no problems"
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
    from xlate.ingest.formats import readable

    glossary = open_glossary(args.glossary)
    rows = []
    articles, bad = readable(read_source(args.path))  # a bad record of many fails alone
    for article in articles:
        lang = args.lang or article.language or detect(article.text).lang
        if lang not in LANGUAGES:
            from xlate.errors import InputError

            raise InputError(
                args.path,
                f"text detected as {lang!r}; the glossary matches {', '.join(LANGUAGES)} "
                "(give --lang)",
            )
        rows += [m.to_dict() for m in glossary.scan(article.text, lang, ambiguous=True)]
    if args.json:
        from xlate.textsafe import json_inert

        for row in rows:
            print(json_inert(json.dumps(row, ensure_ascii=False)))
        return report_failures(bad)
    from xlate.render.console import make_console
    from xlate.render.glossary import scan_table

    make_console().print(scan_table(rows))
    return report_failures(bad)


def _glossary_lookup(args: argparse.Namespace) -> int:
    import json

    from xlate.glossary.concepts import LANGUAGES

    glossary = open_glossary(args.glossary)
    found = glossary.lookup(args.term)
    forbidden = glossary.forbidden(args.term)
    found += [c for c, _ in forbidden if c not in found]
    if args.json:
        never = {c.id: lang for c, lang in forbidden}
        rows = [
            c.to_dict() | ({"forbidden_in": never[c.id]} if c.id in never else {}) for c in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from xlate.render.console import cell, hanging, make_console

        console = make_console()
        for concept, lang in forbidden:
            console.print(
                cell(
                    f"{args.term!r} is a forbidden {lang} rendering of {concept.id}: write "
                    f"{concept.preferred.get(lang, '')!r}",
                    "bold red",
                )
            )
        for concept in found:
            console.print(cell(f"{concept.id} ({concept.type})", "bold"))
            for lang in LANGUAGES:
                forms = concept.forms(lang)
                if forms:
                    console.print(hanging(f"  {lang}:", "; ".join(forms)))
            for lang, forms in concept.forbidden.items():
                console.print(hanging(f"  never in {lang}:", "; ".join(forms), "red"))
            if concept.note:
                console.print(hanging("  note:", concept.note, "dim"))
    if not found:
        print(f"no concept has the form {args.term!r}, nor forbids it", file=sys.stderr)
        return 1
    return 0
