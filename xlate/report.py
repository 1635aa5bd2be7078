"""The comparison as data: facts, diffs, conflicts, quotes, names and framing, coverage.

:func:`build_report` turns prepared outlets into a :class:`Report`; :func:`report_json` is its
stable JSON form (``schema`` names the version; ``signature`` says what produced it). The
renderers in ``xlate.render`` read only this data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from xlate import __version__
from xlate.align import (
    JOIN_THRESHOLD,
    LINK_THRESHOLD,
    NULL_RATE,
    SIGNIFICANCE,
    OutletPair,
    Unit,
    cluster,
    dates_and_numbers,
    event_outlets,
    normalise,
    outlet_pairs,
    score_matrix,
)
from xlate.compare import MAX_SENTENCES, Outlet, OutletSentence, quotes, units
from xlate.glossary import Glossary

SCHEMA = "xlate-compare/1"
QUOTE_THRESHOLD = 45.0


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step from the representative sentence to a member: equal, replace, insert, delete."""

    tag: str
    before: str  # words of the representative
    after: str  # words of the member


@dataclass(frozen=True, slots=True)
class Member:
    outlet: str
    index: int
    english: str
    source: str
    lang: str
    diff: tuple[DiffOp, ...] = ()


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
    speaker: str


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
    verdict: Verdict = Verdict(True, (), (), ())

    @property
    def conflicts(self) -> list[tuple[Fact, str, dict[str, list[str]]]]:
        return [(f, kind, values) for f in self.facts for kind, values in f.conflicts.items()]


def _member(s: OutletSentence, diff: tuple[DiffOp, ...] = ()) -> Member:
    return Member(s.outlet, s.index, s.english, s.source, s.lang, diff)


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


def _conflicts(members: Sequence[Member]) -> dict[str, dict[str, list[str]]]:
    """Days of the month, years and other numbers that members of one fact give differently."""
    kinds: dict[str, dict[str, set[str]]] = {"date": {}, "year": {}, "number": {}}
    for m in members:
        for value in dates_and_numbers(m.english):
            if value.startswith("day:"):
                kind, shown = "date", value[4:]
            elif value.isdigit() and 1900 <= int(value) <= 2100:
                kind, shown = "year", value
            else:
                kind, shown = "number", value
            kinds[kind].setdefault(m.outlet, set()).add(shown)
    found = {}
    for kind, by_outlet in kinds.items():
        if len(by_outlet) >= 2 and len({frozenset(v) for v in by_outlet.values()}) > 1:
            found[kind] = {o: sorted(v) for o, v in sorted(by_outlet.items())}
    return found


def _speaker(outlet: Outlet, index: int) -> str:
    """The glossary person (or office) named in the sentence, else in the three before
    ("— сказал дипломат": the name came earlier)."""
    for i in range(index, index - 4, -1):
        if 0 <= i < len(outlet.sentences):
            for kind in ("person", "office"):
                for match in outlet.sentences[i].concepts:
                    if match.concept.type == kind:
                        return match.concept.id
    return "unknown"


def _quotes(outlets: Sequence[Outlet]) -> tuple[Quote, ...]:
    from rapidfuzz import fuzz, process

    items: list[Rendering] = []
    for outlet in outlets:
        for s in outlet.sentences:
            for english in quotes(s.english) or ((s.english,) if quotes(s.source) else ()):
                source = next(iter(quotes(s.source)), "")
                items.append(
                    Rendering(outlet.id, s.index, english, source, _speaker(outlet, s.index))
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
) -> Report:
    """The comparison of ``outlets`` (sorted by id, so input order never matters)."""
    outlets = sorted(outlets, key=lambda o: o.id)
    all_units = units(outlets)
    scores = score_matrix(all_units)
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
            _member(sentences[i], word_diff(rep.english, sentences[i].english)) for i in group
        )
        carried = tuple(sorted({m.outlet for m in members}))
        facts.append(
            Fact(
                f"F{number}",
                rep,
                members,
                carried,
                tuple(n for n in names if n not in carried),
                _conflicts(members),
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
    return Report(
        tuple(outlets),
        tuple(facts),
        {o: tuple(sorted(v, key=lambda m: m.index)) for o, v in exclusives.items()},
        blind,
        _quotes(outlets),
        _concept_rows(outlets),
        coverage,
        signature,
        verdict,
    )


def _facts_and_verdict(
    units: Sequence[Unit], scores: np.ndarray
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
        again = cluster([units[i] for i in keep], scores[np.ix_(keep, keep)])
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
        return row

    names = {o.id: o.name for o in report.outlets}
    return {
        "schema": SCHEMA,
        "signature": report.signature,
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
                "sentences": len(o.sentences),
                "coverage": round(report.coverage[o.id], 4),
            }
            for o in report.outlets
        ],
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
) -> tuple[Report, list[Exception]]:
    """Read, translate and compare the articles of ``paths``; the files that failed."""
    from xlate.compare import prepare_outlets
    from xlate.errors import XlateError

    outlets, errors = prepare_outlets(paths, chain, glossary, max_sentences=max_sentences)
    if len(outlets) < 2:
        problem = f"; {len(errors)} failed" if errors else ""
        raise XlateError(
            f"need at least two readable articles to compare, got {len(outlets)}{problem}"
            + "".join(f"\n  {e}" for e in errors[:5])
        )
    from xlate.translate import describe_engines

    return build_report(outlets, glossary=glossary, engines=describe_engines(chain)), list(errors)
