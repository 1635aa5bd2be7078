"""What a sentence tells, as weighted terms: content-word stems weighted by how rare they are in
English (wordfreq), numbers and dates, glossary concepts (and what they stand for: a capital
for its country, a compound for its parts), and quoted words."""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from xlate.compare.stems import _stemmer, synonym_groups
from xlate.compare.values import DIGIT, NUMBER_WORDS, SCALES, Spans, values
from xlate.numbers import numbers_at

# Term weights, in the units of word weights (ZIPF_CEIL - Zipf frequency of the word).
ZIPF_CEIL = 7.5  # words this common (the, of) weigh nothing; said 1.5, president 2.1
ZIPF_FLOOR = 2.0  # words rarer than this, or unknown (names, transliterations), weigh the most
CONCEPT_WEIGHT = 4.0
# A number or date: as much as a rare word. A heavier number makes two renderings of one fact
# that disagree on a figure fall apart, and gives unrelated sentences that share a year a
# link; the weight that let the most same-fact pairs link, at the threshold the null model
# derives for it, was chosen (docs/performance.md, "Facts that mean the same thing").
NUMBER_WEIGHT = 4.0
# A word of a synonym group (data/synonyms.txt.gz, from WordNet: lexicon_build.py) shares
# this much of its weight with its groups ("~" and the group's number), so that "idiot" and
# "moron" share that part; the same word shares all of it.
SYNONYM_SHARE = 1 / 3
SYNONYM_MIN = 2.0  # words lighter than this (so, make, get) join no group
NAME_BONUS = 1.0  # a capitalised word inside a sentence: a name, whatever its frequency
QUOTE_WEIGHT = 1.0  # quoted words both sentences quote count this much again
MIN_INFORMATION = 16.0  # a sentence weighs at least this much: one shared name is not a fact
# Function words carry no fact; left in, they make unrelated sentences look alike.
STOP_WORDS = frozenset(
    "the a an of to in on and that is was were will would be been its it their they he she"
    " his her at as by for with from this which who said says has have had not no than then"
    " also".split()
)
# Metonymy, which news uses everywhere: a capital or a seat of power stands for its country
# ("Tokyo said", "the Kremlin replied"), and so does an institution, whose glossary id starts
# with its country's code (jp-government, ru-mfa, us-state-department).
SEATS = {
    "moscow": "russia",
    "kremlin": "russia",
    "tokyo": "japan",
    "washington": "usa",
    "us-white-house": "usa",
    "beijing": "china",
    "pyongyang": "north-korea",
    "seoul": "south-korea",
    "kyiv": "ukraine",
    "brussels": "eu",
    "berlin": "germany",
    "paris": "france",
    "london": "uk",
    "warsaw": "poland",
    "vienna": "austria",
    "madrid": "spain",
    "minsk": "belarus",
    "ankara": "turkey",
    "tel-aviv": "israel",
    "doha": "qatar",
}
COUNTRY_CODES = {
    "ru": "russia",
    "jp": "japan",
    "us": "usa",
    "ua": "ukraine",
    "cn": "china",
    "kp": "north-korea",
    "kr": "south-korea",
    "eu": "eu",
}
# Words that link the parts of a compound concept id (sanctions-against-russia, war-in-ukraine).
LINKING_WORDS = frozenset("against in of on with to for and".split())
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# The words a sentence's terms are made of: a hyphenated compound counts as its parts
# ("Yudetamago-sensei", "hand-carved": MT systems write one with the hyphen, another without).
_PART = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_NONE: frozenset[str] = frozenset()
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DATE_RULE = (
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}"  # 12 November
    rf"|{_MONTH}\.?\s+(?P<d2>\d{{1,2}})\b"  # November 12, Nov. 12
    r"|the\s+(?P<d3>\d{1,2})(?:st|nd|rd|th))"  # the 12th (Japanese 12日 in translation)
)
_DATE = re.compile(_DATE_RULE, re.IGNORECASE)
# The same over an ASCII text lower-cased (as long as the text, so the same spans): twice as
# fast as ignoring case, which Unicode makes costly (it matches ſ for s, K for k).
_DATE_LOWER = re.compile(_DATE_RULE)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one outlet, as the aligner sees it."""

    outlet: str
    index: int
    english: str
    concepts: frozenset[str]
    quotes: tuple[str, ...] = ()
    original: bool = False  # the outlet's own English (not a translation)


def _dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Day-of-month mentions as ``day:N`` with where each is ("November 12", "12 November",
    "the 12th")."""
    dates = _DATE_LOWER.finditer(text.lower()) if text.isascii() else _DATE.finditer(text)
    return [(f"day:{int(m['d1'] or m['d2'] or m['d3'])}", m.span()) for m in dates]


@lru_cache(maxsize=65536)
def dates_and_numbers(text: str) -> frozenset[str]:
    """Day-of-month mentions as ``day:N`` (from "November 12", "12 November", "the 12th"),
    and the other numbers normalised (years, counts: "10,000" and "10 000" are 10000, "$1.5bn"
    is 1.5). Memoised: the aligner and the report both ask."""
    if not DIGIT.search(text):  # every date and number has a digit
        return _NONE
    dates = _dates(text)
    found = {day for day, _ in dates}
    in_dates = Spans(span for _, span in dates)
    for start, value in numbers_at(text):
        if start not in in_dates:
            found.add(value)
    return frozenset(found)


def normalise(text: str) -> str:
    """Lower-case content words of ``text``, joined by single spaces."""
    return " ".join(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


@lru_cache(maxsize=1)
def _zipf() -> dict[str, float]:
    """Zipf frequencies (log10 of uses per billion words) of the English words at least as
    common as ``ZIPF_FLOOR``, from wordfreq's "large" list, loaded once.

    The list is read straight from wordfreq's data file in its documented cBpack format
    (``wordfreq.read_cBpack``: a header, then one list of words per centibel of frequency,
    most frequent first), stopping at the floor: several times faster than importing
    wordfreq and building its whole dictionary (docs/performance.md, "Figures out of the
    code"). Any surprise falls back to wordfreq's API.
    """
    return _zipf_from_file() or _zipf_from_api()


def _zipf_from_file() -> dict[str, float] | None:
    """wordfreq's large English list read straight from its data file (cBpack: msgpack of
    buckets a centibel apart), down to ``ZIPF_FLOOR``; None when it cannot be read so."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        import msgpack
    except ImportError:
        return None
    path = Path(spec.submodule_search_locations[0], "data", "large_en.msgpack.gz")
    zipf: dict[str, float] = {}
    try:
        with gzip.open(path, "rb") as f:
            unpacker = msgpack.Unpacker(f, raw=False)
            buckets = unpacker.read_array_header() - 1
            if unpacker.unpack() != {"format": "cB", "version": 1}:
                return None
            for centibels in range(buckets):
                value = 9.0 - centibels / 100.0
                if value < ZIPF_FLOOR:
                    break
                zipf.update(dict.fromkeys(unpacker.unpack(), value))
    except (OSError, EOFError, ValueError, msgpack.UnpackException):
        return None
    return zipf


def _zipf_from_api() -> dict[str, float]:
    """The same list through wordfreq's own API (slower to load)."""
    import wordfreq

    frequencies = wordfreq.get_frequency_dict("en", wordlist="large")
    every = {w: math.log10(f) + 9.0 for w, f in frequencies.items() if f > 0}
    return {w: z for w, z in every.items() if z >= ZIPF_FLOOR}


def word_weight(word: str) -> float:
    """How much a lower-case English word tells: ``ZIPF_CEIL`` minus its Zipf frequency,
    between 0 and ``ZIPF_CEIL - ZIPF_FLOOR``."""
    zipf = _zipf().get(word, 0.0)
    return min(ZIPF_CEIL - ZIPF_FLOOR, max(0.0, ZIPF_CEIL - zipf))


# What each word (as _WORD finds it, case kept) adds to its sentence's terms: its stem and
# weight first in the sentence (_FIRST) and after it (_LATER: a capital adds NAME_BONUS), or
# _NOTHING when it adds nothing (a stop word, digits, no weight). Learnt a sentence's new words
# at a time; emptied past _KNOWN_MAX words, so that real text, which keeps meeting new names,
# keeps its memory bounded.
_Term = tuple[str, float]
_NOTHING = cast(_Term, ())  # the empty tuple, false: filter(None, ...) drops it
_FIRST: dict[str, _Term] = {}
_LATER: dict[str, _Term] = {}
_KNOWN_MAX = 1 << 17


def fold(word: str) -> str:
    """``word`` without the accents of Latin letters ("shōnen", "café": shonen, cafe), so that
    two transliterations compare; a word with any other letter (Cyrillic й) is left alone."""
    if word.isascii():
        return word
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return bare if bare.isascii() else word


def _learn(words: list[str]) -> tuple[dict[str, _Term], dict[str, _Term]]:
    """Put the words of a sentence that :data:`_LATER` lacks into it and :data:`_FIRST`, and
    return the two tables, which hold every one of them: when full, the tables are replaced
    by new ones (never emptied in place, so another thread still reading the old ones finds
    what it learnt there)."""
    global _FIRST, _LATER
    first, later = _FIRST, _LATER
    if len(later) > _KNOWN_MAX:
        first, later = {}, {}
        _FIRST, _LATER = first, later
    stem = _stemmer().stemWord
    for word in set(words).difference(later):
        lower = fold(word.lower())
        if lower in STOP_WORDS or (not lower.isalpha() and any(c.isdigit() for c in lower)):
            first[word] = later[word] = _NOTHING
            continue
        weight = word_weight(lower)
        root = stem(lower)
        first[word] = (root, weight) if weight > 0 else _NOTHING
        named = weight + NAME_BONUS if word[0].isupper() else weight
        later[word] = (root, named) if named > 0 else _NOTHING
    return first, later


def _word_terms(text: str, names: bool) -> dict[str, float]:
    """Content-word stems of ``text`` and their weights (the largest over a stem's words); with
    ``names``, a capitalised word after the first counts as a name (:data:`NAME_BONUS`).
    Without ``names`` the stems come in the order of their first word; with it, in any order
    (:func:`sentence_terms` sorts them)."""
    words = _PART.findall(text)
    first_table, later_table = _FIRST, _LATER  # the tables this sentence is read from
    later: list[_Term | None] = list(map(later_table.get, words))
    if None in later:  # words not met before
        first_table, later_table = _learn(words)
        later = list(map(later_table.__getitem__, words))
    if not names:
        found: dict[str, float] = {}
        for stem, weight in filter(None, map(first_table.__getitem__, words)):
            if weight > found.get(stem, 0.0):
                found[stem] = weight
        return found
    if words:
        later[0] = first_table[words[0]]  # the first word is capitalised, not a name
    terms = list(filter(None, later))
    found = dict(terms)
    if len(found) < len(terms):  # a stem twice: sorted, its largest weight comes last
        terms.sort()
        found = dict(terms)
    return found


@lru_cache(maxsize=65536)
def sentence_terms(text: str) -> tuple[tuple[str, float], ...]:
    """The weighted terms of an English sentence: content stems, then numbers and dates
    (prefixed ``#``), sorted."""
    found = _word_terms(text, names=True)
    if SYNONYM_SHARE:
        _add_synonyms(found)
    numbers = value_terms(text)
    if numbers:  # "four", "thousand": read as values, not words as well
        for stem in _number_stems().intersection(found):
            del found[stem]
    for term, weight in numbers.items():
        found[term] = found.get(term, 0.0) + weight
    return tuple(sorted(found.items()))


def _add_synonyms(found: dict[str, float]) -> None:
    """Give each stem of ``found`` in a synonym group :data:`SYNONYM_SHARE` of its weight as
    its groups' terms (split evenly), in place."""
    table = synonym_groups()
    for root, groups in [(r, table[r]) for r in found if r in table]:  # in found's order
        weight = found[root]
        if weight < SYNONYM_MIN:
            continue
        found[root] = weight * (1 - SYNONYM_SHARE)
        part = weight * SYNONYM_SHARE / len(groups)
        for term in groups:
            found[term] = found.get(term, 0.0) + part


@lru_cache(maxsize=1)
def _number_stems() -> frozenset[str]:
    """The stems of the number words and scales the value reader reads ("four", "thousand")."""
    words = set(NUMBER_WORDS) | {w for w in SCALES if len(w) > 3}
    return frozenset(_stemmer().stemWord(w) for w in words)


@lru_cache(maxsize=65536)
def slotted_values(text: str) -> tuple[tuple[str, str], ...]:
    """The numbers and dates of a sentence, each as its term (``#`` and the value) and its
    slot (values.py's: money, percent, date, year, ordinal, a unit, number), as
    :func:`xlate.compare.values.values` reads them: "3 thousand" and "3,000" are #3000,
    "four arrests" #4, "$2.3bn" #2300000000; a day of the month is ``#day:N``; a number only
    :func:`dates_and_numbers` reads (glued to letters: "5G") is a number."""
    found: dict[str, str] = {}
    has_digit = DIGIT.search(text) is not None
    dates = _dates(text) if has_digit else []
    for day, _ in dates:
        found.setdefault(f"#{day}", "date")
    shown = [(day, text[s:e]) for day, (s, e) in dates]
    read = values(text, shown)
    for value in read:
        if value.slot != "date":
            found.setdefault(f"#{value.key}", value.slot)
    if has_digit:  # what the value reader leaves (numbers glued to letters)
        said = " ".join(v.shown for v in read) + " " + " ".join(t for _, t in shown)
        read_numbers = {n for _, n in numbers_at(said)}  # whole numbers: 5 is not in 15
        in_dates = Spans(span for _, span in dates)
        for start, number in numbers_at(text):
            if start not in in_dates and number not in read_numbers:
                found.setdefault(f"#{number}", "number")
    return tuple(found.items())


def value_weight(term: str) -> float:
    """The weight of a value's term: :data:`NUMBER_WEIGHT`, half for one digit; a time of day
    (``#09:36``, whether written 9:36 or "9 a.m." as ``#09:00``) one and a half: what its hour
    and minute weighed, as two numbers, on average."""
    if ":" in term and term[1:2].isdigit():
        return 1.5 * NUMBER_WEIGHT
    return NUMBER_WEIGHT if len(term.replace(".", "")) > 2 else NUMBER_WEIGHT / 2


def value_terms(text: str) -> dict[str, float]:
    """The numbers and dates of a sentence as weighted terms (:func:`slotted_values`)."""
    return {term: value_weight(term) for term, _ in slotted_values(text)}


def disputed_weights(a: str, b: str) -> tuple[float, float]:
    """The weight of the values each of two sentences gives in a slot where the other gives
    a value it lacks: 17 migrants / 18 migrants, $2.3bn / $4.4bn (a candidate conflict, which
    is no evidence that the two say different things). A value in a slot the other leaves
    empty is extra detail, and not counted."""
    va, vb = dict(slotted_values(a)), dict(slotted_values(b))
    alone_a = {t: slot for t, slot in va.items() if t not in vb}
    alone_b = {t: slot for t, slot in vb.items() if t not in va}
    both = set(alone_a.values()) & set(alone_b.values())
    return (
        sum(value_weight(t) for t, slot in alone_a.items() if slot in both),
        sum(value_weight(t) for t, slot in alone_b.items() if slot in both),
    )


@lru_cache(maxsize=4096)
def implied_concepts(concept: str) -> frozenset[str]:
    """What naming ``concept`` also says, so that a sentence that says it otherwise matches:
    the country a capital, seat of power or institution stands for (tokyo, jp-government:
    japan), and the parts of a compound concept: every run of its id's words that neither
    starts nor ends with a linking word (sanctions-against-russia: sanctions, russia;
    peace-treaty-talks: peace-treaty, treaty-talks, peace, treaty, talks). It needs no list
    of known concepts, so it works with any glossary: a part no other concept has matches
    nothing, and the null model (which tags its sentences the same way) prices in the rest."""
    found: set[str] = set()
    if concept in SEATS:
        found.add(SEATS[concept])
    words = concept.split("-")
    if len(words) > 1 and words[0] in COUNTRY_CODES:
        found.add(COUNTRY_CODES[words[0]])
        words = words[1:]
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            run = words[i:j]
            if run[0] not in LINKING_WORDS and run[-1] not in LINKING_WORDS:
                found.add("-".join(run))
    found.discard(concept)
    return frozenset(found)


def unit_terms(unit: Unit) -> tuple[dict[str, float], dict[str, float]]:
    """A unit's weighted terms (words, numbers, concepts prefixed ``@``) and its quoted words."""
    plain = dict(sentence_terms(unit.english))
    for concept in sorted(unit.concepts):
        # A concept that stands for others counts as them, its weight spread evenly: Tokyo
        # as Japan, sanctions against Russia as sanctions and Russia. (Keeping a quarter to
        # three quarters of the weight for the concept itself was measured too: the same
        # null-model threshold, fewer true links on the sample bundle, none fewer false.)
        implied = implied_concepts(concept) or frozenset({concept})
        for other in sorted(implied):
            term = f"@{other}"
            plain[term] = plain.get(term, 0.0) + CONCEPT_WEIGHT / len(implied)
    quoted: dict[str, float] = {}
    for quote in unit.quotes:
        for root, weight in _word_terms(quote, names=False).items():
            quoted[root] = max(weight * QUOTE_WEIGHT, quoted.get(root, 0.0))
    return plain, quoted


# A quote's floors as xlate.compare.quotes groups quotes (QUOTE_THRESHOLD and the rest, which
# that module takes from here): token_set_ratio of the content words, and the weighted
# terms' overlap (Dice, percent); two outlets' own English renderings nearly word for word.
QUOTE_RATIO = 45.0
QUOTE_SHARED = 20.0
ORIGINAL_RATIO = 85.0
ORIGINAL_SHARED = 50.0


def shared_share(a: dict[str, float], b: dict[str, float]) -> float:
    """How much two weighted term sets say alike: the weight they share over their mean
    weight (Dice), in percent."""
    total = sum(a.values()) + sum(b.values())
    return 100.0 * sum(a[k] + b[k] for k in a.keys() & b.keys()) / total if total else 0.0


def quotes_apart(a: Unit, b: Unit) -> bool:
    """Whether two sentences quote different statements, so that no fact joins them however
    much they share around their quotes (a trial: three different quotes of one NASA official,
    one in each outlet, were one fact through his name and title): each quotes three words or
    more in marks of its own, and no quote of one is a rendering of a quote of the other by
    the floors quotes are grouped by."""
    from rapidfuzz import fuzz

    said_a = [q for q in a.quotes if len(q.split()) >= 3 and q.strip() != a.english.strip()]
    said_b = [q for q in b.quotes if len(q.split()) >= 3 and q.strip() != b.english.strip()]
    if not said_a or not said_b:
        return False
    strict = a.original and b.original
    for p in said_a:
        for q in said_b:
            ratio = fuzz.token_set_ratio(normalise(p), normalise(q))
            if ratio < QUOTE_RATIO:
                continue
            share = shared_share(dict(sentence_terms(p)), dict(sentence_terms(q)))
            if (
                (ratio >= ORIGINAL_RATIO or share >= ORIGINAL_SHARED)
                if strict
                else (share >= QUOTE_SHARED)
            ):
                return False
    return True
