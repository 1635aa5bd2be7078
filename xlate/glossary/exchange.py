"""Moving terms between xlate and other tools: CSV term pairs and TBX, both ways.

- CSV, as DeepL and Google Cloud glossaries take it: one ``source,target`` pair a row for
  one language pair (DeepL's four-column rows ``source,target,src,tgt`` are read too), or
  Google's "equivalent term sets": a header row of language codes, one concept a row.
- TBX: exported as TBX-Basic (``martif``, one ``termEntry`` a concept, ``tig`` a term, the
  administrative status telling preferred, admitted and deprecated terms apart); read from
  TBX-Basic and TBX v3 (``conceptEntry``/``langSec``/``termSec``). Parsed with defusedxml:
  entity expansion and external entities are refused.

Imports produce glossary concepts, written as a TOML glossary by :func:`format_glossary`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from xlate.errors import FormatError
from xlate.files import parse_untrusted_xml
from xlate.glossary.concepts import LANGUAGES, Concept
from xlate.limits import MAX_TERM_FILE_BYTES

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


# -- TOML ---------------------------------------------------------------------------------------


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    # JSON string escapes are valid TOML; TOML also forbids a raw DEL, which JSON leaves as is
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def format_glossary(concepts: Iterable[Concept], header: str = "") -> str:
    """A TOML glossary holding ``concepts`` (the format of ``glossaries/diplomatic.toml``)."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for concept in concepts:
        lines += ["", "[[concept]]", f"id = {_toml(concept.id)}", f"type = {_toml(concept.type)}"]
        lines += [f"{lang} = {_toml(concept.preferred[lang])}" for lang in LANGUAGES
                  if concept.preferred.get(lang)]  # fmt: skip
        tables = (
            ("variants", concept.variants),
            ("forbidden", concept.forbidden),
            ("ambiguous", concept.ambiguous),
            ("not_in", concept.not_in),
            *concept.context_rules().items(),
        )
        for table, values in tables:
            lines += [f"{table}.{lang} = {_toml(list(forms))}" for lang, forms in values.items()
                      if forms]  # fmt: skip
        if concept.context:
            lines.append(f"context = {_toml(list(concept.context))}")
        if concept.elsewhere:
            lines.append(f"elsewhere = {_toml(list(concept.elsewhere))}")
        lines += [f"en_from.{lang} = {_toml(v)}" for lang, v in concept.en_from.items()]
        if concept.note:
            lines.append(f"note = {_toml(concept.note)}")
        if concept.do_not_translate:
            lines.append("do_not_translate = true")
    return "\n".join(lines).lstrip("\n") + "\n"


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "term"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def form_problem(form: str) -> str:
    """Why ``form`` cannot be a term (``""`` when it can): one with no letter (``.``, ``[``,
    a zero-width space) matches nothing or everything, and a symbol or an invisible character
    (``(a+)+$``) makes it a pattern, not words."""
    if not any(unicodedata.category(c).startswith("L") for c in form):
        return "has no letter"
    odd = next((c for c in form if unicodedata.category(c)[0] in "SC"), None)
    if odd is not None:
        return f"holds {odd!r} (U+{ord(odd):04X}), which is no part of a word"
    return ""


class LeftOut(list[str]):
    """The forms an import left out, each with where it was and why: given to an importer,
    it collects them; without it, the first one fails the import."""


def _usable(values: Iterable[str], where: str, left_out: LeftOut | None) -> list[str]:
    kept = []
    for form in values:
        problem = form_problem(form) if form else ""
        if not problem:
            kept.append(form)
            continue
        if left_out is None:
            raise FormatError(where, f"form {form!r} {problem}; a term is words")
        left_out.append(f"{where}: form {form!r} left out: it {problem}")
    return kept


def _concept(
    forms: dict[str, list[str]],
    kind: str,
    taken: set[str],
    where: str = "",
    left_out: LeftOut | None = None,
    **extra: object,
) -> Concept | None:
    """A concept from forms per language, the first of each preferred; None when a language
    it had keeps no usable form (those left out go to ``left_out``): a pair is not half kept."""
    given = {lang for lang, values in forms.items() if any(values)}
    forms = {
        lang: list(dict.fromkeys(f for f in _usable(values, where, left_out) if f))
        for lang, values in forms.items()
    }
    forms = {lang: values for lang, values in forms.items() if values}
    if not forms or set(forms) != given:
        return None
    naming = forms.get("en") or next(iter(forms.values()))
    return Concept(
        id=str(extra.pop("id", "")) or _slug(naming[0], taken),
        type=kind,
        preferred={lang: values[0] for lang, values in forms.items()},
        variants={lang: tuple(values[1:]) for lang, values in forms.items() if values[1:]},
        **extra,  # type: ignore[arg-type]
    )


# -- CSV ----------------------------------------------------------------------------------------


def export_csv(concepts: Iterable[Concept], source: str, target: str) -> str:
    """``source,target`` rows: every source form with the target form it must become."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for concept in concepts:
        wanted = concept.english_for(source) if target == "en" else concept.preferred.get(target)
        if not wanted:
            continue
        for form in concept.forms(source):
            writer.writerow([_cell(form), _cell(wanted)])
    return out.getvalue()


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A term as a CSV cell a spreadsheet shows and never runs: one that would start a
    formula (``=cmd|...``) gets a leading apostrophe, as OWASP advises for CSV exports."""
    return f"'{text}" if text.startswith(_FORMULA) else text


# The words a header row of source,target pairs is made of, and the languages' names it may
# give instead (a header of language codes, ru,en, is Google's term sets, read as such).
LANGUAGE_NAMES = frozenset(
    "english russian japanese ukrainian chinese korean german french spanish italian "
    "portuguese polish arabic turkish".split()
)
HEADER_WORDS = frozenset(
    {
        "source", "target", "term", "terms", "translation", "translations", "src", "tgt",
        "from", "to", "original", "source term", "target term", "source_term", "target_term",
        "source language", "target language", "lang", "language",
    }
)  # fmt: skip


def _is_header(row: Sequence[str]) -> bool:
    """Whether a pairs file's first row names its columns (source,target; Russian,English;
    ru,en handled as Google's term sets) rather than holding a term pair."""
    words = HEADER_WORDS | LANGUAGE_NAMES
    cells = [cell.strip().casefold() for cell in row[:2]]
    return len(cells) == 2 and all(cell in words for cell in cells)


def _rows(text: str, name: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text))
    try:
        return [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:  # "field larger than field limit (131072)": not a term list
        raise FormatError(name, f"line {reader.line_num}: not a CSV term list ({exc})") from None


def csv_header(text: str) -> list[str]:
    """The header row of a CSV pairs file that :func:`import_csv` skips, or ``[]``."""
    rows = _rows(text, "")
    return [cell.strip() for cell in rows[0]] if rows and _is_header(rows[0]) else []


def import_csv(
    text: str, name: str, source: str, target: str, left_out: LeftOut | None = None
) -> list[Concept]:
    """Concepts from CSV pairs (grouped by target term; a header row such as ``source,target``
    is skipped) or equivalent term sets (a header of language codes). A form that is no term
    (:func:`form_problem`) goes to ``left_out``, or fails the import without."""
    rows = _rows(text, name)
    if not rows:
        raise FormatError(name, "no rows")
    if _is_header(rows[0]):
        rows = rows[1:]
        if not rows:
            raise FormatError(name, "a header row and no term pairs")
    header = [cell.strip().lower() for cell in rows[0]]
    taken: set[str] = set()
    if len(header) >= 2 and all(re.fullmatch(r"[a-z]{2,3}", h) for h in header):
        sets = [  # Google's equivalent term sets: a header of language codes
            {
                lang: [row[i].strip()]
                for i, lang in enumerate(header)
                if i < len(row) and lang in LANGUAGES and row[i].strip()
            }
            for row in rows[1:]
        ]
        if not any(sets):
            raise FormatError(name, f"no term in {', '.join(LANGUAGES)} (header: {rows[0]})")
        made = [
            _concept(forms, "other", taken, f"{name}: row {number}", left_out)
            for number, forms in enumerate(sets, 2)
            if forms
        ]
        return [c for c in made if c is not None]
    by_target: dict[str, list[str]] = {}
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows, 1):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise FormatError(name, f"row {number}: expected source,target")
        if len(row) >= 4 and (row[2].strip().lower(), row[3].strip().lower()) != (source, target):
            continue  # DeepL's four columns name another language pair
        by_target.setdefault(row[1].strip(), []).append(row[0].strip())
        first_row.setdefault(row[1].strip(), number)
    made = [
        _concept({target: [tgt], source: srcs}, "other", taken,
                 f"{name}: row {first_row[tgt]}", left_out)
        for tgt, srcs in by_target.items()
    ]  # fmt: skip
    return [c for c in made if c is not None]


# -- TBX ----------------------------------------------------------------------------------------


def export_tbx(concepts: Iterable[Concept]) -> str:
    """A TBX-Basic document: a termEntry per concept, a tig per term with its status."""
    from xml.sax.saxutils import escape, quoteattr  # 50 ms to import: only when writing

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<martif type="TBX-Basic" xml:lang="en">',
        "  <martifHeader><fileDesc><sourceDesc><p>xlate diplomatic glossary</p>"
        "</sourceDesc></fileDesc></martifHeader>",
        "  <text><body>",
    ]
    for c in concepts:
        _check_xml_text(c)
        out.append(f"    <termEntry id={quoteattr(c.id)}>")
        out.append(f'      <descrip type="subjectField">{escape(c.type)}</descrip>')
        if c.note:
            out.append(f"      <note>{escape(c.note)}</note>")
        for lang in LANGUAGES:
            terms = [
                (f, "preferred" if i == 0 else "admitted") for i, f in enumerate(c.forms(lang))
            ]
            terms += [(f, "deprecated") for f in c.forbidden.get(lang, ())]
            if not terms:
                continue
            out.append(f'      <langSet xml:lang="{lang}">')
            for form, status in terms:
                out.append(
                    f"        <tig><term>{escape(form)}</term><termNote "
                    f'type="administrativeStatus">{_STATUS[status]}</termNote></tig>'
                )
            out.append("      </langSet>")
        out.append("    </termEntry>")
    out += ["  </body></text>", "</martif>", ""]
    return "\n".join(out)


# What XML 1.0 cannot hold at all, even escaped: most C0 controls, lone surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_xml_text(c: Concept) -> None:
    """Refuse a concept with text no XML can hold (the export would be malformed)."""
    texts = [c.id, c.type, c.note, *(f for lang in LANGUAGES for f in c.forms(lang))]
    texts += [f for forms in c.forbidden.values() for f in forms]
    for text in texts:
        found = _NOT_XML.search(text)
        if found:
            raise FormatError(
                c.source or c.id,
                f"{c.id}: {text!r} holds U+{ord(found.group()):04X}, which XML cannot hold: "
                "no TBX written (remove it from the glossary, or export CSV)",
            )


def import_tbx(path: str | Path, left_out: LeftOut | None = None) -> list[Concept]:
    """Concepts from a TBX-Basic or TBX v3 file (at most ``MAX_TERM_FILE_BYTES``). A form
    that is no term goes to ``left_out``, or fails the import without."""
    path = Path(path)
    _check_size(path)
    root = parse_untrusted_xml(path, "TBX")
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    if _local(root.tag) not in ("martif", "tbx") or not entries:
        raise FormatError(path, "not a TBX file (no martif/tbx root with term entries)")
    # Ids the file gives are kept; an entry without one gets a slug none of them uses.
    taken = {i for e in entries if _SAFE_ID.fullmatch(i := e.get("id") or "")}
    given: set[str] = set()
    concepts = [
        c
        for number, entry in enumerate(entries, 1)
        if (c := _entry(entry, taken, given, f"{path}: entry {number}", left_out)) is not None
    ]
    if not concepts:
        raise FormatError(path, f"no term entry has a term in {', '.join(LANGUAGES)}")
    return concepts  # entries with terms only in other languages are left out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _entry(
    entry: ET.Element, taken: set[str], given: set[str], where: str, left_out: LeftOut | None
) -> Concept | None:
    """The concept of a term entry. Its id, when it is a glossary id not ``given`` to an
    earlier entry (which it joins); else a slug of its first form, none of ``taken``."""
    forms: dict[str, list[str]] = {}
    forbidden: dict[str, tuple[str, ...]] = {}
    kind, note = "other", ""
    for child in entry.iter():
        tag = _local(child.tag)
        if tag == "descrip" and child.get("type") == "subjectField":
            text = (child.text or "").strip()
            kind = text if text in {"person", "office", "organisation", "place",
                                    "sanction-term", "framing"} else "other"  # fmt: skip
        elif tag == "note" and not note:
            note = (child.text or "").strip()
    for lang_set in entry:
        if _local(lang_set.tag) not in ("langSet", "langSec"):
            continue
        lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
        if lang not in LANGUAGES:
            continue
        for term_group in lang_set:
            term = next((t for t in term_group.iter() if _local(t.tag) == "term"), None)
            text = (term.text or "").strip() if term is not None else ""
            if not text:
                continue
            status = next((n.text or "" for n in term_group.iter()
                           if _local(n.tag) == "termNote"
                           and n.get("type") == "administrativeStatus"), "")  # fmt: skip
            if status.startswith(("deprecated", "supersededTerm")):
                forbidden[lang] = (*forbidden.get(lang, ()), text)
            elif status.startswith("preferred"):
                forms.setdefault(lang, []).insert(0, text)
            else:
                forms.setdefault(lang, []).append(text)
    if not forms:
        return None  # no ru/ja/en term (or only forbidden ones): nothing to match
    entry_id = entry.get("id") or ""
    safe_id = entry_id if _SAFE_ID.fullmatch(entry_id) and entry_id not in given else ""
    given.add(safe_id)
    forbidden = {lang: tuple(_usable(f, where, left_out)) for lang, f in forbidden.items()}
    return _concept(forms, kind, taken, where, left_out, id=safe_id, forbidden=forbidden,
                    note=note)  # fmt: skip


def _check_size(path: Path) -> None:
    """Refuse a pipe, a device (reading would not end) and a file over the limit: a TBX
    takes many times its size in memory to read and write as a glossary (the figures:
    docs/performance.md, "Term files to import")."""
    from xlate.ingest.paths import check_regular

    size = check_regular(path, kind="a term file").st_size
    if size > MAX_TERM_FILE_BYTES:
        raise FormatError(
            path,
            f"file is {size:,} bytes, over the {MAX_TERM_FILE_BYTES:,}-byte limit for a term "
            "file; split it",
        )


def read_terms(
    path: str | Path, source: str = "ru", target: str = "en", left_out: LeftOut | None = None
) -> list[Concept]:
    """Concepts from a ``.csv`` or ``.tbx`` file (forms that are no term: see
    :func:`import_csv`)."""
    return read_term_file(path, source, target, left_out)[0]


def read_term_file(
    path: str | Path, source: str = "ru", target: str = "en", left_out: LeftOut | None = None
) -> tuple[list[Concept], list[str]]:
    """Concepts from a ``.csv`` or ``.tbx`` file, and the CSV header row skipped (if any)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tbx":
        return import_tbx(path, left_out), []
    if suffix == ".csv":
        _check_size(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise FormatError(path, f"cannot read: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise FormatError(path, f"not UTF-8 at byte {exc.start}") from None
        return import_csv(text, str(path), source, target, left_out), csv_header(text)
    raise FormatError(path, f"unsupported term file {suffix!r} (use .csv or .tbx)")


def write_terms(concepts: Sequence[Concept], path: str | Path, source: str, target: str) -> str:
    """The text of a ``.csv`` or ``.tbx`` export of ``concepts`` (by ``path``'s suffix)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".tbx":
        return export_tbx(concepts)
    if suffix == ".csv":
        return export_csv(concepts, source, target)
    raise FormatError(path, f"unsupported term file {suffix!r} (use .csv or .tbx)")


# -- the user's own glossary --------------------------------------------------------------------


def add_concept(
    path: Path,
    others: Sequence[Path],
    *,
    concept_id: str | None,
    kind: str,
    preferred: dict[str, str],
    variants: dict[str, list[str]],
    forbidden: dict[str, list[str]],
    note: str = "",
) -> Concept:
    """Append a concept to the glossary file ``path`` (made, with its folder, when missing),
    after checking it alone and against every concept of ``others`` (the glossaries used
    with it): a problem raises FormatError and nothing is written."""
    from xlate.glossary.load import load_glossary, parse_glossary, shared_problems

    existing, _ = load_glossary(others, check_forms=False)
    taken = {c.id for c in existing.concepts}
    forms = {lang: [form, *variants.get(lang, [])] for lang, form in preferred.items()}
    for lang, extra in variants.items():
        forms.setdefault(lang, extra)
    extras: dict[str, Any] = {}
    if note:
        extras["note"] = note
    if concept_id:
        extras["id"] = concept_id
    try:  # a form that is no term raises (no left-out list), forbidden ones as import does
        extras["forbidden"] = {k: tuple(_usable(v, "", None)) for k, v in forbidden.items()}
        concept = _concept(forms, kind, set(taken), "", None, **extras)
    except FormatError as exc:
        raise FormatError(path, f"not added: {exc.problem}") from None
    if concept is None:
        raise FormatError(path, "not added: a language has no form that is a term")
    text = format_glossary([concept])
    parsed, problems = parse_glossary(text, str(path))
    problems += [
        p
        for p in shared_problems([*existing.concepts, *parsed])
        if p.message.startswith(f"{concept.id}:") or f"duplicate id {concept.id!r}" in p.message
    ]
    if problems:
        raise FormatError(path, f"not added: {problems[0].message}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not path.exists() or path.stat().st_size == 0
        with path.open("a", encoding="utf-8") as handle:
            if fresh:
                handle.write(f"# {USER_HEADER}\n")
            handle.write("\n" + text)
    except OSError as exc:
        raise FormatError(path, f"cannot write: {exc.strerror}") from None
    return parsed[0]


USER_HEADER = (
    "Your own xlate glossary: used beside the bundled one; the format is that of "
    "glossaries/diplomatic.toml."
)
