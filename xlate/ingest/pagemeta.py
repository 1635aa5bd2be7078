"""What a saved page says about itself: publication and modification time with its UTC
offset, outlet (site name), address and author, from its meta tags (Open Graph's
``article:published_time``, ``og:site_name``, ``og:url``), its JSON-LD (a NewsArticle's
``datePublished``, ``dateModified``, ``publisher``, ``author``) and its ``<time>`` elements.

Each field takes the first source that has it, in the order of the lists below: the page's
article metadata before generic tags, and a ``<time>`` element last.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article.published", "pubdate", "publishdate", "publish-date", "publication_date",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "date",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "article.updated",
    "dcterms.modified", "last-modified",
)  # fmt: skip
_OUTLET_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_META = ("og:url", "twitter:url")
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")

MAX_JSON_LD_CHARS = 1_000_000  # a larger JSON-LD block is not read (it is no article's metadata)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """The metadata a page gives about itself; empty strings where it gives none."""

    published: str = ""
    modified: str = ""
    outlet: str = ""
    url: str = ""
    author: str = ""


def page_metadata(tree: Any) -> PageMeta:
    """The metadata of a page parsed by ``lxml.html`` (``tree`` is its root element)."""
    meta = _meta_tags(tree)
    linked = _json_ld(tree)
    published = _first_time(
        [meta.get("article:published_time", "")]
        + [str(item.get("datePublished", "")) for item in linked]
        + [meta.get(name, "") for name in _PUBLISHED_META]
        + list(_time_elements(tree))
    )
    modified = _first_time(
        [str(item.get("dateModified", "")) for item in linked]
        + [meta.get(name, "") for name in _MODIFIED_META]
    )
    outlet = _first(
        [meta.get("og:site_name", "")]
        + [_name(item.get("publisher")) for item in linked]
        + [meta.get(name, "") for name in _OUTLET_META]
    )
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    url = _first(
        [meta.get(name, "") for name in _URL_META]
        + [str(c) for c in canonical]
        + [_url(item) for item in linked]
    )
    author = _first(
        [_name(item.get("author")) for item in linked]
        + [meta.get(name, "") for name in _AUTHOR_META if not _is_address(meta.get(name, ""))]
    )
    return PageMeta(published, modified, outlet, url if _is_address(url) else "", author)


def _meta_tags(tree: Any) -> dict[str, str]:
    """``<meta>`` contents by their property, name or itemprop (lower case), the first of
    each; ``itemprop`` elements with a ``datetime`` or ``content`` too."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and content:
                found.setdefault(key, content)
    for element in tree.xpath("//*[@itemprop and (@datetime or @content)]"):
        key = str(element.get("itemprop")).strip().lower()
        found.setdefault(key, (element.get("datetime") or element.get("content") or "").strip())
    return found


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page that describe an article or a web page, articles
    first (``@graph`` lists are opened)."""
    items: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        text = script.text or ""
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        items += _objects(data)
    articles = [item for item in items if _is_article(item)]
    pages = [item for item in items if not _is_article(item) and "datePublished" in item]
    return articles + pages


def _objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"), depth + 1)


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type", "")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(
        isinstance(n, str) and (n.endswith(("Article", "Posting")) or n == "Report") for n in names
    )


def _name(value: Any) -> str:
    """A JSON-LD person or organisation's name (several joined with commas)."""
    if isinstance(value, str):
        return "" if _is_address(value) else value.strip()
    if isinstance(value, dict):
        return _name(value.get("name", ""))
    if isinstance(value, list):
        return ", ".join(n for n in (_name(v) for v in value[:10]) if n)
    return ""


def _url(item: dict[str, Any]) -> str:
    value = item.get("url") or item.get("mainEntityOfPage")
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else ""


def _time_elements(tree: Any) -> Iterator[str]:
    """``<time>`` elements' datetimes: those marked as the publication time first, then
    the first inside an ``<article>``."""
    yield from (str(v) for v in tree.xpath("//time[@pubdate]/@datetime"))
    yield from (str(v) for v in tree.xpath("(//article//time/@datetime)[1]"))


def _first(values: list[str]) -> str:
    return next((v.strip() for v in values if v and v.strip()), "")


def _first_time(values: list[str]) -> str:
    return next((t for t in (normal_time(v) for v in values if v) if t), "")


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normal_time(text: str) -> str:
    """A time as ISO 8601 with its UTC offset when it has one (``2024-11-19T09:40:00+03:00``),
    a day alone as ``2024-11-19``; "" for text that is no time. Reads ISO 8601 (``Z`` too)
    and the RFC 2822 times of e-mail and RSS (``Tue, 19 Nov 2024 09:40:00 +0300``)."""
    text = text.strip()
    if not text or len(text) > 64:
        return ""
    if _DAY.match(text):
        return text
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return ""
    if not 1900 <= moment.year <= 2200:
        return ""
    return moment.isoformat()


def _is_address(text: str) -> bool:
    return text.startswith(("http://", "https://"))


# What separates a page's title from the site's name and sections around it: "Headline |
# Editorial", "Opinion | Headline", "Headline - VG247", "Headline – TechCrunch". A dash is
# often a headline's own ("review - shoots for the moon"): only the site's name is cut at one.
_PIPE = re.compile(r"\s+[|｜•·]\s+")
_SEPARATOR = re.compile(r"\s+[|｜•·\-–—]\s+")
# a host's first labels that name no site (hosted.ap.org, edition.cnn.com, m.example.ru)
_GENERIC_LABELS = frozenset(
    "hosted news blog blogs edition m mobile amp en ru ja web online home".split()
)
_SITE_PASSES = 4  # "Site | Section | Headline | Site": a site's name is cut this often at most
_SITE_CHARS = 100  # a site's name at a title's end or start is no longer (read no further)
_TWO_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go"})


def headline(title: str, outlet: str, url: str) -> str:
    """A page's title without what names the site around it: the site's name (its outlet, or
    its address: "News Nation" for newsnation.in) at either end, and, between "|", the
    longest part ("Opinion | Republicans Are ...", "... | Editorial")."""
    text = " ".join(title.split())
    names = _site_keys(outlet, url)
    if outlet and text.lower().startswith(outlet.lower() + ":"):
        text = text[len(outlet) + 1 :].strip()  # "LinkNaija: Headline"
    for _ in range(_SITE_PASSES):  # the site's name, at the end or at the start
        marks = list(_SEPARATOR.finditer(text))
        ends = [m for m in marks if len(text) - m.end() <= _SITE_CHARS]
        starts = [m for m in reversed(marks) if m.start() <= _SITE_CHARS]
        tail = next((m for m in ends if _plain(text[m.end() :]) in names), None)
        head = next((m for m in starts if _plain(text[: m.start()]) in names), None)
        if tail is not None:
            text = text[: tail.start()]
        elif head is not None:
            text = text[head.end() :]
        else:
            break
    pieces = _PIPE.split(text)
    if len(pieces) > 1:
        text = max(pieces, key=len)
    return text.strip() or " ".join(title.split())


def site_outlet(outlet: str, url: str) -> str:
    """The outlet a page names, readable: an address as its host ("newsnation.in"), and a
    host's generic first label taken for the site's name ("Hosted" for hosted.ap.org) as the
    site's own domain ("ap.org")."""
    host = _host(outlet) if _is_address(outlet) else ""
    if host:
        return host
    labels = _host(url).split(".")
    if len(labels) >= 3 and _plain(outlet) == labels[0] in _GENERIC_LABELS:
        keep = 3 if labels[-2] in _TWO_LEVEL and len(labels[-1]) == 2 else 2
        if len(labels) > keep:
            return ".".join(labels[-keep:])
    return outlet


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower()).removeprefix("the")


def _site_keys(outlet: str, url: str) -> set[str]:
    """The site's name in every form a title may carry it, plain (:func:`_plain`)."""
    keys = {_plain(outlet)}
    for address in (url, outlet if _is_address(outlet) else ""):
        host = _host(address)
        if host:
            first = host.split(".")[0]  # "news" of news.example.org names no site
            keys |= {_plain(host)} | ({_plain(first)} - _GENERIC_LABELS)
    return keys - {""}
