"""Events found in a pile of articles: in a terminal (rich) and as Markdown.

Article text (titles, outlets, paths) is untrusted: a ``Text`` that rich never parses as markup
in the terminal, escaped in Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from xlate.dates import shown_date
from xlate.grouping.model import Event, EventArticle, Events
from xlate.render.console import cell, relative_path, shorten_left
from xlate.textsafe import clipped, inert, md, plural, shown_path


def headline(result: Events) -> str:
    events = len(result.events)
    grouped = result.articles - len(result.unassigned)
    # an article of a file of several is named "article ..." (a feed's item, the rest read)
    articles = sum(x.reason.startswith("article ") for x in result.left_out)
    files = len(result.left_out) - articles
    counted = [plural(n, what) for n, what in ((files, "file"), (articles, "article")) if n]
    failed = f", {' and '.join(counted)} left out" if counted else ""
    return (
        f"{result.articles} articles: {events} event{'s' if events != 1 else ''} "
        f"({grouped} articles), {len(result.unassigned)} in no event{failed}"
    )


def _dates(event: Event) -> str:
    if not event.first:
        return "no dates"
    return event.first if event.first == event.last else f"{event.first} – {event.last}"


def _about(event: Event) -> str:
    outlets = len(event.outlets)
    return (
        f"{_dates(event)} · {outlets} outlet{'s' if outlets != 1 else ''} · "
        f"{', '.join(event.languages)} · cohesion {event.cohesion:.2f}"
    )


def shown(path: str) -> str:
    """``path`` relative to the working folder when it lies inside it, its controls escaped
    (:func:`~xlate.textsafe.shown_path`)."""
    try:
        return shown_path(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return shown_path(path)


def outlet_of(a: EventArticle) -> str:
    """The article's outlet, else what names it: its id (the file's name), as events list
    their outlets."""
    return a.outlet or a.id


def _english(a: EventArticle) -> str:
    return a.title_english or a.title


# The outlet column's widest: an outlet without a name is named by its file's (a crawler's
# 64-character hash), which would leave the titles no room at 80 columns.
OUTLET_WIDTH = 24


def _table(articles: Sequence[EventArticle], width: int) -> Table:
    """Date, outlet, language, then the English title over the file's path: the path relative
    to the working folder and cut from the left to the column, never broken mid-word."""
    from rich.cells import cell_len

    heads = ("date", "outlet", "lang", "title (English), file")
    rows = [(shown_date(a.date), inert(outlet_of(a)), a.language) for a in articles]
    fixed = [max([cell_len(h), *(cell_len(r[i]) for r in rows)]) for i, h in enumerate(heads[:3])]
    fixed[1] = min(fixed[1], OUTLET_WIDTH)
    title_width = max(24, width - sum(fixed) - 2 * len(fixed))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for head, most in zip(heads[:3], (None, OUTLET_WIDTH, None), strict=True):
        table.add_column(head, no_wrap=True, overflow="ellipsis", max_width=most)
    table.add_column(heads[3], overflow="fold")
    for a, (day, outlet, lang) in zip(articles, rows, strict=True):
        title = cell(_english(a))
        title.append("\n")
        title.append_text(cell(shorten_left(relative_path(a.path), title_width), "dim"))
        table.add_row(Text(day), Text(outlet), Text(lang), title)
    return table


def omissions(result: Events) -> list[str]:
    """What the listing does not cover, in every format: each input left out (with the
    reason), each file the walk passed over, and each article grouped on part of its
    sentences (a trial's pages in Korean and Italian sat "in no event" with no word why)."""
    from xlate.ingest.pile import unread_lines

    lines = unread_lines(result.left_out, result.passed_over)
    for a in [a for e in result.events for a in e.articles] + list(result.unassigned):
        if a.untranslated:
            lines.append(
                f"partial: {outlet_of(a)} ({shown(a.path)}): grouped on its translated "
                f"sentences, {plural(a.untranslated, 'sentence')} untranslated"
            )
    return lines


def render_terminal(result: Events, console: Console) -> None:
    console.print(cell(headline(result), "bold"))
    if notes := omissions(result):
        console.print(Rule("Left out and partial", align="left"))
        for line in notes:
            console.print(cell(line, "yellow"))
    for event in result.events:
        console.print()
        # a rule's title is cut at the width, mid-word: cut it at a word, with "…"
        label = clipped(f"{event.id} {event.label}", max(20, console.width - 6))
        console.print(Rule(cell(label, "bold"), align="left"))
        console.print(cell(_about(event)))
        console.print(_table(event.articles, console.width))
    if result.unassigned:
        console.print()
        console.print(Rule("In no event", align="left"))
        console.print(_table(result.unassigned, console.width))


def render_markdown(result: Events) -> str:
    out = [f"# {md(headline(result))}", ""]
    if notes := omissions(result):
        out += ["## Left out and partial", "", *(f"- {md(line)}" for line in notes), ""]
    for event in result.events:
        out += [f"## {event.id}: {md(event.label)}", "", md(_about(event)), ""]
        out += _md_table(event.articles)
    if result.unassigned:
        out += ["## In no event", ""]
        out += _md_table(result.unassigned)
    return "\n".join(out)


def _md_table(articles: Sequence[EventArticle]) -> list[str]:
    rows = ["| date | outlet | lang | title | path |", "|---|---|---|---|---|"]
    for a in articles:
        path = md(shown(a.path))
        day = md(shown_date(a.date))
        outlet = md(outlet_of(a))
        rows.append(f"| {day} | {outlet} | {md(a.language)} | {md(_english(a))} | {path} |")
    return [*rows, ""]
