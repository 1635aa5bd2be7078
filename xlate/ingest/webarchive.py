"""Safari's web archives (``.webarchive``, what Safari saves a page as by default), through the
standard ``plistlib``: a property list (binary, or XML in older ones) whose main resource holds
the page's bytes, its MIME type, its text encoding and its address. The page is read as an
HTML page; the archive's subresources (images, scripts, style sheets) are not read.
"""

from __future__ import annotations

import plistlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from xlate.errors import FormatError
from xlate.ingest.decode import named_text
from xlate.ingest.html import html_article
from xlate.ingest.paths import article_stem
from xlate.model import Article
from xlate.textsafe import shown_path

_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_webarchive(data: bytes, path: Path, encoding: str | None = None) -> list[Article]:
    """The page of a Safari web archive: its main resource."""
    main = _main_resource(data, path)
    body = main.get("WebResourceData")
    if not isinstance(body, bytes) or not body.strip():
        raise FormatError(path, "Safari web archive whose page is empty, nothing to read")
    kind = str(main.get("WebResourceMIMEType") or "text/html").lower()
    if kind not in _PAGE_TYPES:
        raise FormatError(path, f"Safari web archive of a {kind[:60]} file, not a web page")
    named = str(main.get("WebResourceTextEncodingName") or "")
    html, used = named_text(body, named, path, encoding, "the archive's text encoding")
    article = html_article(html, path, stem=shown_path(article_stem(path)))
    address = main.get("WebResourceURL")
    url = article.url or (address.strip() if isinstance(address, str) else "")
    return [replace(article, url=url, encoding=used)]


def _main_resource(data: bytes, path: Path) -> dict[str, Any]:
    from xml.parsers.expat import ExpatError  # an XML archive's (older ones are XML)

    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, ExpatError, LookupError, ValueError, TypeError,
            KeyError, IndexError, OverflowError, RecursionError, MemoryError) as exc:  # fmt: skip
        raise FormatError(path, f"damaged Safari web archive ({type(exc).__name__})") from None
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise FormatError(path, "property list that is no Safari web archive (no main page)")
    return main
