"""The comparison report as one self-contained HTML page (its CSS inline, no script), one
function per section; everything from an article is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from xlate.compare.diff import split_said
from xlate.compare.prepare import Outlet
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
    said_words,
    speaker_note,
)
from xlate.render.timeline import TIMELINE_CSS, html_timeline
from xlate.textsafe import inert

# A page in the manner of a newsroom comparison graphic: masthead, summary, outlets with their
# headlines, a coverage grid, the framing heat map, facts as cards, the legend. No script, no
# external resource; fonts from the reader's system. Latin and Cyrillic faces first, then
# Japanese faces of macOS/iOS (Hiragino), Windows (Yu Gothic, Meiryo, MS PGothic) and Linux or
# Android (Noto/Source Han, IPA, TakaoGothic, VL Gothic), then Chinese and Korean ones (an
# outlet or a quote may be in either), so that no reader sees boxes for want of one face.
_FONTS = (
    'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,'
    '"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,'
    '"MS PGothic","Noto Sans CJK JP","Source Han Sans JP","Noto Sans JP","IPAexGothic",'
    '"IPAPGothic","TakaoPGothic","VL PGothic","PingFang SC","Microsoft YaHei",'
    '"Noto Sans CJK SC","WenQuanYi Micro Hei","Apple SD Gothic Neo","Malgun Gothic",'
    '"Noto Sans CJK KR",sans-serif'
)


_SERIF = (
    'Georgia,"Times New Roman","Noto Serif","Hiragino Mincho ProN","Yu Mincho","MS PMincho",'
    '"Noto Serif CJK JP","Source Han Serif JP","Noto Serif JP","IPAexMincho","IPAPMincho",'
    '"Songti SC","SimSun","Noto Serif CJK SC","AppleMyungjo","Batang",serif'
)


# One colour per outlet key, cycling (A..H), dark enough for white letters.
_PALETTE = ("#1f5f99", "#b3541e", "#2e7d4f", "#8e2c6e", "#6b5b1e", "#3d4f8f", "#a12c2c", "#0f6e6e")


_MARK_COLOURS = {
    "name": "#d7ecff",
    "number": "#ffe58a",
    "date": "#ffe58a",
    "framing": "#f4d4f0",
    "negation": "#ffd0cc",
    "opposite": "#ffd0cc",
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
.verdict{margin:.4rem 0;padding:.4rem .7rem;border-left:4px solid #1b1b1b;background:#f4f4f4}
.verdict.odd-one{border-color:#b8860b;background:#fff7e0}
.verdict.not-one{border-color:#b00020;background:#fdecee}
.verdict.several{border-color:#1f5fa8;background:#eaf1fb}
.event-head{grid-column:1/-1;margin:1rem 0 0;font-weight:700}
.note{color:#666;font-size:.85rem}
.note.conflict{color:#a33;font-weight:600}
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
    + "\n"
    + TIMELINE_CSS
)


def h(text: object) -> str:
    return html.escape(inert(str(text)), quote=True)


def _lang(code: str) -> str:
    """A ``lang`` attribute for article text (fonts and line breaking follow it)."""
    return f' lang="{h(code)}"' if code.isascii() and code.isalpha() and code else ""


def _key(report: Report, keys: dict[str, str], outlet_id: str) -> str:
    n = [o.id for o in report.outlets].index(outlet_id) % len(_PALETTE)
    return f'<span class="key k{n}">{keys[outlet_id]}</span>'


def _h_member(m: Member | Rendering) -> str:
    if not m.marks:
        return h(m.english)
    return "".join(
        f'<mark class="{s.kind}">{h(s.text)}</mark>' if s.kind else h(s.text) for s in m.marks
    )


def render_html(report: Report, *, show_source: bool = False, timeline_only: bool = False) -> str:
    keys = outlet_keys(report)
    timeline = _h_timeline(report, keys, links=not timeline_only)
    body = (
        [_h_masthead(report, keys), timeline, _h_footer(report)]
        if timeline_only
        else [
            _h_masthead(report, keys),
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
            timeline,
            _h_footer(report),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{h(report_title(report))}</title>\n<style>\n{_CSS}\n</style></head>\n<body><main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main></body></html>\n"
    )


def _h_masthead(report: Report, keys: dict[str, str]) -> str:
    summary = f'<p class="dek">{h(report.summary)}</p>' if report.summary else ""
    verdict = report.verdict
    kind = (
        "not-one"
        if not verdict.events
        else "several"
        if not verdict.same_event
        else "odd-one"
        if verdict.unrelated
        else "one"
    )
    said = h(verdict_text(verdict, lambda o: keys[o]))
    return (
        f'<header><p class="kicker">Cross-outlet comparison · {h(report_byline(report))}</p>'
        f'<h1>{h(report_title(report))}</h1><p class="verdict {kind}"><strong>{said}</strong></p>'
        f"{summary}</header>"
    )


def _h_timeline(report: Report, keys: dict[str, str], *, links: bool) -> str:
    ids = [o.id for o in report.outlets]
    return html_timeline(
        report,
        keys,
        lambda o: _key(report, keys, o),
        lambda o: _PALETTE[ids.index(o) % len(_PALETTE)],
        links=links,
    )


def _h_outlets(report: Report, keys: dict[str, str]) -> str:
    items = []
    for o in report.outlets:
        native = native_name(o)
        native_html = (
            f'<span class="native"{_lang(o.language)}>{h(native)}</span>' if native else ""
        )
        head = f'<p class="headline">{h(headline(o))}</p>' if headline(o) else ""
        lacks = ", ".join(f"<b>{f}</b>" if most else f for f, most in lacks_listed(report, o))
        if more := lacks_more(report, o):
            lacks += f", <i>{h(more)}</i>"
        lacks_html = f'<p class="lacks">lacks {lacks}</p>' if lacks else ""
        meta = " · ".join(
            x for x in (h(o.language), h(shown_date(o.date)), _coverage_html(report, o)) if x
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
                f'<mark class="{k}">{k}</mark>'
                for k in ("name", "number", "framing", "negation", "opposite")
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
        rows.append(f'<tr><th scope="row">{h(row.label)}</th>{"".join(cells)}</tr>')
    return (
        '<section id="framing"><h2>Framing: whose words</h2>'
        '<p class="note">Loaded terms from the glossary, mentions per outlet; darker is more.</p>'
        f'<div class="wide"><table class="heat">{_h_head_row(report, keys, "term")}'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _h_facts(report: Report, keys: dict[str, str], show_source: bool) -> str:
    if not report.verdict.events:
        return ""
    cards = []
    names = {o.id: english_name(o) for o in report.outlets}
    for fact in report.facts:
        members = []
        for m in sorted(fact.members, key=lambda m: not is_reference(m, fact)):
            ref = is_reference(m, fact)
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
        if heading := event_heading(report, fact, keys):
            cards.append(f'<p class="event-head">{h(heading)}</p>')
        extra, clash = extra_detail(fact, keys), fact_conflicts(fact, keys)
        more = f'<p class="note conflict">conflict, {h(clash)}</p>' if clash else ""
        more += f'<p class="note">extra detail: {h(extra)}</p>' if extra else ""
        cards.append(
            f'<article class="fact" id="{fact.id}"><h3><span class="fid">{fact.id}</span>'
            f"in {len(fact.outlets)} of {fact.among} outlets{absent}</h3>"
            f'<div class="members">{"".join(members)}</div>{more}</article>'
        )
    return _section("facts", "Shared facts", f'<div class="facts">{"".join(cards)}</div>')


def _h_conflicts(report: Report, keys: dict[str, str]) -> str:
    if not report.conflicts:
        return ""
    rows = []
    for fact, kind, values in report.conflicts:
        said = "<br>".join(_h_conflict_line(report, keys, values))
        doubt = doubt_note(fact, keys.__getitem__)
        said += f"<br><em>{h(doubt)}</em>" if doubt else ""
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
    report: Report, keys: dict[str, str], values: Mapping[str, Sequence[str]]
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
        notes = h(said_words(keys, outlets, values))
        lines.append(
            "".join(_key(report, keys, o) for o in outlets)
            + (f" {shown}" if outlets is common else f' <mark class="date">{shown}</mark>')
            + (f' <span class="note">({notes})</span>' if notes else "")
        )
    return lines


def _h_exclusives(report: Report, keys: dict[str, str], show_source: bool) -> str:
    if not report.verdict.events:
        return ""
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
                f"<blockquote>“{_h_member(r)}”{who}</blockquote></div>"
            )
        count = f"{len(q.outlets)} outlet{'s' * (len(q.outlets) != 1)}"
        cards.append(
            f'<article class="fact"><h3><span class="fid">{q.id}</span>'
            f"{count}, {h(speaker_note(q))}</h3>"
            f'<div class="members">{"".join(items)}</div></article>'
        )
    return (
        f'<section id="quotes"><h2>Quotes</h2><div class="facts">{"".join(cards)}</div></section>'
    )


def _h_names(report: Report, keys: dict[str, str]) -> str:
    rows = [
        f'<tr><th scope="row">{h(row.label)} '
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
    # the engines that gave the sentences compared (the chain may hold one that gave none)
    used = sorted({s.engine for o in report.outlets for s in o.sentences})
    parts = [f"xlate {sig.get('xlate', '')}", f"English by: {', '.join(used) or 'none'}"]
    if sig.get("glossary"):
        parts.append(f"glossary {sig['glossary']}")
    return f"<footer>Made offline by {h(' · '.join(parts))}. {_english_note(used)}</footer>"


def _english_note(engines: Sequence[str]) -> str:
    """Where the English of the report came from, by the engines that gave it."""
    kinds = {
        "own" if e == "identity" else "memory" if e.startswith("memory") else "mt" for e in engines
    }
    if "mt" in kinds:
        return (
            "The English of the other languages is machine-translated unless a translation "
            "memory gave it; check the originals."
        )
    if "memory" in kinds:
        return (
            "The English of the other languages comes from a translation memory; check the "
            "originals."
        )
    return "The English is the outlets' own."


def _section(anchor: str, heading: str, inner: str) -> str:
    return f'<section id="{anchor}"><h2>{h(heading)}</h2>{inner}</section>'


def _coverage_html(report: Report, o: Outlet) -> str:
    shown = coverage_shown(report, o)
    return h(shown) if shown.startswith("in ") else f"{shown} of facts"
