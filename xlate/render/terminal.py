"""The comparison report in a terminal, with rich: one renderable per section. Article text
becomes a ``Text`` rich never parses as markup, control and bidi characters made visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from xlate.compare.prepare import Outlet
from xlate.compare.report import (
    Fact,
    Member,
    Report,
    Span,
    doubt_note,
    english_name,
    headline,
    native_name,
    verdict_text,
)
from xlate.compare.summary import LEGEND
from xlate.dates import shown_date
from xlate.render.compare import (
    coverage_shown,
    event_heading,
    every_outlet,
    extra_detail,
    fact_conflicts,
    is_reference,
    lacks_listed,
    lacks_more,
    omissions,
    outlet_keys,
    report_byline,
    report_title,
    said_line,
    show_id,
    speaker_note,
)
from xlate.render.console import add_columns, cell, hanging, hanging_table
from xlate.render.timeline import terminal_timeline
from xlate.textsafe import inert

# How each kind of difference that matters is shown in a terminal.
MARK_STYLES = {
    "name": "bold cyan",
    "number": "bold yellow",
    "date": "bold yellow",
    "framing": "bold magenta",
    "negation": "bold red",
    "opposite": "bold red",
}


CONFLICT = "bold yellow"


FRAMING = "magenta"


def render_terminal(
    report: Report, console: Console, *, show_source: bool = False, timeline_only: bool = False
) -> None:
    for renderable in terminal_sections(
        report, show_source=show_source, timeline_only=timeline_only
    ):
        console.print(renderable)


def terminal_sections(
    report: Report, *, show_source: bool = False, timeline_only: bool = False
) -> list[RenderableType]:
    """The report as rich renderables, in reading order (for printing or paging);
    ``timeline_only``: the title, the byline and the timeline alone."""
    keys = outlet_keys(report)
    if timeline_only:
        return [
            Text(inert(report_title(report)), style="bold"),
            Text(report_byline(report), style="dim"),
            *_t_timeline(report, keys),
        ]
    out: list[RenderableType] = [
        Text(inert(report_title(report)), style="bold"),
        cell(report_byline(report), "dim"),
        _t_verdict(report, keys),
        _t_outlets(report, keys),
        _t_headlines(report, keys),
    ]
    if notes := omissions(report, keys):
        out += [Rule("Left out and partial", align="left"), _t_lines(notes)]
    if report.summary:
        out += [Rule("Summary", align="left"), cell(report.summary)]
    out += [Rule("Legend", align="left"), _t_legend()]
    if report.verdict.events:
        out.append(Rule("Shared facts", align="left"))
        for fact in report.facts:
            if heading := event_heading(report, fact, keys):
                out.append(cell(heading, "bold"))
            out.append(_t_fact(fact, report, keys, show_source))
    if report.conflicts:
        out += [Rule("Conflicts inside a fact", align="left"), _t_conflicts(report, keys)]
    if report.verdict.events:
        exclusives = _t_exclusives(report, keys, show_source)
        out += [Rule("Only one outlet says", align="left"), exclusives]
    if report.quotes:
        out += [Rule("Quotes", align="left"), _t_quotes(report, keys)]
    if report.concepts:
        out += [Rule("Names and framing", align="left"), _Matrix(report, keys)]
    return out + _t_timeline(report, keys)


def _t_timeline(report: Report, keys: dict[str, str]) -> list[RenderableType]:
    if report.timeline is None:
        return []
    return [Rule("Timeline: who said it first", align="left"), terminal_timeline(report, keys)]


def _t_verdict(report: Report, keys: dict[str, str]) -> Text:
    """The verdict, first: red when the articles report no event, yellow when they report
    several or an outlet shares nothing with the others."""
    verdict = report.verdict
    style = (
        "bold red"
        if not verdict.events
        else "bold yellow"
        if verdict.unrelated or not verdict.same_event
        else "bold"
    )
    return cell(verdict_text(verdict, lambda o: keys[o]), style)


def _t_lines(lines: Sequence[str]) -> RenderableType:
    """ "left out: FILE: why" lines, each wrapped under the text after its label."""
    return Group(
        *(hanging(f"  {label}:", text) for label, text in (x.split(": ", 1) for x in lines))
    )


def _t_outlets(report: Report, keys: dict[str, str]) -> Table:
    table = Table()
    add_columns(
        table,
        [
            ("", "left"),
            ("outlet", "left"),
            ("lang", "left"),
            ("date", "left"),
            ("coverage", "right"),
            ("lacks", "left"),
        ],
    )
    for outlet in report.outlets:
        name = cell(english_name(outlet))
        if native_name(outlet):
            name.append_text(cell(f"\n{native_name(outlet)}", "dim"))
        if show_id(report, outlet):
            name.append_text(cell(f"\n{outlet.id}", "dim"))
        lacks = _t_lacks(report, outlet)
        table.add_row(
            cell(keys[outlet.id], "bold"),
            name,
            cell(outlet.language),
            cell(shown_date(outlet.date)),
            cell(coverage_shown(report, outlet)),
            lacks,
        )
    return table


def _t_lacks(report: Report, outlet: Outlet) -> Text:
    """The facts an outlet lacks, comma-separated, those most outlets carry in bold red: one
    Text with a span per bold fact, not a cell per fact joined (of 10,000 sentences an outlet
    may lack thousands)."""
    lacks = [(inert(f), most) for f, most in lacks_listed(report, outlet)]
    text = Text(", ".join(f for f, _ in lacks))
    at = 0
    for f, most in lacks:
        if most:
            text.stylize("bold red", at, at + len(f))
        at += len(f) + 2
    if more := lacks_more(report, outlet):
        text.append(f", {more}", style="dim")
    return text


def _t_headlines(report: Report, keys: dict[str, str]) -> Group:
    table = hanging_table()
    for outlet in report.outlets:
        if headline(outlet):
            table.add_row(cell(keys[outlet.id], "bold"), cell(headline(outlet), "italic"))
    return Group(Text("Headlines", style="bold"), table) if table.row_count else Group()


def _t_legend() -> Table:
    table = hanging_table()
    for mark, meaning in LEGEND:
        if mark == "highlighted":  # each sample named, so the row reads without colour too
            samples = Text(", ").join(
                Text.assemble(Text(sample, style=style), f" ({kind})")
                for sample, style, kind in _KIND_SAMPLES
            )
            table.add_row(
                Text(mark, style="bold"),
                Text.assemble(
                    meaning, "; shown as ", samples, "; without colour, *between asterisks*"
                ),
            )
        else:
            table.add_row(Text(mark, style="bold"), Text(meaning))
    return table


_KIND_SAMPLES = [
    ("Name", MARK_STYLES["name"], "a name"),
    ("12", MARK_STYLES["number"], "a number or date"),
    ("framing", MARK_STYLES["framing"], "a framing word"),
    ("not", MARK_STYLES["negation"], "a negation"),
    ("small", MARK_STYLES["opposite"], "an opposite, as large / small"),
]


def _t_member(m: Member) -> RenderableType:
    """The member's words, the differences that matter styled by kind."""
    if not m.marks:
        return cell(m.english)
    return _Marked(m.marks)


class _Marked:
    """Words with their marks: styled on a console with colour; between asterisks on one
    without (a file, a pipe, NO_COLOR), where styles vanish (a trial's report written to a
    file showed no mark at all, its legend still naming them). ``before`` and ``after``:
    text around them (a quotation's marks, the speaker)."""

    def __init__(self, marks: Sequence[Span], before: str = "", after: Text | None = None) -> None:
        self.marks, self.before, self.after = marks, before, after

    def text(self, console: Console) -> Text:
        plain = console.color_system is None or console.no_color
        words = Text("").join(
            cell(f"*{s.text}*" if s.kind and plain else s.text, MARK_STYLES.get(s.kind, ""))
            for s in self.marks
        )
        return Text.assemble(cell(self.before), words, self.after or "")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text(console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text(console))


_ABSENT_WIDTH = 56  # the longest list of outlets a fact's panel names at 80 columns


def _t_fact(fact: Fact, report: Report, keys: dict[str, str], show_source: bool) -> Panel:
    table = hanging_table()
    for m in fact.members:
        marker = "*" if is_reference(m, fact) else " "
        table.add_row(cell(f"{keys[m.outlet]}{marker}", "bold"), _t_member(m))
        if show_source and m.lang != "en":
            table.add_row(cell(""), cell(m.source, "dim"))
    if clash := fact_conflicts(fact, keys):
        table.add_row(cell("!", "bold"), cell(f"conflict, {clash}"))
    if extra := extra_detail(fact, keys):
        table.add_row(cell("+", "dim"), cell(f"extra detail: {extra}", "dim"))
    missing = ", ".join(keys[o] for o in fact.missing)
    if len(missing) > _ABSENT_WIDTH:  # a panel's subtitle is cut, not wrapped, at its width
        missing = f"{len(fact.missing)} outlets of its event"
    subtitle = f"not in {missing}" if missing else every_outlet(report, fact)
    title = f"{fact.id}: {len(fact.outlets)}/{fact.among} outlets"
    return Panel(table, title=title, title_align="left", subtitle=subtitle, subtitle_align="left")


def _t_conflicts(report: Report, keys: dict[str, str]) -> Table:
    table = Table()
    for name in ("fact", "what", "outlets say"):
        table.add_column(name, overflow="fold")
    for fact, kind, values in report.conflicts:
        doubt = doubt_note(fact, keys.__getitem__)
        said = said_line(values, keys) + (f" ({doubt})" if doubt else "")
        table.add_row(cell(fact.id), cell(kind), cell(said, CONFLICT))
    return table


def _t_exclusives(report: Report, keys: dict[str, str], show_source: bool) -> RenderableType:
    table = hanging_table()
    for outlet in report.outlets:
        for m in report.exclusives[outlet.id]:
            table.add_row(cell(keys[outlet.id], "bold"), cell(m.english))
            if show_source and m.lang != "en":
                table.add_row(cell(""), cell(m.source, "dim"))
    return table if table.row_count else cell("(nothing)", "dim")


def _t_quotes(report: Report, keys: dict[str, str]) -> Group:
    panels = []
    for quote in report.quotes:
        table = hanging_table()
        for r in quote.renderings:
            after = cell("”")
            if not quote.same_speaker:
                after.append_text(cell(f" ({r.speaker or 'speaker not named'})", "dim"))
            shown: RenderableType = (
                _Marked(r.marks, "“", after)
                if any(m.kind for m in r.marks)
                else Text.assemble(cell(f"“{r.english}"), after)
            )
            table.add_row(cell(keys[r.outlet], "bold"), shown)
        count = f"{len(quote.outlets)} outlet{'s' * (len(quote.outlets) != 1)}"
        panels.append(
            Panel(table, title=f"{quote.id}: {count}, {speaker_note(quote)}", title_align="left")
        )
    return Group(*panels)


# The names-and-framing table keeps this much of the width for its concept and type columns;
# the outlets' columns share the rest, in as many tables as they need (50 outlets' columns in
# one table at 120 characters left the concepts no room at all).
MATRIX_NAMES = 40


class _Matrix:
    """The names-and-framing table, cut at render time into tables of as many outlets as fit
    the console's width."""

    def __init__(self, report: Report, keys: dict[str, str]) -> None:
        self.report, self.keys = report, keys

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        outlets = self.report.outlets
        counts = [str(n) for row in self.report.concepts for n in row.counts.values()]
        widest = max(len(x) for x in [*counts, *(self.keys[o.id] for o in outlets)])
        per = max(1, (options.max_width - MATRIX_NAMES) // (widest + 3))  # padding, border
        for lo in range(0, len(outlets), per):
            yield _t_matrix(self.report, self.keys, outlets[lo : lo + per])


def _t_matrix(report: Report, keys: dict[str, str], outlets: Sequence[Outlet]) -> Table:
    table = Table()
    table.add_column("concept", overflow="fold")
    table.add_column("type", overflow="fold")
    for outlet in outlets:
        table.add_column(keys[outlet.id], justify="right", no_wrap=True)
    for row in report.concepts:
        style = FRAMING if row.framing else ""
        table.add_row(
            cell(row.label, style),
            cell(row.type, style),
            *[cell(row.counts.get(o.id, "·"), style) for o in outlets],
        )
    return table
