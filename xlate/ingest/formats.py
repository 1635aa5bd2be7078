"""Reading saved articles as users really have them: the file formats.

``.txt``, ``.md``, ``.html``/``.htm`` (main text through trafilatura), ``.json`` (one article
object or a list of them) and ``.jsonl`` (one object a line). The bytes are decoded by
:mod:`xlate.ingest.decode`, read within bounds by :mod:`xlate.ingest.paths`, and page furniture
is removed by :mod:`xlate.ingest.furniture` (and listed in ``Article.removed``).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from xlate.dates import SLASHED, parse_date
from xlate.errors import FormatError, InputError
from xlate.ingest.decode import decode, sniff_binary
from xlate.ingest.documents import read_docx, read_pdf
from xlate.ingest.feeds import read_feed
from xlate.ingest.furniture import (
    BOILERPLATE,
    SENTENCE_END,
    Furniture,
    joined_paragraphs,
    paragraph_blocks,
    strip_boilerplate,
)
from xlate.ingest.html import html_article, html_text
from xlate.ingest.mime import read_email, read_mhtml
from xlate.ingest.pagemeta import normal_time
from xlate.ingest.paths import (
    Kind,
    article_stem,
    checked_kind,
    read_bounded,
    unpacked,
)
from xlate.ingest.webarchive import read_webarchive
from xlate.limits import DEFAULT_MAX_BYTES
from xlate.model import Article, frozen
from xlate.textsafe import shown_path

_DATE_LINE = re.compile(
    r"""^\W*(?:
        \d{4}-\d{2}-\d{2}(?:[T\s][\d:]+)?|
        \d{1,2}\.\d{1,2}\.\d{4}|
        \d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?|
        (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{1,2},\ \d{4}|
        \d{1,2}\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\ \d{4}
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# The words a dateline holds besides its date: weekdays, months, times, zones, and what
# outlets write around them ("Published: Tuesday, Aug. 2 2011 7:08 p.m. MDT", "Updated Thu 6
# May 2010, 9:03am AEST", "10:24 AM, MON 22 JUL 2013").
_DATELINE_WORDS = re.compile(
    r"""\b(?:
        mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|
        sat(?:urday)?|sun(?:day)?|
        jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|
        sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|
        \d+(?:st|nd|rd|th|[ap]m)?|[ap]\.?\s?m\b\.?|
        [ecmp][sd]?t|gmt|utc|bst|cest|cet|msk|jst|kst|ist|aest|aedt|hrs|
        updated|published|posted|originally|edited|last|at|on|release|date|time
    )\b\.?""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"[^\W\d_]+")
_CLOSING = re.compile(r"[.!?]$")


# A wire dateline on a line of its own, with no year: the place, the month and day, the
# agency, and the dash the story follows ("Mumbai, Nov 11 -", "MOSCOW, Nov. 20 (Reuters) -").
# In ECB+'s 16,314 sentences one line has this form, a dateline; no WMT22 reference
# paragraph and no line of the 181 saved pages has it.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][^\W\d_][\w .'’-]{0,40},\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:\s*\([A-Za-z][\w .&-]{1,30}\))?\s*[-–—]+$",
    re.IGNORECASE,
)


def is_date_line(line: str) -> bool:
    """Whether ``line`` is a dateline: a short line that names a date (as
    :func:`xlate.dates.parse_date` reads one) with little else, a weekday, a time, a zone, a
    word such as "Updated", an agency in capitals ("AFP, Tuesday 2 Jul 2013"); a slashed date
    counts even where the order of day and month cannot be told ("Posted 2/3/2009")."""
    line = line.strip().strip("*_")
    if _DATE_LINE.match(line) or _WIRE_DATELINE.match(line):
        return True
    if len(line) > 100 or (parse_date(line) is None and not SLASHED.search(line)):
        return False
    rest = _WORD.findall(_DATELINE_WORDS.sub(" ", line))
    if len(rest) > 2 or (rest and not all(w.isupper() for w in rest) and len(rest) > 1):
        return False
    # a sentence that names a date ("He died May 3, 2013.") ends as one
    return not rest or not _CLOSING.search(line) or line.endswith(("a.m.", "p.m."))


# JSON article fields: the first present key of each list is used; other keys go to ``extra``.
JSON_FIELDS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext", "article"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_publish", "published_at", "datetime"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "site_name", "sitename", "source", "publisher"),
    "language": ("language", "lang"),
    "id": ("id",),
}


def read_articles(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known_title: str | None = None,
) -> list[Article]:
    """The article(s) in one file. JSON lists and ``.jsonl`` files may hold several.

    ``known_title``: the title, when what a page's metadata would give is known already (a
    bundle's manifest gives title, date and address): an HTML page is then read without
    extracting its metadata, which is most of the work.
    """
    path = Path(path)
    kind = checked_kind(path)
    data = read_bounded(path, max_bytes)
    data = unpacked(data, path, max_bytes)
    if not data.strip():
        raise InputError(path, "empty file")
    if kind in BINARY_READERS:
        return BINARY_READERS[kind](data, path, encoding)
    sniff_binary(data, path, encoding)
    text, used = decode(data, path, encoding)
    return parse_text(text, path, KIND_SUFFIX[kind], used, known_title)


# The kinds read from their bytes (their own containers say how their text is encoded);
# ``encoding=`` applies to MHTML and e-mail parts that do not name their charset.
BINARY_READERS: Mapping[Kind, Callable[[bytes, Path, str | None], list[Article]]] = {
    "mhtml": read_mhtml,
    "webarchive": read_webarchive,
    "email": read_email,
    "pdf": read_pdf,
    "docx": read_docx,
    "feed": read_feed,
}
KIND_SUFFIX: Mapping[Kind, str] = {
    "text": ".txt", "markdown": ".md", "html": ".html", "json": ".json", "jsonl": ".jsonl",
}  # fmt: skip


def parse_text(
    text: str, path: Path, suffix: str, encoding: str = "utf-8", known_title: str | None = None
) -> list[Article]:
    """Articles from already-decoded ``text`` of a file of type ``suffix``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in (".html", ".htm", ".xhtml", ".xht"):
        articles = [html_article(text, path, known_title, stem=stem_id(path))]
    elif suffix == ".json":
        articles = _from_json(text, path)
    elif suffix == ".jsonl":
        articles = _from_jsonl(text, path)
    else:
        articles = [_from_plain(text, path, markdown=suffix == ".md")]
    return [replace(a, encoding=encoding) for a in articles]


def stem_id(path: Path, index: int | None = None) -> str:
    stem = shown_path(article_stem(path))  # a name that is not UTF-8 cannot be written as text
    return stem if index is None else f"{stem}-{index + 1}"


def _from_plain(text: str, path: Path, *, markdown: bool) -> Article:
    furniture = Furniture()
    title, date, body = split_head(text.split("\n"), markdown=markdown)
    lines = furniture.filter(body)
    return Article(
        id=stem_id(path),
        path=shown_path(path),
        text="\n\n".join(paragraph_blocks(md_body(lines) if markdown else lines)),
        title=title,
        date=date,
        removed=tuple(furniture.removed),
    )


def split_head(
    lines: Iterable[str], *, markdown: bool, dated: bool = False
) -> tuple[str, str, Iterator[str]]:
    """The title and date lines of a plain-text or Markdown file, and the lines after them.

    Reads ahead only as far as it must (the first non-blank line, the line after it, and the
    next non-blank one), so it works on a file being read line by line. ``dated``: a date
    line was read already (the next one is no date of the file's own).
    """
    rest = iter(lines)
    seen: list[str] = []
    for line in rest:
        seen.append(line)
        if line.strip():
            break
    else:
        return "", "", iter(seen)
    head = seen[-1].strip()
    if not dated and is_date_line(head) and not _WIRE_DATELINE.match(head.strip("*_")):
        # a date over the text ("Friday, June 7, 2013", then the headline or the body): the
        # date, not a title (a trial); the title, if any, is the next line
        title, _, body = split_head(rest, markdown=markdown, dated=True)
        ahead = _through_next_text(body)
        if not title and not any(line.strip() for line in ahead):
            return "", "", iter(seen)  # the date alone: the text, as a single line is
        return title, head.strip("*_"), itertools.chain(ahead, body)
    following = next(rest, None)
    after = [] if following is None else [following]
    if markdown and head.startswith("#"):
        title = head.lstrip("#").strip()
    elif dated and is_date_line(head):  # another date: no title (a log of dates, a digest)
        return "", "", itertools.chain(seen, after, rest)
    elif _looks_like_title(head, following or ""):
        title = head
    else:
        return "", "", itertools.chain(seen, after, rest)
    if not title:
        return "", "", itertools.chain(after, rest)
    body = itertools.chain(after, rest)
    ahead = _through_next_text(body)
    date = ""
    if ahead and is_date_line(ahead[-1]):
        date = ahead.pop().strip().strip("*_")
        if _WIRE_DATELINE.match(date):  # no year: no date to keep, only the line to drop
            date = ""
        ahead += _through_next_text(body)
    if not any(line.strip() for line in ahead):
        # Nothing follows: a single line (a headline alone, a sentence on standard input) is
        # the text, not a title over no text.
        return "", date, itertools.chain(seen, ahead)
    return title, date, itertools.chain(ahead, body)


def _through_next_text(lines: Iterator[str]) -> list[str]:
    """The next lines of ``lines`` up to and including the first non-blank one."""
    taken: list[str] = []
    for line in lines:
        taken.append(line)
        if line.strip():
            break
    return taken


def _looks_like_title(line: str, following: str) -> bool:
    """A short first line over a dateline (a headline written as a sentence, "The Indian navy
    has captured 23 Somalian pirates."), or without closing punctuation, standing alone
    before the body or set in headline case over the body's first line ("Texas Lifer Escapes
    Prison Van Near Houston" straight over "A Texas inmate escaped ...")."""
    if len(line) > 200 or BOILERPLATE.match(line):
        return False
    following = following.strip()
    if following and is_date_line(following):
        return True
    if not following and _CJK_EXCLAIMED.fullmatch(line.strip()):
        return True  # a Japanese headline standing alone: 中古住宅の購入時は要注意！ (a trial)
    if SENTENCE_END.search(line):
        return False
    if not following:
        return True
    return _headline_case(line) and len(line.strip()) < HEADLINE_WIDTH * len(following)


# A short line of CJK text that ends with a full-width exclamation or question mark and holds
# no other sentence's end: headlines are written so, sentences end with 。
_CJK_EXCLAIMED = re.compile(r"(?=[^。！？!?]*[\u3040-\u30ff\u3400-\u9fff])[^。！？!?]{2,40}[！？]")


# A headline over the text is shorter than the text's lines; a hard-wrapped paragraph's first
# line is as wide as the next ("Japan's Prime Minister Fumio Kishida and South Korean
# President Yoon Suk" over "Yeol met in Tokyo ...": no title, though nearly all capitalised).
HEADLINE_WIDTH = 0.8


def _headline_case(line: str) -> bool:
    """Whether ``line`` is set as English headlines are: three words or more of four letters or
    more, nearly all capitalised (a line of prose has "said", "with", "their" ...)."""
    long: list[str] = [w for w in _WORD.findall(line) if len(w) > 3]
    if len(long) < 3 or line.rstrip()[-1:] in (",", ";", ":", "-"):
        return False
    return sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def md_body(lines: Iterable[str]) -> Iterator[str]:
    return (_MD_HEADING.sub("", line) for line in lines)


_MD_HEADING = re.compile(r"^#{1,6}\s+")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


_CLOCK = re.compile(r"\d(?:T|\s+)\d{1,2}(?::?\d{2})")  # a time of day after a date


def loads_json(text: str) -> Any:
    """JSON, with lone surrogates (``"\\ud800"`` escapes without their pair) replaced by U+FFFD:
    text cannot hold them, so they would fail the output of the whole article."""
    data = json.loads(text, parse_constant=str, parse_float=_finite_float)
    return _without_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data


def _finite_float(text: str) -> float | str:
    """A JSON number as a float, or as its text when no JSON could hold it back (``1e999``):
    ``NaN`` and ``Infinity`` (not JSON, which Python reads) are kept as text likewise."""
    value = float(text)
    return value if math.isfinite(value) else text


def _json_problem(exc: ValueError | RecursionError) -> str:
    """What a JSON reader that is not a syntax error said, in a few words."""
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    return f"JSON that cannot be read ({exc})"


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def _from_json(text: str, path: Path) -> list[Article]:
    try:
        data = loads_json(text)
    except json.JSONDecodeError as exc:
        raise FormatError(path, f"invalid JSON: {_json_error(exc)}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit integer; 10,000 levels deep
        raise FormatError(path, _json_problem(exc)) from None
    if isinstance(data, dict):
        return [_from_object(data, path, None)]
    if isinstance(data, list) and data:
        return _records(path, [partial(_from_object, item, path, i) for i, item in enumerate(data)])
    raise FormatError(path, "JSON must be an article object or a non-empty list of them")


def _records(path: Path, makers: list[Callable[[], Article]]) -> list[Article]:
    """The articles of a file of many records, each made by its maker: a record that is no
    article stands as one with its :attr:`~xlate.model.Article.problem` (the others are
    read: one empty record of a scraper's thousand loses nothing else); when no record is
    an article, the file fails with the first one's problem."""
    articles: list[Article] = []
    for index, make in enumerate(makers):
        try:
            articles.append(make())
        except FormatError as exc:
            articles.append(
                Article(stem_id(path, index), shown_path(path), "", problem=exc.problem)
            )
    if all(a.problem for a in articles):
        raise FormatError(path, articles[0].problem)
    return articles


def readable(articles: Sequence[Article]) -> tuple[list[Article], list[InputError]]:
    """``articles`` that are articles, and a failure for each record that is not (one that
    names the file and the record)."""
    good = [a for a in articles if not a.problem]
    bad = [InputError(a.path, a.problem) for a in articles if a.problem]
    return good, bad


def _json_error(exc: json.JSONDecodeError) -> str:
    """What is wrong and where: "Unterminated string starting at line 1, column 24" (json's
    own message, some of which end "at" and wait for the place)."""
    what = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    return f"{what} at line {exc.lineno}, column {exc.colno}"


def _from_jsonl(text: str, path: Path) -> list[Article]:
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if not lines:
        raise FormatError(path, "no JSON objects in the file")
    return _records(
        path, [partial(_jsonl_record, line, n, i, path) for i, (n, line) in enumerate(lines)]
    )


def _jsonl_record(line: str, number: int, index: int, path: Path) -> Article:
    try:
        data = loads_json(line)
    except json.JSONDecodeError as exc:
        what = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg  # the record is one line
        raise FormatError(
            path, f"line {number}: invalid JSON: {what} at column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise FormatError(path, f"line {number}: {_json_problem(exc)}") from None
    return _from_object(data, path, index, where=f"line {number}: ")


_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "a list",
               dict: "an object"}  # fmt: skip


# Tags a scraper's "text" holds when it saved the page's HTML, not its text (two or more).
_MARKUP = re.compile(
    r"<(?:html|head|body|p|div|br|article|section|span|h[1-6]|ul|ol|li|nav|footer|a|em|strong)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


def _html_paragraphs(text: str, path: Path, title: str) -> str:
    """The article of HTML that a scraper saved as an article's "text" (a trial: its tags,
    menu and footer were translated as sentences): a whole page as a saved page is read, a
    fragment a paragraph per block element."""
    if re.search(r"<(?:html|body)\b", text[:5000], re.IGNORECASE):
        try:
            return html_article(text, path, title, link_lists=True).text
        except FormatError:
            pass  # no article found in it: its blocks, as a fragment's
    return "\n\n".join(html_text(text))


def _from_object(data: Any, path: Path, index: int | None, where: str = "") -> Article:
    where = where or ("" if index is None else f"item {index + 1}: ")
    if not isinstance(data, dict):
        raise FormatError(path, f"{where}expected an article object, got {type(data).__name__}")
    fields: dict[str, str] = {}
    used: set[str] = set()
    for name, keys in JSON_FIELDS.items():
        for key in keys:
            value = data.get(key)
            # true and false are not text (bool is an int to Python: str(True) is "True")
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                fields[name] = str(value)
                used.add(key)
                break
    if "text" not in fields:
        names = ", ".join(JSON_FIELDS["text"])
        wrong = next((k for k in JSON_FIELDS["text"] if data.get(k) is not None), None)
        if wrong is not None and not isinstance(data[wrong], str):
            kind = _JSON_TYPES.get(type(data[wrong]), type(data[wrong]).__name__)
            raise FormatError(path, f"{where}the {wrong!r} field is {kind}, not text")
        if wrong is not None:
            raise FormatError(path, f"{where}the {wrong!r} field is empty")
        raise FormatError(path, f"{where}article object has no text field (one of: {names})")
    text = fields["text"]
    if len(_MARKUP.findall(text[:20000])) >= 2:
        text = _html_paragraphs(text, path, fields.get("title", ""))
    kept, removed = strip_boilerplate(text.replace("\r\n", "\n").split("\n"))
    date = fields.get("date", "")
    published = normal_time(date)  # "2021-11-21T09:00:00+09:00": the day is the date (a trial)
    timed = _CLOCK.search(date) is not None  # "20211121" is a day: no midnight invented
    return Article(
        id=fields.get("id") or stem_id(path, index),
        path=shown_path(path),
        text=joined_paragraphs(kept),
        title=fields.get("title", ""),
        date=published[:10] if published else date,
        published=published if timed else "",
        url=fields.get("url", ""),
        outlet=fields.get("outlet", ""),
        language=fields.get("language", ""),
        removed=tuple(removed),
        extra=frozen({k: v for k, v in data.items() if k not in used}),
    )
