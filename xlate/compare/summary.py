"""What a reader sees first: the event, a summary in sentences, and the legend of the
marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from xlate.compare.diff import split_said
from xlate.compare.prepare import Outlet
from xlate.compare.report import Event, Fact, Member, english_name, headline
from xlate.compare.terms import normalise


def report_event(
    outlets: Sequence[Outlet], given: str
) -> tuple[str, Literal["manifest", "headline", ""]]:
    if given:
        return given, "manifest"
    best = best_headline(outlets)
    return best, "headline" if best else ""


def best_headline(outlets: Sequence[Outlet]) -> str:
    """The headline most like the others' ("" when no outlet has one)."""
    heads = [headline(o) for o in outlets if headline(o)]
    if not heads:
        return ""
    from rapidfuzz import fuzz, process

    texts = [normalise(h) for h in heads]
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio)
    return heads[int(np.argmax(scores.sum(axis=1)))]


def summary_text(
    outlets: Sequence[Outlet],
    facts: Sequence[Fact],
    exclusives: dict[str, tuple[Member, ...]],
    events: Sequence[Event] = (),
) -> str:
    """One paragraph: how many facts (in each event when there are several), which every
    outlet carries, who is alone on what, and where the outlets contradict each other."""
    names = {o.id: english_name(o) for o in outlets}
    if not facts:
        if events:  # joined because their articles are alike as a whole
            return f"The {len(outlets)} outlets share no fact, sentence by sentence."
        return f"The {len(outlets)} outlets share no fact: each tells its own story."
    if len(events) > 1:
        parts = [f"The {len(outlets)} outlets report {len(events)} events."]
        parts += [_event_sentence(k, e, facts, names) for k, e in enumerate(events)]
    else:
        # one event: its outlets, not those that share no fact with them (a trial read "The 4
        # outlets share 2 facts; 2 are in every outlet" where two outlets carried none)
        inside = len(events[0].outlets) if events else len(outlets)
        whose = (
            f"The {inside} outlets"
            if inside == len(outlets)
            else (f"The {inside} outlets of the event")
        )
        parts = [f"{whose} share {len(facts)} fact{'s' * (len(facts) != 1)}"]
        universal = [f.id for f in facts if not f.missing]
        every = "in every outlet" if inside == len(outlets) else "in each of them"
        parts[0] += (
            f"; {_count(len(universal), 'is', 'are')} {every} ({', '.join(universal)})."
            if universal
            else f"; none is {every}."
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


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def _event_sentence(k: int, event: Event, facts: Sequence[Fact], names: dict[str, str]) -> str:
    """Event ``k`` (from 0) in one sentence: its outlets, its facts, those all of them carry."""
    which = _ORDINALS[k] if k < len(_ORDINALS) else f"number {k + 1}"
    own = [f for f in facts if f.id in event.facts]
    who = [names[o] for o in event.outlets]
    shared = f"{_count(len(own), 'fact', 'facts')}" if own else "no fact"
    said = f"In the {which} event, {', '.join(who[:-1])} and {who[-1]} share {shared}"
    if len(who) == 2 or not own:
        return said + "."
    every = [f.id for f in own if set(event.outlets) <= set(f.outlets)]
    if not every:
        return said + "; none is in all of them."
    return f"{said}; {_count(len(every), 'is', 'are')} in all of them ({', '.join(every)})."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _conflict_sentence(
    fact: str, kind: str, values: Mapping[str, Sequence[str]], names: dict[str, str]
) -> str:
    groups: dict[tuple[str, ...], list[str]] = {}
    for outlet, said in values.items():
        plain = tuple(dict.fromkeys(split_said(v)[0] for v in said))
        groups.setdefault(plain, []).append(outlet)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1]))
    (common, most), rest = ordered[0], ordered[1:]

    def say(outs: Sequence[str], said: Sequence[str]) -> str:
        who = [names[o] for o in outs]
        listed = who[0] if len(who) == 1 else f"{', '.join(who[:-1])} and {who[-1]}"
        return f"{listed} {'says' if len(who) == 1 else 'say'} {' and '.join(said)}"

    if len(most) == 1 or (rest and len(rest[0][1]) == len(most)):  # no value wins: each named
        return _ended(f"Conflict in {fact} ({kind}): {'; '.join(say(o, v) for v, o in ordered)}")
    odd = "; ".join(say(outs, said) for said, outs in rest)
    return _ended(
        f"Conflict in {fact} ({kind}): {odd}, the other {len(most)} say {' and '.join(common)}"
    )


def _ended(sentence: str) -> str:
    """``sentence`` with one full stop at its end: a value may end in one ("4:43 a.m.")."""
    return sentence if sentence.endswith(".") else sentence + "."


# What each mark in a report means: (mark, meaning), shown as the legend of every format.
LEGEND: tuple[tuple[str, str], ...] = (
    ("A, B, C", "outlets, as keyed in the outlets table"),
    ("F1, F2", "facts: what two or more outlets say, the most widely carried first"),
    ("*", "the fact's reference sentence (the one closest to all the others)"),
    (
        "highlighted",
        "what differs from the reference and matters: names, numbers and dates, framing "
        "words, negations, opposites (other rewording is not marked)",
    ),
    ("lacks", "the facts an outlet does not carry (bold: facts most outlets carry)"),
    ("coverage", "the share of its event's facts an outlet carries"),
    (
        "conflict",
        "values of one kind (money, a percentage, a count, a date ...) that outlets give "
        "differently for one fact (marked ! under it)",
    ),
    ("extra", "extra detail: a number or date only one outlet gives for a fact, not a conflict"),
    ("framing", "loaded words from the glossary (e.g. invasion vs special military operation)"),
)
