"""Numbers and dates as values of a kind, and what two renderings of one fact make of them.

A value is read with what it measures, its *slot*: money ("$2.3bn", "2.3 billion dollars"),
a percentage ("4%", "four per cent"), a date ("12 November", "the 12th"), a year, a time of
day ("9:36 AM"), an ordinal ("3rd", "No. 2", "second-biggest"), a measure with its unit ("200
km", "21-day"; a span back in time, "nine days before", is its own slot), an age, a name's
number ("COVID-19", "G7"), an event's toll ("five dead", "50 injured", "3 missing", "four
arrested": each its own slot), or else a number: a count of things ("17 immigrants", "four
ships": number words are read) or a bare one. Its key is the value itself ("$2.3bn" is
2300000000), so "four ships" and "4 ships" are one value.

Inside a fact (:func:`conflicts_and_extra`):

- a *conflict* is two outlets each giving in one slot a value the other gives nowhere (17
  immigrants / 18 immigrants; $2.3bn / $4.4bn): a candidate disagreement to show;
- *extra detail* is a value only one outlet gives, whatever the slot (a glazed doughnut "has 4
  grams", the others give no weight): not a disagreement, shown as what that outlet adds. A
  name's number is part of a name, never extra detail.

A value the other side gives in another slot ("2.3 billion" / "$2.3bn") is shared, and so is a
date that leaves out its year or month where it fits the one full date of the fact ("7
December" / "7 December 2021").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

# Number words, read as the numbers they are ("four arrests"); "one" is left out: it is far
# more often a pronoun ("one of them") than a count.
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "_ _ two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
    if n > 1
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
NUMBER_WORDS |= {"ninety": 90, "hundred": 100, "dozen": 12}  # "dozens" says no number
ONES = {w: n for n, w in enumerate("_ one two three four five six seven eight nine".split()) if n}
TENS = {w: n for w, n in NUMBER_WORDS.items() if n in range(20, 100, 10)}
ORDINAL_WORDS = {
    w: n
    for n, w in enumerate(
        "_ first second third fourth fifth sixth seventh eighth ninth tenth".split()
    )
    if n
}
SCALES = {
    "dozen": 12.0,  # two dozen
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "yuan": "CNY",
}
# Units of measure, each written as its slot: 200 km and 200 kilometres are one slot.
UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mile",
    "miles": "mile",
    "m": "metre",
    "metre": "metre",
    "metres": "metre",
    "meter": "metre",
    "meters": "metre",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "g": "gram",
    "gram": "gram",
    "grams": "gram",
    "ton": "tonne",
    "tons": "tonne",
    "tonne": "tonne",
    "tonnes": "tonne",
    "hour": "hour",
    "hours": "hour",
    "minute": "minute",
    "minutes": "minute",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "years",
    "years": "years",
    "decade": "decades",
    "decades": "decades",
    "century": "centuries",
    "centuries": "centuries",
    "calorie": "calorie",
    "calories": "calorie",
}
PERCENT_WORDS = ("%", "percent", "per cent", "pct", "percentage points")

_NUM = r"\d+(?:[.,]\d+|[\s\u00a0\u202f]\d{3}(?!\d))*"
# twenty-five (or twenty five, but not "sixty one-way") first, then the single words, longest
# first
_TENS, _ONES = "|".join(TENS), "|".join(ONES)
_WORDS = rf"(?:{_TENS})(?:-(?:{_ONES})(?!\w)| (?:{_ONES})(?![\w-]))|" + "|".join(
    sorted(NUMBER_WORDS, key=len, reverse=True)
)
_ORDINALS = "|".join(ORDINAL_WORDS)
_VALUE_RULE = (
    r"(?P<sign>US\$|[$€£¥₽])?\s?"
    r"(?:(?P<num>(?<![\w.,]){num})(?P<tail>[A-Za-z]+)?|(?P<word>{words}))"
    r"(?:[\s-](?P<scale>hundred|thousand|million|billion|trillion|dozen|mln|mn|bn|tn)\b)?"
    r"(?:\s?(?P<pct>%|per ?cent\b|pct\b|percentage points\b))?"
    r"(?:[\s-](?P<next>[A-Za-z]+))?"
)
# The words matched as ASCII ((?a:), with IGNORECASE): Unicode case folding would let ſix,
# fıve and SİX match and then miss in the tables.
_VALUE = re.compile(_VALUE_RULE.format(num=_NUM, words=rf"\b(?a:{_WORDS})\b"), re.IGNORECASE)
# The same for a text without number words, several times faster: its word branch never
# matches, so no position tries the words one by one.
_VALUE_DIGITS = re.compile(_VALUE_RULE.format(num=_NUM, words="(?!)"), re.IGNORECASE)
_LETTERS = re.compile(r"[a-z]+")  # on a lowered text: a cheap look for the words below
_ORDINAL = re.compile(rf"\b(?:(?P<word>(?a:{_ORDINALS}))-\w+|No\.\s?(?P<num>\d+))\b", re.I)
DIGIT = re.compile(r"\d")  # every number and date read here has one (terms.py asks too)
# A size written as two or three numbers across "x" (190x200, 150 x 185 cm; MT keeps the
# Cyrillic "х" and the sign "×"): one value, so that a changed side is one conflict.
_SIZE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?:\s?[xх×]\s?\d+(?:[.,]\d+)?){1,2}(?![\w.,]\d)")
_DIGITS_ONLY = re.compile(r"[\s\u00a0\u202f]")
# A time of day (9:36, 7:15 a.m., 19:30, 9 a.m., the British 9.36am): one value, never the
# counts 9 and 36; not a scale (1:50,000). An hour alone, or with a full stop before its
# minutes (9.36 is a number), needs its a.m. or p.m.
_HALF = r"(?:\.m\.|\.?m\b)"
_TIME = re.compile(
    r"(?<![\w.,:])(?P<h>\d{1,2})(?:"
    rf":(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\w:]|[.,]\d)(?:\s?(?P<half>[ap]){_HALF})?"
    rf"|\.(?P<dm>[0-5]\d)\s?(?P<dhalf>[ap]){_HALF}"
    rf"|\s?(?P<alone>[ap]){_HALF})",
    re.IGNORECASE,
)


# A time written as four digits before its zone, as news agencies do: "0737 GMT", "2248 UTC"
# ("the 2200 GMT deadline"), never a year after an article ("the 2015 UTC leap second").
_CLOCK = re.compile(
    r"(?<![\w.,:])(?P<article>(?<=\b[Tt]he )|(?<=\b[Aa] )|(?<=\b[Aa]n ))?"
    r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d\d)?)?\b"
)


@dataclass(frozen=True, slots=True)
class Value:
    """A number or date with what it measures: ``slot`` ("money (USD)", "percent", "date",
    "year", "ordinal", "size", "km", "number"), ``key`` the value compared, ``shown`` the
    words that gave it; ``of``: the :attr:`ref` of the value this one restates in other
    units, in brackets ("10 kilometres (6 miles)": the 6 miles are the 10 kilometres'), or
    ""; ``what``: for a bare count, the words after it that say what it counts ("20 wives":
    "wive"), or "" (:func:`counted_words`)."""

    slot: str
    key: str
    shown: str
    of: str = ""
    what: str = ""

    @property
    def ref(self) -> str:
        """The value's slot and key in one string."""
        return f"{self.slot}\x1f{self.key}"


def _number(text: str) -> float | None:
    """``text`` (digits with separators) as a number: 1,000 / 1 000 / 1.000 are 1000; 1,5 and
    1.5 are 1.5."""
    plain = _DIGITS_ONLY.sub("", text)
    if re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", plain):
        return float(re.sub(r"[.,]", "", plain))
    try:
        return float(plain.replace(",", "."))
    except ValueError:
        return None


def _key(value: float) -> str:
    return f"{value:.12g}"


# A measure restated in other units in brackets, "10 kilometres (6 miles)", "5,000 feet
# (1,500 metres)", "a 1,900-mile-wide (3,100 kilometers) moon": the same value, neither
# extra detail nor a conflict (a measure in brackets alone, "the room was cold (6°C)", is
# read).
_MEASURE = (
    r"(?:miles?|mi|km|kilomet(?:er|re)s?|feet|foot|ft|met(?:er|re)s?|m|inch(?:es)?|in|cm|mm|"
    r"pounds?|lbs?|kg|kilograms?|tons?|tonnes?|°\s?[CF]|degrees(?: (?:Celsius|Fahrenheit))?|"
    r"mph|km/h|kph|acres?|hectares?|square (?:miles|kilomet(?:er|re)s)|gallons?|lit(?:er|re)s?|"
    r"nautical miles)"
)
_CONVERSION = re.compile(  # numbers of at most 20 characters, each read from its start
    rf"(?<![\d.,])\d[\d.,]{{0,20}}[\s-]?{_MEASURE}(?:-(?:wide|long|high|deep|tall))?\s*(?P<again>\("
    r"(?:about |around |some |roughly |nearly |approximately |almost |more than |over )?"
    rf"\d[\d.,]{{0,20}}(?:\s*(?:-|–|to)\s*\d[\d.,]{{0,20}})?\s*{_MEASURE}\))",
    re.IGNORECASE,
)


def _conversions(text: str) -> tuple[str, list[Value]]:
    """``text`` with each measure restated in brackets blanked (the same length: places in
    it stay where they were), and the values restated, each with the key it restates."""
    restated: list[Value] = []

    def blank(m: re.Match[str]) -> str:
        first = m.group()[: m.start("again") - m.start()]
        measured = values(first)
        if measured:
            again = values(m["again"][1:-1])
            restated.extend(replace(v, of=measured[0].ref) for v in again)
        return first + " " * len(m["again"])

    return _CONVERSION.sub(blank, text), restated


def values(text: str, dates: Iterable[tuple[str, str]] = ()) -> list[Value]:
    """The numbers and dates of an English sentence as values of a kind, in order; ``dates``:
    its dates already read ((key, shown), as :func:`xlate.compare.diff.full_dates` gives
    them), whose digits are not read again. A measure restated in other units in brackets
    is read as restating it (:attr:`Value.of`), after the others."""
    restated: list[Value] = []
    if "(" in text:
        text, restated = _conversions(text)
    found = [Value("date", key, shown) for key, shown in dates]
    taken: list[tuple[int, int]] = []
    # The patterns try their words one by one at every position: a set of the text's
    # words says first whether any can match (most sentences have no number at all).
    words = set(_LETTERS.findall(text.lower()))
    digit = DIGIT.search(text)
    digits = digit is not None
    if (digits and "no" in words) or not words.isdisjoint(ORDINAL_WORDS):
        for m in _ORDINAL.finditer(text):
            n = ORDINAL_WORDS[m["word"].lower()] if m["word"] else int(m["num"])
            found.append(Value("ordinal", str(n), m.group()))
            taken.append(m.span())
    clocks = [
        m
        for m in (_CLOCK.finditer(text) if digits else ())
        if m["article"] is None or not 1900 <= int(m["h"] + m["m"]) <= 2099
    ]
    for m in clocks:  # 0737 GMT, 1200 UTC+05:30 (its zone's minutes no time)
        found.append(Value("time", f"{m['h']}:{m['m']}", m.group()))
        taken.append(m.span())
    in_clocks = Spans(c.span() for c in clocks)
    for m in _TIME.finditer(text) if digits else ():
        time = _time(m)
        if time and m.start() not in in_clocks:
            found.append(Value("time", time, m.group()))
            taken.append(m.span())
    for m in _SIZE.finditer(text) if digits else ():
        key = "x".join(_key(_number(n) or 0.0) for n in re.split(r"\s?[xх×]\s?", m.group()))
        found.append(Value("size", key, m.group()))
        taken.append(m.span())
    for m in _GLUED_NAME.finditer(text) if digits else ():  # MH17, G7: as MH-17 and G-7 read
        found.append(Value(f"{NAME_SLOT}{m[1].lower()})", _key(float(m[2])), m.group()))
    if "one" in words:  # "killing one person": the one count "one" is read as (a toll)
        found += _one_tolls(text)
    number_words = not words.isdisjoint(NUMBER_WORDS)
    if not (digits or number_words):
        return found + restated
    date_words = {_bare(d) for _, shown in dates for d in re.findall(r"\d+", shown)}
    spans = Spans(taken)
    # Without number words every match holds a digit, at most 4 characters in ("US$ 5")
    pattern, start = (_VALUE, 0) if number_words or not digit else (_VALUE_DIGITS, digit.start())
    for m in pattern.finditer(text, max(0, start - 4)):
        if not (m["num"] or m["word"]) or m.start("num") in spans:
            continue
        value = _read(m, date_words)
        if value is None:
            continue
        at = m.start("word")
        if m["word"] and value.slot == "number" and text[max(0, at - 4) : at].lower() == "the ":
            continue  # "the two countries": the ones already named, not a count
        found.append(value)
    return found + restated


# A name's number glued to its capitals (MH17, G7, SMW4): the value pattern leaves it (a number
# glued to letters), so it would never meet MH-17's
NAME_SLOT = "name ("  # a name's number's slot begins so: "name (covid)"
_GLUED_NAME = re.compile(r"\b([A-Z]{1,5})(\d{1,5})\b")
_OLD = re.compile(r"[\s-]old\b", re.IGNORECASE)
_TRAILING = re.compile(r"[\s-]+$")
# A span of time that reaches back from a moment ("nine days before the inauguration", "three
# years ago") is another slot than a span ahead or a span that lasts ("in 30 days", "for a
# week"): never one figure told twice. Spans ahead and spans that last stay one slot: "delivered
# 2 days after you order" and "within 3 days of the order" are one figure that differs.
_TIME_UNITS = frozenset({"hour", "minute", "day", "week", "month", "years", "decades"})
_BACK = re.compile(r"\s+(?:before|earlier|ago|prior)\b", re.IGNORECASE)
# a span that lasts, whatever follows it: "held for three days before his release"
_LASTS = re.compile(r"\b(?:for|lasted|lasting|spent|took|over|during|within)\s*$", re.I)
# The word a number names a thing with: a capitalised word joined to it by a hyphen (COVID-19,
# Su-57), or before it after a space when the word is hyphenated (SEA-ME-WE 4) or an acronym
# of three letters or more that is not the sentence's first word (the SMW 4 cable). A plain name
# before a number is left a count ("gave Ukraine 40 tanks", "met Biden 3 times").
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z][\w]*(?:-[A-Za-z]+)*)([\s-])$")
_SENTENCE_START = re.compile(r"[.!?:;\"“(]\s*$")  # what a sentence's first word follows
_MONTH_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december".split()
)


class Spans:
    """Spans of a text ((start, end), in any order, overlapping or not), asked whether a
    position falls in one by bisection: a text of many dates, sizes or ordinals stays
    linear to read."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))  # furthest end

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return pos >= 0 and k >= 0 and pos < self.reach[k]


def _time(m: re.Match[str]) -> str:
    """A time of day as its key on the 24-hour clock (7:15 p.m. is 19:15), or "" for what is
    no time (25:10)."""
    hour, minute = int(m["h"]), m["m"] or m["dm"] or "00"
    half = (m["half"] or m["dhalf"] or m["alone"] or "").lower()
    if hour > 24 or (hour == 24 and minute != "00") or (m["m"] is None and not 1 <= hour <= 12):
        return ""
    if half and 1 <= hour <= 12:  # (13:05 p.m. says the hour twice)
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour:02d}:{minute}"


def _word_number(word: str) -> float:
    """A number word's value: "four" 4, "twenty-five" and "twenty five" 25."""
    tens, _, ones = word.replace("-", " ").partition(" ")
    return float(NUMBER_WORDS[tens] + ONES.get(ones, 0))


def _bare(digits: str) -> str:
    """Digits without leading zeros ("03": "3")."""
    return digits.lstrip("0") or "0"


# Two capitals before a number name a thing (AK 47, MH 17) unless they name where things are
# counted: "in the US 12 people were killed", "EU 27 member states" are counts.
_COUNTED_IN = frozenset("US UK EU UN NY DC LA HK".split())


def _name_before(m: re.Match[str]) -> str | None:
    """The name a bare number is part of (:data:`_NAME_BEFORE`), if any."""
    start = m.start("num")
    if m["sign"] or start == 0:
        return None
    found = _NAME_BEFORE.search(m.string, max(0, start - 40), start)
    if found is None:
        return None
    word, joint = found.group(1), found.group(2)
    if word.lower() in _MONTH_WORDS or word.lower() in NUMBER_WORDS:
        return None
    if joint == "-" or "-" in word:  # COVID-19; SEA-ME-WE 4, first in its sentence too
        return m.string[found.start(1) : m.end("num")]
    if not (len(word) >= 2 and word.isupper() and word.isalpha()) or word in _COUNTED_IN:
        return None
    # what precedes the word, within the window searched (a slice of the whole text before
    # it, for every number, made long texts of acronyms and numbers quadratic)
    before = m.string[max(0, start - 40) : found.start(1)]
    first = not before.strip() or _SENTENCE_START.search(before) is not None
    return None if first else m.string[found.start(1) : m.end("num")]


def _read(m: re.Match[str], date_words: set[str]) -> Value | None:
    """One match of the value pattern as a :class:`Value` (None for a date's day, already
    read, and for a number glued to letters that are no unit: 5G)."""
    raw = m["num"] or m["word"]
    number = _number(raw) if m["num"] else _word_number(raw.lower())
    if number is None:
        return None
    tail = (m["tail"] or "").lower()
    after = (m["next"] or "").lower()
    currency = CURRENCY_SIGNS.get((m["sign"] or "").lower()) or CURRENCY_WORDS.get(after)
    scale, unit, nth = (m["scale"] or "").lower(), "", False
    if tail in ("st", "nd", "rd", "th"):
        nth = True
    elif tail in SCALES and (currency or tail not in UNITS):  # $5m is five million; 5m, metres
        scale = tail
    elif tail in UNITS and m["tail"].islower():  # 5g, 200km (5G is a network)
        unit = UNITS[tail]
    elif tail:
        return None
    if not unit and after in UNITS and not currency:
        unit = UNITS[after]
    said = m.group().strip()
    if m["next"] and not (after in CURRENCY_WORDS or (unit and not tail)):
        said = _TRAILING.sub("", said[: -len(m["next"])])  # the next word, unless the unit
    if m["num"] and _bare(raw) in date_words and not (scale or currency or m["pct"] or unit):
        return None  # the day of a date already read ("May 03, 2013" is shown "3 May 2013")
    old = _OLD.match(m.string, m.end()) if unit == "years" else None
    if old:  # the 37-year-old, 37 years old: an age, not a span of years
        unit, said = "age", (m.group() + m.string[m.end() : old.end()]).strip()
    if (
        unit in _TIME_UNITS
        and not tail
        and _BACK.match(m.string, m.end())
        and not _LASTS.search(m.string, max(0, m.start() - 12), m.start())
    ):
        unit = f"{unit} (before)"  # nine days before; three years ago
    number *= SCALES.get(scale, 1.0)
    if nth:
        return Value("ordinal", _key(number), said)
    if m["pct"]:
        return Value("percent", _key(number), said)
    if currency:
        return Value(f"money ({currency})", _key(number), said)
    if unit:
        return Value(unit, _key(number), said)
    if m["num"] and raw.isdigit() and len(raw) == 4 and 1900 <= number <= 2100 and not scale:
        return Value("year", raw, said)
    name = _name_before(m) if m["num"] and not scale else None
    if name:  # SEA-ME-WE 4, COVID-19, Su-57: a name's number, not a count
        return Value(f"{NAME_SLOT}{name[: -len(raw)].strip(' -').lower()})", _key(number), name)
    slot = _counted(m)  # a count of things, or a bare number
    if slot != "number":
        return Value(slot, _key(number), said)
    end = m.end("scale") if m["scale"] else m.end("num") if m["num"] else m.end("word")
    return Value(slot, _key(number), said, what=counted_words(m.string, end))


# What a bare count counts: up to three words after it in its clause, function words aside
# ("20 wives", "355 horsepower", "406 lb-ft of torque"). Two counts clash only when they
# count the same thing, or when one of them does not say what it counts: a trial's
# "355 horsepower" against "82 kWh" and "406 lb-ft", and two wives against ages, were
# conflicts (see conflicts_and_extra).
_NEXT_WORD = re.compile(r"[ \t\u00a0-]+([A-Za-z][A-Za-z'’-]*)")
_NOT_COUNTED = frozenset(
    "of the a an and or were was are is be been have has had its their his her this that "
    "who which than more less some other new".split()
)
# a preposition ends what a count counts: "freed 23 from the ship" counts no ship, "14 on
# Tuesday" no Tuesday ("of" goes on: "406 lb-ft of torque")
_ENDS_COUNTED = frozenset(
    "in on at by for from with to into onto over under after before during about against "
    "between among near through since until per across around within without via".split()
)


_ABBREVIATION = re.compile(r"[a-z]{1,3}|[b-df-hj-np-tv-xz]+")  # "sq", "pcs", "min"


_RANGE_END = re.compile(rf"\s*(?:to|or|-|–)\s*(?:\d+|(?a:{'|'.join(NUMBER_WORDS)}))\b", re.I)


def counted_words(text: str, end: int) -> str:
    """The words after a count at ``end`` of ``text`` that say what it counts, each in a
    plain form (lowercase, a plural's -s off), space-separated; "" when none follows in its
    clause."""
    words: list[str] = []
    at = end
    for _ in range(3):
        if words == [] and (span := _RANGE_END.match(text, at)):
            at = span.end()  # "two to three weeks", "10-12 people": what the range counts
        m = _NEXT_WORD.match(text, at)
        if m is None:
            break
        at = m.end()
        word = m[1].lower().rstrip("'’")
        if word in _ENDS_COUNTED:
            break
        if text[at : at + 1] == "." and _ABBREVIATION.fullmatch(word):
            words.append(f"{word}.")  # "31 pcs.", "5 min.": cut short, it says nothing sure
            break
        if word not in _NOT_COUNTED:
            words.append(_singular(word))
    return " ".join(words)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# Two counts may count the same thing when one says nothing sure of what it counts (no word,
# or an abbreviation: "31 pcs."), or when a word of one is a word of the other ("17
# undocumented immigrants" / "18 illegal Mexican immigrants"), its synonym (WordNet's, as the
# aligner reads them: "200 varieties" / "201 types"), its other spelling ("flavours" /
# "flavors") or inside it ("minifigures" / "figures"): each count's words are read as marks,
# and two counts share one.
_SPELLING = 85  # rapidfuzz's ratio of two spellings of one word (flavour, flavor: 92)
_SPELLED = 4  # the shortest word whose other spellings (and words it is inside) are read


def count_marks(whats: Iterable[str]) -> dict[str, frozenset[str] | None]:
    """Each distinct ``what`` of counts (:attr:`Value.what`) with its marks: its words'
    stems, their synonym groups, and each word's spelling class (words joined when their
    rapidfuzz ratio is :data:`_SPELLING` or more, or one holds the other); None for a count
    that says nothing sure of what it counts. Words are compared once, however many counts
    hold them (a pile of tables of figures holds thousands)."""
    from rapidfuzz import fuzz, process

    from xlate.compare.stems import TermGroups, stem, synonym_groups

    distinct = set(whats)
    sure = [w for w in distinct if w and not w.split()[0].endswith(".")]
    words = sorted({word for what in sure for word in what.split() if len(word) >= _SPELLED})
    groups = TermGroups()
    if len(words) > 1:
        for scorer in (fuzz.ratio, fuzz.partial_ratio):  # partial 100: one inside the other
            cutoff = _SPELLING if scorer is fuzz.ratio else 100
            close = process.cdist(words, words, scorer=scorer, score_cutoff=cutoff, workers=1)
            for i, j in zip(*close.nonzero(), strict=True):
                if i < j:
                    groups.join((words[i], words[j]))
    spelled = {word: f"={groups.find(word)}" for word in words}
    table = synonym_groups()
    found: dict[str, frozenset[str] | None] = dict.fromkeys(distinct - set(sure))
    for what in sure:
        marks: set[str] = set()
        for word in what.split():
            root_word = stem(word)
            marks.add(root_word)
            marks.update(table.get(root_word, ()))
            if word in spelled:
                marks.add(spelled[word])
        found[what] = frozenset(marks)
    return found


# What a count counts when it is the toll of an event: "40 killed", "killing 40", "50 people
# were injured", "left 3 dead", "the death toll climbed to 41". Counts of different tolls are
# other slots: "five dead" and "50 injured" are no conflict. A count without such a word stays
# a number (and clashes with a toll of one kind, see conflicts_and_extra). Read within the
# clause, never across a comma or a full stop ("Buckley, 32, died" is an age; "killed, 2
# witnesses said"), nor for a thing ("the Curve 8900 is missing", "a mother of 12 was
# killed", "arrested four times", "aged 32 died", "saved 20 lives").
_TOLLS = {
    "dead": "dead killed died dies die deaths death fatalities fatality bodies perished",
    "injured": "injured wounded hurt injuries injury casualties",
    "missing": "missing",
    "arrested": "arrested detained arrests detentions",
}
_TOLL = {word: toll for toll, words in _TOLLS.items() for word in words.split()}
_TOLL_AFTER = re.compile(
    r"\s+(?:(?:people|persons|civilians|others|more|of\s+them|were|have|had|been|are"
    r"|reportedly|also)\s+){0,3}(\w+)"
)
_TOLL_VERBS = {"injuring": "injured", "injured": "injured", "wounding": "injured",
               "wounded": "injured", "arrested": "arrested", "detained": "arrested"}  # fmt: skip
_TOLL_BEFORE = re.compile(
    r"\b(killing|killed|injuring|injured|wounding|wounded|arrested|detained|toll|deaths)\s+"
    r"(?:(?:has|have|had|now|rose|risen|climbs|climbed|reached|hit|stood|stands|is|was|to|at"
    r"|of)\s+){0,3}(?:(?:at\s+least|some|about|nearly|more\s+than|over|almost|an\s+estimated"
    r"|up\s+to|around|roughly)\s+)?$",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER = re.compile(r"[\s-]*magnitude\b", re.IGNORECASE)  # "6.1-magnitude quake"
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?\s+$", re.IGNORECASE)  # "magnitude 6.1"
_NO_TOLL_BEFORE = re.compile(r"\b(?:of|aged|age)\s+$", re.IGNORECASE)
_NO_TOLL_AFTER = re.compile(r"\s+times\b", re.IGNORECASE)


# "one" is read only as a toll: "killing one person", "one soldier was killed", "left one
# dead" (elsewhere it is far more often no count: "one of the", "no one")
_ONE_TOLL = re.compile(
    r"\b(killing|killed|leaving|left|injuring|injured|wounding|wounded)\s+(?:at\s+least\s+)?"
    r"(one)\b(?:\s+\w+)?(?:\s+(dead))?"
    r"|(?<![Nn]o )(?<![Aa]ny )(?<!-)(?<!- )\b(one)\s+"  # not "no one", "no-one", "no - one"
    r"(?:(?:person|man|woman|child|boy|girl|soldier|civilian|officer|worker|resident|people)"
    r"\s+(?:(?:was|has\s+been|is)\s+)?|(?:was|has\s+been)\s+)?"  # not "when one is killed"
    r"(killed|dead|died|injured|wounded|hurt|missing|arrested|detained)\b",
    re.IGNORECASE,
)


def _one_tolls(text: str) -> list[Value]:
    found = []
    for m in _ONE_TOLL.finditer(text):
        word = (m[3] or m[1] or m[5]).lower()
        toll = _TOLL.get(word) or _TOLL_VERBS.get(word, "dead")
        found.append(Value(toll, "1", m[2] or m[4]))
    return found


# a name and a comma: "Oler, 44,"; not a place after its preposition ("In Gaza, 40, mostly
# women and children, were killed" is a count)
_AGE_BEFORE = re.compile(
    r"(?<!\b[Ii]n )(?<!\b[Aa]t )(?<!\b[Ff]rom )(?<!\b[Nn]ear )(?<!\bof )(?<!\b[Aa]cross )"
    r"\b[A-Z][\w'’-]+,\s*$"
)
_AGE_AFTER = re.compile(r"\s*[,)]")


def _counted(m: re.Match[str]) -> str:
    """A count's slot: ``number``, or the toll it gives: ``dead``, ``injured``, ``missing``,
    ``arrested``."""
    start, end = m.span("num") if m["num"] else m.span("word")
    text = m.string
    if _MAGNITUDE_AFTER.match(text, end) or _MAGNITUDE_BEFORE.search(
        text, max(0, start - 20), start
    ):
        return "magnitude"  # a quake's 6.1, never a count against "13 countries"
    if (
        _AGE_AFTER.match(text, end)
        and _AGE_BEFORE.search(text, max(0, start - 40), start)
        and m["num"]
        and m["num"].isdigit()
        and int(m["num"]) < 130
    ):
        return "age"  # "Oler, 44, and Blackmore, 52, were charged": ages, not counts
    if _NO_TOLL_BEFORE.search(text, max(0, start - 8), start) or _NO_TOLL_AFTER.match(text, end):
        return "number"
    after = _TOLL_AFTER.match(text, end, end + 60)
    if after and after[1].lower() in _TOLL:
        return _TOLL[after[1].lower()]
    before = _TOLL_BEFORE.search(text, max(0, start - 40), start)
    if before:  # "killing 40", "the toll rose to 41"
        return _TOLL_VERBS.get(before[1].lower(), "dead")
    return "number"


def conflicts_and_extra(
    said: Mapping[str, Sequence[Value]],
) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """What the outlets of one fact (outlet -> its values) give differently.

    The conflicts: slot -> outlet -> the values shown that not every outlet of the slot gives,
    for every slot where two outlets each give a value the other gives nowhere. The extra
    detail: outlet -> the values shown that no other outlet gives, in any slot, and that are
    in no conflict."""
    said = _counts_as_tolls(_dates_completed(said))
    keys = {o: {v.key for v in vs} for o, vs in said.items()}
    refs = {o: {v.ref for v in vs} for o, vs in said.items()}
    slots = {o: {v.slot for v in vs if not v.of} for o, vs in said.items()}
    by_slot: dict[str, dict[str, list[Value]]] = {}
    for outlet, vs in sorted(said.items()):
        for v in vs:
            # a measure restated in brackets clashes only where no other outlet gives the
            # measure it restates ("10 km (6 miles)" against "8 miles", not against "12 km")
            if v.of and any(v.of.split("\x1f")[0] in slots[p] for p in said if p != outlet):
                continue
            by_slot.setdefault(v.slot, {}).setdefault(outlet, []).append(v)
    conflicts: dict[str, dict[str, list[str]]] = {}
    in_conflict: set[tuple[str, str]] = set()  # (outlet, the value's ref)
    for slot, by_outlet in by_slot.items():
        # two outlets clash when each gives in this slot a value the other gives nowhere
        slot_keys = {o: {v.key for v in vs} for o, vs in by_outlet.items()}
        if slot == "number":  # counts clash only when they count the same thing
            clashing = _clashing_counts(by_outlet, keys)
            differ = {
                o: [v for v in vs if (o, v.ref) in clashing] for o, vs in sorted(by_outlet.items())
            }
            if not clashing:
                continue
        else:
            if not any(
                slot_keys[o] - keys[p] and slot_keys[p] - keys[o]
                for o, p in itertools.combinations(by_outlet, 2)
            ):
                continue
            common = set.intersection(*slot_keys.values())
            differ = {
                o: [v for v in vs if v.key not in common] for o, vs in sorted(by_outlet.items())
            }
        conflicts[slot] = {
            o: list(dict.fromkeys(v.shown for v in vs)) for o, vs in differ.items() if vs
        }
        in_conflict |= {(o, v.ref) for o, vs in differ.items() for v in vs}
    extra: dict[str, list[str]] = {}
    for outlet, vs in sorted(said.items()):

        def elsewhere(key: str, outlet: str = outlet) -> bool:
            return any(key in keys[p] for p in keys if p != outlet)

        # "10 kilometres (6 miles)" beside "6 miles" (or "8 miles", a conflict): the
        # kilometres are no extra detail
        matched_again = {
            v.of
            for v in vs
            if v.of
            and (
                (outlet, v.ref) in in_conflict or any(v.ref in refs[p] for p in refs if p != outlet)
            )
        }
        alone = [
            v.shown
            for v in vs
            if (outlet, v.ref) not in in_conflict
            and not v.of
            and v.ref not in matched_again
            and not v.slot.startswith(NAME_SLOT)  # G7 beside "the Group of Seven": a name
            and not elsewhere(v.key)
            # "one man" says no more than another outlet's "a man" (a trial's extra detail)
            and not (v.key == "1" and v.shown.casefold() == "one")
        ]
        if alone:
            extra[outlet] = list(dict.fromkeys(alone))
    return conflicts, extra


def _clashing_counts(
    by_outlet: Mapping[str, Sequence[Value]], keys: Mapping[str, set[str]]
) -> set[tuple[str, str]]:
    """The counts (outlet, ref) of two outlets that clash: each gives one the other gives
    nowhere, and they may count the same thing (:func:`count_marks`). Each pair of outlets
    is read once through its counts' marks, not count against count."""
    marks = count_marks(v.what for vs in by_outlet.values() for v in vs)
    clashing: set[tuple[str, str]] = set()
    for o, p in itertools.combinations(by_outlet, 2):
        mine = [v for v in by_outlet[o] if v.key not in keys[p]]
        theirs = [v for v in by_outlet[p] if v.key not in keys[o]]
        if not mine or not theirs:
            continue
        clashing |= {(o, v.ref) for v in _meeting(mine, theirs, marks)}
        clashing |= {(p, v.ref) for v in _meeting(theirs, mine, marks)}
    return clashing


def _meeting(
    these: Sequence[Value], those: Sequence[Value], marks: Mapping[str, frozenset[str] | None]
) -> list[Value]:
    """The counts of ``these`` that may count what one of ``those`` counts."""
    if any(marks[v.what] is None for v in those):  # one says nothing sure: it meets any
        return list(these)
    theirs = frozenset().union(*(marks[v.what] or () for v in those))
    return [
        v for v in these if (marks[v.what] is None) or not theirs.isdisjoint(marks[v.what] or ())
    ]


def _counts_as_tolls(said: Mapping[str, Sequence[Value]]) -> dict[str, list[Value]]:
    """The values with the plain counts of an outlet that gives no toll read as the one kind
    of toll the others give, if they give one kind: "the quake killed 40" and "the number of
    victims reached 41" clash, as they did before tolls were told apart."""
    kinds = {v.slot for vs in said.values() for v in vs if v.slot in _TOLLS}
    if len(kinds) != 1:
        return {o: list(vs) for o, vs in said.items()}
    (kind,) = kinds
    return {
        o: [
            replace(v, slot=kind)
            if v.slot == "number" and not any(x.slot == kind for x in vs)
            else v
            for v in vs
        ]
        for o, vs in said.items()
    }


def _dates_completed(said: Mapping[str, Sequence[Value]]) -> dict[str, list[Value]]:
    """The values with each date that leaves out its year ("7 December": ``--12-07``) or its
    month ("the 7th": ``day:7``) read as the one full date of the fact it fits, if one does:
    "7 December" and "7 December 2021" are one date, no conflict."""
    full = {v.key for vs in said.values() for v in vs if v.slot == "date" and v.key[:1].isdigit()}
    if not full:
        return {o: list(vs) for o, vs in said.items()}
    fits: dict[str, set[str]] = {}  # "--12-07" and "day:7" -> the full dates they fit
    for key in full:
        fits.setdefault(f"-{key[-6:]}", set()).add(key)  # 2021-12-07: --12-07
        fits.setdefault(f"day:{int(key[-2:])}", set()).add(key)

    def completed(v: Value) -> Value:
        if v.slot != "date" or v.key[:1].isdigit():
            return v
        found = fits.get(v.key, set())
        return Value(v.slot, next(iter(found)), v.shown) if len(found) == 1 else v

    return {o: [completed(v) for v in vs] for o, vs in said.items()}
