"""An article's edit history in the terminal (rich), Markdown and one self-contained HTML
page: per article its versions, then per edit the headline's change and each sentence
added, removed, changed (what: numbers, dates, names, negations, a quote's words), reworded
or moved, and whether an update notice told readers. Article text is made inert."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from xlate.history.changes import Change
from xlate.history.versions import ArticleHistory, History, Step, Version
from xlate.render.console import cell, hanging
from xlate.render.html import h as _h
from xlate.textsafe import inert, md

_SIGNS = {"added": "+", "removed": "−", "changed": "~", "reworded": "≈", "moved": "↕"}


def change_label(c: Change) -> str:
    """ "changed (number, name), moved", "reworded", "added" ..."""
    label = c.kind + (f" ({', '.join(c.what)})" if c.what else "")
    return label + (", moved" if c.moved else "")


def change_where(c: Change) -> str:
    """Sentence numbers: "3 → 5", "3", "→ 5"."""
    before = "" if c.before_index is None else str(c.before_index)
    after = "" if c.after_index is None else str(c.after_index)
    if c.kind == "removed":
        return before
    if c.kind == "added":
        return f"→ {after}"
    return before if before == after else f"{before} → {after}"


def step_title(step: Step) -> str:
    edit = step.edit
    if not edit.same_article:
        state = "a different article, not compared"
    elif edit.unchanged:
        state = "no change"
    else:
        n = len(edit.changes) + (edit.headline is not None)
        state = f"{n} change{'s' * (n != 1)}"
        state += ", with an update notice" if step.notice == "notice" else ""
        state += ", without an update notice" if step.notice == "silent" else ""
    return f"{edit.before} → {edit.after}: {state}"


def version_line(v: Version) -> str:
    when = v.published.shown() if v.published else "no date"
    mod = f", modified {v.modified.shown()}" if v.modified else ""
    n = len(v.outlet.sentences)
    return f"{v.outlet.id} [{v.outlet.language or '?'}] {when}{mod}: {n} sentences"


# -- terminal ----------------------------------------------------------------------------------


def terminal_history(history: History) -> list[RenderableType]:
    out: list[RenderableType] = []
    for file, reason in history.left_out:
        out.append(cell(f"left out: {file}: {reason}", "yellow"))
    for a in history.articles:
        out += _t_article(a)
    return out


def _t_article(a: ArticleHistory) -> list[RenderableType]:
    out: list[RenderableType] = [Rule(Text(inert(a.key)), align="left")]
    # wrapped lines keep the indent (at 80 columns a version line wrapped to the margin)
    out += [Padding(cell(version_line(v), "dim"), (0, 0, 0, 2)) for v in a.versions]
    out += [hanging("  note:", n, "yellow") for n in a.notes]
    if not a.steps:
        out.append(cell("  one version: nothing to compare", "dim"))
    for step in a.steps:
        out.append(Text(inert(step_title(step)), style="bold"))
        if step.edit.headline is not None:
            out.append(_t_change(step.edit.headline, "headline"))
        out += [_t_change(c, change_where(c)) for c in step.edit.changes]
    return out


def _t_change(c: Change, where: str) -> RenderableType:
    head = Text(f"  {_SIGNS.get(c.kind, '~')} {change_label(c)} [{where}]", style="cyan")
    lines: list[RenderableType] = [head]
    if c.before and c.kind != "moved":
        lines.append(hanging("      was:", c.before, "red" if c.kind != "reworded" else "dim"))
    if c.after:
        lines.append(hanging("      now:", c.after, "green" if c.kind != "moved" else "dim"))
    return Group(*lines)


# -- Markdown ----------------------------------------------------------------------------------


def markdown_history(history: History) -> str:
    out = ["# Edit history", ""]
    out += [f"- left out: {md(f)}: {md(r)}" for f, r in history.left_out]
    for a in history.articles:
        out += [f"## {md(a.key)}", ""]
        out += [f"- {md(version_line(v))}" for v in a.versions]
        out += [f"- **note:** {md(n)}" for n in a.notes]
        out.append("")
        for step in a.steps:
            out += [f"### {md(step_title(step))}", ""]
            changes = ([(step.edit.headline, "headline")] if step.edit.headline else []) + [
                (c, change_where(c)) for c in step.edit.changes
            ]
            for c, where in changes:
                out.append(f"- **{md(change_label(c))}** [{md(where)}]")
                if c.before and c.kind != "moved":
                    out.append(f"  - was: {md(c.before)}")
                if c.after:
                    out.append(f"  - now: {md(c.after)}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML --------------------------------------------------------------------------------------

_CSS = (
    "*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;"
    "overflow-wrap:anywhere}main{max-width:60rem;margin:0 auto;padding:1rem}"
    "h2{border-top:3px solid #1b1b1b;padding-top:.5rem}.note{color:#8a5a00}"
    ".change{border-left:4px solid #999;padding:.2rem .6rem;margin:.5rem 0}"
    ".added{border-color:#2e7d4f}.removed{border-color:#a12c2c}.changed{border-color:#b8860b}"
    ".reworded{border-color:#3d4f8f}.moved{border-color:#6b5b1e}"
    ".was{color:#a12c2c;margin:.1rem 0}.now{color:#2e7d4f;margin:.1rem 0}"
    ".silent{background:#fdecee;padding:0 .3rem}ul{padding-left:1.2rem}"
)


def html_history(history: History) -> str:
    body = ["<h1>Edit history</h1>"]
    body += [f'<p class="note">left out: {_h(f)}: {_h(r)}</p>' for f, r in history.left_out]
    for a in history.articles:
        body.append(f"<section><h2>{_h(a.key)}</h2><ul>")
        body += [f"<li>{_h(version_line(v))}</li>" for v in a.versions]
        body.append("</ul>")
        body += [f'<p class="note">{_h(n)}</p>' for n in a.notes]
        for step in a.steps:
            silent = ' class="silent"' if step.notice == "silent" else ""
            body.append(f"<h3><span{silent}>{_h(step_title(step))}</span></h3>")
            changes = ([(step.edit.headline, "headline")] if step.edit.headline else []) + [
                (c, change_where(c)) for c in step.edit.changes
            ]
            for c, where in changes:
                was = (
                    f'<p class="was">was: {_h(c.before)}</p>'
                    if c.before and c.kind != "moved"
                    else ""
                )
                now = f'<p class="now">now: {_h(c.after)}</p>' if c.after else ""
                body.append(
                    f'<div class="change {c.kind}"><strong>{_h(change_label(c))}</strong> '
                    f"[{_h(where)}]{was}{now}</div>"
                )
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>Edit history</title>\n<style>{_CSS}</style></head>\n<body><main>\n"
        + "\n".join(body)
        + "\n</main></body></html>\n"
    )
