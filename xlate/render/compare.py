"""The comparison report in a terminal (rich), as Markdown and as one self-contained HTML page.

Every piece of article text is untrusted: in the terminal it becomes a ``Text`` that rich
never parses as markup, with control and bidi characters made visible; in Markdown the
metacharacters are escaped; in HTML everything from an article is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from string import ascii_uppercase

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from xlate.render.console import add_columns, cell
from xlate.report import DiffOp, Fact, Report, verdict_text
from xlate.textsafe import inert, md

CHANGED = "bold yellow"
FRAMING = "magenta"


def outlet_keys(report: Report) -> dict[str, str]:
    """Short column keys A, B, C ... (AA, AB ... past 26) for outlets, in report order."""
    keys = {}
    for n, outlet in enumerate(report.outlets):
        key = ascii_uppercase[n % 26]
        keys[outlet.id] = key if n < 26 else ascii_uppercase[n // 26 - 1] + key
    return keys


def _diff_text(ops: Sequence[DiffOp], fallback: str) -> Text:
    """The member's words, those that differ from the representative highlighted."""
    if not ops:
        return cell(fallback)
    text = Text()
    for op in ops:
        if not op.after:
            continue
        if text:
            text.append(" ")
        text.append(inert(op.after), style="" if op.tag == "equal" else CHANGED)
    return text


# -- terminal -----------------------------------------------------------------------------------


def render_terminal(report: Report, console: Console, *, show_source: bool = False) -> None:
    keys = outlet_keys(report)
    console.print(_verdict(report, keys))
    console.print(_header(report, keys))
    if report.verdict.same_event:
        console.print(Rule("Shared facts", align="left"))
    for fact in report.facts:
        console.print(_fact(fact, report, keys, show_source))
    if report.conflicts:
        console.print(Rule("Conflicts inside a fact", align="left"))
        console.print(_conflicts(report, keys))
    if report.verdict.same_event:
        console.print(Rule("Only one outlet says", align="left"))
        console.print(_exclusives(report, keys, show_source))
    if report.quotes:
        console.print(Rule("Quotes", align="left"))
        console.print(_quotes(report, keys))
    if report.concepts:
        console.print(Rule("Names and framing", align="left"))
        console.print(_matrix(report, keys))


def _verdict(report: Report, keys: dict[str, str]) -> Text:
    """The same-event verdict, first: red when the articles do not report one event, yellow
    when an outlet shares nothing with the others."""
    verdict = report.verdict
    style = "bold red" if not verdict.same_event else "bold yellow" if verdict.unrelated else "bold"
    return cell(verdict_text(verdict, lambda o: keys[o]), style)


def _header(report: Report, keys: dict[str, str]) -> Table:
    table = Table(
        title=f"{len(report.outlets)} outlets, {len(report.facts)} shared facts",
        title_justify="left",
    )
    add_columns(
        table,
        [
            ("", "left"),
            ("outlet", "left"),
            ("lang", "left"),
            ("date", "left"),
            ("sentences", "right"),
            ("coverage", "right"),
            ("misses", "left"),
        ],
    )
    for outlet in report.outlets:
        table.add_row(
            cell(keys[outlet.id], "bold"),
            cell(outlet.name),
            cell(outlet.language),
            cell(outlet.date),
            cell(len(outlet.sentences)),
            cell(f"{report.coverage[outlet.id]:.0%}"),
            cell(", ".join(report.blind_spots[outlet.id]), "red"),
        )
    return table


def _fact(fact: Fact, report: Report, keys: dict[str, str], show_source: bool) -> Panel:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for m in fact.members:
        marker = (
            "*"
            if m is fact.representative
            or (m.outlet, m.index) == (fact.representative.outlet, fact.representative.index)
            else " "
        )
        table.add_row(cell(f"{keys[m.outlet]}{marker}", "bold"), _diff_text(m.diff, m.english))
        if show_source and m.lang != "en":
            table.add_row(cell(""), cell(m.source, "dim"))
    missing = ", ".join(keys[o] for o in fact.missing)
    subtitle = f"not in {missing}" if missing else "in every outlet"
    title = f"{fact.id}: {len(fact.outlets)}/{len(report.outlets)} outlets"
    return Panel(table, title=title, title_align="left", subtitle=subtitle, subtitle_align="left")


def _conflicts(report: Report, keys: dict[str, str]) -> Table:
    table = Table()
    for name in ("fact", "what", "outlets say"):
        table.add_column(name, overflow="fold")
    for fact, kind, values in report.conflicts:
        said = "; ".join(f"{keys[o]}: {', '.join(v)}" for o, v in values.items())
        table.add_row(cell(fact.id), cell(kind), cell(said, CHANGED))
    return table


def _exclusives(report: Report, keys: dict[str, str], show_source: bool) -> Group:
    rows = []
    for outlet in report.outlets:
        for m in report.exclusives[outlet.id]:
            line = Text.assemble((f"{keys[outlet.id]} ", "bold"), cell(m.english))
            rows.append(line)
            if show_source and m.lang != "en":
                rows.append(Text.assemble("  ", cell(m.source, "dim")))
    return Group(*rows) if rows else Group(cell("(nothing)", "dim"))


def _quotes(report: Report, keys: dict[str, str]) -> Group:
    panels = []
    for quote in report.quotes:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for r in quote.renderings:
            table.add_row(cell(keys[r.outlet], "bold"), cell(f"{r.english}  ({r.speaker})"))
        speakers = "one speaker" if quote.same_speaker else "speakers differ"
        panels.append(
            Panel(
                table,
                title=f"{quote.id}: {len(quote.renderings)} outlet(s), {speakers}",
                title_align="left",
            )
        )
    return Group(*panels)


def _matrix(report: Report, keys: dict[str, str]) -> Table:
    table = Table()
    table.add_column("concept", overflow="fold")
    table.add_column("type", overflow="fold")
    for outlet in report.outlets:
        table.add_column(keys[outlet.id], justify="right", no_wrap=True)
    for row in report.concepts:
        style = FRAMING if row.framing else ""
        table.add_row(
            cell(row.english or row.concept, style),
            cell(row.type, style),
            *[cell(row.counts.get(o.id, "·"), style) for o in report.outlets],
        )
    return table


# -- Markdown -----------------------------------------------------------------------------------


def _md_diff(ops: Sequence[DiffOp], fallback: str) -> str:
    if not ops:
        return md(fallback)
    words = [md(op.after) if op.tag == "equal" else f"**{md(op.after)}**" for op in ops if op.after]
    return " ".join(words)


def render_markdown(report: Report, *, show_source: bool = False) -> str:
    keys = outlet_keys(report)
    out = [
        f"# {len(report.outlets)} outlets, {len(report.facts)} shared facts",
        "",
        f"**{md(verdict_text(report.verdict, lambda o: keys[o]))}**",
        "",
        "| | outlet | lang | date | sentences | coverage | misses |",
        "|---|---|---|---|---:|---:|---|",
    ]
    for o in report.outlets:
        out.append(
            f"| {keys[o.id]} | {md(o.name)} | {o.language} | {md(o.date)} | "
            f"{len(o.sentences)} | {report.coverage[o.id]:.0%} | "
            f"{', '.join(report.blind_spots[o.id])} |"
        )
    out += ["", "## Shared facts", ""] if report.verdict.same_event else [""]
    for fact in report.facts:
        missing = ", ".join(keys[o] for o in fact.missing) or "none"
        out += [
            f"### {fact.id}: {len(fact.outlets)}/{len(report.outlets)} outlets "
            f"(missing: {missing})",
            "",
        ]
        for m in fact.members:
            out.append(f"- **{keys[m.outlet]}** {_md_diff(m.diff, m.english)}")
            if show_source and m.lang != "en":
                out.append(f"  - {md(m.source)}")
        out.append("")
    if report.conflicts:
        out += ["## Conflicts inside a fact", "", "| fact | what | outlets say |", "|---|---|---|"]
        for fact, kind, values in report.conflicts:
            said = "; ".join(f"{keys[o]}: {', '.join(v)}" for o, v in values.items())
            out.append(f"| {fact.id} | {kind} | {md(said)} |")
        out.append("")
    if report.verdict.same_event:
        out += ["## Only one outlet says", ""]
        for o in report.outlets:
            out += [f"- **{keys[o.id]}** {md(m.english)}" for m in report.exclusives[o.id]]
        out.append("")
    out += ["## Quotes", ""]
    for q in report.quotes:
        speakers = "one speaker" if q.same_speaker else "speakers differ"
        out += [f"### {q.id}: {len(q.renderings)} outlet(s), {speakers}", ""]
        out += [f"- **{keys[r.outlet]}** {md(r.english)} ({md(r.speaker)})" for r in q.renderings]
        out.append("")
    out += [
        "## Names and framing",
        "",
        "| concept | type | " + " | ".join(keys[o.id] for o in report.outlets) + " |",
        "|---|---|" + "---:|" * len(report.outlets),
    ]
    for row in report.concepts:
        name = f"**{md(row.english)}**" if row.framing else md(row.english)
        counts = " | ".join(str(row.counts.get(o.id, "·")) for o in report.outlets)
        out.append(f"| {name} | {row.type} | {counts} |")
    return "\n".join(out) + "\n"


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;
text-align:left;vertical-align:top}mark{background:#ffe58a}.framing{color:#8a2a8a;font-weight:600}
.src{color:#666;font-size:90%}.key{font-weight:700}.missing{color:#b00}section{margin:1.5rem 0}"""


def h(text: object) -> str:
    return html.escape(inert(str(text)), quote=True)


def _html_diff(ops: Sequence[DiffOp], fallback: str) -> str:
    if not ops:
        return h(fallback)
    return " ".join(
        h(op.after) if op.tag == "equal" else f"<mark>{h(op.after)}</mark>"
        for op in ops
        if op.after
    )


def render_html(report: Report, *, show_source: bool = False) -> str:
    keys = outlet_keys(report)
    title = f"{len(report.outlets)} outlets, {len(report.facts)} shared facts"
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{h(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{h(title)}</h1>",
        f'<p class="verdict"><strong>{h(verdict_text(report.verdict, lambda o: keys[o]))}'
        "</strong></p>",
        "<table><tr><th></th><th>outlet</th><th>lang</th><th>date</th>"
        "<th>sentences</th><th>coverage</th><th>misses</th></tr>",
    ]
    for o in report.outlets:
        parts.append(
            f'<tr><td class="key">{keys[o.id]}</td><td>{h(o.name)}</td>'
            f"<td>{h(o.language)}</td><td>{h(o.date)}</td><td>{len(o.sentences)}</td>"
            f"<td>{report.coverage[o.id]:.0%}</td>"
            f'<td class="missing">{h(", ".join(report.blind_spots[o.id]))}</td></tr>'
        )
    parts.append("</table><section>")
    if report.verdict.same_event:
        parts.append("<h2>Shared facts</h2>")
    for fact in report.facts:
        missing = ", ".join(keys[o] for o in fact.missing) or "none"
        parts.append(
            f"<h3>{fact.id}: {len(fact.outlets)}/{len(report.outlets)} outlets "
            f"(missing: {h(missing)})</h3><table>"
        )
        for m in fact.members:
            src = f'<div class="src">{h(m.source)}</div>' if show_source and m.lang != "en" else ""
            parts.append(
                f'<tr><td class="key">{keys[m.outlet]}</td>'
                f"<td>{_html_diff(m.diff, m.english)}{src}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    if report.conflicts:
        parts.append(
            "<section><h2>Conflicts inside a fact</h2><table>"
            "<tr><th>fact</th><th>what</th><th>outlets say</th></tr>"
        )
        for fact, kind, values in report.conflicts:
            said = "; ".join(f"{keys[o]}: {', '.join(v)}" for o, v in values.items())
            parts.append(
                f"<tr><td>{fact.id}</td><td>{h(kind)}</td><td><mark>{h(said)}</mark></td></tr>"
            )
        parts.append("</table></section>")
    if report.verdict.same_event:
        parts.append("<section><h2>Only one outlet says</h2><ul>")
        for o in report.outlets:
            parts += [
                f'<li><span class="key">{keys[o.id]}</span> {h(m.english)}</li>'
                for m in report.exclusives[o.id]
            ]
        parts.append("</ul></section>")
    parts.append("<section><h2>Quotes</h2>")
    for q in report.quotes:
        speakers = "one speaker" if q.same_speaker else "speakers differ"
        parts.append(f"<h3>{q.id}: {len(q.renderings)} outlet(s), {speakers}</h3><ul>")
        parts += [
            f'<li><span class="key">{keys[r.outlet]}</span> {h(r.english)} ({h(r.speaker)})</li>'
            for r in q.renderings
        ]
        parts.append("</ul>")
    parts.append(
        "</section><section><h2>Names and framing</h2><table><tr><th>concept</th>"
        "<th>type</th>" + "".join(f"<th>{keys[o.id]}</th>" for o in report.outlets) + "</tr>"
    )
    for row in report.concepts:
        cls = ' class="framing"' if row.framing else ""
        counts = "".join(f"<td>{row.counts.get(o.id, '·')}</td>" for o in report.outlets)
        parts.append(f"<tr{cls}><td>{h(row.english)}</td><td>{h(row.type)}</td>{counts}</tr>")
    parts.append("</table></section></body></html>")
    return "\n".join(parts) + "\n"
