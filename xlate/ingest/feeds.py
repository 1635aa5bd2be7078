"""RSS (0.9x, 1.0, 2.0) and Atom feeds: each item an article, with its title, time, link and
author, and the feed's title as the outlet. An item that gives only a summary (no full
text) is read, and marked so in ``Article.notes``.

The XML is read by defusedxml (no entity expansion, no external resources) as a stream, and
at most MAX_FEED_ITEMS items are taken: a larger feed is refused with the limit, not cut.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from xlate.errors import FormatError
from xlate.ingest.furniture import paragraph_blocks
from xlate.ingest.html import html_text
from xlate.ingest.pagemeta import normal_time
from xlate.ingest.paths import article_stem
from xlate.limits import MAX_FEED_ITEMS
from xlate.model import Article
from xlate.textsafe import shown_path

SUMMARY_ONLY = "summary only: the feed gives no full text of this item"

_ITEMS = frozenset({"item", "entry"})
_FULL = ("encoded", "content")  # content:encoded (RSS), content (Atom)
_SUMMARY = ("description", "summary")
_TIMES = ("published", "pubDate", "issued", "date", "created", "updated", "modified")


def read_feed(data: bytes, path: Path, encoding: str | None = None) -> list[Article]:
    """One article per item of an RSS or Atom feed, in the feed's order."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    outlet = ""
    articles: list[Article] = []
    open_elements: list[str] = []
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end")):
            name = _local(element.tag)
            if event == "start":
                open_elements.append(name)
                continue
            open_elements.pop()
            if name in _ITEMS:
                if len(articles) == MAX_FEED_ITEMS:
                    raise FormatError(
                        path,
                        f"feed with more than {MAX_FEED_ITEMS:,} items, over the limit: "
                        "split it into smaller feeds",
                    )
                articles.append(_item(element, path, len(articles), outlet))
                element.clear()
            elif name == "title" and not outlet and open_elements[-1:] in (["feed"], ["channel"]):
                outlet = " ".join((element.text or "").split())
    except ParseError as exc:
        raise FormatError(path, f"feed XML that cannot be read ({exc})") from None
    except DefusedXmlException as exc:
        raise FormatError(path, f"feed XML refused: {exc}") from None
    if not articles:
        raise FormatError(path, "feed without items, nothing to read")
    # The feed's title may come after its first items (RSS 1.0 puts items beside the channel).
    return [a if a.outlet else _with_outlet(a, outlet) for a in articles]


def _with_outlet(article: Article, outlet: str) -> Article:
    from dataclasses import replace

    return replace(article, outlet=outlet)


def _item(element: Any, path: Path, index: int, outlet: str) -> Article:
    fields = _children(element)
    full = next((fields[n] for n in _FULL if fields.get(n, "").strip()), "")
    summary = next((fields[n] for n in _SUMMARY if fields.get(n, "").strip()), "")
    text = _text(full or summary)
    published = next((t for t in (normal_time(fields.get(n, "")) for n in _TIMES) if t), "")
    modified = normal_time(fields.get("updated", "") or fields.get("modified", ""))
    return Article(
        id=f"{shown_path(article_stem(path))}-{index + 1}",
        path=shown_path(path),
        text=text,
        title=" ".join(fields.get("title", "").split()),
        outlet=outlet,
        date=published[:10],
        url=_link(element) or fields.get("guid", "").strip(),
        published=published,
        modified=modified if modified != published else "",
        author=fields.get("creator", "") or fields.get("author", ""),
        notes=() if full or not text else (SUMMARY_ONLY,),
    )


def _children(element: Any) -> dict[str, str]:
    """The text of each child element by its local name (the first of each); an author's
    ``<name>`` for Atom."""
    found: dict[str, str] = {}
    for child in element:
        name = _local(child.tag)
        if name == "author" and len(child):
            value = next((c.text or "" for c in child if _local(c.tag) == "name"), "")
        else:
            value = child.text or ""
        found.setdefault(name, value.strip())
    return found


def _link(element: Any) -> str:
    for child in element:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href is None:
            return (child.text or "").strip()  # RSS
        if child.get("rel", "alternate") == "alternate":
            return str(href).strip()  # Atom
    return ""


_TAG = re.compile(r"<[a-zA-Z/!]")


def _text(value: str) -> str:
    """An item's text as paragraphs: HTML (escaped in the feed) is read as HTML."""
    if _TAG.search(value):
        return "\n\n".join(html_text(value))
    return "\n\n".join(paragraph_blocks(value.split("\n")))


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""
