"""What the comparison report's three renderers share: outlet keys (A, B, ...), title and
byline, who said what, what each outlet leaves out.

All three renderers (:mod:`xlate.render.terminal`, :mod:`xlate.render.markdown`,
:mod:`xlate.render.html`) tell the same story in the same order, one function per section: the
event and its outlets (English names, native names, headlines), a one-paragraph summary, the
legend, the shared facts, the conflicts, what only one outlet says, the quotes, names and
framing. Every piece of article text is untrusted: in the terminal it becomes a ``Text`` that
rich never parses as markup, with control and bidi characters made visible; in Markdown the
metacharacters are escaped; in HTML everything from an article is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from string import ascii_uppercase

from xlate.compare.diff import split_said
from xlate.compare.prepare import Outlet
from xlate.compare.report import (
    NAMED_BY_FACT,
    Fact,
    Member,
    Quote,
    Report,
    date_range,
    english_name,
    event_name,
)
from xlate.ingest.pile import unread_lines


def event_heading(report: Report, fact: Fact, keys: dict[str, str]) -> str:
    """Above the first fact of each event when the pile holds several, the event in words
    (Event 2: \u201cheadline\u201d, told by C and D); "" otherwise."""
    events = report.verdict.events
    if len(events) < 2:
        return ""
    for k, event in enumerate(events, 1):
        if event.facts and event.facts[0] == fact.id:
            what = event_name(event) or "no headline"
            if event.named_by_fact:
                what += f" ({NAMED_BY_FACT})"
            who = ", ".join(keys[o] for o in event.outlets)
            return f"Event {k}: {what}, told by {who}"
    return ""


def every_outlet(report: Report, fact: Fact) -> str:
    """How a fact no outlet lacks is described: in every outlet (of its event)."""
    return (
        "in every outlet" if fact.among == len(report.outlets) else "in every outlet of its event"
    )


def extra_detail(fact: Fact, keys: dict[str, str]) -> str:
    """What outlets of a fact add that the others do not give: "B 4 grams; C 2021" ("" for
    none)."""
    return "; ".join(f"{keys[o]} {', '.join(said)}" for o, said in fact.extra.items())


def fact_conflicts(fact: Fact, keys: dict[str, str]) -> str:
    """A fact's conflicts on one line, "date: A: 13 November 2024 (“the 13th”); B, C: 12
    November 2024" ("" for none), as :func:`said_line` groups the outlets."""
    return "; ".join(
        f"{kind}: {said_line(values, keys)}" for kind, values in fact.conflicts.items()
    )


def outlet_keys(report: Report) -> dict[str, str]:
    """Short column keys A, B, C ... (AA, AB ... past 26) for outlets, in report order."""
    keys = {}
    for n, outlet in enumerate(report.outlets):
        key = ""
        n += 1  # bijective base 26, as spreadsheet columns: Z, AA, ..., ZZ, AAA (past 702)
        while n:
            n, rest = divmod(n - 1, 26)
            key = ascii_uppercase[rest] + key
        keys[outlet.id] = key
    return keys


def report_title(report: Report) -> str:
    return report.event or f"{len(report.outlets)} outlets compared"


def report_byline(report: Report) -> str:
    """6 outlets · 2024-11-19 to 2024-11-21 · 12 shared facts."""
    dates = date_range(report)
    return " · ".join(
        part
        for part in (
            f"{len(report.outlets)} outlets",
            dates,
            f"{len(report.facts)} shared fact{'s' * (len(report.facts) != 1)}",
            "event named by the most typical headline" if report.event_from == "headline" else "",
        )
        if part
    )


def is_reference(m: Member, fact: Fact) -> bool:
    return (m.outlet, m.index) == (fact.representative.outlet, fact.representative.index)


def said_line(values: Mapping[str, Sequence[str]], keys: dict[str, str]) -> str:
    """What the outlets say, outlets that say the same grouped: "A: 13 ...; B, C: 12 ..."."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for outlet, said in values.items():
        groups.setdefault(tuple(split_said(v)[0] for v in said), []).append(outlet)
    parts = []
    for value, outlets in groups.items():
        notes = said_words(keys, outlets, values)
        note = f" ({notes})" if notes else ""
        parts.append(f"{', '.join(keys[o] for o in outlets)}: {', '.join(value)}{note}")
    return "; ".join(parts)


def said_words(
    keys: dict[str, str], outlets: list[str], values: Mapping[str, Sequence[str]]
) -> str:
    """The words outlets said where a date was completed from the article's date: “the 13th”
    for one outlet, "E: “the 12th”" among several."""
    said = [(o, split_said(v)[1]) for o in outlets for v in values[o]]
    if len(outlets) == 1:
        return "; ".join(f"“{w}”" for _, w in said if w)
    return "; ".join(f"{keys[o]}: “{w}”" for o, w in said if w)


def show_id(report: Report, outlet: Outlet) -> bool:
    """Whether the outlet's id goes beside its name: when the id was made unique from the
    file's folders, or another outlet has the same name."""
    same = sum(english_name(o) == english_name(outlet) for o in report.outlets)
    return "/" in outlet.id or "#" in outlet.id or same > 1


# An outlet's missing facts listed by name, the most widely carried first (as facts are
# numbered); past this many, how many more (with those most outlets carry): of 10,000
# sentences an outlet may lack a thousand facts. The JSON's "lacks" lists every one.
LACKS_LISTED = 20


def lacks_listed(report: Report, outlet: Outlet) -> list[tuple[str, bool]]:
    """The first ``LACKS_LISTED`` facts an outlet does not carry, each with whether most
    outlets carry it (the rest: :func:`lacks_more`)."""
    blind = set(report.blind_spots.get(outlet.id, ()))
    return [(f, f in blind) for f in report.lacks.get(outlet.id, ())[:LACKS_LISTED]]


def coverage_shown(report: Report, outlet: Outlet) -> str:
    """An outlet's coverage as the tables show it: "in no event" for an outlet the verdict
    puts in none (a trial read its "0%" and empty lacks as an outlet that lacks nothing)."""
    if outlet.id in report.verdict.unrelated:
        return "in no event"
    return f"{report.coverage[outlet.id]:.0%}"


def lacks_more(report: Report, outlet: Outlet) -> str:
    """What an outlet lacks past those :func:`lacks_listed` lists ("and 1,234 more, 56 of them
    carried by most outlets"), or ""."""
    rest = report.lacks.get(outlet.id, ())[LACKS_LISTED:]
    if not rest:
        return ""
    blind = len(set(rest) & set(report.blind_spots.get(outlet.id, ())))
    most = f", {blind:,} of them carried by most outlets" if blind else ""
    return f"and {len(rest):,} more{most}"


def omissions(report: Report, keys: dict[str, str]) -> list[str]:
    """One line per input left out of the comparison (with the reason), per file the walk
    of the inputs passed over, and per outlet
    compared on part of its sentences: what the report does not cover, in every format."""
    lines = unread_lines(report.left_out, report.passed_over)
    for o in report.outlets:
        if o.partial:
            total = len(o.sentences) + o.untranslated
            lines.append(
                f"partial: {keys[o.id]} {o.name}: compared on {len(o.sentences)} of {total} "
                f"sentences ({o.untranslated} untranslated)"
            )
    return lines


def speaker_note(quote: Quote) -> str:
    names = [r.speaker for r in quote.renderings if r.speaker]
    if not names:
        return "speaker not named"
    return f"said by {names[0]}" if quote.same_speaker else "speakers differ"
