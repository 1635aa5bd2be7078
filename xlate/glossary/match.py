"""The diplomatic glossary: concepts, their forms in en/ru/ja, and finding them in text.

A glossary is a TOML file of ``[[concept]]`` tables (``glossaries/diplomatic.toml`` documents
the format in its header). Matching, per language (docs/glossary.md, "Matching", has the
reasons, each found on real news):

- Russian and English (:mod:`xlate.glossary.words`): word tokens compared by Snowball stem,
  so every case and number of a term matches (санкции, санкций, санкциям; МИДа; sanctions),
  within limits: acronyms by case, names with a capital, a stem equal to a whole word only
  for a noun's case ending, short stems only before vowel endings. Irregular forms (Ивая,
  genitive Иваи) are variants.
- Japanese: no word boundaries; the longest form starting at each position wins, so a form
  never matches inside a longer form of another concept (外務省 inside 中国外務省); a single
  kanji only where it abbreviates a country (:func:`_abbreviation`), a name never from inside
  a kanji word, a katakana or Latin name only as a whole word.
- All: full-width Latin and digits folded (NFKC, offsets kept); a concept's ``ambiguous``
  forms claimed only with its ``context`` nearby, else marked ambiguous (never enforced);
  ``not_in`` phrases block a form.
- Overlapping matches resolve to the longest span; every match keeps its character span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlate.glossary.japanese import _JapaneseMatcher
    from xlate.glossary.words import _WordMatcher

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
    # forms that name the concept only with context (a surname that is also a place or word)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    context: tuple[str, ...] = ()  # concept ids whose mention nearby confirms an ambiguous form
    not_in: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrases that block a match

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
            **({"ambiguous": {k: list(v) for k, v in self.ambiguous.items()}}
               if self.ambiguous else {}),
            **({"context": list(self.context)} if self.context else {}),
            **({"not_in": {k: list(v) for k, v in self.not_in.items()}} if self.not_in else {}),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    lang: str
    surface: str
    start: int
    end: int
    # an ambiguous form without its context: reported, never enforced or checked
    ambiguous: bool = False

    def to_dict(self) -> dict[str, Any]:
        row = {
            "concept": self.concept.id,
            "type": self.concept.type,
            "en": self.concept.preferred.get("en", ""),
            "lang": self.lang,
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
        }
        if self.ambiguous:
            row["ambiguous"] = True
        return row


_Found = tuple[Match, str]  # a match and the glossary form it matched


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect of a glossary file, located at ``where`` (file:line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


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
        found = [c for c in self.concepts if any(term in c.forms(lang) for lang in LANGUAGES)]
        for lang in LANGUAGES:
            for match in self.scan(term, lang, overlapping=True, ambiguous=True):
                whole = match.start == 0 and match.end == len(term)
                if whole and match.concept not in found:
                    found.append(match.concept)
        return found

    def scan(
        self, text: str, lang: str, *, overlapping: bool = False, ambiguous: bool = False
    ) -> list[Match]:
        """The concepts named in ``text`` (written in ``lang``): longest spans, no overlap.

        ``overlapping=True`` returns every form found, including those inside longer ones
        (peace treaty inside peace treaty talks): what a check of a translation needs.
        ``ambiguous=True`` also returns the ambiguous forms that lack their context (a
        surname that is also a place, Остин; a bare 政府), marked ``ambiguous``: they are
        reported, never enforced or checked.
        """
        matches = _settle(text, lang, self.matcher(lang).scan(text, overlapping))
        return matches if ambiguous else [m for m in matches if not m.ambiguous]

    def named(self, text: str, lang: str, concepts: Collection[str]) -> dict[str, str]:
        """Which of ``concepts`` (ids) ``text`` names, each with the first form found: the
        :meth:`scan` with ``overlapping`` and ``ambiguous`` that a check of a translation
        needs, trying only those concepts' forms."""
        found = self.matcher(lang).find(text, frozenset(concepts))
        surfaces: dict[str, str] = {}
        # whether a form is ambiguous does not matter here: only the blocked ones drop out
        for match, _ in _unblocked(text, lang, found):
            surfaces.setdefault(match.concept.id, match.surface)
        return surfaces

    def matcher(self, lang: str) -> _WordMatcher | _JapaneseMatcher:
        """The compiled matcher of ``lang``: built once per glossary, on first use."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            if lang == "ja":
                from xlate.glossary.japanese import _JapaneseMatcher

                matcher = _JapaneseMatcher(self)
            elif lang in ("ru", "en"):
                from xlate.glossary.words import _WordMatcher

                matcher = _WordMatcher(self, lang)
            else:  # a caller's bug, not an XlateError: callers check the language first
                raise ValueError(f"the glossary matches ru, ja and en, not {lang!r}")
            self._matchers[lang] = matcher
        return matcher


# -- matching -----------------------------------------------------------------------------------

_WIDE = re.compile(r"[\u3000\uff00-\uffef]")


@cache
def _width_table() -> dict[int, str]:
    table = {}
    for code in (0x3000, *range(0xFF00, 0xFFF0)):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and signs (ＮＡＴＯ, Ｇ７) and half-width katakana as
    NFKC writes them, one character for one, so that every offset into ``text`` stays valid."""
    if _WIDE.search(text) is None:
        return text
    return text.translate(_width_table())


def _settle(text: str, lang: str, found: list[_Found]) -> list[Match]:
    """Drop matches inside a phrase that blocks them (``not_in``); mark an ``ambiguous`` form
    as such unless the same text names the concept otherwise, or one of its ``context``."""
    if not found:
        return []
    kept = _unblocked(text, lang, found)
    if not any(m.concept.ambiguous for m, _ in kept):
        return [match for match, _ in kept]
    confirmed = {m.concept.id for m, form in kept if form not in m.concept.ambiguous.get(lang, ())}
    settled = []
    for match, form in kept:
        concept = match.concept
        if (
            form in concept.ambiguous.get(lang, ())
            and concept.id not in confirmed
            and not confirmed.intersection(concept.context)
        ):
            match = replace(match, ambiguous=True)
        settled.append(match)
    return settled


def _unblocked(text: str, lang: str, found: list[_Found]) -> list[_Found]:
    """``found`` without the matches inside a phrase that blocks them (``not_in``)."""
    if not any(m.concept.not_in for m, _ in found):
        return found
    lowered = text.lower()
    return [
        (match, form)
        for match, form in found
        if not _blocked(lowered, match, match.concept.not_in.get(lang, ()))
    ]


def _blocked(lowered: str, match: Match, phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        phrase = phrase.lower()
        start = lowered.find(phrase, max(0, match.start - len(phrase)))
        while start != -1 and start < match.end:
            if start + len(phrase) > match.start:
                return True
            start = lowered.find(phrase, start + 1)
    return False
