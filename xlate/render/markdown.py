"""The comparison report as Markdown, one function per section; article text has its
Markdown metacharacters escaped.
"""

from __future__ import annotations

from collections.abc import Callable

from xlate.compare.report import (
    Member,
    Rendering,
    Report,
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
from xlate.render.timeline import markdown_timeline
from xlate.textsafe import md


def _md_member(m: Member | Rendering) -> str:
    if not m.marks:
        return md(m.english)
    return "".join(f"**{md(s.text)}**" if s.kind else md(s.text) for s in m.marks)


def render_markdown(
    report: Report, *, show_source: bool = False, timeline_only: bool = False
) -> str:
    keys = outlet_keys(report)
    if timeline_only:
        lines = _md_header(report, keys)[:4] + markdown_timeline(report, keys)
        return "\n".join(lines).rstrip("\n") + "\n"
    sections: list[Callable[[], list[str]]] = [
        lambda: _md_header(report, keys),
        lambda: _md_omissions(report, keys),
        lambda: _md_legend(),
        lambda: _md_facts(report, keys, show_source),
        lambda: _md_conflicts(report, keys),
        lambda: _md_exclusives(report, keys),
        lambda: _md_quotes(report, keys),
        lambda: _md_matrix(report, keys),
        lambda: markdown_timeline(report, keys),
    ]
    out: list[str] = []
    for section in sections:
        out += section()
    return "\n".join(out).rstrip("\n") + "\n"


def _md_header(report: Report, keys: dict[str, str]) -> list[str]:
    out = [
        f"# {md(report_title(report))}",
        "",
        f"*{md(report_byline(report))}*",
        "",
        f"**{md(verdict_text(report.verdict, lambda o: keys[o]))}**",
        "",
        "| | outlet | lang | date | coverage | lacks | headline |",
        "|---|---|---|---|---:|---|---|",
    ]
    for o in report.outlets:
        name = md(english_name(o)) + (f" ({md(native_name(o))})" if native_name(o) else "")
        if show_id(report, o):
            name += f" `{md(o.id)}`"
        lacks = ", ".join(f"**{f}**" if most else f for f, most in lacks_listed(report, o))
        if more := lacks_more(report, o):
            lacks += f", *{more}*"
        out.append(
            f"| {keys[o.id]} | {name} | {md(o.language)} | {md(shown_date(o.date))} | "
            f"{coverage_shown(report, o)} | {lacks} | {md(headline(o))} |"
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
    if not report.verdict.events:
        return []
    out = ["## Shared facts", ""]
    for fact in report.facts:
        if heading := event_heading(report, fact, keys):
            out += [f"**{md(heading)}**", ""]
        missing = ", ".join(keys[o] for o in fact.missing) or "none"
        out += [
            f"### {fact.id}: {len(fact.outlets)}/{fact.among} outlets (missing: {missing})",
            "",
        ]
        for m in fact.members:
            marker = "\\*" if is_reference(m, fact) else ""
            out.append(f"- **{keys[m.outlet]}**{marker} {_md_member(m)}")
            if show_source and m.lang != "en":
                out.append(f"  - {md(m.source)}")
        if clash := fact_conflicts(fact, keys):
            out.append(f"- *conflict,* {md(clash)}")
        if extra := extra_detail(fact, keys):
            out.append(f"- *extra detail:* {md(extra)}")
        out.append("")
    return out


def _md_conflicts(report: Report, keys: dict[str, str]) -> list[str]:
    if not report.conflicts:
        return []
    out = ["## Conflicts inside a fact", "", "| fact | what | outlets say |", "|---|---|---|"]
    for fact, kind, values in report.conflicts:
        doubt = doubt_note(fact, keys.__getitem__)
        said = said_line(values, keys) + (f" ({doubt})" if doubt else "")
        out.append(f"| {fact.id} | {kind} | {md(said)} |")
    return [*out, ""]


def _md_exclusives(report: Report, keys: dict[str, str]) -> list[str]:
    if not report.verdict.events:
        return []
    out = ["## Only one outlet says", ""]
    for o in report.outlets:
        out += [f"- **{keys[o.id]}** {md(m.english)}" for m in report.exclusives[o.id]]
    return [*out, ""]


def _md_quotes(report: Report, keys: dict[str, str]) -> list[str]:
    out = ["## Quotes", ""]
    for q in report.quotes:
        count = f"{len(q.outlets)} outlet{'s' * (len(q.outlets) != 1)}"
        out += [f"### {q.id}: {count}, {md(speaker_note(q))}", ""]
        for r in q.renderings:
            who = "" if q.same_speaker else f" ({md(r.speaker or 'speaker not named')})"
            out.append(f"- **{keys[r.outlet]}** “{_md_member(r)}”{who}")
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
        name = f"**{md(row.label)}**" if row.framing else md(row.label)
        counts = " | ".join(str(row.counts.get(o.id, "·")) for o in report.outlets)
        out.append(f"| {name} | {row.type} | {counts} |")
    return out
