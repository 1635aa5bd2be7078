"""Russian and English glossary matching: a text's words compared with a form's words by
Snowball stem, within the limits of :func:`_fits` (the rules are listed in
:mod:`xlate.glossary.match`), by a matcher compiled once per glossary and language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import itemgetter
from typing import Any, cast

from xlate.glossary.concepts import WORD, Concept, Found, Match, fold_width


@cache
def _stemmer(lang: str) -> Any:
    import Stemmer  # PyStemmer: the Snowball project's stemmers, compiled

    # no cache of its own (slower than asking it): _STEMS keeps each word's stem
    return Stemmer.Stemmer({"ru": "russian", "en": "english"}[lang], 0)


_STEMS: dict[tuple[str, str], str] = {}


def word_stem(lang: str, word: str) -> str:
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
    stem = word_stem(lang, lower)
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
# and a surname's in -ов, -ев, -ин, declined as an adjective (Лавров-ым, Лавров-ых): a person's
# only (an adjective that is also a name, "Лавровым листом", the glossary's not_before tells)
_RU_SURNAME_ENDINGS = frozenset("ым ыми ых".split())


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
    ending = word[len(form.word) :]
    surname = bool(form.base) and ending in _RU_SURNAME_ENDINGS
    if lang == "ru" and ending not in _RU_CASE_ENDINGS and not surname:
        return False  # only a noun's case endings (Киев-у, режим-а), a surname's too
    return not form.proper or written[:1].isupper()


def _proper(seq: Sequence[_FormWord]) -> tuple[int, ...]:
    """The positions of a form's capitalised words: a name (a form with such words) is
    written with a capital in the text too, on one of those words at least (southern Kurils;
    свой is not Свой)."""
    return tuple(k for k, form in enumerate(seq) if form.proper)


# a form's words, its concept, the form, the positions of its capitalised words
_Entry = tuple[tuple[_FormWord, ...], "Concept", str, tuple[int, ...]]
_NONE: tuple[_Entry, ...] = ()  # no form starts here (shared, and not tracked by the collector)
# A text's word as written: lower-case, stem, the forms whose first word it fits, those of
# them of one word, and the words (lower-case or stems) the others' second words may be.
_Known = tuple[str, str, tuple[_Entry, ...], tuple[_Entry, ...], frozenset[str]]
_NO_SECONDS: frozenset[str] = frozenset()
_FITTING = itemgetter(2)


class WordMatcher:
    """Russian or English: word sequences compared word by word (see :func:`_fits`)."""

    def __init__(self, concepts: Sequence[Concept], lang: str) -> None:
        self.lang = lang
        index: dict[str, list[_Entry]] = {}
        for concept in concepts:
            for form in concept.forms(lang):
                words = WORD.findall(fold_width(form))
                seq = tuple(_form_word(lang, word, concept.type) for word in words)
                if seq:
                    for key in {seq[0].word, seq[0].stem}:
                        index.setdefault(key, []).append((seq, concept, form, _proper(seq)))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.index = index
        # news text repeats a small vocabulary: each word as written is looked up once, and
        # the forms its first word fits are kept with it (see :meth:`_learn`)
        self._vocabulary: dict[str, _Known] = {}
        self._fits: dict[tuple[str, _FormWord], bool] = {}  # (text word, form word) -> fits

    def scan(self, text: str, overlapping: bool = False) -> list[Found]:
        """The forms found in ``text``: the longest at each word, or all (``overlapping``)."""
        return self._scan(text, overlapping)

    def find(self, text: str, concepts: frozenset[str]) -> list[Found]:
        """Every form of ``concepts`` (ids) in ``text``, inside longer ones too: the
        overlapping :meth:`scan` kept to those concepts, trying only their forms."""
        return self._scan(text, True, concepts)

    def _scan(
        self, text: str, overlapping: bool, only: frozenset[str] | None = None
    ) -> list[Found]:
        folded = fold_width(text)
        written = WORD.findall(folded)
        vocabulary = self._vocabulary
        known = list(map(vocabulary.get, written))
        if None in known:  # words seen for the first time: each learnt once
            get, learn = vocabulary.get, self._learn
            known = [k or get(w) or learn(w) for k, w in zip(known, written, strict=True)]
        words = cast(list[_Known], known)
        spans: list[re.Match[str]] = []  # the words' places, found once a form has matched
        found = []
        count = len(words)
        # only the words a form may start at (a third of a news text's): picked in C
        for i in compress(range(count), map(_FITTING, words)):
            _, _, fitting, single, seconds = words[i]
            candidates = single
            if i + 1 < count:
                following = words[i + 1]
                if following[0] in seconds or following[1] in seconds:
                    candidates = fitting  # a form of several words may go on here
            for seq, concept, form, proper in candidates:
                if only is not None and concept.id not in only:
                    continue
                size = len(seq)
                if size > 1 and (i + size > count or not self._rest_fit(seq, written, words, i)):
                    continue
                if proper and not any(written[i + k][:1].isupper() for k in proper):
                    continue
                if not spans:
                    spans = list(WORD.finditer(folded))
                start, end = spans[i].start(), spans[i + size - 1].end()
                found.append((Match(concept, self.lang, text[start:end], start, end), form))
                if not overlapping:
                    break  # the longest form starting here
        if overlapping or not found:
            return found
        return _owned(text, _without_overlaps(found))

    def _learn(self, written: str) -> _Known:
        """A text's word (see ``_Known``): the forms that can start at it are those whose
        first word it fits (:func:`_fits`), longest first; a form of several words is tried
        only where the next word may be its second."""
        vocabulary = self._vocabulary
        if len(vocabulary) > 500_000:
            vocabulary.clear()
        word = written.lower()
        stem = word_stem(self.lang, word)
        entries = self._merge(word, stem)
        if not entries:  # most words: no form starts with them
            known = vocabulary[written] = (word, stem, _NONE, _NONE, _NO_SECONDS)
            return known
        token = (0, 0, written, word, stem)
        fitting = tuple(
            entry
            for entry in entries
            if (word == entry[0][0].word or stem in entry[0][0].keys)
            and _fits(entry[0][0], token, self.lang)
        )
        single = tuple(entry for entry in fitting if len(entry[0]) == 1)
        seconds = frozenset(
            key for entry in fitting if len(entry[0]) > 1 for key in entry[0][1].keys
        )
        known = vocabulary[written] = (word, stem, fitting, single, seconds)
        return known

    def _rest_fit(
        self, seq: Sequence[_FormWord], written: Sequence[str], words: Sequence[_Known], i: int
    ) -> bool:
        """Whether the text's words after ``i`` are the form's other words (memoised by word;
        the first fits already)."""
        fits = self._fits
        for k in range(1, len(seq)):
            form = seq[k]
            word, stem = words[i + k][:2]
            if word != form.word and stem not in form.keys:
                return False  # the quick test: neither the word nor its stem can fit
            key = (written[i + k], form)
            fit = fits.get(key)
            if fit is None:
                if len(fits) > 500_000:
                    fits.clear()
                fit = fits[key] = _fits(form, (0, 0, written[i + k], word, stem), self.lang)
            if not fit:
                return False
        return True

    def _merge(self, word: str, stem: str) -> Sequence[_Entry]:
        """The forms that can start at a token, longest first, each once."""
        by_word, by_stem = self.index.get(word, _NONE), self.index.get(stem, _NONE)
        if not by_stem or by_stem is by_word:
            return by_word
        if not by_word:
            return by_stem
        unique = {id(entry[0]): entry for entry in [*by_word, *by_stem]}
        return sorted(unique.values(), key=lambda entry: -len(entry[0]))


def _owned(text: str, found: list[Found]) -> list[Found]:
    """Without a bare Russian institution that the next word gives to another country: МИД
    alone is Russia's in Russian press, МИД Польши is Poland's."""
    kept = []
    for k, (match, form) in enumerate(found):
        after = found[k + 1][0] if k + 1 < len(found) else None
        if (
            after is not None
            and match.concept.id.startswith("ru-")
            and len(WORD.findall(form)) == 1
            and after.concept.type == "place"
            and after.concept.id != "russia"
            and not text[match.end : after.start].strip()
        ):
            continue
        kept.append((match, form))
    return kept


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Longest spans win; the result is in text order."""
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-(f[0].end - f[0].start), f[0].start)):
        match = item[0]
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(item)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda f: f[0].start)
