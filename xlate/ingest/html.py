"""An HTML page to an article: its main text (trafilatura, with readability-lxml when
trafilatura keeps much less of the page than readability does), its metadata
(:mod:`xlate.ingest.pagemeta`), and a refusal for pages that are lists of links (a
read-later export, an index page), not articles.

How the text is chosen was measured on real saved pages with gold article text; the figures
and the commands are in docs/performance.md ("Article text from saved pages").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from xlate.errors import DependencyError, FormatError
from xlate.ingest.furniture import strip_boilerplate
from xlate.ingest.pagemeta import PageMeta, headline, normal_time, page_metadata, site_outlet
from xlate.ingest.paths import article_stem
from xlate.model import Article
from xlate.textsafe import shown_path

_WORD = re.compile(r"\w+")

# readability-lxml's text replaces trafilatura's when it has this many times more words and
# holds what trafilatura kept (this share of its 4-word shingles), or trafilatura kept fewer
# than SHORT_WORDS words (a reprint notice, a caption) of a page where readability finds more.
FALLBACK_RATIO = 2.0
FALLBACK_CONTAINS = 0.5
SHORT_WORDS = 80

# A page whose extracted text is mostly whole links' text is a list of links, not an article.
LINK_SHARE = 0.6
MIN_ARTICLE_WORDS = 25


def html_article(
    html: str,
    path: Path,
    known_title: str | None = None,
    *,
    stem: str | None = None,
    link_lists: bool = False,
) -> Article:
    """The article of an HTML page. ``known_title``: the title is known already (a bundle's
    manifest gives title, date and address), so the page's metadata is not read.
    ``link_lists``: a page that is mostly links is read too (a newsletter is one), not refused.
    """
    tree = _parse(html, path)
    meta = PageMeta() if known_title is not None else page_metadata(tree)
    doc = _extract(html, metadata=known_title is None)
    text = str(doc.text or "") if doc is not None else ""
    text = _better_text(html, text, _body_words(tree))
    if not text.strip():
        raise FormatError(path, "no article text found in the HTML page")
    if not link_lists:
        _refuse_link_lists(tree, text, path)
    kept, removed = strip_boilerplate(text.split("\n"))
    lines = [line.strip() for line in kept if line.strip()]
    if not lines:  # a copyright line, a "Related" heading: the site's, no article
        raise FormatError(path, "no article text found in the HTML page, only the site's lines")
    outlet = _without_copyright(meta.outlet or ((doc.sitename or "") if doc is not None else ""))
    if outlet and outlet in _twitter_handles(tree):
        outlet = outlet.strip("_") or outlet  # the site's Twitter handle: "@Wday_" (a trial)
    url = meta.url or ((doc.url or "") if doc is not None else "")
    if known_title is None:  # the page's title, without the site's name and sections
        title = headline(str(doc.title or "") if doc is not None else "", outlet, url)
        if title and title in _site_headings(tree):  # the site's heading, not the article's
            tag = _title_tag(tree)
            # "Headline - Entermedia": the part after the last separator names the site here
            parts = _TITLE_PARTS.split(tag)
            site = parts[-1] if len(parts) > 1 and len(parts[-1]) <= 40 else outlet
            title = headline(tag, site, url) or title
            outlet = outlet or (site if site != tag else "")
    else:
        title = known_title
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the in-article headline: kept once, as the title
    lang = re.search(r"<html[^>]*\slang=[\"']?([A-Za-z]{2,3})", html[:2000], re.IGNORECASE)
    date = (doc.date or "") if doc is not None else ""
    if _year_alone(date, html):
        date = ""
    return Article(
        id=stem if stem is not None else shown_path(article_stem(path)),
        path=shown_path(path),
        text="\n\n".join(lines),
        title=title,
        date=date or meta.published[:10],
        outlet=site_outlet(outlet, url),
        url=url,
        language=lang.group(1).lower() if lang else "",
        removed=tuple(removed),
        published=meta.published or normal_time(date),
        modified=meta.modified,
        author=byline_name(meta.author or ((doc.author or "") if doc is not None else "")),
    )


# What a page's own name is set in: WordPress's "site-title", "site-name", a logo, a brand
_SITE_HEADING = re.compile(
    r"(?:^|[\s_-])(?:site-?(?:title|name|branding)|logo|brand)(?:$|[\s_-])", re.I
)


_TITLE_PARTS = re.compile(r"\s+[-|–—:]{1,2}\s+")


def _site_headings(tree: Any) -> set[str]:
    """The texts of the elements that hold the site's own name (a trial's Korean page: the
    headline taken was its <h1 id="site-title">, the site's name)."""
    found = set()
    for element in tree.xpath("//*[@id or @class]"):
        marks = f"{element.get('id', '')} {element.get('class', '')}"
        if _SITE_HEADING.search(marks):
            found.add(" ".join(element.text_content().split()))
    for link in tree.xpath("//a[@href]"):  # a link to the site's home: <a href="/"><h1>
        if re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.\w+)?", link.get("href", "").strip()):
            found.add(" ".join(link.text_content().split()))
    return found - {""}


def _twitter_handles(tree: Any) -> set[str]:
    """The page's Twitter handles, without their @ (trafilatura takes one for the site's
    name when the page names none; most are the name, "WSJ", some not quite, "Wday_")."""
    found = tree.xpath("//meta[@name='twitter:site' or @property='twitter:site']/@content")
    return {str(h).strip().lstrip("@") for h in found} - {""}


# A byline's label before the name ("By", "Текст:", a trial's wday.ru page) and a date run on
# after it ("Carrie Arnold November 15, 2019")
_BYLINE_LABEL = re.compile(r"^(?:by|written by|text|author|текст|автор)\b\s*:?\s*", re.I)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# a month with its day or year (a month alone may be a name: Theresa May), or a date in figures
_BYLINE_DATE = re.compile(
    rf"\s+(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|{_MONTH},?\s+\d{{4}}"
    r"|\d{1,4}(?:[./-]\d{1,4}){1,2}|published|updated|posted)\s*$",
    re.I,
)


def byline_name(author: str) -> str:
    """An author as a name: without a byline's label or a date run on after it."""
    name = _BYLINE_LABEL.sub("", " ".join(author.split()))
    return _BYLINE_DATE.sub("", name).strip() or name


def _title_tag(tree: Any) -> str:
    titles = tree.xpath("//title")
    return " ".join(titles[0].text_content().split()) if titles else ""


# A site name read from a copyright notice (trafilatura takes a page's meta copyright for
# its site name): "© 2020 Foo" is Foo.
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,.]*", re.IGNORECASE
)


def _without_copyright(outlet: str) -> str:
    return _COPYRIGHT.sub("", outlet).strip() if _COPYRIGHT.match(outlet) else outlet


def _year_alone(date: str, html: str) -> bool:
    """Whether trafilatura's ``date`` is a year alone that it wrote as 1 January (htmldate
    reads a page's "© 2024" footer so, when it finds no other date): a page published on
    1 January writes that day. None of the 181 saved pages of ../shared/data/pages gets a
    1 January date; a trial's pages with only a copyright line all became 2024-01-01."""
    if not date.endswith("-01-01"):
        return False
    year = re.escape(date[:4])
    written = (
        rf"{year}[-/.]0?1[-/.]0?1(?!\d)|(?<!\d)0?1[-/.]0?1[-/.]{year}|{year}0101"
        rf"|Jan(?:uary|\.)?\s+0?1(?:st)?,?\s+{year}|(?<!\d)0?1(?:st)?\s+Jan(?:uary|\.)?,?\s+{year}"
        rf"|(?<!\d)0?1\.?\s+(?:января|Januar|janvier)\s+{year}|1er\s+janvier\s+{year}"
        rf"|{year}年\s*0?1月\s*0?1日"
    )
    return re.search(written, html, re.IGNORECASE) is None


def _parse(html: str, path: Path) -> Any:
    import lxml.etree
    import lxml.html

    # An XML declaration with an encoding is refused in str input: the text is decoded already.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(path, f"HTML that cannot be parsed ({exc})") from None


def _extract(html: str, *, metadata: bool) -> Any:
    """trafilatura's main text and metadata of a page (a ``Document``), or ``None``."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install: say so once per file, not a traceback
        raise DependencyError(
            f"HTML extraction is unavailable ({exc}); reinstall xlate's dependencies "
            "(pip install -e .)"
        ) from None
    # The text, not our tree: trafilatura's own parse keeps text that lxml.html's drops.
    return trafilatura.bare_extraction(html, options=_extractor(metadata))


@cache
def _extractor(metadata: bool) -> Any:
    """trafilatura's options for articles, built once per process (the library copies them
    before changing any, so one object serves every page). Tables are kept (some pages lay
    their text out in them), and precision mode is on: it was the best of the modes measured."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python",
        fast=False,
        with_metadata=metadata,
        comments=False,
        tables=True,
        precision=True,
    )


def _body_words(tree: Any) -> int:
    """How many words the page's body holds, scripts and all (an upper bound of any text)."""
    body = tree.find("body")
    return len(_WORD.findall(body.text_content())) if body is not None else 0


def _better_text(html: str, text: str, body_words: int) -> str:
    """``text`` (trafilatura's), or readability-lxml's text of the page when that has
    FALLBACK_RATIO times more words and either holds what trafilatura kept or trafilatura
    kept almost nothing. readability is not asked when the whole body has too few words."""
    words = len(_WORD.findall(text))
    if body_words < FALLBACK_RATIO * max(words, 1):
        return text
    other = _readability_text(html)
    others = len(_WORD.findall(other))
    if others < FALLBACK_RATIO * max(words, 1):
        return text
    if words < SHORT_WORDS or contained(text, other) >= FALLBACK_CONTAINS:
        return other
    return text


def _readability_text(html: str) -> str:
    """The main text readability-lxml finds, one paragraph a line ("" when it finds none)."""
    try:
        import lxml.html
        from readability import Document
    except ImportError as exc:
        raise DependencyError(
            f"HTML extraction is unavailable ({exc}); reinstall xlate's dependencies "
            "(pip install -e .)"
        ) from None
    try:
        summary = Document(html).summary(html_partial=True)
        root = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # any failure of the fallback leaves trafilatura's text
        return ""
    return "\n".join(_blocks(root))


def html_text(fragment: str) -> list[str]:
    """The paragraphs of a piece of HTML (a feed item's content), one a block element."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return [" ".join(fragment.split())] if fragment.strip() else []
    return _blocks(root)


_BLOCK_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre td dd dt figcaption".split())


def _blocks(root: Any) -> list[str]:
    """The text of each block element (paragraph, heading, list item) not inside another."""
    found: list[str] = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(parent.tag in _BLOCK_TAGS for parent in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            found.append(text)
    if not found:
        text = " ".join(root.text_content().split())
        return [text] if text else []
    return found


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


def contained(small: str, big: str) -> float:
    """The share of ``small``'s 4-word shingles found in ``big`` (0 when ``small`` has none)."""
    mine = _shingles(small)
    return len(mine & _shingles(big)) / len(mine) if mine and small.strip() else 0.0


def _refuse_link_lists(tree: Any, text: str, path: Path) -> None:
    """A page of links (a Pocket export, an index page) is refused, with what it is: one
    where the extracted text is little among many links, or is mostly the links' own text."""
    anchors = {" ".join(a.text_content().split()).lower() for a in tree.iter("a")}
    anchors.discard("")
    lines = [" ".join(line.split()).lower() for line in text.split("\n") if line.strip()]
    words = sum(len(_WORD.findall(line)) for line in lines)
    if words < MIN_ARTICLE_WORDS and len(anchors) >= 10:
        raise FormatError(
            path,
            f"{len(anchors)} links around {words} words: a list of links (a read-later "
            "export or an index page), not an article",
        )
    linked = [line for line in lines if line in anchors]
    share = sum(len(_WORD.findall(line)) for line in linked) / max(words, 1)
    if len(linked) >= 5 and share >= LINK_SHARE:
        raise FormatError(
            path,
            f"a list of {len(linked)} links ({share:.0%} of its words are link text), not an "
            "article: a read-later export or an index page",
        )
