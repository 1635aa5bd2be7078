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
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache

from xlate.glossary.concepts import (
    LANGUAGES,
    TYPES,
    Concept,
    Found,
    Match,
    Problem,
    fold_width,
)
from xlate.glossary.japanese import JapaneseMatcher
from xlate.glossary.words import WordMatcher

# The values moved to xlate.glossary.concepts; named here too for code that still imports
# them from this module.
__all__ = ["LANGUAGES", "TYPES", "Concept", "Glossary", "Match", "Problem", "fold_width"]


SCANS_KEPT = 4096  # sentences whose plain scan a glossary keeps (a chunk of articles' sources)


class Glossary:
    """Loaded concepts, with their matchers built on first use per language."""

    def __init__(self, concepts: Sequence[Concept], digest: str, paths: Sequence[str] = ()):
        self.concepts = tuple(concepts)
        self.digest = digest
        self.paths = tuple(paths)
        self._by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[str, WordMatcher | JapaneseMatcher] = {}
        self._scanned: dict[tuple[str, str], tuple[Match, ...]] = {}

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

    def forbidden(self, term: str) -> list[tuple[Concept, str]]:
        """The concepts that list ``term`` (in any case) as a rendering a translation must not
        use, each with the language it is forbidden in: "Kiev" → (kyiv, "en")."""
        folded = term.strip().casefold()
        return [
            (c, lang)
            for c in self.concepts
            for lang, forms in c.forbidden.items()
            if any(f.casefold() == folded for f in forms)
        ]

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
        if overlapping:
            matches: Sequence[Match] = _settle(text, lang, self.matcher(lang).scan(text, True))
        else:
            matches = self._scan_once(text, lang)
        return list(matches) if ambiguous else [m for m in matches if not m.ambiguous]

    def _scan_once(self, text: str, lang: str) -> tuple[Match, ...]:
        """The plain scan of ``text``, kept for the last sentences scanned: a translation's
        sources are scanned to protect their terms before MT and again to check them after.
        The table is replaced when full, never emptied in place (another thread may read it)."""
        table = self._scanned
        found = table.get((text, lang))
        if found is None:
            found = tuple(_settle(text, lang, self.matcher(lang).scan(text, False)))
            if len(table) >= SCANS_KEPT:
                self._scanned = table = {}
            table[(text, lang)] = found
        return found

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

    def matcher(self, lang: str) -> WordMatcher | JapaneseMatcher:
        """The compiled matcher of ``lang``: built once per glossary, on first use."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            if lang == "ja":
                matcher = JapaneseMatcher(self.concepts)
            elif lang in ("ru", "en"):
                matcher = WordMatcher(self.concepts, lang)
            else:  # a caller's bug, not an XlateError: callers check the language first
                raise ValueError(f"the glossary matches ru, ja and en, not {lang!r}")
            self._matchers[lang] = matcher
        return matcher


# -- matching -----------------------------------------------------------------------------------


def _settle(text: str, lang: str, found: list[Found]) -> list[Match]:
    """Drop matches inside a phrase that blocks them (``not_in``) or whose context says they
    name something else (:mod:`xlate.glossary.context`); mark an ``ambiguous`` form as such
    unless the same text names the concept otherwise, or one of its ``context``."""
    if not found:
        return []
    kept = _unblocked(text, lang, found)
    if any(m.concept.has_context_rules for m, _ in kept):
        from xlate.glossary.context import in_context

        kept = in_context(text, lang, kept)
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


def _unblocked(text: str, lang: str, found: list[Found]) -> list[Found]:
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
    return blocked_at(lowered, match.start, match.end, phrases)


def blocked_at(text: str, start: int, end: int, phrases: Sequence[str]) -> bool:
    """Whether the span ``start:end`` of ``text`` overlaps one of the ``phrases`` (a concept's
    ``not_in``), in any case: "Peking" in "Peking duck". Searched in ``text`` itself, so its
    offsets hold even where lower case is longer ("İ" lowers to two characters)."""
    for phrase in phrases:
        window = _phrase(phrase).finditer(text, max(0, start - len(phrase)), end + len(phrase))
        if any(m.start() < end and m.end() > start for m in window):
            return True
    return False


@lru_cache(maxsize=4096)
def _phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(re.escape(phrase), re.IGNORECASE)
