"""The comparison report in a terminal (rich), as Markdown and as one self-contained HTML page.

All three tell the same story in the same order, one function per section: the event and its
outlets (English names, native names, headlines), a one-paragraph summary, the legend, the
shared facts, the conflicts, what only one outlet says, the quotes, names and framing.

Every piece of article text is untrusted: in the terminal it becomes a ``Text`` that rich
never parses as markup, with control and bidi characters made visible; in Markdown the
metacharacters are escaped; in HTML everything from an article is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from string import ascii_uppercase

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from xlate.compare.diff import split_said
from xlate.compare.prepare import Outlet
from xlate.compare.report import (
    Fact,
    Member,
    Quote,
    Report,
    date_range,
    english_name,
    headline,
    native_name,
)
from xlate.compare.summary import LEGEND
from xlate.render.console import add_columns, cell
from xlate.textsafe import inert, md

# How each kind of difference that matters is shown in a terminal.
MARK_STYLES = {
    "name": "bold cyan",
    "number": "bold yellow",
    "date": "bold yellow",
    "framing": "bold magenta",
    "negation": "bold red",
}
CONFLICT = "bold yellow"
FRAMING = "magenta"


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


def _title(report: Report) -> str:
    return report.event or f"{len(report.outlets)} outlets compared"


def _byline(report: Report) -> str:
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


def _is_reference(m: Member, fact: Fact) -> bool:
    return (m.outlet, m.index) == (fact.representative.outlet, fact.representative.index)


def _said(values: dict[str, list[str]], keys: dict[str, str]) -> str:
    """What the outlets say, outlets that say the same grouped: "A: 13 ...; B, C: 12 ..."."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for outlet, said in values.items():
        groups.setdefault(tuple(split_said(v)[0] for v in said), []).append(outlet)
    parts = []
    for value, outlets in groups.items():
        notes = _said_words(keys, outlets, values)
        note = f" ({notes})" if notes else ""
        parts.append(f"{', '.join(keys[o] for o in outlets)}: {', '.join(value)}{note}")
    return "; ".join(parts)


def _said_words(keys: dict[str, str], outlets: list[str], values: dict[str, list[str]]) -> str:
    """The words outlets said where a date was completed from the article's date: “the 13th”
    for one outlet, "E: “the 12th”" among several."""
    said = [(o, split_said(v)[1]) for o in outlets for v in values[o]]
    if len(outlets) == 1:
        return "; ".join(f"“{w}”" for _, w in said if w)
    return "; ".join(f"{keys[o]}: “{w}”" for o, w in said if w)


def _show_id(report: Report, outlet: Outlet) -> bool:
    """Whether the outlet's id goes beside its name: when the id was made unique from the
    file's folders, or another outlet has the same name."""
    same = sum(english_name(o) == english_name(outlet) for o in report.outlets)
    return "/" in outlet.id or "#" in outlet.id or same > 1


def _lacks(report: Report, outlet: Outlet) -> list[tuple[str, bool]]:
    """The facts an outlet does not carry, each with whether most outlets carry it."""
    blind = set(report.blind_spots.get(outlet.id, ()))
    return [(f, f in blind) for f in report.lacks.get(outlet.id, ())]


# -- terminal -----------------------------------------------------------------------------------


def render_terminal(report: Report, console: Console, *, show_source: bool = False) -> None:
    for renderable in terminal_sections(report, show_source=show_source):
        console.print(renderable)


def terminal_sections(report: Report, *, show_source: bool = False) -> list[RenderableType]:
    """The report as rich renderables, in reading order (for printing or paging)."""
    keys = outlet_keys(report)
    out: list[RenderableType] = [
        Text(inert(_title(report)), style="bold"),
        Text(_byline(report), style="dim"),
        _t_outlets(report, keys),
        _t_headlines(report, keys),
    ]
    if notes := omissions(report, keys):
        out += [Rule("Left out and partial", align="left"), _t_lines(notes)]
    if report.summary:
        out += [Rule("Summary", align="left"), cell(report.summary)]
    out += [Rule("Legend", align="left"), _t_legend()]
    out.append(Rule("Shared facts", align="left"))
    out += [_t_fact(fact, report, keys, show_source) for fact in report.facts]
    if report.conflicts:
        out += [Rule("Conflicts inside a fact", align="left"), _t_conflicts(report, keys)]
    out += [Rule("Only one outlet says", align="left"), _t_exclusives(report, keys, show_source)]
    if report.quotes:
        out += [Rule("Quotes", align="left"), _t_quotes(report, keys)]
    if report.concepts:
        out += [Rule("Names and framing", align="left"), _t_matrix(report, keys)]
    return out


def omissions(report: Report, keys: dict[str, str]) -> list[str]:
    """One line per input left out of the comparison (with the reason) and per outlet
    compared on part of its sentences: what the report does not cover, in every format."""
    lines = [f"left out: {x.file}: {x.reason}" for x in report.left_out]
    for o in report.outlets:
        if o.partial:
            total = len(o.sentences) + o.untranslated
            lines.append(
                f"partial: {keys[o.id]} {o.name}: compared on {len(o.sentences)} of {total} "
                f"sentences ({o.untranslated} untranslated)"
            )
    return lines


def _t_lines(lines: Sequence[str]) -> RenderableType:
    return Group(*(cell(f"  {line}") for line in lines))


def _hanging() -> Table:
    """Two columns: a short key, then text whose wrapped lines align under its first."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    return table


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
        if _show_id(report, outlet):
            name.append_text(cell(f"\n{outlet.id}", "dim"))
        lacks = Text(", ").join(
            cell(f, "bold red" if most else "") for f, most in _lacks(report, outlet)
        )
        table.add_row(
            cell(keys[outlet.id], "bold"),
            name,
            cell(outlet.language),
            cell(outlet.date),
            cell(f"{report.coverage[outlet.id]:.0%}"),
            lacks,
        )
    return table


def _t_headlines(report: Report, keys: dict[str, str]) -> Group:
    table = _hanging()
    for outlet in report.outlets:
        if headline(outlet):
            table.add_row(cell(keys[outlet.id], "bold"), cell(headline(outlet), "italic"))
    return Group(Text("Headlines", style="bold"), table) if table.row_count else Group()


def _t_legend() -> Table:
    table = _hanging()
    for mark, meaning in LEGEND:
        if mark == "highlighted":
            samples = Text(" ").join(Text(kind, style=style) for kind, style in _KIND_SAMPLES)
            table.add_row(Text(mark, style="bold"), Text.assemble(samples, ": ", meaning))
        else:
            table.add_row(Text(mark, style="bold"), Text(meaning))
    return table


_KIND_SAMPLES = [
    ("name", MARK_STYLES["name"]),
    ("12", MARK_STYLES["number"]),
    ("framing", MARK_STYLES["framing"]),
    ("not", MARK_STYLES["negation"]),
]


def _t_member(m: Member) -> Text:
    """The member's words, the differences that matter styled by kind."""
    if not m.marks:
        return cell(m.english)
    return Text("").join(cell(s.text, MARK_STYLES.get(s.kind, "")) for s in m.marks)


def _t_fact(fact: Fact, report: Report, keys: dict[str, str], show_source: bool) -> Panel:
    table = _hanging()
    for m in fact.members:
        marker = "*" if _is_reference(m, fact) else " "
        table.add_row(cell(f"{keys[m.outlet]}{marker}", "bold"), _t_member(m))
        if show_source and m.lang != "en":
            table.add_row(cell(""), cell(m.source, "dim"))
    missing = ", ".join(keys[o] for o in fact.missing)
    subtitle = f"not in {missing}" if missing else "in every outlet"
    title = f"{fact.id}: {len(fact.outlets)}/{len(report.outlets)} outlets"
    return Panel(table, title=title, title_align="left", subtitle=subtitle, subtitle_align="left")


def _t_conflicts(report: Report, keys: dict[str, str]) -> Table:
    table = Table()
    for name in ("fact", "what", "outlets say"):
        table.add_column(name, overflow="fold")
    for fact, kind, values in report.conflicts:
        table.add_row(cell(fact.id), cell(kind), cell(_said(values, keys), CONFLICT))
    return table


def _t_exclusives(report: Report, keys: dict[str, str], show_source: bool) -> RenderableType:
    table = _hanging()
    for outlet in report.outlets:
        for m in report.exclusives[outlet.id]:
            table.add_row(cell(keys[outlet.id], "bold"), cell(m.english))
            if show_source and m.lang != "en":
                table.add_row(cell(""), cell(m.source, "dim"))
    return table if table.row_count else cell("(nothing)", "dim")


def _speaker(quote: Quote) -> str:
    names = [r.speaker for r in quote.renderings if r.speaker]
    if not names:
        return "speaker not named"
    return f"said by {names[0]}" if quote.same_speaker else "speakers differ"


def _t_quotes(report: Report, keys: dict[str, str]) -> Group:
    panels = []
    for quote in report.quotes:
        table = _hanging()
        for r in quote.renderings:
            text = cell(f"“{r.english}”")
            if not quote.same_speaker:
                text.append_text(cell(f" ({r.speaker or 'speaker not named'})", "dim"))
            table.add_row(cell(keys[r.outlet], "bold"), text)
        count = f"{len(quote.renderings)} outlet{'s' * (len(quote.renderings) != 1)}"
        panels.append(
            Panel(table, title=f"{quote.id}: {count}, {_speaker(quote)}", title_align="left")
        )
    return Group(*panels)


def _t_matrix(report: Report, keys: dict[str, str]) -> Table:
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


def _md_member(m: Member) -> str:
    if not m.marks:
        return md(m.english)
    return "".join(f"**{md(s.text)}**" if s.kind else md(s.text) for s in m.marks)


def render_markdown(report: Report, *, show_source: bool = False) -> str:
    keys = outlet_keys(report)
    sections: list[Callable[[], list[str]]] = [
        lambda: _md_header(report, keys),
        lambda: _md_omissions(report, keys),
        lambda: _md_legend(),
        lambda: _md_facts(report, keys, show_source),
        lambda: _md_conflicts(report, keys),
        lambda: _md_exclusives(report, keys),
        lambda: _md_quotes(report, keys),
        lambda: _md_matrix(report, keys),
    ]
    out: list[str] = []
    for section in sections:
        out += section()
    return "\n".join(out).rstrip("\n") + "\n"


def _md_header(report: Report, keys: dict[str, str]) -> list[str]:
    out = [
        f"# {md(_title(report))}",
        "",
        f"*{md(_byline(report))}*",
        "",
        "| | outlet | lang | date | coverage | lacks | headline |",
        "|---|---|---|---|---:|---|---|",
    ]
    for o in report.outlets:
        name = md(english_name(o)) + (f" ({md(native_name(o))})" if native_name(o) else "")
        if _show_id(report, o):
            name += f" `{md(o.id)}`"
        lacks = ", ".join(f"**{f}**" if most else f for f, most in _lacks(report, o))
        out.append(
            f"| {keys[o.id]} | {name} | {md(o.language)} | {md(o.date)} | "
            f"{report.coverage[o.id]:.0%} | {lacks} | {md(headline(o))} |"
        )
    out.append("")
    if report.summary:
        out += [md(report.summary), ""]
    return out


def _md_omissions(report: Report, keys: dict[str, str]) -> list[str]:
    if not (notes := omissions(report, keys)):
        return []
    return ["## Left out and partial", "", *(f"- {md(line)}" for line in notes), ""]


def _md_legend() -> list[str]:
    out = ["## Legend", ""]
    for mark, meaning in LEGEND:
        shown = "**bold**" if mark == "highlighted" else f"`{mark}`"
        out.append(f"- {shown}: {md(meaning)}")
    return [*out, ""]


def _md_facts(report: Report, keys: dict[str, str], show_source: bool) -> list[str]:
    out = ["## Shared facts", ""]
    for fact in report.facts:
        missing = ", ".join(keys[o] for o in fact.missing) or "none"
        out += [
            f"### {fact.id}: {len(fact.outlets)}/{len(report.outlets)} outlets "
            f"(missing: {missing})",
            "",
        ]
        for m in fact.members:
            marker = "\\*" if _is_reference(m, fact) else ""
            out.append(f"- **{keys[m.outlet]}**{marker} {_md_member(m)}")
            if show_source and m.lang != "en":
                out.append(f"  - {md(m.source)}")
        out.append("")
    return out


def _md_conflicts(report: Report, keys: dict[str, str]) -> list[str]:
    if not report.conflicts:
        return []
    out = ["## Conflicts inside a fact", "", "| fact | what | outlets say |", "|---|---|---|"]
    for fact, kind, values in report.conflicts:
        out.append(f"| {fact.id} | {kind} | {md(_said(values, keys))} |")
    return [*out, ""]


def _md_exclusives(report: Report, keys: dict[str, str]) -> list[str]:
    out = ["## Only one outlet says", ""]
    for o in report.outlets:
        out += [f"- **{keys[o.id]}** {md(m.english)}" for m in report.exclusives[o.id]]
    return [*out, ""]


def _md_quotes(report: Report, keys: dict[str, str]) -> list[str]:
    out = ["## Quotes", ""]
    for q in report.quotes:
        out += [f"### {q.id}: {len(q.renderings)} outlet(s), {md(_speaker(q))}", ""]
        for r in q.renderings:
            who = "" if q.same_speaker else f" ({md(r.speaker or 'speaker not named')})"
            out.append(f"- **{keys[r.outlet]}** “{md(r.english)}”{who}")
        out.append("")
    return out


def _md_matrix(report: Report, keys: dict[str, str]) -> list[str]:
    out = [
        "## Names and framing",
        "",
        "| concept | type | " + " | ".join(keys[o.id] for o in report.outlets) + " |",
        "|---|---|" + "---:|" * len(report.outlets),
    ]
    for row in report.concepts:
        name = f"**{md(row.english)}**" if row.framing else md(row.english)
        counts = " | ".join(str(row.counts.get(o.id, "·")) for o in report.outlets)
        out.append(f"| {name} | {row.type} | {counts} |")
    return out


# -- HTML ---------------------------------------------------------------------------------------

# A page in the manner of a newsroom comparison graphic: masthead, summary, outlets with their
# headlines, a coverage grid, the framing heat map, facts as cards, the legend. No script, no
# external resource; fonts from the reader's system, CJK and Cyrillic faces named.
_FONTS = (
    'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,'
    '"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,'
    '"Noto Sans CJK JP","Source Han Sans JP","Noto Sans JP",sans-serif'
)
_SERIF = (
    'Georgia,"Times New Roman","Noto Serif","Hiragino Mincho ProN","Yu Mincho",'
    '"Noto Serif CJK JP",serif'
)
# One colour per outlet key, cycling (A..H), dark enough for white letters.
_PALETTE = ("#1f5f99", "#b3541e", "#2e7d4f", "#8e2c6e", "#6b5b1e", "#3d4f8f", "#a12c2c", "#0f6e6e")
_MARK_COLOURS = {
    "name": "#d7ecff",
    "number": "#ffe58a",
    "date": "#ffe58a",
    "framing": "#f4d4f0",
    "negation": "#ffd0cc",
}

_CSS = (
    """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:16px/1.5 FONTS;color:#1b1b1b;background:#fff;margin:0;overflow-wrap:anywhere}
main{max-width:72rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1,h2,h3{line-height:1.2}
h1{font:700 clamp(1.5rem,4.5vw,2.4rem)/1.15 SERIF;margin:.3rem 0 .6rem}
h2{font-size:1.25rem;margin:2.2rem 0 .8rem;padding-top:.6rem;border-top:3px solid #1b1b1b}
h3{font-size:1rem;margin:0 0 .5rem}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.78rem;color:#555;margin:0}
.dek{font-size:1.05rem;color:#333;max-width:48rem}
.note{color:#666;font-size:.85rem}
.key{display:inline-block;min-width:1.6em;padding:0 .3em;border-radius:.3em;color:#fff;
font-weight:700;text-align:center;font-size:.85rem;line-height:1.6}
KEYS
.outlets{list-style:none;padding:0;margin:0;display:grid;gap:.8rem;
grid-template-columns:repeat(auto-fill,minmax(min(20rem,100%),1fr))}
.outlets li{display:flex;gap:.6rem;align-items:flex-start;border:1px solid #ddd;border-radius:.5rem;
padding:.6rem .7rem}
.outlets .name{font-weight:700}.native{color:#555;margin-left:.3em}
.meta{display:block;color:#666;font-size:.82rem}
.headline{font:italic 1rem/1.35 SERIF;margin:.3rem 0 0}
.lacks{font-size:.82rem;color:#666;margin:.3rem 0 0}.lacks b{color:#a12c2c}
.id{font:.75rem ui-monospace,Menlo,Consolas,monospace;color:#888}
.wide{overflow-x:auto;max-width:100%}
table{border-collapse:collapse}
.grid,.heat,.names{width:100%;font-size:.9rem}
.grid th,.grid td,.heat th,.heat td,.names th,.names td{padding:.3rem .35rem;
border-bottom:1px solid #e4e4e4;text-align:center}
.grid tbody th,.heat tbody th,.names tbody th{text-align:left;font-weight:400}
.grid thead th:first-child,.heat thead th:first-child,.names thead th:first-child{text-align:left}
.grid .gist{display:block;color:#555;font-size:.82rem;max-width:36rem;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis}
.dot{display:inline-block;width:.85rem;height:.85rem;border-radius:50%;vertical-align:middle}
.dot.on{background:#1b1b1b}.dot.off{border:1.5px solid #bbb}
.heat td{font-variant-numeric:tabular-nums;min-width:2.2rem}
.facts{display:grid;gap:1rem}
.fact{border:1px solid #d6d6d6;border-radius:.6rem;padding:.8rem}
.fact h3 .fid{font-size:1.1rem;margin-right:.4rem}
.absent{color:#a12c2c;font-weight:400;font-size:.85rem}
.members{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fill,minmax(min(16rem,100%),1fr))}
.member{background:#f7f7f5;border-radius:.45rem;padding:.5rem .6rem}
.member.ref{background:#fff;outline:2px solid #1b1b1b}
.member p{margin:.3rem 0 0}.member .who{font-size:.8rem;color:#555;margin-left:.3rem}
.src{color:#666;font-size:.88rem}
mark{border-radius:.2em;padding:0 .1em;color:inherit}
MARKS
.legend{display:grid;grid-template-columns:max-content 1fr;gap:.35rem .8rem;margin:0;
font-size:.92rem}
.legend dt{font-weight:700}.legend dd{margin:0}
.conflicts{width:100%;font-size:.92rem}
.conflicts th,.conflicts td{text-align:left;vertical-align:top;padding:.3rem .4rem;
border-bottom:1px solid #e4e4e4}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.35rem 0}
blockquote{margin:.3rem 0 0;font:1rem/1.4 SERIF}
footer{margin-top:2.5rem;color:#777;font-size:.8rem;border-top:1px solid #ddd;padding-top:.6rem}
@media (max-width:40rem){body{font-size:15px}.grid .gist{display:none}
.legend{grid-template-columns:1fr}.legend dd{margin-bottom:.4rem}}
@media print{body{font-size:10pt}main{max-width:none;padding:0}h2{break-after:avoid}
.fact,.outlets li,tr{break-inside:avoid}.wide{overflow:visible}.grid .gist{white-space:normal}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}
""".replace("SERIF", _SERIF)
    .replace("FONTS", _FONTS)
    .replace("KEYS", "".join(f".k{n}{{background:{c}}}" for n, c in enumerate(_PALETTE)))
    .replace("MARKS", "".join(f"mark.{k}{{background:{c}}}" for k, c in _MARK_COLOURS.items()))
    .strip()
)


def h(text: object) -> str:
    return html.escape(inert(str(text)), quote=True)


def _lang(code: str) -> str:
    """A ``lang`` attribute for article text (fonts and line breaking follow it)."""
    return f' lang="{h(code)}"' if code.isascii() and code.isalpha() and code else ""


def _key(report: Report, keys: dict[str, str], outlet_id: str) -> str:
    n = [o.id for o in report.outlets].index(outlet_id) % len(_PALETTE)
    return f'<span class="key k{n}">{keys[outlet_id]}</span>'


def _h_member(m: Member) -> str:
    if not m.marks:
        return h(m.english)
    return "".join(
        f'<mark class="{s.kind}">{h(s.text)}</mark>' if s.kind else h(s.text) for s in m.marks
    )


def render_html(report: Report, *, show_source: bool = False) -> str:
    keys = outlet_keys(report)
    body = [
        _h_masthead(report),
        _h_outlets(report, keys),
        _h_omissions(report, keys),
        _h_legend(),
        _h_grid(report, keys),
        _h_heat(report, keys),
        _h_facts(report, keys, show_source),
        _h_conflicts(report, keys),
        _h_exclusives(report, keys, show_source),
        _h_quotes(report, keys),
        _h_names(report, keys),
        _h_footer(report),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{h(_title(report))}</title>\n<style>\n{_CSS}\n</style></head>\n<body><main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main></body></html>\n"
    )


def _h_masthead(report: Report) -> str:
    summary = f'<p class="dek">{h(report.summary)}</p>' if report.summary else ""
    return (
        f'<header><p class="kicker">Cross-outlet comparison · {h(_byline(report))}</p>'
        f"<h1>{h(_title(report))}</h1>{summary}</header>"
    )


def _h_outlets(report: Report, keys: dict[str, str]) -> str:
    items = []
    for o in report.outlets:
        native = native_name(o)
        native_html = (
            f'<span class="native"{_lang(o.language)}>{h(native)}</span>' if native else ""
        )
        head = f'<p class="headline">{h(headline(o))}</p>' if headline(o) else ""
        lacks = ", ".join(f"<b>{f}</b>" if most else f for f, most in _lacks(report, o))
        lacks_html = f'<p class="lacks">lacks {lacks}</p>' if lacks else ""
        meta = " · ".join(
            x for x in (h(o.language), h(o.date), f"{report.coverage[o.id]:.0%} of facts") if x
        )
        items.append(
            f"<li>{_key(report, keys, o.id)}<div>"
            f'<span class="name">{h(english_name(o))}</span>{native_html}'
            f'<span class="meta">{meta} · <span class="id">{h(o.id)}</span></span>'
            f"{head}{lacks_html}</div></li>"
        )
    return (
        '<section id="outlets"><h2>Outlets and their headlines</h2>'
        f'<ul class="outlets">{"".join(items)}</ul></section>'
    )


def _h_omissions(report: Report, keys: dict[str, str]) -> str:
    if not (notes := omissions(report, keys)):
        return ""
    items = "".join(f"<li>{h(line)}</li>" for line in notes)
    return f'<section class="omissions"><h2>Left out and partial</h2><ul>{items}</ul></section>'


def _h_legend() -> str:
    rows = []
    for mark, meaning in LEGEND:
        if mark == "highlighted":
            shown = " ".join(
                f'<mark class="{k}">{k}</mark>' for k in ("name", "number", "framing", "negation")
            )
        elif mark == "A, B, C":
            shown = "".join(f'<span class="key k{n}">{c}</span> ' for n, c in enumerate("ABC"))
        elif mark == "lacks":
            shown = "lacks F4, <b>F5</b>"
        else:
            shown = h(mark)
        rows.append(f"<dt>{shown}</dt><dd>{h(meaning)}</dd>")
    return _section("legend", "How to read this", f'<dl class="legend">{"".join(rows)}</dl>')


def _h_head_row(report: Report, keys: dict[str, str], first: str) -> str:
    cols = "".join(f'<th scope="col">{_key(report, keys, o.id)}</th>' for o in report.outlets)
    return f'<thead><tr><th scope="col">{first}</th>{cols}</tr></thead>'


def _h_grid(report: Report, keys: dict[str, str]) -> str:
    if not report.facts:
        return ""
    rows = []
    for fact in report.facts:
        dots = "".join(
            '<td><span class="dot on" title="carries it"></span></td>'
            if o.id in fact.outlets
            else '<td><span class="dot off" title="does not carry it"></span></td>'
            for o in report.outlets
        )
        rows.append(
            f'<tr><th scope="row"><a href="#{fact.id}">{fact.id}</a>'
            f'<span class="gist">{h(fact.representative.english)}</span></th>{dots}</tr>'
        )
    return (
        '<section id="coverage"><h2>Who carries which fact</h2><div class="wide">'
        f'<table class="grid">{_h_head_row(report, keys, "fact")}<tbody>{"".join(rows)}'
        "</tbody></table></div></section>"
    )


def _h_heat(report: Report, keys: dict[str, str]) -> str:
    framing = [row for row in report.concepts if row.framing]
    if not framing:
        return ""
    top = max(max(row.counts.values(), default=0) for row in framing) or 1
    rows = []
    for row in framing:
        cells = []
        for o in report.outlets:
            n = row.counts.get(o.id, 0)
            if not n:
                cells.append('<td class="zero">·</td>')
                continue
            alpha = 0.18 + 0.82 * n / top
            ink = "#fff" if alpha > 0.55 else "#1b1b1b"
            cells.append(
                f'<td style="background:rgba(142,44,110,{alpha:.2f});color:{ink}">{n}</td>'
            )
        rows.append(
            f'<tr><th scope="row">{h(row.english or row.concept)}</th>{"".join(cells)}</tr>'
        )
    return (
        '<section id="framing"><h2>Framing: whose words</h2>'
        '<p class="note">Loaded terms from the glossary, mentions per outlet; darker is more.</p>'
        f'<div class="wide"><table class="heat">{_h_head_row(report, keys, "term")}'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _h_facts(report: Report, keys: dict[str, str], show_source: bool) -> str:
    cards = []
    names = {o.id: english_name(o) for o in report.outlets}
    for fact in report.facts:
        members = []
        for m in sorted(fact.members, key=lambda m: not _is_reference(m, fact)):
            ref = _is_reference(m, fact)
            src = (
                f'<p class="src"{_lang(m.lang)}>{h(m.source)}</p>'
                if show_source and m.lang != "en"
                else ""
            )
            members.append(
                f'<div class="member{" ref" if ref else ""}">{_key(report, keys, m.outlet)}'
                f'<span class="who">{h(names[m.outlet])}{" · reference *" if ref else ""}</span>'
                f"<p>{_h_member(m)}</p>{src}</div>"
            )
        missing = ", ".join(keys[o] for o in fact.missing)
        absent = f' <span class="absent">not in {missing}</span>' if missing else ""
        cards.append(
            f'<article class="fact" id="{fact.id}"><h3><span class="fid">{fact.id}</span>'
            f"in {len(fact.outlets)} of {len(report.outlets)} outlets{absent}</h3>"
            f'<div class="members">{"".join(members)}</div></article>'
        )
    return _section("facts", "Shared facts", f'<div class="facts">{"".join(cards)}</div>')


def _h_conflicts(report: Report, keys: dict[str, str]) -> str:
    if not report.conflicts:
        return ""
    rows = []
    for fact, kind, values in report.conflicts:
        said = "<br>".join(_h_conflict_line(report, keys, values))
        rows.append(
            f'<tr><td><a href="#{fact.id}">{fact.id}</a></td><td>{h(kind)}</td><td>{said}</td></tr>'
        )
    return (
        '<section id="conflicts"><h2>Conflicts inside a fact</h2><table class="conflicts">'
        "<thead><tr><th>fact</th><th>what</th><th>outlets say</th></tr></thead>"
        f"<tbody>{''.join(rows)}"
        "</tbody></table></section>"
    )


def _h_conflict_line(
    report: Report, keys: dict[str, str], values: dict[str, list[str]]
) -> list[str]:
    """One line per value, its outlets' keys first; the value most outlets give stays plain,
    the others are marked; words completed from the article's date are noted."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for outlet, said in values.items():
        groups.setdefault(tuple(split_said(v)[0] for v in said), []).append(outlet)
    common = max(groups.values(), key=len)
    lines = []
    for value, outlets in groups.items():
        shown = h(", ".join(value))
        notes = h(_said_words(keys, outlets, values))
        lines.append(
            "".join(_key(report, keys, o) for o in outlets)
            + (f" {shown}" if outlets is common else f' <mark class="date">{shown}</mark>')
            + (f' <span class="note">({notes})</span>' if notes else "")
        )
    return lines


def _h_exclusives(report: Report, keys: dict[str, str], show_source: bool) -> str:
    items = []
    for o in report.outlets:
        for m in report.exclusives[o.id]:
            src = (
                f'<div class="src"{_lang(m.lang)}>{h(m.source)}</div>'
                if show_source and m.lang != "en"
                else ""
            )
            items.append(f"<li>{_key(report, keys, o.id)} {h(m.english)}{src}</li>")
    inner = f'<ul class="plain">{"".join(items)}</ul>' if items else '<p class="note">(nothing)</p>'
    return f'<section id="exclusives"><h2>Only one outlet says</h2>{inner}</section>'


def _h_quotes(report: Report, keys: dict[str, str]) -> str:
    if not report.quotes:
        return ""
    cards = []
    for q in report.quotes:
        items = []
        for r in q.renderings:
            who = (
                ""
                if q.same_speaker
                else f' <span class="note">({h(r.speaker or "speaker not named")})</span>'
            )
            items.append(
                f'<div class="member">{_key(report, keys, r.outlet)}'
                f"<blockquote>“{h(r.english)}”{who}</blockquote></div>"
            )
        count = f"{len(q.renderings)} outlet{'s' * (len(q.renderings) != 1)}"
        cards.append(
            f'<article class="fact"><h3><span class="fid">{q.id}</span>'
            f"{count}, {h(_speaker(q))}</h3>"
            f'<div class="members">{"".join(items)}</div></article>'
        )
    return (
        f'<section id="quotes"><h2>Quotes</h2><div class="facts">{"".join(cards)}</div></section>'
    )


def _h_names(report: Report, keys: dict[str, str]) -> str:
    rows = [
        f'<tr><th scope="row">{h(row.english or row.concept)} '
        f'<span class="note">{h(row.type)}</span></th>'
        + "".join(f"<td>{row.counts.get(o.id, '·')}</td>" for o in report.outlets)
        + "</tr>"
        for row in report.concepts
        if not row.framing
    ]
    if not rows:
        return ""
    return (
        '<section id="names"><h2>Names</h2><div class="wide">'
        f'<table class="names">{_h_head_row(report, keys, "name")}<tbody>{"".join(rows)}</tbody>'
        "</table></div></section>"
    )


def _h_footer(report: Report) -> str:
    sig = report.signature
    engines = ", ".join(
        str(e.get("name", e)) if isinstance(e, dict) else str(e) for e in sig.get("engines", [])
    )
    parts = [f"xlate {sig.get('xlate', '')}", f"engines: {engines or 'none'}"]
    if sig.get("glossary"):
        parts.append(f"glossary {sig['glossary']}")
    return (
        f"<footer>Made offline by {h(' · '.join(parts))}. The English is machine-translated "
        "unless a translation memory gave it; check the originals.</footer>"
    )


def _section(anchor: str, heading: str, inner: str) -> str:
    return f'<section id="{anchor}"><h2>{h(heading)}</h2>{inner}</section>'
