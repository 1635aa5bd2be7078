"""The differences that matter inside a fact: word-level diffs against the fact's reference,
the words marked in them (names, numbers, dates, framing, negation), and the dates and
numbers that members of one fact give differently (conflicts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from xlate.compare.prepare import OutletSentence
from xlate.compare.report import DiffOp, MarkKind, Member, Span
from xlate.compare.stems import antonyms, stem
from xlate.compare.terms import slotted_values
from xlate.compare.values import (
    DIGIT,
    NUMBER_WORDS,
    ONES,
    Value,
    conflicts_and_extra,
    values,
)
from xlate.glossary.match import Glossary


def make_member(
    s: OutletSentence, diff: tuple[DiffOp, ...] = (), spans: tuple[Span, ...] = ()
) -> Member:
    return Member(s.outlet, s.index, s.english, s.source, s.lang, diff, spans, s.doubtful)


Opcodes = list[tuple[str, int, int, int, int]]  # (tag, a's start, end, b's start, end)


def _opcodes(a: Sequence[str], b: Sequence[str]) -> Opcodes:
    """The steps from words ``a`` to words ``b`` (rapidfuzz's opcodes as tuples, which its
    documentation promises and its stub types as Opcode objects: cheaper than those)."""
    from rapidfuzz.distance import Levenshtein

    return cast(Opcodes, Levenshtein.opcodes(a, b).as_list())


def _diff_ops(a: Sequence[str], b: Sequence[str], ops: Opcodes) -> tuple[DiffOp, ...]:
    return tuple(DiffOp(tag, " ".join(a[a0:a1]), " ".join(b[b0:b1])) for tag, a0, a1, b0, b1 in ops)


def word_diff(before: str, after: str) -> tuple[DiffOp, ...]:
    """Word-level steps from ``before`` to ``after`` (rapidfuzz opcodes over word tokens): what
    ``xlate history`` shows of a changed sentence."""
    a, b = before.split(), after.split()
    return _diff_ops(a, b, _opcodes(a, b))


def fact_values(
    members: Sequence[Member], published: dict[str, str] | None = None
) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """The conflicts (slot -> outlet -> values) and the extra detail (outlet -> values only it
    gives) of one fact's members: :func:`xlate.compare.values.conflicts_and_extra`.

    Dates are shown in full: a month or year the sentence leaves out ("the 13th", as Japanese
    12日 translates) is taken from the outlet's publication date, and the words said are kept.
    """
    published = published or {}
    said: dict[str, list[Value]] = {}
    for m in members:
        dates = full_dates(m.english, published.get(m.outlet, ""))
        said.setdefault(m.outlet, []).extend(values(m.english, dates))
    return conflicts_and_extra(said)


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501


_FULL_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\b\.?(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?"
    r"|the\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def full_dates(text: str, published: str = "") -> list[tuple[str, str]]:
    """Each day-of-month date in ``text`` as (comparable key, shown): ("2024-11-13",
    "13 November 2024 (“the 13th”)") when month and year come from ``published`` (ISO)."""
    if not DIGIT.search(text):  # every date the pattern finds has a digit
        return []
    pub = _published(published)
    found = []
    for m in _FULL_DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        month_word = m.group("m1") or m.group("m2")
        said_year = m.group("y1") or m.group("y2")
        month = _month_number(month_word) if month_word else 0
        year = int(said_year) if said_year else 0
        if pub and not month:  # "the 13th": the latest such day on or before publication
            pub_year, pub_month, pub_day = pub
            month, year = (pub_month, pub_year) if day <= pub_day else (pub_month - 1, pub_year)
            month, year = (12, year - 1) if month == 0 else (month, year)
        elif pub and not year:
            pub_year, pub_month, _ = pub
            year = pub_year if month <= pub_month else pub_year - 1
        if not month:
            found.append((f"day:{day}", m.group().strip()))
            continue
        key = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        shown = f"{day} {_MONTHS[month - 1]}" + (f" {year}" if year else "")
        if not month_word:  # the month and year come from the article's date
            shown += f" (“{m.group().strip()}”)"
        found.append((key, shown))
    return found


def _published(published: str) -> tuple[int, int, int] | None:
    """An article's ISO date as (year, month, day), or None when it names no real day
    (``2024-19-11``, ``2024-13-45``: a month 19 would index no month name)."""
    import datetime

    found = _ISO.match(published)
    if not found:
        return None
    try:
        day = datetime.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None
    return day.year, day.month, day.day


def split_said(value: str) -> tuple[str, str]:
    """A conflict's value and the words said, when it was completed from the article's date:
    ("13 November 2024 (“the 13th”)") -> ("13 November 2024", "the 13th")."""
    found = re.fullmatch(r"(.*) \(“(.*)”\)", value)
    return (found[1], found[2]) if found else (value, "")


def _month_number(word: str) -> int:
    word = word.lower()[:3]
    return next(n for n, name in enumerate(_MONTHS, 1) if name.lower().startswith(word))


_NEGATIONS = frozenset(
    "not no never neither nor none nothing nobody nowhere without cannot".split()
)


_EDGE = "\"'“”‘’«»„()[]{},.;:!?—–-"
_NEGATED = "\x00not"  # the key every negation shares (no word is keyed so)


_MONTH_WORD = re.compile(rf"{_MONTH_RE}\.?", re.IGNORECASE)


_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")


_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


_NAME = re.compile(r"[A-Z][\w.'’-]*")


def word_kind(word: str, *, first: bool = False) -> MarkKind:
    """Why a changed word matters: a negation, date, number or name; "" when it does not."""
    bare = word.strip(_EDGE)
    if not bare:
        return ""
    low = bare.lower()
    if low in _NEGATIONS or low.endswith(("n't", "n’t")):
        return "negation"
    if bare.isalpha() and not bare[0].isupper():  # no digit (none is a letter), no capital
        return ""
    if _ORDINAL.fullmatch(low) or (
        bare[0].isupper() and (_MONTH_WORD.fullmatch(bare) or _WEEKDAY.fullmatch(bare))
    ):
        return "date"
    if any(ch.isdigit() for ch in bare):
        return "number"
    if low in NUMBER_WORDS or low in ONES:  # "Seven people ..." after a dateline: no name
        return ""
    if not first and _NAME.fullmatch(bare):
        return "name"
    return ""


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """A word as compared with the reference: no punctuation or possessive, months as "nov",
    ordinals as numbers (Nov. = November, 12th = 12), every negation as one ("should not
    doubt" against "should have no doubt" is no new negation)."""
    bare = word.strip(_EDGE).lower().removesuffix("'s").removesuffix("’s")
    if bare in _NEGATIONS or bare.endswith(("n't", "n’t")):
        return _NEGATED
    if _MONTH_WORD.fullmatch(bare):
        return bare[:3]
    return bare[:-2] if _ORDINAL.fullmatch(bare) else bare


_QUOTES = '“«„"'


_OPENS = ":" + _QUOTES  # a colon or an opening quotation mark begins a sentence
_CLOSING = ",.;:!?)]”»\"'"  # punctuation that ends a name


@lru_cache(maxsize=1 << 16)  # words recur across sentences (sentences seldom do)
def _key_and_kind(word: str) -> tuple[str, MarkKind]:
    """:func:`_key` and :func:`word_kind` of a word not first in its sentence (first, it
    is no "name")."""
    return _key(word), word_kind(word)


@dataclass(frozen=True, slots=True)
class Reference:
    """A fact's reference sentence, split once for all the members compared with it: its
    words and the words' keys (:func:`_key`)."""

    text: str
    words: tuple[str, ...]
    keys: frozenset[str]
    stems: frozenset[str] = frozenset()  # of its plain words, for opposites
    negations: int = 0  # its negations ("not", "no", "non-...")
    numbers: frozenset[str] = frozenset()  # its numbers' digits ("$60" and "60," give 60)

    @classmethod
    def of(cls, text: str) -> Reference:
        words = tuple(text.split())
        stems = frozenset(filter(None, map(_stem, words)))
        numbers = frozenset(filter(None, map(_digits, words)))
        return cls(text, words, frozenset(map(_key, words)), stems, _negations(words), numbers)

    def gives_values_of(self, text: str) -> bool:
        """Whether every value ``text`` gives the reference gives too, however written
        ("$60m", "60 million US dollars" for "$60 million"; "1.5 thousand" for "1,500"): a
        percentage, a time, a year or a name's number only as the same kind ("60%" is no
        "$60")."""
        mine = slotted_values(self.text)
        return all(any(_same_value(v, w) for w in mine) for v in slotted_values(text))

    def unchanged(self) -> tuple[DiffOp, ...]:
        """``word_diff(text, text)``: one "equal" step over all the words (none without)."""
        joined = " ".join(self.words)
        return (DiffOp("equal", joined, joined),) if self.words else ()


def marks(
    reference: str,
    text: str,
    glossary: Glossary | None = None,
    *,
    framing: frozenset[str] | None = None,
) -> tuple[Span, ...]:
    """``text``'s words, those that differ from ``reference`` in a way that matters marked.

    A changed word counts when it is a name, number, date or negation the reference does not
    have; a framing term (from the glossary) counts when the reference does not use it.
    ``framing``: the framing concepts the text's sentence uses and the reference's does not,
    when known already (the source-side tags); the English is then scanned only if any.
    The spans' texts, joined, are the words of ``text`` separated by single spaces;
    consecutive words of one kind make one span, punctuation around a mark stays outside.
    """
    return compare_words(Reference.of(reference), text, glossary, framing=framing)[1]


def compare_words(
    reference: Reference,
    text: str,
    glossary: Glossary | None = None,
    *,
    framing: frozenset[str] | None = None,
    named: frozenset[str] = frozenset(),
) -> tuple[tuple[DiffOp, ...], tuple[Span, ...]]:
    """``word_diff(reference.text, text)`` and ``marks(reference.text, text, glossary,
    framing=framing)`` from one alignment of the words: a fact's members are each compared
    with its reference this way. ``named``: the lower-case words of the names of what both
    sentences name (the glossary's forms of their shared concepts): "US" where the reference
    says "United States" is no other name."""
    words = text.split()
    ops = _opcodes(reference.words, words)
    kinds: dict[int, MarkKind] = {}  # the marked words (most words are not)
    for tag, _, _, start, end in ops:
        if tag == "equal":
            continue
        for i in range(start, end):
            key, kind = _key_and_kind(words[i])
            if not kind or key in reference.keys:
                continue
            if kind == "number" and (
                _digits(words[i]) in reference.numbers or reference.gives_values_of(text)
            ):
                continue  # "60 million dollars" where the reference has "$60 million"
            if kind == "name" and key in named:
                continue
            if kind == "name" and (i == 0 or words[i - 1][-1] in _OPENS or words[i][0] in _QUOTES):
                continue  # a sentence's (or a quotation's) first word is capitalised anyway
            kinds[i] = kind
    _whole_names(words, kinds)
    _opposites(reference, words, ops, kinds)
    if framing is None or framing:
        for i in _framing_words(reference.text, text, glossary, framing):
            kinds[i] = "framing"
    return _diff_ops(reference.words, words, ops), _spans(words, kinds)


_KINDS_APART = ("percent", "time", "year", "date", "name")  # a value of these is its kind's


def _same_value(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two values (term and slot, :func:`slotted_values`) are one: one number, and
    one kind when either is a percentage, a time, a year, a date or a name's number."""
    if a[0] != b[0]:
        return False
    return a[1] == b[1] or not any(x[1].startswith(_KINDS_APART) for x in (a, b))


_CURRENCY = "$€£¥₽₩₹"
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}(?!\d))")


@lru_cache(maxsize=1 << 16)
def _digits(word: str) -> str:
    """A number as written, without the punctuation around it, a currency sign before it or
    the separators of its thousands ("$60" and "60," are 60, "2,500" 2500), its other
    marks kept ("60%", "G7", "1-0", "20:00" are each their own); "" for a word without a
    digit."""
    if not any(ch.isdigit() for ch in word):
        return ""
    return _THOUSANDS.sub("", word.strip(_EDGE).lstrip(_CURRENCY))


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """The stem of a plain lower-case word ("" for a name, a number or a mark)."""
    bare = word.strip(_EDGE)
    return stem(bare) if bare.isalpha() and bare.islower() else ""


def _negations(words: Sequence[str]) -> int:
    return sum(_key(w) == _NEGATED or w.lower().startswith("non-") for w in words)


def _opposites(
    reference: Reference,
    words: Sequence[str],
    ops: Opcodes,
    kinds: dict[int, MarkKind],
) -> None:
    """Mark the changed words whose opposite (a WordNet antonym) the reference says instead:
    "small enough to avoid ... a decrease" against "large enough to cause ... an increase"
    (a trial's altered quote went unmarked). Not where one of the two says no more often
    than the other ("unaware" / "not aware", "dislike" / "do not like": the same meaning)."""
    if _negations(words) != reference.negations:
        return
    opposite = antonyms()
    for ref_start, ref_end, start, end in _changed_runs(ops):
        replaced = {_stem(w) for w in reference.words[ref_start:ref_end]}
        for i in range(start, end):
            root = _stem(words[i])
            if root and root not in reference.stems and opposite.get(root, frozenset()) & replaced:
                kinds.setdefault(i, "opposite")


def _changed_runs(ops: Opcodes) -> Iterator[tuple[int, int, int, int]]:
    """The runs of consecutive steps that are not "equal", each as the reference's words and
    the text's words it changes: "more than once rejected" / "repeatedly accepted" is a
    replacement and a deletion side by side, one run (a fourth trial's missed reversal)."""
    run: list[int] | None = None
    for tag, ref_start, ref_end, start, end in ops:
        if tag == "equal":
            if run is not None and run[2] < run[3]:
                yield run[0], run[1], run[2], run[3]
            run = None
        elif run is None:
            run = [ref_start, ref_end, start, end]
        else:
            run[1], run[3] = ref_end, end
    if run is not None and run[2] < run[3]:
        yield run[0], run[1], run[2], run[3]


_NAME_LINKS = frozenset({"of", "the", "de", "von", "van", "al", "bin"})  # United States of America


def _capitalised(word: str) -> bool:
    """A capitalised word that no quotation opens (its capital says nothing of a name)."""
    core = word.strip(_EDGE)
    return bool(core) and core[0].isupper() and word[0] not in _QUOTES


# Words that open a sentence without beginning a name: its first word joins a name only when
# it is none of these ("United Kingdom officials ...", but not "The United Kingdom ...").
_NO_NAME_START = frozenset(
    "the a an this that these those his her their its our my your in on at by for from to "
    "with of as after before when while since if but and or so then there here it he she "
    "they we i you what who why how where some many most all both each every no not last "
    "next according meanwhile however also yesterday today".split()
)


def _whole_names(words: Sequence[str], kinds: dict[int, MarkKind]) -> None:
    """A marked name marks the whole name it is a word of: "the United Kingdom", not "the
    United **Kingdom**" beside an outlet's "United States" (a trial). A name runs over
    capitalised words and the small words that join them ("of", "de"), a sentence's first
    word too unless it is a word that opens sentences ("The"); it stops at a word's closing
    punctuation. One pass over the words."""
    if "name" not in kinds.values():
        return
    run: list[int] = []  # the positions of the name being read
    k = 0
    while k <= len(words):
        nxt = -1  # the next position that continues the run, if any
        if k < len(words) and _name_word(words, k):
            nxt = k
        elif run and k + 1 < len(words) and words[k] in _NAME_LINKS and _name_word(words, k + 1):
            nxt = k + 1
        if nxt >= 0 and (not run or words[run[-1]][-1] not in _CLOSING):
            run += range(k, nxt + 1)
            k = nxt + 1
            continue
        if any(kinds.get(i) == "name" for i in run):
            for i in run:
                kinds.setdefault(i, "name")
        run = []
        k += 1 if nxt < 0 else 0  # a name word after a closing mark starts the next run


def _name_word(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` can be a word of a name: capitalised, and no sentence's opening
    word such as "The"."""
    if not _capitalised(words[k]):
        return False
    first = k == 0 or words[k - 1][-1] in _OPENS
    return not first or words[k].strip(_EDGE).lower() not in _NO_NAME_START


def _spans(words: Sequence[str], kinds: dict[int, MarkKind]) -> tuple[Span, ...]:
    """The words joined by single spaces, cut into spans: each run of consecutive words of
    one kind is one span ("A. Rudenko", space and all), without the punctuation before its
    first word's letters and after its last's; the text between runs is a plain span."""
    if not kinds:
        return (Span(" ".join(words)),) if words else ()
    spans: list[Span] = []
    done, tail = 0, ""  # the words already in spans; the punctuation after the last mark
    for first, last, kind in _runs(kinds):
        gap = tail + " " if done else ""
        if done < first:
            gap += " ".join(words[done:first]) + " "
        lead, trail = _edges(words[first])[0], _edges(words[last])[1]
        gap += words[first][:lead]
        if gap:
            spans.append(Span(gap))
        run = " ".join(words[first : last + 1])
        spans.append(Span(run[lead : len(run) - trail], kind))
        done, tail = last + 1, run[len(run) - trail :]
    rest = tail + (" " + " ".join(words[done:]) if done < len(words) else "")
    if rest:
        spans.append(Span(rest))
    return tuple(spans)


def _runs(kinds: dict[int, MarkKind]) -> list[tuple[int, int, MarkKind]]:
    """(first, last, kind) of each run of consecutive words of one kind, in order."""
    runs: list[tuple[int, int, MarkKind]] = []
    for i in sorted(kinds):
        if runs and runs[-1][1] == i - 1 and runs[-1][2] == kinds[i]:
            runs[-1] = (runs[-1][0], i, kinds[i])
        else:
            runs.append((i, i, kinds[i]))
    return runs


def _edges(word: str) -> tuple[int, int]:
    """How many punctuation characters open and close ``word`` (none when it is all
    punctuation: then the whole word is marked)."""
    core = word.strip(_EDGE)
    if not core:
        return 0, 0
    return len(word) - len(word.lstrip(_EDGE)), len(word) - len(word.rstrip(_EDGE))


@lru_cache(maxsize=1024)  # every member of a fact is compared with one reference
def _framing_ids(text: str, glossary: Glossary) -> frozenset[str]:
    return frozenset(m.concept.id for m in glossary.scan(text, "en") if m.concept.is_framing)


def framing_tags(sentence: OutletSentence) -> frozenset[str]:
    return frozenset(m.concept.id for m in sentence.concepts if m.concept.is_framing)


def _framing_words(
    reference: str, text: str, glossary: Glossary | None, wanted: frozenset[str] | None
) -> Iterable[int]:
    """Indexes of ``text``'s words inside framing terms that ``reference`` does not use (or,
    given, inside the ``wanted`` ones)."""
    if glossary is None:
        return
    used = _framing_ids(reference, glossary) if wanted is None else frozenset()
    spans = [m.span() for m in re.finditer(r"\S+", text)]  # the words of text.split()
    for match in glossary.scan(text, "en"):
        concept = match.concept.id
        if match.concept.is_framing and concept not in used and (not wanted or concept in wanted):
            for i, (start, end) in enumerate(spans):
                if start < match.end and end > match.start:
                    yield i
