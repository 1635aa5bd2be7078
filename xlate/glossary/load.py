"""Reading glossaries: TOML concepts checked (ids, types, forms, conflicts between them) and
loaded into a :class:`~xlate.glossary.match.Glossary`; the bundled glossary's path."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from xlate.errors import FormatError
from xlate.glossary.concepts import (
    CONCEPT_HEADER,
    CONCEPT_ID,
    CONTEXT_RULES,
    LANGUAGES,
    TYPES,
    WORD,
    Concept,
    Problem,
    fold_width,
)
from xlate.glossary.match import Glossary
from xlate.glossary.paths import default_glossary_path as default_glossary_path
from xlate.glossary.paths import standard_glossary_paths as standard_glossary_paths
from xlate.glossary.paths import user_glossary_path as user_glossary_path
from xlate.glossary.words import word_stem
from xlate.ingest.paths import read_bounded
from xlate.limits import MAX_GLOSSARY_BYTES

# -- loading ------------------------------------------------------------------------------------


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _per_language(table: Any, where: str, name: str, problems: list[Problem]) -> dict[str, Any]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        problems.append(Problem(where, f"{name} must be a table of languages"))
        return {}
    unknown = sorted(set(table) - set(LANGUAGES))
    if unknown:
        problems.append(Problem(where, f"{name} has unknown language(s): {', '.join(unknown)}"))
    return {k: v for k, v in table.items() if k in LANGUAGES}


def _forms_table(
    raw: dict[str, Any], name: str, cid: str, where: str, problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    """A ``variants``- or ``forbidden``-style table: language -> list of forms."""
    table: dict[str, tuple[str, ...]] = {}
    for lang, value in _per_language(raw.get(name), where, f"{cid}: {name}", problems).items():
        forms = _strings(value)
        if forms is None:
            problems.append(Problem(where, f"{cid}: {name}.{lang} must be a list of strings"))
        else:
            table[lang] = forms
    return table


def _concept(raw: Any, where: str, problems: list[Problem]) -> Concept | None:
    if not isinstance(raw, dict):
        problems.append(Problem(where, "a [[concept]] must be a table"))
        return None
    cid = raw.get("id")
    if not isinstance(cid, str) or not CONCEPT_ID.match(cid):
        problems.append(Problem(where, f"bad or missing id {cid!r} (lower-case, digits, '-')"))
        return None
    kind = raw.get("type")
    if kind not in TYPES:
        problems.append(
            Problem(where, f"{cid}: bad type {kind!r}; one of: {', '.join(sorted(TYPES))}")
        )
    preferred = {lang: raw[lang] for lang in LANGUAGES if isinstance(raw.get(lang), str)}
    if not preferred.get("en"):
        problems.append(Problem(where, f"{cid}: missing preferred English form (en = ...)"))
    if not (preferred.get("ru") or preferred.get("ja")):
        problems.append(Problem(where, f"{cid}: needs a preferred ru or ja form"))
    variants = _forms_table(raw, "variants", cid, where, problems)
    forbidden = _forms_table(raw, "forbidden", cid, where, problems)
    ambiguous = _forms_table(raw, "ambiguous", cid, where, problems)
    not_in = _forms_table(raw, "not_in", cid, where, problems)
    rules = {name: _forms_table(raw, name, cid, where, problems) for name in CONTEXT_RULES}
    context = _strings(raw.get("context", []))
    if context is None:
        problems.append(Problem(where, f"{cid}: context must be a list of concept ids"))
    elsewhere = _strings(raw.get("elsewhere", []))
    if elsewhere is None:
        problems.append(Problem(where, f"{cid}: elsewhere must be a list of concept ids"))
    en_from = _per_language(raw.get("en_from"), where, f"{cid}: en_from", problems)
    for lang in LANGUAGES:
        forms = ((preferred[lang],) if lang in preferred else ()) + variants.get(lang, ())
        if len(set(forms)) != len(forms):
            repeated = sorted({f for f in forms if forms.count(f) > 1})
            problems.append(Problem(where, f"{cid}: {lang} form {repeated[0]!r} is listed twice"))
        for form in ambiguous.get(lang, ()):
            if form not in forms:
                problems.append(Problem(where, f"{cid}: ambiguous {lang} form {form!r} is no form"))
    known = {
        "id",
        "type",
        "note",
        "variants",
        "forbidden",
        "en_from",
        "do_not_translate",
        "ambiguous",
        "context",
        "not_in",
        "elsewhere",
        *CONTEXT_RULES,
        *LANGUAGES,
    }
    extra = sorted(set(raw) - known)
    if extra:
        problems.append(Problem(where, f"{cid}: unknown field(s): {', '.join(extra)}"))
    return Concept(
        id=cid,
        type=kind if isinstance(kind, str) else "other",
        preferred=preferred,
        variants=variants,
        forbidden=forbidden,
        en_from={k: v for k, v in en_from.items() if isinstance(v, str)},
        note=str(raw.get("note", "")),
        do_not_translate=bool(raw.get("do_not_translate", False)),
        source=where,
        ambiguous=ambiguous,
        context=context or (),
        not_in=not_in,
        elsewhere=elsewhere or (),
        **rules,
    )


def parse_glossary(
    text: str, name: str, *, check_forms: bool = True
) -> tuple[list[Concept], list[Problem]]:
    """Concepts of a glossary file's text, and the problems found, each with file:line.

    ``check_forms`` also looks for one form claimed by two concepts (it stems every form:
    most of the cost of loading a large glossary).
    """
    import rtoml  # a Rust TOML parser: ten times faster than tomllib on a large glossary

    try:
        data = rtoml.loads(text)
    except ValueError as exc:
        return [], [Problem(name, f"not valid TOML: {exc}")]
    raws = data.get("concept", [])
    if not isinstance(raws, list):
        return [], [Problem(name, "expected [[concept]] tables")]
    lines = [n for n, line in enumerate(text.splitlines(), 1) if CONCEPT_HEADER.match(line)]
    problems: list[Problem] = []
    concepts = []
    for i, raw in enumerate(raws):
        where = f"{name}:{lines[i]}" if i < len(lines) else name
        concept = _concept(raw, where, problems)
        if concept is not None:
            concepts.append(concept)
    if check_forms:
        problems += shared_problems(concepts)
    return concepts, problems


def shared_problems(concepts: Sequence[Concept]) -> list[Problem]:
    """Duplicate ids, one form claimed by two concepts in one language, and a form that
    another concept forbids (a trial added "Kiev" as a person's English, and the check
    found nothing, while lookup said it is a forbidden rendering of kyiv)."""
    problems = []
    seen: dict[str, Concept] = {}
    claimed: dict[tuple[str, str], Concept] = {}
    for concept in concepts:
        if concept.id in seen:
            problems.append(
                Problem(
                    concept.source,
                    f"duplicate id {concept.id!r} (first at {seen[concept.id].source})",
                )
            )
        seen.setdefault(concept.id, concept)
        for lang in LANGUAGES:
            for form in concept.forms(lang):
                key = (lang, _match_key(form, lang))
                other = claimed.get(key)
                if other is not None and other.id != concept.id:
                    problems.append(
                        Problem(
                            concept.source,
                            f"{concept.id}: {lang} form {form!r} is also a form of "
                            f"{other.id!r} ({other.source})",
                        )
                    )
                claimed.setdefault(key, concept)
    forbidden = {
        (lang, form.casefold()): c
        for c in concepts
        for lang, forms in c.forbidden.items()
        for form in forms
    }
    for concept in concepts:
        for lang in LANGUAGES:
            english = list(concept.en_from.values()) if lang == "en" else []
            for form in [*concept.forms(lang), *english]:
                other = forbidden.get((lang, form.casefold()))
                if other is not None and other.id != concept.id:
                    problems.append(
                        Problem(
                            concept.source,
                            f"{concept.id}: {lang} form {form!r} is a forbidden rendering of "
                            f"{other.id!r} ({other.source})",
                        )
                    )
    for concept in concepts:
        for name, ids in (("context", concept.context), ("elsewhere", concept.elsewhere)):
            unknown = [cid for cid in ids if cid not in seen]
            if unknown:
                problems.append(
                    Problem(concept.source, f"{concept.id}: {name} names unknown id {unknown[0]!r}")
                )
    return problems


def _match_key(form: str, lang: str) -> str:
    if lang == "ja":
        return fold_width(form)
    return " ".join(word_stem(lang, token.lower()) for token in WORD.findall(form))


def load_glossary(
    paths: Iterable[str | Path], *, check_forms: bool = True
) -> tuple[Glossary, list[Problem]]:
    """Every concept of ``paths`` and the problems found; a file that cannot be read raises.

    ``check_forms=False`` skips the search for forms shared by two concepts (see
    :func:`parse_glossary`); ``xlate glossary check`` always runs it.
    """
    concepts: list[Concept] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    names = []
    for path in paths:
        path = Path(path)
        if path.suffix.lower() in (".csv", ".tbx"):  # a term file, not TOML: import makes one
            raise FormatError(
                path,
                "a term file, not a glossary: import it first (`xlate glossary import "
                f"{path} --out NEW.toml`), then give NEW.toml",
            )
        # Not a pipe, a device or a link loop (reading would not end), nor a file too large.
        data = read_bounded(path, MAX_GLOSSARY_BYTES, kind="a glossary", limit="for a glossary")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError(path, f"not UTF-8 at byte {exc.start}") from None
        digest.update(data)
        found, trouble = parse_glossary(text, str(path), check_forms=check_forms)
        concepts += found
        problems += trouble
        names.append(str(path))
    if len(names) > 1 and check_forms:
        problems = [p for p in problems if "duplicate id" not in p.message] + shared_problems(
            concepts
        )
    return Glossary(tuple(concepts), digest.hexdigest(), tuple(names)), problems
