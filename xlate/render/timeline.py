"""The comparison report's timeline section in the terminal, Markdown and HTML: when each
outlet published, who reported each fact first and how much later the others did, each
outlet's firsts, and who repeats whose wording nearly verbatim.

The HTML graphic is an inline SVG (no script), one lane per outlet on a shared time axis,
scaled to the page's width.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time, timedelta

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from xlate.compare.report import Report, english_name
from xlate.compare.timeline import Echo, FactTimeline, Published, Timeline
from xlate.render.console import add_columns, cell, hanging
from xlate.textsafe import inert, md


def timeline_notes(timeline: Timeline, keys: dict[str, str]) -> list[str]:
    """What the reader must know about the times: days only, saved times, unknown times."""
    notes = []
    if timeline.dates_only:
        notes.append(
            "Only publication dates are known: outlets that published on one day are tied "
            "(“same day”); no hour is guessed."
        )
    saved = [o for o, p in timeline.published.items() if p is not None and p.precision == "saved"]
    known = [p for p in timeline.published.values() if p is not None]
    if saved and len(saved) == len(known):  # a trial: "firsts" that meant nothing
        notes.append(
            "No article gives its publication time: the times below are those the files "
            "were saved (marked “file saved”), so “first” means saved first, which need "
            "not be published first."
        )
    elif saved:
        notes.append(
            "No publication time in the article for "
            + ", ".join(keys[o] for o in saved)
            + ": the time its file was saved stands in (marked “file saved”)."
        )
    unknown = [o for o, p in timeline.published.items() if p is None]
    if unknown:
        notes.append(
            "No time known for "
            + ", ".join(keys[o] for o in unknown)
            + ": listed last, never first."
        )
    return notes


def when_text(p: Published | None) -> str:
    return p.shown() if p is not None else "unknown"


def later_text(row: FactTimeline, keys: dict[str, str]) -> str:
    """The outlets after the first, each with its delay: "E +1 day, F +2 days"."""
    return ", ".join(f"{keys[r.outlet]} {r.after}" for r in row.reports if r.after != "first")


def echo_text(e: Echo, keys: dict[str, str]) -> str:
    """ "F2: B repeats A nearly verbatim (96%); A published first"."""
    who = f"{e.fact}: {keys[e.outlet]} repeats {keys[e.source]} nearly verbatim ({e.ratio:.0f}%)"
    if e.order == "earlier":
        return f"{who}; {keys[e.source]} published first, the likely source"
    if e.order == "same day":
        return f"{who}; published the same day, which came first is unknown"
    return f"{who}; a time is unknown, so is the source"


# An outlet's firsts listed by id up to this many (the JSON's "firsts" lists every one).
FIRSTS_LISTED = 20


def firsts_text(timeline: Timeline, outlet: str) -> str:
    """ "3 (F1, F4, F9)"; past ``FIRSTS_LISTED`` ids, "… and 1,234 more"."""
    ids = timeline.firsts.get(outlet, ())
    if not ids:
        return "0"
    listed = ", ".join(ids[:FIRSTS_LISTED])
    more = f" and {len(ids) - FIRSTS_LISTED:,} more" if len(ids) > FIRSTS_LISTED else ""
    return f"{len(ids):,} ({listed}{more})"


# -- terminal ----------------------------------------------------------------------------------


def terminal_timeline(report: Report, keys: dict[str, str]) -> RenderableType:
    timeline = report.timeline
    assert timeline is not None
    parts: list[RenderableType] = [cell(n, "dim") for n in timeline_notes(timeline, keys)]
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    add_columns(
        table, [("", "left"), ("outlet", "left"), ("published", "left"), ("firsts", "left")]
    )
    for o in report.outlets:
        table.add_row(
            keys[o.id],
            cell(english_name(o)),
            cell(when_text(timeline.published.get(o.id))),
            cell(firsts_text(timeline, o.id)),
        )
    parts.append(table)
    if timeline.facts:
        facts = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
        add_columns(facts, [("fact", "left"), ("first", "left"), ("later", "left")])
        for row in timeline.facts:
            first = ", ".join(keys[o] for o in row.first) or "unknown"
            facts.add_row(row.fact, first, cell(later_text(row, keys) or "—"))
        parts.append(facts)
    if timeline.echoes:
        parts.append(Text("Nearly verbatim", style="bold"))
        for e in timeline.echoes:
            fact, said = echo_text(e, keys).split(": ", 1)
            parts.append(hanging(f"  {fact}:", said))
    return Group(*parts)


# -- Markdown ----------------------------------------------------------------------------------


def markdown_timeline(report: Report, keys: dict[str, str]) -> list[str]:
    timeline = report.timeline
    if timeline is None:
        return []
    out = ["", "## Timeline: who said it first", ""]
    out += [f"_{md(n)}_\n" for n in timeline_notes(timeline, keys)]
    out += ["| | outlet | published | firsts |", "|---|---|---|---|"]
    for o in report.outlets:
        when = md(when_text(timeline.published.get(o.id)))
        out.append(
            f"| {keys[o.id]} | {md(english_name(o))} | {when} | {firsts_text(timeline, o.id)} |"
        )
    out.append("")
    if timeline.facts:
        out += ["| fact | first | later |", "|---|---|---|"]
        for row in timeline.facts:
            first = ", ".join(keys[o] for o in row.first) or "unknown"
            out.append(f"| {row.fact} | {first} | {later_text(row, keys) or '—'} |")
        out.append("")
    if timeline.echoes:
        out += ["Nearly verbatim:", ""]
        out += [f"- {md(echo_text(e, keys))}" for e in timeline.echoes]
        out.append("")
    return out


# -- HTML --------------------------------------------------------------------------------------

TIMELINE_CSS = (
    ".timeline svg{display:block;width:100%;max-width:48rem;height:auto;margin:.4rem 0 .8rem}"
    ".timeline svg text{font-size:13px;fill:#1b1b1b}.timeline svg .axis{fill:#666}"
    ".timeline svg line{stroke:#ccc}.timeline table{width:100%;font-size:.9rem}"
    ".timeline th,.timeline td{text-align:left;vertical-align:top;padding:.3rem .4rem;"
    "border-bottom:1px solid #e4e4e4}"
)


def _h(text: object) -> str:
    return html.escape(inert(str(text)), quote=True)


def html_timeline(
    report: Report,
    keys: dict[str, str],
    badge: Callable[[str], str],
    colour: Callable[[str], str],
    *,
    links: bool = True,
) -> str:
    """The timeline section; ``badge`` is an outlet's key as HTML, ``colour`` its colour;
    ``links``: fact ids link to the facts' cards (on the page when it is the whole report)."""
    timeline = report.timeline
    if timeline is None:
        return ""
    notes = "".join(f'<p class="note">{_h(n)}</p>' for n in timeline_notes(timeline, keys))
    graphic = _svg(report, keys, colour)
    if graphic:
        graphic += (
            '<p class="note">A dot per outlet at its publication time; larger: more firsts.</p>'
        )
    rows = []
    for row in timeline.facts:
        first = " ".join(badge(o) for o in row.first) or "unknown"
        later = " ".join(
            f"{badge(r.outlet)} {_h(r.after)}" for r in row.reports if r.after != "first"
        )
        fact = f'<a href="#{row.fact}">{row.fact}</a>' if links else row.fact
        rows.append(f'<tr><th scope="row">{fact}</th><td>{first}</td><td>{later or "—"}</td></tr>')
    table = (
        '<div class="wide"><table><thead><tr><th scope="col">fact</th><th scope="col">first'
        f'</th><th scope="col">later</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        if rows
        else ""
    )
    echoes = "".join(f"<li>{_h(echo_text(e, keys))}</li>" for e in timeline.echoes)
    echoes = f'<h3>Nearly verbatim</h3><ul class="plain">{echoes}</ul>' if echoes else ""
    return (
        '<section id="timeline" class="timeline"><h2>Timeline: who said it first</h2>'
        f"{notes}{graphic}{table}{echoes}</section>"
    )


_WIDTH, _LANE, _LEFT, _RIGHT, _TOP = 720, 30, 190, 90, 10
_NAME_CHARS = 20  # an outlet's name beside its lane, cut past this many characters


def _svg(report: Report, keys: dict[str, str], colour: Callable[[str], str]) -> str:
    """One lane per outlet, a dot at its publication time on an axis of days (or times)."""
    timeline = report.timeline
    assert timeline is not None
    known = [p for p in timeline.published.values() if p is not None]
    if not known:
        return ""
    start = min(p.minute for p in known)
    # times are shown to the minute: within one minute they are one time, at the middle
    span = (max(p.minute for p in known) - start).total_seconds()
    inner = _WIDTH - _LEFT - _RIGHT
    height = _TOP + _LANE * len(report.outlets) + 24

    def x(p: Published) -> float:
        share = (p.minute - start).total_seconds() / span if span else 0.5
        return _LEFT + share * inner

    parts = []
    for n, o in enumerate(report.outlets):
        y = _TOP + _LANE * n + _LANE / 2
        p = timeline.published.get(o.id)
        firsts = len(timeline.firsts.get(o.id, ()))
        label = f"{firsts} first{'s' * (firsts != 1)}"
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.0f}" x2="{_LEFT + inner}" y2="{y:.0f}"/>'
            f'<text x="4" y="{y + 5:.0f}"><tspan font-weight="700">{_h(keys[o.id])}</tspan> '
            f"{_h(_cut(english_name(o)))}</text>"
        )
        if p is None:
            parts.append(f'<text x="{_LEFT + inner + 10}" y="{y + 5:.0f}">time unknown</text>')
            continue
        # a saved time is a hollow dot: the article was published by then
        fill, extra = (
            ("#fff", ' stroke-width="3"') if p.precision == "saved" else (colour(o.id), "")
        )
        parts.append(
            f'<circle cx="{x(p):.1f}" cy="{y:.0f}" r="{6 + min(firsts, 10)}" '
            f'fill="{fill}" stroke="{colour(o.id)}"{extra}>'
            f"<title>{_h(english_name(o))}: {_h(p.shown())}</title></circle>"
            f'<text x="{_LEFT + inner + 10}" y="{y + 5:.0f}">{_h(label)}</text>'
        )
    shown: set[str] = set()
    for p in _ticks(known):
        text = _tick_text(p, known)
        if text not in shown:  # three times of one minute: one label
            shown.add(text)
            parts.append(
                f'<text class="axis" x="{x(p):.1f}" y="{height - 6}" '
                f'text-anchor="middle">{_h(text)}</text>'
            )
    title = "When each outlet published; a larger dot is more facts reported first"
    return (
        f'<svg viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="{_h(title)}">'
        f"<title>{_h(title)}</title>{''.join(parts)}</svg>"
    )


def _cut(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


def _ticks(known: Sequence[Published]) -> list[Published]:
    """The axis labels: every day of the known times when they span a week or less, else
    the first and last time and one between."""
    ordered = sorted(known, key=lambda p: p.when)
    days = sorted({p.day for p in known})
    if len(days) > 1 and (days[-1] - days[0]).days <= 7:
        return [
            Published(datetime.combine(days[0] + timedelta(n), time(), UTC), "date", "axis")
            for n in range((days[-1] - days[0]).days + 1)
        ]
    picks = [ordered[0], ordered[len(ordered) // 2], ordered[-1]]
    unique: dict[object, Published] = {}
    for p in picks:
        unique.setdefault(p.when, p)
    return list(unique.values())


def _tick_text(p: Published, known: Sequence[Published]) -> str:
    if p.precision == "date" or len({q.day for q in known}) > 1:
        return p.day.isoformat()
    return p.when.astimezone(UTC).strftime("%H:%M UTC")
