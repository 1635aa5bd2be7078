"""A story's timeline: who reported each fact first, how much later the others did, each
outlet's firsts, and which outlets repeat another's wording nearly verbatim.

Times come from one accessor, :func:`published`: a publication time the article's fields give
(``PUBLISHED_FIELDS``, with its timezone), else its date (a day only: outlets published on one
day are tied, "same day", and no hour is invented), else the time its file was saved, marked
as such. The timeline is built from the report's facts; it never aligns anything itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, Protocol

from xlate.compare.prepare import QUOTE, Outlet
from xlate.dates import parse_date
from xlate.model import frozen

# How much a publication time tells: a time of day, a day only, or the file's saved time.
Precision = Literal["time", "date", "saved"]

# The article's fields (its ``extra``, from a page, a feed or a manifest) that carry a
# publication time, first found wins; ``date`` (the article's own field) comes after them.
PUBLISHED_FIELDS = ("published", "published_time", "datePublished", "pubDate")

# rapidfuzz's ratio (0-100) between two outlets' English sentences of one fact at or above
# which one repeats the other's wording nearly verbatim.
ECHO_RATIO = 90.0


class Said(Protocol):
    """A sentence of a fact as the timeline reads it (a report's ``Member``)."""

    @property
    def outlet(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def english(self) -> str: ...


class Fact(Protocol):
    """A fact as the timeline reads it (a report's ``Fact``: the report holds the timeline,
    so this module does not import it)."""

    @property
    def id(self) -> str: ...
    @property
    def members(self) -> Sequence[Said]: ...


@dataclass(frozen=True, slots=True)
class Published:
    """When an article was published, how precisely, and where that came from."""

    when: datetime  # timezone-aware for times; midnight UTC of the day for dates
    precision: Precision
    source: str  # the field it was read from, or "file saved time"

    @property
    def day(self) -> date:
        """The day in UTC (a date alone is taken as a UTC day)."""
        return self.when.astimezone(UTC).date()

    @property
    def minute(self) -> datetime:
        """The time to the minute, in UTC: as it is shown, and as outlets are ordered (a
        file saved seconds after another is not the later publication)."""
        return self.when.astimezone(UTC).replace(second=0, microsecond=0)

    def shown(self) -> str:
        """2024-11-19 (a day), 2024-11-19 06:30 UTC (a time), or 2024-11-19 06:30 UTC (saved)."""
        if self.precision == "date":
            return self.day.isoformat()
        text = self.when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"{text} (file saved)" if self.precision == "saved" else text

    def to_json(self) -> dict[str, Any]:
        when = self.day.isoformat() if self.precision == "date" else self.when.isoformat()
        return {"when": when, "precision": self.precision, "from": self.source}


def parse_time(text: str) -> tuple[datetime, Precision] | None:
    """An ISO 8601 time (its zone kept; none taken as UTC), else a date in any form
    :func:`xlate.dates.parse_date` reads (2024-11-19, 19.11.2024, 2024年11月19日, 19 ноября
    2024) as a day only; None for anything else."""
    text = text.strip()
    if len(text) > 10 and text[:4].isdigit():
        try:
            found = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            found = None
        if found is not None:
            return (found if found.tzinfo else found.replace(tzinfo=UTC)), "time"
    day = parse_date(text)
    if day is None:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC), "date"


def published(outlet: Outlet) -> Published | None:
    """When ``outlet``'s article was published: a time field, else its date, else the time
    its file was saved; None when none is known."""
    fields: Mapping[str, object] = outlet.extra
    for name in PUBLISHED_FIELDS:
        value = fields.get(name)
        if isinstance(value, str) and (found := parse_time(value)):
            return Published(found[0], found[1], name)
    if found := parse_time(outlet.date):
        return Published(found[0], found[1], "date")
    recorded = fields.get("file_saved")  # a translate output's input, not the output itself
    if isinstance(recorded, str) and (found := parse_time(recorded)):
        return Published(found[0], "saved", "file saved time")
    try:
        saved = os.stat(outlet.path).st_mtime if outlet.path else None
    except OSError:
        saved = None
    if saved is None:
        return None
    return Published(datetime.fromtimestamp(saved, UTC), "saved", "file saved time")


def order(a: Published | None, b: Published | None) -> int | None:
    """-1 when ``a`` is known to come before ``b``, 1 after, 0 when they cannot be told apart
    (one day, and one of them a day only; one minute), None when either is unknown.

    A file's saved time beside a publication time says only that the article was published
    by then: it comes first when it is the earlier (it was published before it was saved),
    and else nothing is known. Two saved times stand in for publication times."""
    if a is None or b is None:
        return None
    if a.precision == "date" or b.precision == "date":
        step = (a.day > b.day) - (a.day < b.day)
    else:
        step = (a.minute > b.minute) - (a.minute < b.minute)
    saved = (a.precision == "saved", b.precision == "saved")
    if saved == (True, False):  # a published no later than a's time
        return -1 if step == -1 else None
    if saved == (False, True):
        return 1 if step == 1 else None
    return step


def lag_text(first: Published | None, later: Published | None) -> str:
    """How much after ``first`` ``later`` came: "first", "same day", "+2 days", "+3 h 20 min"
    (hours only between two times), "time unknown"."""
    step = order(first, later)
    if step is None or first is None or later is None:
        return "time unknown"
    if first.precision == "date" or later.precision == "date":
        days = (later.day - first.day).days
        return "same day" if days == 0 else f"+{days} day{'s' * (days != 1)}"
    minutes = round((later.minute - first.minute).total_seconds() / 60)
    if minutes == 0:
        return "same time"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{minutes} min"] if minutes or not parts else []
    return "+" + " ".join(parts)


@dataclass(frozen=True, slots=True)
class Carried:
    """One outlet's report of a fact: when, and how long after the first."""

    outlet: str
    index: int  # the outlet's sentence
    after: str  # "first", or :func:`lag_text` of the first outlet's time and this one's


@dataclass(frozen=True, slots=True)
class FactTimeline:
    fact: str
    first: tuple[str, ...]  # the outlets nobody is known to have preceded
    reports: tuple[Carried, ...]  # the outlets in order of time, unknown times last


@dataclass(frozen=True, slots=True)
class Echo:
    """Outlet ``outlet`` repeats ``source``'s wording of a fact nearly verbatim.

    ``order`` says whether ``source`` is known to come first (``earlier``), the two are tied
    (``same day``: which copied which cannot be told) or a time is unknown."""

    fact: str
    outlet: str
    source: str
    ratio: float
    order: Literal["earlier", "same day", "unknown"]


@dataclass(frozen=True, slots=True)
class Timeline:
    published: Mapping[str, Published | None]  # outlet -> when
    facts: tuple[FactTimeline, ...]
    firsts: Mapping[str, tuple[str, ...]]  # outlet -> the facts it reported first
    echoes: tuple[Echo, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "published", frozen(self.published))
        object.__setattr__(self, "firsts", frozen(self.firsts))

    @property
    def dates_only(self) -> bool:
        """Whether no two outlets can be ordered within a day (no time of day is known)."""
        known = [p for p in self.published.values() if p is not None]
        return bool(known) and all(p.precision == "date" for p in known)

    def to_json(self) -> dict[str, Any]:
        return {
            "published": {o: p.to_json() if p else None for o, p in self.published.items()},
            "dates_only": self.dates_only,
            "facts": [
                {
                    "fact": f.fact,
                    "first": list(f.first),
                    "reports": [
                        {"outlet": r.outlet, "index": r.index, "after": r.after} for r in f.reports
                    ],
                }
                for f in self.facts
            ],
            "firsts": {o: list(ids) for o, ids in self.firsts.items()},
            "echoes": [
                {
                    "fact": e.fact,
                    "outlet": e.outlet,
                    "source": e.source,
                    "ratio": round(e.ratio, 1),
                    "order": e.order,
                }
                for e in self.echoes
            ],
        }


def _sort_key(p: Published | None) -> tuple[int, date, datetime]:
    """Unknown times last; within a day, days-only before times (they may be earlier)."""
    if p is None:
        return (1, date.max, datetime.max.replace(tzinfo=UTC))
    exact = p.minute if p.precision != "date" else datetime.min.replace(tzinfo=UTC)
    return (0, p.day, exact)


def fact_timeline(fact: Fact, when: Mapping[str, Published | None]) -> FactTimeline:
    """Who carried ``fact`` first and how much later each other outlet did."""
    index: dict[str, int] = {}
    for m in fact.members:
        index.setdefault(m.outlet, m.index)  # the outlet's first sentence of the fact
    outlets = sorted(index, key=lambda o: (_sort_key(when.get(o)), o))
    known = {o: p for o in outlets if (p := when.get(o)) is not None}
    # beside publication times, a saved time is first only when it is the earliest of all
    # (the file was saved before the others were published): else it tells nothing
    published = [p for p in known.values() if p.precision != "saved"]

    def leads(o: str) -> bool:
        mine = known[o]
        if any(order(known.get(x), mine) == -1 for x in outlets):
            return False
        return mine.precision != "saved" or all(order(mine, p) == -1 for p in published)

    first = tuple(o for o in outlets if o in known and leads(o))
    reports = tuple(
        Carried(o, index[o], "first" if o in first else _lag(first, o, when)) for o in outlets
    )
    return FactTimeline(fact.id, first, reports)


def _lag(first: Sequence[str], outlet: str, when: Mapping[str, Published | None]) -> str:
    """How long after the first outlets ``outlet`` came, counted from one it is known to
    follow; in hours when both times are known to the minute."""
    mine = when.get(outlet)
    before = [when.get(f) for f in first if order(when.get(f), mine) == -1]
    exact = [p for p in before if p is not None and p.precision != "date"]
    lead = (exact or before or [when.get(first[0]) if first else None])[0]
    if mine is not None and mine.precision == "date":
        lead = before[0] if before else lead
    return lag_text(lead, mine)


def echoes(fact: Fact, when: Mapping[str, Published | None]) -> list[Echo]:
    """The pairs of outlets whose English sentences of ``fact`` are nearly the same words
    (rapidfuzz's ratio, case folded), each with the likely source: the earlier outlet; one
    pair of outlets once, at its closest sentences (a fact may hold two of an outlet)."""
    from rapidfuzz import fuzz

    found: list[Echo] = []
    members = fact.members
    own = [_own_words(m.english) for m in members]
    for n, a in enumerate(members):
        for k, b in enumerate(members[n + 1 :], n + 1):
            if a.outlet == b.outlet or min(len(own[n].split()), len(own[k].split())) < 5:
                continue  # a quote and "he said" are the speaker's words, not an outlet's
            ratio = fuzz.ratio(own[n].casefold(), own[k].casefold())
            if ratio < ECHO_RATIO:
                continue
            step = order(when.get(a.outlet), when.get(b.outlet))
            source, copier = (b, a) if step == 1 else (a, b)
            kind: Literal["earlier", "same day", "unknown"] = (
                "unknown" if step is None else "same day" if step == 0 else "earlier"
            )
            found.append(Echo(fact.id, copier.outlet, source.outlet, ratio, kind))
    best: dict[frozenset[str], Echo] = {}
    for echo in found:
        pair = frozenset((echo.outlet, echo.source))
        if pair not in best or echo.ratio > best[pair].ratio:
            best[pair] = echo
    return [e for e in found if best[frozenset((e.outlet, e.source))] is e]


def _own_words(english: str) -> str:
    """A sentence without what it quotes: the outlet's own words (a trial: two outlets
    quoting one speaker were "A repeats C")."""
    return " ".join(QUOTE.sub(" ", english).split())


def build_timeline(outlets: Sequence[Outlet], facts: Sequence[Fact]) -> Timeline:
    """The timeline of ``facts`` among ``outlets`` (each outlet's time from :func:`published`)."""
    when = {o.id: published(o) for o in outlets}
    rows = tuple(fact_timeline(f, when) for f in facts)
    firsts = {o.id: tuple(r.fact for r in rows if o.id in r.first) for o in outlets}
    found = tuple(e for f in facts for e in echoes(f, when))
    return Timeline(when, rows, firsts, found)
