"""The comparison as data: facts, diffs, conflicts, quotes, names and framing, coverage.

:func:`build_report` turns prepared outlets into a :class:`Report`; :func:`report_json` is its
stable JSON form (``schema`` names the version; ``signature`` says what produced it). The
renderers in ``xlate.render`` read only this data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from xlate import __version__
from xlate.align import (
    JOIN_THRESHOLD,
    LINK_THRESHOLD,
    NULL_RATE,
    SIGNIFICANCE,
    OutletPair,
    SparseScores,
    Unit,
    cluster,
    dates_and_numbers,
    event_outlets,
    normalise,
    outlet_pairs,
)
from xlate.compare import (
    MAX_ARTICLES,
    MAX_SENTENCES,
    LeftOut,
    Outlet,
    OutletSentence,
    left_out,
    quotes,
    units,
)
from xlate.glossary import Glossary

SCHEMA = "xlate-compare/1"
QUOTE_THRESHOLD = 45.0
QUOTE_MIN_WORDS = 3  # shorter quotation marks are scare quotes ("pressure"), not quotes

# What a highlighted word is: the differences that matter between two renderings of a fact.
MarkKind = Literal["", "name", "number", "date", "framing", "negation"]


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step from the representative sentence to a member: equal, replace, insert, delete."""

    tag: str
    before: str  # words of the representative
    after: str  # words of the member


@dataclass(frozen=True, slots=True)
class Span:
    """A run of a member's words; ``kind`` says why it is highlighted ("" for plain words)."""

    text: str
    kind: MarkKind = ""


@dataclass(frozen=True, slots=True)
class Member:
    outlet: str
    index: int
    english: str
    source: str
    lang: str
    diff: tuple[DiffOp, ...] = ()
    marks: tuple[Span, ...] = ()  # the member's words, differences that matter marked


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    representative: Member
    members: tuple[Member, ...]
    outlets: tuple[str, ...]
    missing: tuple[str, ...]
    conflicts: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rendering:
    outlet: str
    index: int
    english: str
    source: str
    speaker: str  # the speaker's English name, "" when no name is found near the quote


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    renderings: tuple[Rendering, ...]

    @property
    def same_speaker(self) -> bool:
        return len({r.speaker for r in self.renderings}) == 1


@dataclass(frozen=True, slots=True)
class ConceptRow:
    concept: str
    type: str
    english: str
    counts: dict[str, int]  # outlet -> mentions

    @property
    def framing(self) -> bool:
        return self.type == "framing"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the articles report one event, from what each pair of outlets shares.

    Two outlets report one event when they share more facts than two unrelated articles of
    their lengths would by chance (``OutletPair.significant``); the event's outlets are the
    largest set so joined. With none, the report lists no facts; an outlet outside the set
    shares no fact with the others and is named.
    """

    same_event: bool
    outlets: tuple[str, ...]  # the outlets that report the event
    unrelated: tuple[str, ...]  # outlets that share nothing with them (when there is an event)
    pairs: tuple[OutletPair, ...]


def verdict_text(verdict: Verdict, label: Callable[[str], str]) -> str:
    """The verdict in plain words, outlets named by ``label`` (a key or a name)."""
    if not verdict.same_event:
        return (
            "Not one event: these articles share no more than unrelated articles would by "
            "chance, so no shared facts are listed. Are they about the same story?"
        )
    if not verdict.unrelated:
        return "One event: every outlet shares facts with the others."
    names = [label(o) for o in verdict.unrelated]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb, them = ("shares", "it") if len(names) == 1 else ("share", "they")
    return (
        f"One event, told by {len(verdict.outlets)} outlets: {who} {verb} no fact with the "
        f"other outlets; is {them} about this event?"
    )


@dataclass(frozen=True)
class Report:
    outlets: tuple[Outlet, ...]
    facts: tuple[Fact, ...]
    exclusives: dict[str, tuple[Member, ...]]
    blind_spots: dict[str, tuple[str, ...]]
    quotes: tuple[Quote, ...]
    concepts: tuple[ConceptRow, ...]
    coverage: dict[str, float]
    signature: dict[str, Any]
    left_out: tuple[LeftOut, ...] = ()  # inputs not compared, each with the reason
    event: str = ""  # the manifest's event, else the headline most like the others'
    event_from: Literal["manifest", "headline", ""] = ""
    lacks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every fact not carried
    summary: str = ""
    verdict: Verdict = Verdict(True, (), (), ())

    @property
    def conflicts(self) -> list[tuple[Fact, str, dict[str, list[str]]]]:
        return [(f, kind, values) for f in self.facts for kind, values in f.conflicts.items()]


def _member(
    s: OutletSentence, diff: tuple[DiffOp, ...] = (), spans: tuple[Span, ...] = ()
) -> Member:
    return Member(s.outlet, s.index, s.english, s.source, s.lang, diff, spans)


def word_diff(before: str, after: str) -> tuple[DiffOp, ...]:
    """Word-level steps from ``before`` to ``after`` (rapidfuzz opcodes over word tokens)."""
    from rapidfuzz.distance import Levenshtein

    a, b = before.split(), after.split()
    return tuple(
        DiffOp(
            op.tag, " ".join(a[op.src_start : op.src_end]), " ".join(b[op.dest_start : op.dest_end])
        )
        for op in Levenshtein.opcodes(a, b)
    )


def _conflicts(
    members: Sequence[Member], published: dict[str, str] | None = None
) -> dict[str, dict[str, list[str]]]:
    """Dates, years and other numbers that members of one fact give differently.

    Dates are shown in full: a month or year the sentence leaves out ("the 13th", as Japanese
    12日 translates) is taken from the outlet's publication date, and the words said are kept.
    """
    published = published or {}
    # kind -> outlet -> comparable value -> what is shown
    kinds: dict[str, dict[str, dict[str, str]]] = {"date": {}, "year": {}, "number": {}}
    for m in members:
        for key, shown in full_dates(m.english, published.get(m.outlet, "")):
            kinds["date"].setdefault(m.outlet, {})[key] = shown
        for value in dates_and_numbers(m.english):
            if value.startswith("day:"):
                continue
            kind = "year" if value.isdigit() and 1900 <= int(value) <= 2100 else "number"
            kinds[kind].setdefault(m.outlet, {})[value] = value
    found = {}
    for kind, by_outlet in kinds.items():
        if len(by_outlet) >= 2 and len({frozenset(v) for v in by_outlet.values()}) > 1:
            found[kind] = {o: [v[k] for k in sorted(v)] for o, v in sorted(by_outlet.items())}
    return found


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
    pub = _ISO.match(published)
    found = []
    for m in _FULL_DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        month_word = m.group("m1") or m.group("m2")
        said_year = m.group("y1") or m.group("y2")
        month = _month_number(month_word) if month_word else 0
        year = int(said_year) if said_year else 0
        if pub and not month:  # "the 13th": the latest such day on or before publication
            pub_year, pub_month, pub_day = (int(g) for g in pub.groups())
            month, year = (pub_month, pub_year) if day <= pub_day else (pub_month - 1, pub_year)
            month, year = (12, year - 1) if month == 0 else (month, year)
        elif pub and not year:
            pub_year, pub_month = int(pub.group(1)), int(pub.group(2))
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


def split_said(value: str) -> tuple[str, str]:
    """A conflict's value and the words said, when it was completed from the article's date:
    ("13 November 2024 (“the 13th”)") -> ("13 November 2024", "the 13th")."""
    found = re.fullmatch(r"(.*) \(“(.*)”\)", value)
    return (found[1], found[2]) if found else (value, "")


def _month_number(word: str) -> int:
    word = word.lower()[:3]
    return next(n for n, name in enumerate(_MONTHS, 1) if name.lower().startswith(word))


def _speaker(outlet: Outlet, index: int) -> str:
    """The English name of the glossary person (or office) named in the sentence at position
    ``index`` of ``outlet.sentences``, else in the three before ("— сказал дипломат": the name
    came earlier); "" when none is."""
    for i in range(index, index - 4, -1):
        if 0 <= i < len(outlet.sentences):
            for kind in ("person", "office"):
                for match in outlet.sentences[i].concepts:
                    if match.concept.type == kind:
                        return match.concept.preferred.get("en") or match.concept.id
    return ""


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def quote_words(text: str) -> int:
    """Words in a quotation: spaced words, or two CJK characters to a word."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def _is_quote(text: str) -> bool:
    """A quotation of three words or more; shorter quotation marks are scare quotes."""
    return quote_words(text) >= QUOTE_MIN_WORDS


def _quotes(outlets: Sequence[Outlet]) -> tuple[Quote, ...]:
    from rapidfuzz import fuzz, process

    items: list[Rendering] = []
    for outlet in outlets:
        for position, s in enumerate(outlet.sentences):  # a partial outlet's skip indexes
            long_source = [q for q in quotes(s.source) if _is_quote(q)]
            said = [q for q in quotes(s.english) if _is_quote(q)]
            for english in said or ((s.english,) if long_source and not said else ()):
                source = next(iter(long_source), "")
                items.append(
                    Rendering(
                        outlet.id,
                        s.index,
                        english.strip().rstrip(",;:"),  # “..., guided by our interests,” he said
                        source,
                        _speaker(outlet, position),
                    )
                )
    if not items:
        return ()
    texts = [normalise(r.english) for r in items]
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.float32)
    scores = scores.astype(np.float64)
    same = np.array([r.outlet for r in items])
    scores[same[:, None] == same[None, :]] = -1.0
    fake = [Unit(r.outlet, i, r.english, frozenset()) for i, r in enumerate(items)]
    groups = cluster(fake, scores, QUOTE_THRESHOLD, QUOTE_THRESHOLD)
    ordered = sorted(groups, key=lambda g: (-len(g), items[g[0]].outlet, items[g[0]].index))
    return tuple(
        Quote(f"Q{n}", tuple(items[i] for i in group)) for n, group in enumerate(ordered, 1)
    )


def _concept_rows(outlets: Sequence[Outlet]) -> tuple[ConceptRow, ...]:
    rows: dict[str, ConceptRow] = {}
    for outlet in outlets:
        for s in outlet.sentences:
            for m in s.concepts:
                row = rows.get(m.concept.id)
                if row is None:
                    c = m.concept
                    row = rows[c.id] = ConceptRow(c.id, c.type, c.preferred.get("en", ""), {})
                row.counts[outlet.id] = row.counts.get(outlet.id, 0) + 1
    order = {
        "framing": 0,
        "person": 1,
        "office": 2,
        "organisation": 3,
        "sanction-term": 4,
        "place": 5,
        "other": 6,
    }
    return tuple(
        sorted(rows.values(), key=lambda r: (order.get(r.type, 9), -len(r.counts), r.concept))
    )


def build_report(
    outlets: Sequence[Outlet],
    *,
    glossary: Glossary | None = None,
    engines: Sequence[dict[str, Any]] = (),
    left_out: Sequence[LeftOut] = (),
    event: str = "",
) -> Report:
    """The comparison of ``outlets`` (sorted by id, so input order never matters).

    ``event``: what the articles report, in one line (a bundle manifest's ``event``); without
    it the headline most like the others' stands for the event.
    """
    outlets = sorted(outlets, key=lambda o: o.id)
    all_units = units(outlets)
    scores = SparseScores(all_units)  # the dense matrix's scores, without the n x n matrix
    sentences = [s for o in outlets for s in o.sentences]
    groups, verdict = _facts_and_verdict(all_units, scores)
    names = [o.id for o in outlets]
    facts: list[Fact] = []
    exclusives: dict[str, list[Member]] = {o.id: [] for o in outlets}
    multi = [g for g in groups if len({all_units[i].outlet for i in g}) > 1]
    multi.sort(key=lambda g: (-len({all_units[i].outlet for i in g}), g[0]))
    for number, group in enumerate(multi, 1):
        sub = scores[np.ix_(group, group)]
        centre = group[int(np.argmax(np.where(sub < 0, 0, sub).sum(axis=1)))]
        rep = _member(sentences[centre])
        members = tuple(
            _member(
                sentences[i],
                word_diff(rep.english, sentences[i].english),
                marks(
                    rep.english,
                    sentences[i].english,
                    glossary,
                    framing=_framing_tags(sentences[i]) - _framing_tags(sentences[centre]),
                )
                if i != centre
                else (),
            )
            for i in group
        )
        carried = tuple(sorted({m.outlet for m in members}))
        facts.append(
            Fact(
                f"F{number}",
                rep,
                members,
                carried,
                tuple(n for n in names if n not in carried),
                _conflicts(members, {o.id: o.date for o in outlets}),
            )
        )
    for group in groups if verdict.same_event else ():
        if len({all_units[i].outlet for i in group}) == 1:
            for i in group:
                exclusives[all_units[i].outlet].append(_member(sentences[i]))
    most = math.floor(len(outlets) / 2) + 1  # a fact "most outlets" carry
    blind = {
        o: tuple(f.id for f in facts if o in f.missing and len(f.outlets) >= most) for o in names
    }
    coverage = {
        o: (sum(o in f.outlets for f in facts) / len(facts) if facts else 0.0) for o in names
    }
    signature = {
        "xlate": __version__,
        "schema": SCHEMA,
        "engines": list(engines),
        "glossary": glossary.hash if glossary is not None else None,
        "alignment": {
            "scorer": "information-weighted overlap (wordfreq)",
            "threshold": LINK_THRESHOLD,
            "join": JOIN_THRESHOLD,
            "null_rate": NULL_RATE,
            "significance": SIGNIFICANCE,
        },
    }
    lacks = {o: tuple(f.id for f in facts if o in f.missing) for o in names}
    only = {o: tuple(sorted(v, key=lambda m: m.index)) for o, v in exclusives.items()}
    # articles that are not one event get no headline standing for an event (a manifest's
    # event is what the user said they are, and stays)
    event_line, event_from = _event(outlets, event) if verdict.same_event or event else ("", "")
    return Report(
        tuple(outlets),
        tuple(facts),
        only,
        blind,
        _quotes(outlets),
        _concept_rows(outlets),
        coverage,
        signature,
        left_out=tuple(left_out),
        event=event_line,
        event_from=event_from,
        lacks=lacks,
        summary=_summary(outlets, facts, only),
        verdict=verdict,
    )


# -- what a reader sees first: names, headlines, the event, a summary, the legend ---------------


def english_name(outlet: Outlet) -> str:
    """The outlet's English name (a manifest's ``outlet_en``), else its own name."""
    return str(outlet.extra.get("outlet_en") or "") or outlet.name


def native_name(outlet: Outlet) -> str:
    """The outlet's own name when it differs from the English one (北洋日報), else ""."""
    return outlet.name if outlet.name != english_name(outlet) else ""


def headline(outlet: Outlet) -> str:
    """The outlet's headline in English ("" when the article has none)."""
    return outlet.title_english or (outlet.title if outlet.language == "en" else "")


def date_range(report: Report) -> str:
    """The outlets' publication dates, first to last ("" when none has one)."""
    dates = sorted({o.date for o in report.outlets if o.date})
    if not dates:
        return ""
    return dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"


def _event(
    outlets: Sequence[Outlet], given: str
) -> tuple[str, Literal["manifest", "headline", ""]]:
    if given:
        return given, "manifest"
    heads = [headline(o) for o in outlets if headline(o)]
    if not heads:
        return "", ""
    from rapidfuzz import fuzz, process

    texts = [normalise(h) for h in heads]
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio)
    return heads[int(np.argmax(scores.sum(axis=1)))], "headline"


def _summary(
    outlets: Sequence[Outlet], facts: Sequence[Fact], exclusives: dict[str, tuple[Member, ...]]
) -> str:
    """One paragraph: how many facts, which every outlet carries, who is alone on what, and
    where the outlets contradict each other."""
    names = {o.id: english_name(o) for o in outlets}
    if not facts:
        return f"The {len(outlets)} outlets share no fact: each tells its own story."
    parts = [f"The {len(outlets)} outlets share {len(facts)} fact{'s' * (len(facts) != 1)}"]
    universal = [f.id for f in facts if not f.missing]
    parts[0] += (
        f"; {_count(len(universal), 'is', 'are')} in every outlet ({', '.join(universal)})."
        if universal
        else "; none is in every outlet."
    )
    alone = [f"{names[o]} ({len(ms)})" for o, ms in exclusives.items() if ms]
    if alone:
        parts.append("Said by one outlet only (sentences): " + ", ".join(alone) + ".")
    conflicts = [
        (fact.id, kind, values)
        for fact in facts
        for kind, values in fact.conflicts.items()
        if all(len(v) <= 2 for v in values.values())  # a clear disagreement, not a list
    ]
    parts += [_conflict_sentence(f, kind, values, names) for f, kind, values in conflicts[:3]]
    rest = sum(len(f.conflicts) for f in facts) - len(conflicts[:3])
    if rest:
        parts.append(f"{_count(rest, 'more conflict', 'more conflicts')} in the conflicts table.")
    return " ".join(parts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _conflict_sentence(
    fact: str, kind: str, values: dict[str, list[str]], names: dict[str, str]
) -> str:
    groups: dict[tuple[str, ...], list[str]] = {}
    for outlet, said in values.items():
        plain = tuple(dict.fromkeys(split_said(v)[0] for v in said))
        groups.setdefault(plain, []).append(outlet)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1]))
    (common, most), rest = ordered[0], ordered[1:]
    odd = "; ".join(
        f"{', '.join(names[o] for o in outs)} says {' and '.join(said)}" for said, outs in rest
    )
    others = "the other says" if len(most) == 1 else f"the other {len(most)} say"
    return f"Conflict in {fact} ({kind}): {odd}, {others} {' and '.join(common)}."


# What each mark in a report means: (mark, meaning), shown as the legend of every format.
LEGEND: tuple[tuple[str, str], ...] = (
    ("A, B, C", "outlets, as keyed in the outlets table"),
    ("F1, F2", "facts: what two or more outlets say, the most widely carried first"),
    ("*", "the fact's reference sentence (the one closest to all the others)"),
    (
        "highlighted",
        "what differs from the reference and matters: names, numbers and dates, framing "
        "words, negations (other rewording is not marked)",
    ),
    ("lacks", "the facts an outlet does not carry (bold: facts most outlets carry)"),
    ("coverage", "the share of all facts an outlet carries"),
    ("conflict", "a date or number that outlets give differently for one fact"),
    ("framing", "loaded words from the glossary (e.g. invasion vs special military operation)"),
)


# -- the differences that matter inside a fact ---------------------------------------------------

_NEGATIONS = frozenset(
    "not no never neither nor none nothing nobody nowhere without cannot".split()
)
_EDGE = "\"'“”‘’«»„()[]{},.;:!?—–-"
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
    if _ORDINAL.fullmatch(low) or (
        bare[0].isupper() and (_MONTH_WORD.fullmatch(bare) or _WEEKDAY.fullmatch(bare))
    ):
        return "date"
    if any(ch.isdigit() for ch in bare):
        return "number"
    if not first and _NAME.fullmatch(bare):
        return "name"
    return ""


def _key(word: str) -> str:
    """A word as compared with the reference: no punctuation or possessive, months as "nov",
    ordinals as numbers (Nov. = November, 12th = 12)."""
    bare = word.strip(_EDGE).lower().removesuffix("'s").removesuffix("’s")
    if _MONTH_WORD.fullmatch(bare):
        return bare[:3]
    return bare[:-2] if _ORDINAL.fullmatch(bare) else bare


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
    from rapidfuzz.distance import Levenshtein

    ref_words, words = reference.split(), text.split()
    in_reference = {_key(w) for w in ref_words}
    changed: set[int] = set()
    for op in Levenshtein.opcodes(ref_words, words):
        if op.tag != "equal":
            changed.update(range(op.dest_start, op.dest_end))
    kinds: list[MarkKind] = [
        word_kind(w, first=i == 0 or words[i - 1][-1] in ':“«„"' or w[0] in '“«„"')
        if i in changed and _key(w) not in in_reference
        else ""
        for i, w in enumerate(words)
    ]
    if framing is None or framing:
        for i in _framing_words(reference, text, glossary, framing):
            kinds[i] = "framing"
    pieces: list[tuple[str, MarkKind]] = []
    for i, (word, kind) in enumerate(zip(words, kinds, strict=True)):
        joined = i > 0 and kinds[i - 1] == kind  # "A. Rudenko" is one mark, space and all
        if i:
            pieces.append((" ", kind if joined else ""))
        core = word.strip(_EDGE)
        if not kind or not core:
            pieces.append((word, kind))
            continue
        start = word.index(core)
        after = i + 1 < len(words) and kinds[i + 1] == kind
        pieces += [
            (word[:start], kind if joined else ""),
            (core, kind),
            (word[start + len(core) :], kind if after else ""),
        ]
    spans: list[Span] = []
    for text, kind in pieces:
        if not text:
            continue
        if spans and spans[-1].kind == kind:
            spans[-1] = Span(spans[-1].text + text, kind)
        else:
            spans.append(Span(text, kind))
    return tuple(spans)


@lru_cache(maxsize=1024)  # every member of a fact is compared with one reference
def _framing_ids(text: str, glossary: Glossary) -> frozenset[str]:
    return frozenset(m.concept.id for m in glossary.scan(text, "en") if m.concept.is_framing)


def _framing_tags(sentence: OutletSentence) -> frozenset[str]:
    return frozenset(m.concept.id for m in sentence.concepts if m.concept.is_framing)


def _framing_words(
    reference: str, text: str, glossary: Glossary | None, wanted: frozenset[str] | None
) -> Iterable[int]:
    """Indexes of ``text``'s words inside framing terms that ``reference`` does not use (or,
    given, inside the ``wanted`` ones)."""
    if glossary is None:
        return
    used = _framing_ids(reference, glossary) if wanted is None else frozenset()
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    for match in glossary.scan(text, "en"):
        concept = match.concept.id
        if match.concept.is_framing and concept not in used and (not wanted or concept in wanted):
            for i, start in enumerate(starts):
                end = start + len(text[start:].split(maxsplit=1)[0])
                if start < match.end and end > match.start:
                    yield i


def _facts_and_verdict(
    units: Sequence[Unit], scores: SparseScores
) -> tuple[list[list[int]], Verdict]:
    """The groups (facts and single sentences) and the verdict. An outlet outside the event
    is left out of the facts (its chance links are not facts): the others are grouped again."""
    groups = cluster(units, scores)
    facts = [g for g in groups if len({units[i].outlet for i in g}) > 1]
    pairs = tuple(outlet_pairs(units, facts))
    event = event_outlets(units, facts)
    everyone = sorted({u.outlet for u in units})
    if not event:
        return [[i] for i in range(len(units))], Verdict(False, (), (), pairs)
    if len(event) < len(everyone):
        keep = [i for i, u in enumerate(units) if u.outlet in event]
        again = cluster([units[i] for i in keep], scores.subset(keep))
        groups = [[keep[i] for i in g] for g in again]
        groups += [[i] for i, u in enumerate(units) if u.outlet not in event]
        groups.sort(key=lambda g: g[0])
    unrelated = tuple(o for o in everyone if o not in event)
    return groups, Verdict(True, tuple(sorted(event)), unrelated, pairs)


def report_json(report: Report) -> dict[str, Any]:
    """The stable JSON form of a report (schema ``xlate-compare/1``)."""

    def member(m: Member, diff: bool = True) -> dict[str, Any]:
        row: dict[str, Any] = {
            "outlet": m.outlet,
            "index": m.index,
            "english": m.english,
            "source": m.source,
            "lang": m.lang,
        }
        if diff:
            row["diff"] = [[op.tag, op.before, op.after] for op in m.diff]
            row["marks"] = [[s.kind, s.text] for s in m.marks if s.kind]
        return row

    names = {o.id: english_name(o) for o in report.outlets}
    return {
        "schema": SCHEMA,
        "signature": report.signature,
        "event": {"text": report.event, "from": report.event_from, "dates": date_range(report)},
        "summary": report.summary,
        "verdict": {
            "same_event": report.verdict.same_event,
            "text": verdict_text(report.verdict, lambda o: names.get(o, o)),
            "outlets": list(report.verdict.outlets),
            "unrelated": list(report.verdict.unrelated),
            "pairs": [
                {
                    "outlets": [p.a, p.b],
                    "facts": p.facts,
                    "expected_by_chance": round(p.expected, 4),
                    "chance": round(p.chance, 4),
                    "significant": p.significant,
                    "concepts": list(p.concepts),
                }
                for p in report.verdict.pairs
            ],
        },
        "outlets": [
            {
                "id": o.id,
                "name": o.name,
                "language": o.language,
                "date": o.date,
                "title": o.title,
                "title_english": o.title_english,
                "name_english": english_name(o),
                "headline": headline(o),
                "sentences": len(o.sentences),
                "coverage": round(report.coverage[o.id], 4),
                "partial": o.partial,
                "untranslated": o.untranslated,
                "lacks": list(report.lacks.get(o.id, ())),
            }
            for o in report.outlets
        ],
        "left_out": [{"file": x.file, "reason": x.reason} for x in report.left_out],
        "facts": [
            {
                "id": f.id,
                "representative": member(f.representative, diff=False),
                "outlets": list(f.outlets),
                "missing": list(f.missing),
                "members": [member(m) for m in f.members],
                "conflicts": f.conflicts,
            }
            for f in report.facts
        ],
        "exclusives": {
            o: [member(m, diff=False) for m in ms] for o, ms in report.exclusives.items()
        },
        "blind_spots": {o: list(ids) for o, ids in report.blind_spots.items()},
        "quotes": [
            {
                "id": q.id,
                "same_speaker": q.same_speaker,
                "renderings": [
                    {
                        "outlet": r.outlet,
                        "index": r.index,
                        "english": r.english,
                        "source": r.source,
                        "speaker": r.speaker,
                    }
                    for r in q.renderings
                ],
            }
            for q in report.quotes
        ],
        "concepts": [
            {
                "concept": c.concept,
                "type": c.type,
                "english": c.english,
                "framing": c.framing,
                "outlets": dict(sorted(c.counts.items())),
            }
            for c in report.concepts
        ],
    }


def compare_paths(
    paths: Sequence[str],
    chain: Sequence[Any],
    *,
    glossary: Glossary | None = None,
    max_sentences: int = MAX_SENTENCES,
    max_articles: int = MAX_ARTICLES,
) -> tuple[Report, list[Exception]]:
    """Read, translate and compare the articles of ``paths``; the files that failed."""
    from xlate.compare import prepare_outlets
    from xlate.errors import XlateError

    outlets, errors = prepare_outlets(
        paths,
        chain,
        glossary,
        max_sentences=max_sentences,
        max_articles=max_articles,
    )
    event = " / ".join(dict.fromkeys(e for e in map(bundle_event, paths) if e))
    if len(outlets) < 2:
        problem = f"; {len(errors)} failed" if errors else ""
        raise XlateError(
            f"need at least two readable articles to compare, got {len(outlets)}{problem}"
            + "".join(f"\n  {e}" for e in errors[:5])
        )
    from xlate.translate import describe_engines

    engines = describe_engines(chain)
    report = build_report(
        outlets, glossary=glossary, engines=engines, left_out=left_out(errors), event=event
    )
    return report, list(errors)


def bundle_event(path: str) -> str:
    """The ``event`` line of the bundle at ``path`` ("" for anything but a bundle)."""
    from pathlib import Path

    from xlate.bundle import is_bundle, load_manifest

    return load_manifest(path).event if is_bundle(Path(path)) else ""
