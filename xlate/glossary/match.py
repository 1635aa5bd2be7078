"""The diplomatic glossary: concepts, their forms in en/ru/ja, and finding them in text.

A glossary is a TOML file of ``[[concept]]`` tables (``glossaries/diplomatic.toml`` documents
the format in its header). Matching, per language:

- Russian and English: word tokens compared by Snowball stem, so every case and number of a
  term matches (санкции, санкций, санкциям; МИДа; sanctions). Irregular forms of transliterated
  names (Ивая, genitive Иваи) are listed as variants and then inflect through the stemmer too.
- Japanese: no word boundaries; the longest form starting at each position wins, so a form
  never matches inside a longer form of another concept (外務省 inside 中国外務省).
- Overlapping matches resolve to the longest span; every match keeps its character span.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from xlate.errors import FormatError

LANGUAGES = ("en", "ru", "ja")
TYPES = frozenset(
    {"person", "office", "organisation", "place", "sanction-term", "framing", "other"}
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_WORD = re.compile(r"\w+(?:-\w+)*")  # hyphens join words; a possessive 's does not
_CONCEPT_HEADER = re.compile(r"^\s*\[\[concept\]\]\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    type: str
    preferred: dict[str, str]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    en_from: dict[str, str] = field(default_factory=dict)
    note: str = ""
    do_not_translate: bool = False
    source: str = ""  # file:line where the concept is defined

    def forms(self, lang: str) -> tuple[str, ...]:
        """Every form that names this concept in ``lang``: preferred first, then variants."""
        preferred = self.preferred.get(lang)
        return ((preferred,) if preferred else ()) + self.variants.get(lang, ())

    def english_for(self, source_lang: str) -> str:
        """The English a translation from ``source_lang`` must use (side-specific if set)."""
        return self.en_from.get(source_lang) or self.preferred.get("en", "")

    @property
    def is_framing(self) -> bool:
        return self.type == "framing"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "preferred": self.preferred,
            "variants": {k: list(v) for k, v in self.variants.items()},
            "forbidden": {k: list(v) for k, v in self.forbidden.items()},
            "en_from": self.en_from,
            "note": self.note,
            "do_not_translate": self.do_not_translate,
        }


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    lang: str
    surface: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept.id,
            "type": self.concept.type,
            "en": self.concept.preferred.get("en", ""),
            "lang": self.lang,
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect of a glossary file, located at ``where`` (file:line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


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
    if not isinstance(cid, str) or not _ID.match(cid):
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
    en_from = _per_language(raw.get("en_from"), where, f"{cid}: en_from", problems)
    for lang in LANGUAGES:
        forms = ((preferred[lang],) if lang in preferred else ()) + variants.get(lang, ())
        if len(set(forms)) != len(forms):
            repeated = sorted({f for f in forms if forms.count(f) > 1})
            problems.append(Problem(where, f"{cid}: {lang} form {repeated[0]!r} is listed twice"))
    known = {
        "id",
        "type",
        "note",
        "variants",
        "forbidden",
        "en_from",
        "do_not_translate",
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
    lines = [n for n, line in enumerate(text.splitlines(), 1) if _CONCEPT_HEADER.match(line)]
    problems: list[Problem] = []
    concepts = []
    for i, raw in enumerate(raws):
        where = f"{name}:{lines[i]}" if i < len(lines) else name
        concept = _concept(raw, where, problems)
        if concept is not None:
            concepts.append(concept)
    if check_forms:
        problems += _conflicts(concepts)
    return concepts, problems


def _conflicts(concepts: Sequence[Concept]) -> list[Problem]:
    """Duplicate ids, and one form claimed by two concepts in one language."""
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
    return problems


def _match_key(form: str, lang: str) -> str:
    if lang == "ja":
        return form
    return " ".join(_stem(lang, token.lower()) for token in _WORD.findall(form))


class Glossary:
    """Loaded concepts, with their matchers built on first use per language."""

    def __init__(self, concepts: Sequence[Concept], digest: str, paths: Sequence[str] = ()):
        self.concepts = tuple(concepts)
        self.digest = digest
        self.paths = tuple(paths)
        self._by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[str, _WordMatcher | _JapaneseMatcher] = {}

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    @property
    def hash(self) -> str:
        """A short digest of the glossary's content (for cache keys and report signatures)."""
        return self.digest[:16]

    def lookup(self, term: str) -> list[Concept]:
        """The concepts ``term`` is a form of, in any language (inflected forms too)."""
        term = term.strip()
        found: list[Concept] = []
        for lang in LANGUAGES:
            for match in self.scan(term, lang, overlapping=True):
                whole = match.start == 0 and match.end == len(term)
                if whole and match.concept not in found:
                    found.append(match.concept)
        return found

    def scan(self, text: str, lang: str, *, overlapping: bool = False) -> list[Match]:
        """The concepts named in ``text`` (written in ``lang``): longest spans, no overlap.

        ``overlapping=True`` returns every form found, including those inside longer ones
        (peace treaty inside peace treaty talks): what a check of a translation needs.
        """
        matcher = self._matchers.get(lang)
        if matcher is None:
            if lang == "ja":
                matcher = _JapaneseMatcher(self)
            elif lang in ("ru", "en"):
                matcher = _WordMatcher(self, lang)
            else:
                raise ValueError(f"the glossary matches ru, ja and en, not {lang!r}")
            self._matchers[lang] = matcher
        return matcher.scan(text, overlapping)


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
        try:
            data = path.read_bytes()
            text = data.decode("utf-8")
        except OSError as exc:
            raise FormatError(path, f"cannot read: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise FormatError(path, f"not UTF-8 at byte {exc.start}") from None
        digest.update(data)
        found, trouble = parse_glossary(text, str(path), check_forms=check_forms)
        concepts += found
        problems += trouble
        names.append(str(path))
    if len(names) > 1 and check_forms:
        problems = [p for p in problems if "duplicate id" not in p.message] + _conflicts(concepts)
    return Glossary(tuple(concepts), digest.hexdigest(), tuple(names)), problems


def default_glossary_path() -> Path:
    """The bundled diplomatic glossary, shipped inside the package.

    ``xlate/data/diplomatic.toml`` is a link to ``glossaries/diplomatic.toml`` (the copy people
    read and edit); a wheel carries the file itself, so an installed xlate finds it too.
    """
    return Path(__file__).parent / "data" / "diplomatic.toml"


# -- matching -----------------------------------------------------------------------------------


@cache
def _stemmer(lang: str) -> Any:
    import Stemmer  # PyStemmer: the Snowball project's stemmers, compiled

    return Stemmer.Stemmer({"ru": "russian", "en": "english"}[lang])


_STEMS: dict[tuple[str, str], str] = {}


def _stem(lang: str, word: str) -> str:
    """The Snowball stem of a lower-case word (memoised: news text repeats its words)."""
    key = (lang, word)
    stem = _STEMS.get(key)
    if stem is None:
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        stem = _STEMS[key] = _stemmer(lang).stemWord(word)
    return stem


_Entry = tuple[tuple[frozenset[str], ...], "Concept"]  # a form's words (word or stem each)
_NONE: tuple[_Entry, ...] = ()  # no form starts here (shared, and not tracked by the collector)


class _WordMatcher:
    """Russian or English: word sequences compared word by word, by word or stem.

    A text word and a form word match when the word or stem of one equals the word or stem
    of the other. Stems alone fail where Snowball over-stems a nominative (Киев → ки, Курил
    → кур) while the other cases stem to the word itself (Киеву → киев).
    """

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        index: dict[str, list[tuple[tuple[frozenset[str], ...], Concept]]] = {}
        for concept in glossary.concepts:
            for form in concept.forms(lang):
                words = [t.lower() for t in _WORD.findall(form)]
                seq = tuple(frozenset({w, _stem(lang, w)}) for w in words)
                for key in seq[0] if seq else ():
                    index.setdefault(key, []).append((seq, concept))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.index = index
        # (word, stem) of a text token -> the forms that can start there (a small vocabulary)
        self._candidates: dict[tuple[str, str], Sequence[_Entry]] = {}

    def scan(self, text: str, overlapping: bool = False) -> list[Match]:
        tokens = []
        for m in _WORD.finditer(text):
            word = m.group().lower()
            tokens.append((m.start(), m.end(), word, _stem(self.lang, word)))
        found = []
        for i, (start, _, word, stem) in enumerate(tokens):
            candidates = self._candidates.get((word, stem))
            if candidates is None:
                if len(self._candidates) > 200_000:
                    self._candidates.clear()
                candidates = self._candidates[word, stem] = self._merge(word, stem)
            for seq, concept in candidates:
                if i + len(seq) > len(tokens):
                    continue
                # seq[0] holds word or stem: that is how the candidate was found
                if all(tokens[i + k][2] in seq[k] or tokens[i + k][3] in seq[k]
                       for k in range(1, len(seq))):  # fmt: skip
                    end = tokens[i + len(seq) - 1][1]
                    found.append(Match(concept, self.lang, text[start:end], start, end))
                    if not overlapping:
                        break  # the longest form starting here
        return found if overlapping else _without_overlaps(found)

    def _merge(self, word: str, stem: str) -> Sequence[_Entry]:
        """The forms that can start at a token, longest first, each once."""
        by_word, by_stem = self.index.get(word, _NONE), self.index.get(stem, _NONE)
        if not by_stem or by_stem is by_word:
            return by_word
        if not by_word:
            return by_stem
        unique = {id(entry[0]): entry for entry in [*by_word, *by_stem]}
        return sorted(unique.values(), key=lambda entry: -len(entry[0]))


class _JapaneseMatcher:
    """Japanese: the longest form starting at each position, by a first-character index."""

    def __init__(self, glossary: Glossary) -> None:
        index: dict[str, list[tuple[str, Concept]]] = {}
        for concept in glossary.concepts:
            for form in concept.forms("ja"):
                if form:
                    index.setdefault(form[0], []).append((form, concept))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.index = index

    def scan(self, text: str, overlapping: bool = False) -> list[Match]:
        found = []
        i = 0
        while i < len(text):
            step = 1
            for form, concept in self.index.get(text[i], ()):
                if text.startswith(form, i):
                    found.append(Match(concept, "ja", form, i, i + len(form)))
                    if not overlapping:
                        step = len(form)  # the longest form starting here
                        break
            i += step
        return found


def _without_overlaps(matches: list[Match]) -> list[Match]:
    """Longest spans win; the result is in text order."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(match)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)
