"""The diplomatic glossary: concepts, their forms in en/ru/ja, and finding them in text.

A glossary is a TOML file of ``[[concept]]`` tables (``glossaries/diplomatic.toml`` documents
the format in its header). Matching, per language (the README's "Matching" has the reasons,
each found on real news):

- Russian and English: word tokens compared by Snowball stem, so every case and number of a
  term matches (санкции, санкций, санкциям; МИДа; sanctions), within limits (:func:`_fits`):
  acronyms by case, names with a capital, a stem equal to a whole word only for a noun's case
  ending, short stems only before vowel endings. Irregular forms (Ивая, genitive Иваи) are
  variants.
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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlate.glossary.japanese import _JapaneseMatcher

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

    def matcher(self, lang: str) -> _WordMatcher | _JapaneseMatcher:
        """The compiled matcher of ``lang``: built once per glossary, on first use."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            if lang == "ja":
                from xlate.glossary.japanese import _JapaneseMatcher

                matcher = _JapaneseMatcher(self)
            elif lang in ("ru", "en"):
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


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: a fast dictionary key
class _FormWord:
    """One word of a glossary form, and how a text's word may match it."""

    exact: str  # as the glossary writes it
    word: str  # lower-case
    stem: str
    acronym: bool  # all capitals (СВО, МИД, NATO, G7, U.S.): case-sensitive, a whole word
    proper: bool  # capitalised (Киев, Japan): the text's word must be capitalised too
    base: str = ""  # a person's name: what every inflection starts with (Медведев-а, Захаров-ой)
    keys: frozenset[str] = frozenset()  # word and stem: a text's stem must be one to fit


def _form_word(lang: str, token: str, kind: str = "other") -> _FormWord:
    """``kind``: the concept's type. The names of people and places are proper nouns, and so
    is a Russian capitalised word of the other kinds (Запад, the West; запад, the west) but
    not of an institution, written either way (Минобороны, минобороны); English capitalises
    adjectives at will (Western, western)."""
    lower = token.lower()
    acronym = token == token.upper() and lower != token
    named = kind in ("person", "place") or (lang == "ru" and kind not in _INSTITUTIONS)
    proper = not acronym and token[:1].isupper() and named
    base = lower.rstrip("аеёиоуыэюяйь") if kind == "person" and proper and lang == "ru" else ""
    stem = _stem(lang, lower)
    return _FormWord(token, lower, stem, acronym, proper, base, frozenset({lower, stem}))


_INSTITUTIONS = frozenset({"organisation", "office"})
_RU_ENDING = re.compile(r"[а-яё]{1,3}")  # a case ending written after an acronym: МИДа, МИДом
_Token = tuple[int, int, str, str, str]  # start, end, as written, lower-case, stem
_SHORTEST_CROSS = 4  # a stem may equal the other's whole word only from four letters
_RU_VOWELS = frozenset("аеёиоуыэюяь")
# what a verb adds to a stem it shares with a noun (посол-ить, посол-ил): never a case
_RU_VERB_ENDINGS = frozenset(
    "ить ать ять еть уть ыть ти ться тся ся сь ил ила ило или ал ала ало али ял яла яло яли "
    "ел ела ело ели ишь ешь ует уют".split()
)
# the endings a noun's other cases add to its nominative (Киев-у, режим-а, полуостров-ом)
_RU_CASE_ENDINGS = frozenset("а у е ы и ю я ом ой ою ам ами ах ов ей ем ею ям ями ях ью".split())


def _shared_stem(stem: str, word: str, other: str, lang: str) -> bool:
    """Whether two words that share ``stem`` are forms of one word. A stem of three letters
    holds only when both words go on from it with a case ending, a vowel (Ливия, Ливии; Вена,
    Вене), or one word is the other and such an ending (Иран, Ирана): Иваи and Ивана share
    ива, Иван too, and are other names. Shorter stems never do."""
    if len(stem) != 3 or lang != "ru":
        return len(stem) >= 3
    if all(w[3:4] in _RU_VOWELS or w == stem for w in (word, other)):
        return True
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and long[len(short) : len(short) + 1] in _RU_VOWELS


def _fits(form: _FormWord, token: _Token, lang: str) -> bool:
    """Whether a text's word is an inflection of a form's word."""
    _, _, written, word, stem = token
    if form.acronym:
        if written == form.exact:
            return True
        return (
            lang == "ru"
            and written.startswith(form.exact)
            and _RU_ENDING.fullmatch(written, len(form.exact)) is not None
        )
    if form.base and not word.startswith(form.base):
        return False  # Медведи (bears) share Медведев's stem, not its name
    if word == form.word:
        return True
    if lang == "ru" and word[len(stem) :] in _RU_VERB_ENDINGS:
        return False  # посолить stems to посол: a verb, not an ambassador
    if stem == form.stem and _shared_stem(stem, word, form.word, lang):
        return True
    # Snowball over-stems some nominatives (Киев -> ки, режим -> реж) while the other cases
    # stem to the word itself (Киеву -> киев, режима -> режим): the text's stem may equal the
    # form's whole word, never a short one (своих -> сво is not СВО). The converse (a text's
    # whole word equal to the form's stem) is not allowed: Герман is not Германия, умер not
    # Умеров; irregular forms are variants instead (Курил, Египта).
    if stem != form.word or len(form.word) < _SHORTEST_CROSS:
        return False
    if lang == "ru" and word[len(form.word) :] not in _RU_CASE_ENDINGS:
        return False  # only a noun's case endings (Киев-у, режим-а), nothing else
    return not form.proper or written[:1].isupper()


def _named(seq: Sequence[_FormWord], tokens: Sequence[_Token], i: int) -> bool:
    """A name (a form with capitalised words) is written with a capital in the text too, on
    one of those words at least (southern Kurils; свой is not Свой)."""
    proper = [k for k, form in enumerate(seq) if form.proper]
    return not proper or any(tokens[i + k][2][:1].isupper() for k in proper)


_Entry = tuple[tuple[_FormWord, ...], "Concept", str]  # a form's words, its concept, the form
_NONE: tuple[_Entry, ...] = ()  # no form starts here (shared, and not tracked by the collector)


class _WordMatcher:
    """Russian or English: word sequences compared word by word (see :func:`_fits`)."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        index: dict[str, list[_Entry]] = {}
        for concept in glossary.concepts:
            for form in concept.forms(lang):
                words = _WORD.findall(fold_width(form))
                seq = tuple(_form_word(lang, word, concept.type) for word in words)
                if seq:
                    for key in {seq[0].word, seq[0].stem}:
                        index.setdefault(key, []).append((seq, concept, form))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.index = index
        # a text's lower-case word -> its stem and the forms that can start at it (news text
        # repeats a small vocabulary: one look-up per word)
        self._vocabulary: dict[str, tuple[str, Sequence[_Entry]]] = {}
        self._fits: dict[tuple[str, _FormWord], bool] = {}  # (text word, form word) -> fits

    def scan(self, text: str, overlapping: bool = False) -> list[_Found]:
        lang, vocabulary = self.lang, self._vocabulary
        tokens: list[_Token] = []
        starts: list[tuple[int, Sequence[_Entry]]] = []  # tokens where a form may start
        for m in _WORD.finditer(fold_width(text)):
            written = m.group()
            word = written.lower()
            known = vocabulary.get(word)
            if known is None:
                if len(vocabulary) > 500_000:
                    vocabulary.clear()
                stem = _stem(lang, word)
                known = vocabulary[word] = (stem, self._merge(word, stem))
            if known[1]:
                starts.append((len(tokens), known[1]))
            tokens.append((m.start(), m.end(), written, word, known[0]))
        found = []
        count = len(tokens)
        for i, candidates in starts:
            start = tokens[i][0]
            for seq, concept, form in candidates:
                size = len(seq)
                if i + size > count:
                    continue
                if size > 1:  # most forms of several words fail on the second: test it here
                    second, following = seq[1], tokens[i + 1]
                    if following[3] != second.word and following[4] not in second.keys:
                        continue
                if self._all_fit(seq, tokens, i):
                    end = tokens[i + size - 1][1]
                    found.append((Match(concept, lang, text[start:end], start, end), form))
                    if not overlapping:
                        break  # the longest form starting here
        return found if overlapping else _owned(text, _without_overlaps(found))

    def _all_fit(self, seq: Sequence[_FormWord], tokens: Sequence[_Token], i: int) -> bool:
        """Whether the text's words from ``i`` on are the form's words (memoised by word)."""
        fits = self._fits
        for k, form in enumerate(seq):
            token = tokens[i + k]
            if token[3] != form.word and token[4] not in form.keys:
                return False  # the quick test: neither the word nor its stem can fit
            key = (token[2], form)
            fit = fits.get(key)
            if fit is None:
                if len(fits) > 500_000:
                    fits.clear()
                fit = fits[key] = _fits(form, token, self.lang)
            if not fit:
                return False
        return _named(seq, tokens, i)

    def _merge(self, word: str, stem: str) -> Sequence[_Entry]:
        """The forms that can start at a token, longest first, each once."""
        by_word, by_stem = self.index.get(word, _NONE), self.index.get(stem, _NONE)
        if not by_stem or by_stem is by_word:
            return by_word
        if not by_word:
            return by_stem
        unique = {id(entry[0]): entry for entry in [*by_word, *by_stem]}
        return sorted(unique.values(), key=lambda entry: -len(entry[0]))


def _owned(text: str, found: list[_Found]) -> list[_Found]:
    """Without a bare Russian institution that the next word gives to another country: МИД
    alone is Russia's in Russian press, МИД Польши is Poland's."""
    kept = []
    for k, (match, form) in enumerate(found):
        after = found[k + 1][0] if k + 1 < len(found) else None
        if (
            after is not None
            and match.concept.id.startswith("ru-")
            and len(_WORD.findall(form)) == 1
            and after.concept.type == "place"
            and after.concept.id != "russia"
            and not text[match.end : after.start].strip()
        ):
            continue
        kept.append((match, form))
    return kept


_Found = tuple[Match, str]  # a match and the glossary form it matched


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Longest spans win; the result is in text order."""
    chosen: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-(f[0].end - f[0].start), f[0].start)):
        match = item[0]
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(item)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda f: f[0].start)


def _settle(text: str, lang: str, found: list[_Found]) -> list[Match]:
    """Drop matches inside a phrase that blocks them (``not_in``); mark an ``ambiguous`` form
    as such unless the same text names the concept otherwise, or one of its ``context``."""
    if not found:
        return []
    kept = found
    if any(m.concept.not_in for m, _ in found):
        lowered = text.lower()
        kept = [
            (match, form)
            for match, form in found
            if not _blocked(lowered, match, match.concept.not_in.get(lang, ()))
        ]
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


def _blocked(lowered: str, match: Match, phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        phrase = phrase.lower()
        start = lowered.find(phrase, max(0, match.start - len(phrase)))
        while start != -1 and start < match.end:
            if start + len(phrase) > match.start:
                return True
            start = lowered.find(phrase, start + 1)
    return False
