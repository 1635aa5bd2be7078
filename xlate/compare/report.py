"""The comparison as data: facts, diffs, conflicts, quotes, names and framing, coverage.

:func:`xlate.compare.build.build_report` builds a :class:`Report`; :func:`report_json` is its
stable JSON form (``schema`` names the version; ``signature`` says what produced it). The
renderers in ``xlate.render`` read only this data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from xlate.compare.align import OutletPair
from xlate.compare.prepare import Outlet
from xlate.ingest.pile import LeftOut, PassedOver
from xlate.model import FrozenDict, frozen, thawed

if TYPE_CHECKING:
    from xlate.compare.timeline import Timeline

SCHEMA = "xlate-compare/1"

# What a highlighted word is: the differences that matter between two renderings of a fact.
MarkKind = Literal["", "name", "number", "date", "framing", "negation", "opposite"]


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
    doubtful: bool = False  # its English is a low-confidence machine translation


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    representative: Member
    members: tuple[Member, ...]
    outlets: tuple[str, ...]
    missing: tuple[str, ...]
    conflicts: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=FrozenDict)
    # outlet -> the numbers and dates only it gives (more detail, not a disagreement)
    extra: Mapping[str, Sequence[str]] = field(default_factory=FrozenDict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "conflicts", frozen(self.conflicts))
        object.__setattr__(self, "extra", frozen(self.extra))

    @property
    def among(self) -> int:
        """How many outlets could carry the fact: those that do and those that lack it (all
        but the outlets of another event)."""
        return len(self.outlets) + len(self.missing)

    @property
    def doubtful(self) -> tuple[str, ...]:
        """The outlets whose sentences of this fact came from low-confidence translations:
        a conflict among them may be a translation error, not a disagreement."""
        return tuple(dict.fromkeys(m.outlet for m in self.members if m.doubtful))


def doubt_note(fact: Fact, label: Callable[[str], str]) -> str:
    """What a conflict's row adds when its fact holds low-confidence translations ("" if not)."""
    if not fact.doubtful:
        return ""
    who = ", ".join(label(o) for o in fact.doubtful)
    return f"may be a translation error (low-confidence translation: {who})"


@dataclass(frozen=True, slots=True)
class Rendering:
    outlet: str
    index: int
    english: str
    source: str
    speaker: str  # the speaker's English name, "" when no name is found near the quote
    # the words that differ from the quote's most typical rendering and matter (its own: none)
    marks: tuple[Span, ...] = ()


# what may follow a surname: a generation ("James Kennedy Jr.", a trial) or a US party and
# state ("Edward J. Markey D-Mass")
_AFTER_SURNAME = re.compile(r"^(?:jr|sr|ii|iii|iv|[dri]-[\w.]+)\.?,?$", re.IGNORECASE)


def surname(name: str) -> str:
    """A name's last word, folded ("" for none): "Foreign Minister Lavrov" and "Sergey
    Lavrov" are one speaker, and "James Kennedy Jr." and "Kennedy"."""
    words = name.split()
    while len(words) > 1 and _AFTER_SURNAME.match(words[-1]):
        words.pop()
    return words[-1].strip(",").casefold() if words else ""


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    renderings: tuple[Rendering, ...]

    @property
    def same_speaker(self) -> bool:
        """Whether the renderings that name a speaker name one: one surname ("Lavrov",
        "Sergey Lavrov"); a rendering that names none says nothing against it (a trial:
        "Zoghlin" and no name were "speakers differ")."""
        return len({surname(r.speaker) for r in self.renderings if r.speaker}) <= 1

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that carry the quote, each once (an outlet may render it twice)."""
        return tuple(dict.fromkeys(r.outlet for r in self.renderings))


@dataclass(frozen=True, slots=True)
class ConceptRow:
    """A row of the names-and-framing table: a glossary concept and how often each outlet
    names it; or a rendering the glossary forbids for it (``forbidden``: "Kiev" for Kyiv),
    counted where the outlets write it in English."""

    concept: str
    type: str
    english: str  # the concept's English form
    counts: Mapping[str, int]  # outlet -> mentions
    forbidden: str = ""  # the forbidden form this row counts

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", frozen(self.counts))

    @property
    def framing(self) -> bool:
        return self.type == "framing"

    @property
    def label(self) -> str:
        """What the table shows for the row: "Kiev (forbidden form)" for a forbidden one."""
        if self.forbidden:
            return f"{self.forbidden} (forbidden form)"
        return self.english or self.concept


@dataclass(frozen=True, slots=True)
class Event:
    """One event of a pile: the outlets that report it, what names it, and the facts they
    share. ``headline`` is the headline most like theirs (``named_by`` "headline"), else the
    reference sentence of its most widely carried fact ("fact"), else "" (no fact either)."""

    outlets: tuple[str, ...]
    headline: str = ""
    facts: tuple[str, ...] = ()
    named_by: Literal["headline", "fact", ""] = "headline"

    @property
    def named_by_fact(self) -> bool:
        """Whether a fact's sentence, not a headline, names the event."""
        return bool(self.headline) and self.named_by == "fact"


@dataclass(frozen=True, slots=True)
class Verdict:
    """How many events the articles report, from what each pair of outlets shares.

    Two outlets report one event when they share more facts than two unrelated articles of
    their lengths would by chance (``OutletPair.significant``), or when their articles are
    alike as a whole as ``xlate events`` groups articles (``OutletPair.alike``); an event is
    a set of outlets so joined, directly or through another of its outlets (the largest
    first). With none, the report lists no facts; an outlet in no event is named in
    ``unrelated`` (when there is an event).
    """

    events: tuple[Event, ...]
    unrelated: tuple[str, ...]  # outlets in no event (when there is one)
    pairs: tuple[OutletPair, ...]

    @property
    def same_event(self) -> bool:
        """Whether the articles report one event (outlets in no event aside)."""
        return len(self.events) == 1

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets in an event, sorted."""
        return tuple(sorted(o for e in self.events for o in e.outlets))


_COUNTS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


def _and(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _fact_range(ids: Sequence[str]) -> str:
    """A run of fact ids in words: "F1", "F1 and F2", "F1 to F5" (numbered in a row)."""
    if len(ids) <= 2:
        return _and(ids)
    return f"{ids[0]} to {ids[-1]}"


def event_name(event: Event) -> str:
    """An event in words: its headline, or its first fact's sentence, quoted ("" when it has
    neither); :data:`NAMED_BY_FACT` says which when it is the sentence."""
    return f"\u201c{event.headline}\u201d" if event.headline else ""


NAMED_BY_FACT = "no headline, named by its first fact"


def _event_clause(event: Event, label: Callable[[str], str], verdict: Verdict) -> str:
    who = _and([label(o) for o in event.outlets])
    what = event_name(event) or "an event without a headline"
    n = len(event.facts)
    facts = (
        f"{n} shared fact{'s' * (n != 1)}: {_fact_range(event.facts)}"
        if n
        else "no shared fact; their articles are alike as a whole"
    )
    quiet = factless(verdict, event) if n else ()
    if quiet:  # in the event by their articles alone
        whose = "its article" if len(quiet) == 1 else "their articles"
        facts += f"; {_and([label(o) for o in quiet])} by {whose} alone"
    named = f"{NAMED_BY_FACT}; " if event.named_by_fact else ""
    return f"{who} report {what} ({named}{facts})"


def factless(verdict: Verdict, event: Event) -> tuple[str, ...]:
    """The outlets of ``event`` that share no fact with any other of its outlets: their
    articles are in it because they are alike as a whole (``OutletPair.alike``)."""
    inside = set(event.outlets)
    sharing = {o for p in verdict.pairs if p.facts and {p.a, p.b} <= inside for o in (p.a, p.b)}
    return tuple(o for o in event.outlets if o not in sharing)


def _factless_sentence(names: Sequence[str], everyone: bool) -> str:
    """Outlets of the one event that share no fact with the others, in a sentence."""
    if everyone:
        return f"{_and(names)} share no fact, but their articles are alike as a whole."
    if len(names) == 1:
        return (
            f"{names[0]} shares no fact with the other outlets, but its article is like "
            "theirs as a whole."
        )
    return (
        f"{_and(names)} share no fact with the other outlets, but their articles are like "
        "the others' as a whole."
    )


def verdict_text(verdict: Verdict, label: Callable[[str], str]) -> str:
    """The verdict in plain words, outlets named by ``label`` (a key or a name)."""
    if not verdict.events:
        return (
            "Not one event: these articles share no more than unrelated articles would by "
            "chance, sentence by sentence or as a whole, so no shared facts are listed. Are "
            "they about the same story?"
        )
    names = [label(o) for o in verdict.unrelated]
    verb = "shares" if len(names) == 1 else "share"
    if verdict.same_event:
        event = verdict.events[0]
        quiet = factless(verdict, event)
        apart = (
            " " + _factless_sentence([label(o) for o in quiet], len(quiet) == len(event.outlets))
            if quiet
            else ""
        )
        if not names:
            if not quiet:
                return "One event: every outlet shares facts with the others."
            return "One event:" + apart
        told = len(event.outlets)
        ask = "is it" if len(names) == 1 else "are they"
        return (
            f"One event, told by {told} outlets: {_and(names)} {verb} no fact with the other "
            f"outlets; {ask} about this event?" + apart
        )
    k = len(verdict.events)
    count = _COUNTS[k] if k < len(_COUNTS) else str(k)
    clauses = [_event_clause(e, label, verdict) for e in verdict.events]
    text = f"{count} events, told apart by what their articles share: {'; '.join(clauses)}."
    if names:
        which = "either event" if k == 2 else "any of them"
        text += f" {_and(names)} {verb} no fact with {which}."
    return text


@dataclass(frozen=True)
class Report:
    outlets: tuple[Outlet, ...]
    facts: tuple[Fact, ...]
    exclusives: Mapping[str, tuple[Member, ...]]
    blind_spots: Mapping[str, tuple[str, ...]]
    quotes: tuple[Quote, ...]
    concepts: tuple[ConceptRow, ...]
    coverage: Mapping[str, float]
    signature: Mapping[str, Any]
    left_out: tuple[LeftOut, ...] = ()  # inputs not compared, each with the reason
    event: str = ""  # the manifest's event, else the headline most like the others'
    event_from: Literal["manifest", "headline", ""] = ""
    lacks: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)  # facts not carried
    summary: str = ""
    verdict: Verdict = Verdict((Event(()),), (), ())
    passed_over: tuple[PassedOver, ...] = ()  # files the walk of the inputs did not read
    timeline: Timeline | None = None  # who reported each fact first (xlate.compare.timeline)

    def __post_init__(self) -> None:
        """The mappings given (dicts, as the builder makes them) are frozen: a report hashes."""
        for name in ("exclusives", "blind_spots", "coverage", "signature", "lacks"):
            object.__setattr__(self, name, frozen(getattr(self, name)))

    @property
    def conflicts(self) -> list[tuple[Fact, str, Mapping[str, Sequence[str]]]]:
        return [(f, kind, values) for f in self.facts for kind, values in f.conflicts.items()]


# -- the outlets' names and headlines, and the dates -------------------------------------------


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
    """The outlets' publication dates, first to last, in ISO form ("" when none has one;
    dates that name no day are left out)."""
    from xlate.dates import iso_date

    dates = sorted({iso_date(o.date) for o in report.outlets} - {""})
    if not dates:
        return ""
    return dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"


def _member_json(m: Member, diff: bool = True) -> dict[str, Any]:
    """A sentence of a fact (with its diff and marks) or of an outlet alone, as JSON."""
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


def _outlet_json(o: Outlet, report: Report) -> dict[str, Any]:
    """An outlet, its coverage and the facts it lacks, as JSON."""
    return {
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


def _verdict_json(report: Report) -> dict[str, Any]:
    """The verdict with each pair of outlets' evidence, outlets named in English."""
    names = {o.id: english_name(o) for o in report.outlets}
    return {
        "same_event": report.verdict.same_event,
        "text": verdict_text(report.verdict, lambda o: names.get(o, o)),
        "outlets": list(report.verdict.outlets),
        "unrelated": list(report.verdict.unrelated),
        "events": [
            {
                "outlets": list(e.outlets),
                "headline": e.headline if e.named_by == "headline" else "",
                "name": e.headline,
                "named_by": e.named_by if e.headline else "",
                "facts": list(e.facts),
            }
            for e in report.verdict.events
        ],
        "pairs": [
            {
                "outlets": [p.a, p.b],
                "facts": p.facts,
                "expected_by_chance": round(p.expected, 4),
                "chance": round(p.chance, 4),
                "significant": p.significant,
                "alike": p.alike,
                "apart": p.apart,
                "concepts": list(p.concepts),
            }
            for p in report.verdict.pairs
        ],
    }


def report_json(report: Report) -> dict[str, Any]:
    """The stable JSON form of a report (schema ``xlate-compare/1``)."""
    return {
        "schema": SCHEMA,
        "signature": thawed(report.signature),  # the JSON is the caller's to change
        "event": {"text": report.event, "from": report.event_from, "dates": date_range(report)},
        "summary": report.summary,
        "verdict": _verdict_json(report),
        "outlets": [_outlet_json(o, report) for o in report.outlets],
        "left_out": [x.to_dict() for x in report.left_out],
        **(
            {"passed_over": [x.to_dict() for x in report.passed_over]} if report.passed_over else {}
        ),
        "facts": [
            {
                "id": f.id,
                "representative": _member_json(f.representative, diff=False),
                "outlets": list(f.outlets),
                "missing": list(f.missing),
                "members": [_member_json(m) for m in f.members],
                "conflicts": thawed(f.conflicts),
                "extra_detail": thawed(f.extra),
            }
            | ({"low_confidence": list(f.doubtful)} if f.conflicts and f.doubtful else {})
            for f in report.facts
        ],
        "exclusives": {
            o: [_member_json(m, diff=False) for m in ms] for o, ms in report.exclusives.items()
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
                        "marks": [[m.kind, m.text] for m in r.marks if m.kind],
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
                "forbidden": c.forbidden,
                "outlets": dict(sorted(c.counts.items())),
            }
            for c in report.concepts
        ],
        "timeline": report.timeline.to_json() if report.timeline is not None else None,
    }
