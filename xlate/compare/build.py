"""Prepared outlets to a :class:`~xlate.compare.report.Report`: align into facts, diff each
fact, find conflicts, quotes, names and framing.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from xlate import __version__
from xlate.compare.align import SIGNIFICANCE, OutletPair, cluster, events_of, outlet_pairs
from xlate.compare.alike import ALIKE_THRESHOLD, EVENTS_THRESHOLD, alike_groups
from xlate.compare.diff import (
    Reference,
    compare_words,
    fact_values,
    framing_tags,
    make_member,
)
from xlate.compare.prepare import Outlet, OutletSentence, units
from xlate.compare.quotes import find_quotes
from xlate.compare.report import (
    SCHEMA,
    ConceptRow,
    Event,
    Fact,
    Member,
    Report,
    Verdict,
)
from xlate.compare.scores import JOIN_THRESHOLD, LINK_THRESHOLD, NULL_RATE, SparseScores
from xlate.compare.summary import best_headline, report_event, summary_text
from xlate.compare.terms import Unit
from xlate.compare.timeline import build_timeline
from xlate.glossary.concepts import Concept
from xlate.glossary.match import Glossary, blocked_at
from xlate.ingest.pile import LeftOut

# What may follow "the Ukraine" written as a country's name: a verb, a preposition, a
# conjunction, punctuation; "the Ukraine war", "the Ukraine crisis" are "the war" (a review).
_AFTER_THE_NAME = re.compile(
    r"(?:\s+(?:is|was|has|had|have|and|or|but|in|on|to|for|from|with|of|will|would|said|"
    r"says|that|which|who|as|at|by|must|should|could|can|may|did|does|do)\b|\s*[^\w\s]|\s*$)"
)


def _forbidden_rows(outlets: Sequence[Outlet], glossary: Glossary | None) -> list[ConceptRow]:
    """A row for each rendering the glossary forbids that an outlet's English writes ("Kiev"
    for Kyiv, "Lugansk"): a trial's pile had three outlets writing Kiev, counted nowhere in
    the table, while the two writing Kyiv had theirs marked as the odd name. Forms are
    matched as written (the first letter of a sentence aside), not inside a longer name
    ("Peking University") nor in the concept's ``not_in`` phrases ("Peking duck"), and "the
    Ukraine" only as a name of its own ("the Ukraine war" is no forbidden form)."""
    forms = {
        form: c
        for c in (glossary.concepts if glossary is not None else ())
        for form in c.forbidden.get("en", ())
    }
    if not forms:
        return []
    # each form as written, its first letter in either case (a sentence may open with it)
    written = {f[0].lower() + f[1:]: f for f in forms} | {f[0].upper() + f[1:]: f for f in forms}
    alternatives = "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
    found = re.compile(rf"(?<!\w)({alternatives})(?!\w)(?!\s+[A-Z])")
    counts: dict[str, Counter[str]] = {}
    for outlet in outlets:
        for sentence in outlet.sentences:
            for m in found.finditer(sentence.english):
                form = written[m.group(1)]
                if form.lower().startswith("the ") and not _AFTER_THE_NAME.match(
                    sentence.english, m.end()
                ):
                    continue
                if blocked_at(
                    sentence.english, m.start(), m.end(), forms[form].not_in.get("en", ())
                ):
                    continue  # "Peking duck", "chicken Kiev": the form names something else
                counts.setdefault(form, Counter())[outlet.id] += 1
    return [
        ConceptRow(c.id, c.type, c.preferred.get("en", ""), dict(n), forbidden=form)
        for form, n in counts.items()
        for c in [forms[form]]
    ]


def _concept_rows(
    outlets: Sequence[Outlet], glossary: Glossary | None = None
) -> tuple[ConceptRow, ...]:
    concepts: dict[str, Concept] = {}
    counts: dict[str, Counter[str]] = {}  # concept -> outlet -> mentions
    for outlet in outlets:
        for s in outlet.sentences:
            for m in s.concepts:
                concepts.setdefault(m.concept.id, m.concept)
                counts.setdefault(m.concept.id, Counter())[outlet.id] += 1
    rows = {
        c.id: ConceptRow(c.id, c.type, c.preferred.get("en", ""), dict(counts[c.id]))
        for c in concepts.values()
    }
    for row in _forbidden_rows(outlets, glossary):
        rows[f"{row.concept}\0{row.forbidden}"] = row
    order = {
        "framing": 0,
        "person": 1,
        "office": 2,
        "organisation": 3,
        "sanction-term": 4,
        "place": 5,
        "other": 6,
    }
    ordered = sorted(
        (r for r in rows.values() if not r.forbidden),
        key=lambda r: (order.get(r.type, 9), -len(r.counts), r.concept),
    )
    forbidden = [r for r in rows.values() if r.forbidden]
    placed = [
        r for main in ordered for r in (main, *(f for f in forbidden if f.concept == main.concept))
    ]
    named = {r.concept for r in ordered}  # a forbidden form of a concept no outlet names
    return tuple(
        placed
        + sorted(
            (f for f in forbidden if f.concept not in named),
            key=lambda r: (order.get(r.type, 9), r.concept),
        )
    )


def _fact(
    number: int,
    group: list[int],
    scores: SparseScores,
    sentences: Sequence[OutletSentence],
    outlets: Sequence[Outlet],
    glossary: Glossary | None,
) -> Fact:
    """Fact number ``number``: the sentences of ``group``, each diffed against the one most
    like the others (its representative), and the numbers and dates they give differently."""
    sub = scores.cross(group, group)  # scores[np.ix_(group, group)]
    centre = group[int(np.where(sub < 0, 0, sub).sum(axis=1).argmax())]
    rep = make_member(sentences[centre])
    reference = Reference.of(rep.english)  # split once, for every member
    framing = framing_tags(sentences[centre])
    members = []
    for i in group:
        s = sentences[i]
        if i == centre:
            members.append(make_member(s, reference.unchanged()))
            continue
        diff, spans = compare_words(
            reference,
            s.english,
            glossary,
            framing=framing_tags(s) - framing,
            named=_shared_names(s, sentences[centre]),
        )
        members.append(make_member(s, diff, spans))
    carried = tuple(sorted({m.outlet for m in members}))
    names = [o.id for o in outlets]
    conflicts, extra = fact_values(members, {o.id: o.date for o in outlets})
    return Fact(
        f"F{number}",
        rep,
        tuple(members),
        carried,
        tuple(n for n in names if n not in carried),
        conflicts,
        extra,
    )


def _shared_names(a: OutletSentence, b: OutletSentence) -> frozenset[str]:
    """The lower-case words of the English forms of the concepts both sentences name."""
    shared = {m.concept.id for m in a.concepts} & {m.concept.id for m in b.concepts}
    if not shared:
        return frozenset()
    concepts = {m.concept.id: m.concept for m in a.concepts if m.concept.id in shared}
    return frozenset(
        word.strip(".").lower()
        for concept in concepts.values()
        for form in concept.forms("en")
        for word in form.split()
    )


def _most(outlets: int) -> int:
    """How many of ``outlets`` are most of them."""
    return outlets // 2 + 1


def _event_facts(
    groups: list[list[int]],
    event_of: dict[str, int],
    scores: SparseScores,
    sentences: Sequence[OutletSentence],
    outlets: Sequence[Outlet],
    glossary: Glossary | None,
) -> list[Fact]:
    """The facts of ``groups`` (those of two outlets or more), numbered event by event (the
    largest event first), the most widely carried first; an outlet of another event, or of
    none, does not lack a fact (a trial: each fact of one pile of 48 pages was "not in" the
    36 pages of no event, a list cut at 80 columns)."""
    of = [s.outlet for s in sentences]
    multi = [g for g in groups if len({of[i] for i in g}) > 1]
    multi.sort(key=lambda g: (event_of[of[g[0]]], -len({of[i] for i in g}), g[0]))
    facts = []
    for number, group in enumerate(multi, 1):
        fact = _fact(number, group, scores, sentences, outlets, glossary)
        own = event_of[fact.outlets[0]]
        facts.append(
            replace(fact, missing=tuple(o for o in fact.missing if event_of.get(o) == own))
        )
    return facts


def _blind_and_coverage(
    facts: Sequence[Fact], names: Sequence[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, float]]:
    """Each outlet's blind spots (the facts most of the outlets that could carry them do,
    and it does not) and its coverage (the share of the facts it could carry that it does:
    those of its event)."""
    blind = {
        o: tuple(f.id for f in facts if o in f.missing and len(f.outlets) >= _most(f.among))
        for o in names
    }
    own = {o: [f for f in facts if o in f.outlets or o in f.missing] for o in names}
    coverage = {
        o: (sum(o in f.outlets for f in own[o]) / len(own[o]) if own[o] else 0.0) for o in names
    }
    return blind, coverage


_NOT_WORDS = re.compile(r"\W+")


def _wording(english: str) -> str:
    """A sentence's words, for telling that two outlets wrote the same sentence."""
    return _NOT_WORDS.sub(" ", english.casefold()).strip()


def _said_by(sentences: Sequence[OutletSentence]) -> dict[str, set[str]]:
    """Each wording -> the outlets that wrote it. A sentence that two outlets write word for
    word is said by both, even when it states no fact to link ("How about you?"): it is no
    sentence only one outlet says."""
    said: dict[str, set[str]] = {}
    for s in sentences:
        said.setdefault(_wording(s.english), set()).add(s.outlet)
    return said


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
    return _build(outlets, glossary, engines, left_out, event)


def _build(
    outlets: Sequence[Outlet],
    glossary: Glossary | None,
    engines: Sequence[dict[str, Any]],
    left_out: Sequence[LeftOut],
    event: str,
) -> Report:
    outlets = sorted(outlets, key=lambda o: o.id)
    all_units = units(outlets)
    scores = SparseScores(all_units)  # the dense matrix's scores, without the n x n matrix
    sentences = [s for o in outlets for s in o.sentences]
    # alike at the verdict's floor, apart as `xlate events` groups
    alike, apart = alike_groups(outlets, glossary, (ALIKE_THRESHOLD, EVENTS_THRESHOLD))
    groups, events, pairs = _groups_and_events(all_units, scores, alike, apart)
    names = [o.id for o in outlets]
    event_of = {o: k for k, event in enumerate(events) for o in event}
    facts = _event_facts(groups, event_of, scores, sentences, outlets, glossary)
    exclusives: dict[str, list[Member]] = {o.id: [] for o in outlets}
    said_by = _said_by(sentences)
    for group in groups if events else ():
        if len({all_units[i].outlet for i in group}) == 1:
            for i in group:
                if len(said_by[_wording(sentences[i].english)]) == 1:
                    exclusives[all_units[i].outlet].append(make_member(sentences[i]))
    blind, coverage = _blind_and_coverage(facts, names)
    verdict = Verdict(
        tuple(
            _named(
                event,
                [o for o in outlets if o.id in event],
                [f for f in facts if event_of[f.outlets[0]] == k],
            )
            for k, event in enumerate(events)
        ),
        tuple(o for o in names if o not in event_of) if events else (),
        pairs,
    )
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
    event_line, event_from = (
        report_event(outlets, event) if verdict.same_event or event else ("", "")
    )
    return Report(
        tuple(outlets),
        tuple(facts),
        only,
        blind,
        find_quotes(outlets, events or None),  # no event: quotes any outlets share
        _concept_rows(outlets, glossary),
        coverage,
        signature,
        left_out=tuple(left_out),
        event=event_line,
        event_from=event_from,
        lacks=lacks,
        summary=summary_text(outlets, facts, only, verdict.events),
        verdict=verdict,
        timeline=build_timeline(outlets, facts),
    )


EVENT_NAME_CHARS = 120  # a fact's sentence that names an event is cut to a line


def _named(outlets_of: Sequence[str], outlets: Sequence[Outlet], facts: Sequence[Fact]) -> Event:
    """An event of the verdict, named by the headline most like its outlets', else by the
    reference sentence of its most widely carried fact (a pile of articles saved without
    headlines), shortened to a line."""
    ids = tuple(f.id for f in facts)
    if headline := best_headline(outlets):
        return Event(tuple(outlets_of), headline, ids)
    if not facts:
        return Event(tuple(outlets_of), "", ids, "")
    english = facts[0].representative.english
    sentence = textwrap.shorten(english, EVENT_NAME_CHARS, placeholder=" …")
    if sentence.strip() == "…":  # no space to cut at (a URL, CJK)
        sentence = english[: EVENT_NAME_CHARS - 1] + "…"
    return Event(tuple(outlets_of), sentence, ids, "fact")


def _groups_and_events(
    units: Sequence[Unit],
    scores: SparseScores,
    alike: Sequence[tuple[str, ...]],
    apart: Sequence[tuple[str, ...]],
) -> tuple[list[list[int]], list[tuple[str, ...]], tuple[OutletPair, ...]]:
    """The groups (facts and single sentences), the events (their outlets, the largest
    first) and the evidence of each pair of outlets (``alike``, ``apart``: the outlets whose
    articles are grouped together, :func:`~xlate.compare.alike.alike_groups`, strictly and
    as `xlate events` groups them). Each event's outlets are grouped again
    on their own when the pile holds more than they do: links across events, and those of
    an outlet in no event, are chance links, not facts."""
    groups = cluster(units, scores)
    facts = [g for g in groups if len({units[i].outlet for i in g}) > 1]
    pairs = tuple(outlet_pairs(units, facts, alike, apart))
    events = events_of(units, facts, pairs)
    if not events:
        return [[i] for i in range(len(units))], [], pairs
    if len(events) == 1 and len(events[0]) == len({u.outlet for u in units}):
        return groups, events, pairs
    groups = []
    for event in events:
        keep = [i for i, u in enumerate(units) if u.outlet in event]
        again = cluster([units[i] for i in keep], scores.subset(keep))
        groups += [[keep[i] for i in g] for g in again]
    inside = {o for event in events for o in event}
    groups += [[i] for i, u in enumerate(units) if u.outlet not in inside]
    groups.sort(key=lambda g: g[0])
    return groups, events, pairs
