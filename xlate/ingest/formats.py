"""Reading saved articles as users really have them.

Formats: ``.txt``, ``.md``, ``.html``/``.htm`` (main text through trafilatura), ``.json`` (one
article object or a list of them) and ``.jsonl`` (one object a line). Encodings: a byte-order
mark wins, then strict UTF-8, then charset-normalizer's best guess; ``encoding=`` overrides all.
Boilerplate lines (summary buttons, previous/next links and the neighbouring headlines after
them) are removed and listed in ``Article.removed``.
"""

from __future__ import annotations

import codecs
import errno
import io
import itertools
import json
import math
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import IO, Any

from xlate.errors import EncodingError, FormatError, InputError, XlateError
from xlate.model import Article
from xlate.textsafe import shown_path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x7fELF", "an executable"),
)

# Lines that are page furniture, in the languages xlate reads. Matched against a whole line.
_BOILERPLATE = re.compile(
    r"""^(?:
        no\ time\ to\ read\?|get\ a\ summary|previous\ article|next\ article|read\ more|
        share(?:\ this(?:\ article)?)?|advertisement|related\ articles?|subscribe|
        читайте\ также|поделиться.*|реклама|подписывайтесь.*|предыдущая\ статья|следующая\ статья|
        関連記事|前の記事|次の記事|広告|シェアする
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# After these, the next short line is a neighbouring article's headline.
_NAVIGATION = re.compile(
    r"^(?:previous article|next article|предыдущая статья|следующая статья|前の記事|次の記事)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。！？…»\"”」』]\s*$")
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


def decode(data: bytes, path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """``data`` as text, and the name of the encoding it was read in."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise EncodingError(path, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise EncodingError(path, f"not valid {encoding} at byte {exc.start}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise EncodingError(path, f"not valid {name} at byte {exc.start}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # UTF-8 with a few corrupt bytes stays UTF-8: the bytes become U+FFFD, visibly, instead of
    # another codec garbling every valid multi-byte character of the file.
    repaired, bad = _utf8_replacing(data)
    if _looks_like_utf8(data) and bad <= _bad_byte_budget(len(data)):
        return repaired, f"utf-8 ({bad} invalid byte(s) replaced)"
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))
    if not candidates:
        raise EncodingError(
            path,
            f"not valid UTF-8 (first bad byte at {first_bad}) and no single encoding fits: the "
            "file may mix encodings; give --encoding to read it as one",
        )
    best = _prefer_japanese(candidates)
    return str(best), best.encoding


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """``data`` as UTF-8 with bad bytes as U+FFFD, and how many replacements were made."""
    text = data.decode("utf-8", errors="replace")
    return text, text.count("\ufffd") - data.count("\ufffd".encode())


def _bad_byte_budget(size: int) -> int:
    """How many bad bytes a UTF-8 file of ``size`` bytes may have and still be read as UTF-8."""
    return max(8, size // 200)


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _looks_like_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes are mostly well-formed UTF-8 (multi-byte) sequences."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not high:
        return True
    valid = len(
        re.findall(
            rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data
        )
    )
    return high <= 16 or valid * 2 >= high / 2


# charset-normalizer is asked about every encoding it knows: restricting it to the ones saved
# ru/ja/en pages use is 4x faster but decodes Greek or Arabic bytes as confident Cyrillic.
_KANA = re.compile(r"[\u3040-\u30ff]")
_KOREAN_OR_CHINESE = frozenset(
    "cp949 euc_kr johab iso2022_kr gb2312 gbk gb18030 hz big5 big5hkscs cp950".split()
)
_JAPANESE = frozenset(
    "euc_jp euc_jis_2004 euc_jisx0213 shift_jis cp932 shift_jis_2004 shift_jisx0213 "
    "iso2022_jp".split()
)


def _prefer_japanese(candidates: list[Any]) -> Any:
    """The library's best guess, except for one known ambiguity of the EUC family.

    EUC-JP bytes are also valid EUC-KR and GB codes, and charset-normalizer may rank the
    Korean or Chinese reading first. When it does, a Japanese reading among its next guesses
    that contains kana (which Korean and Chinese text never has) wins.
    """
    first = candidates[0]
    if first.encoding in _KOREAN_OR_CHINESE:
        for match in candidates[1:5]:
            if match.encoding in _JAPANESE and _KANA.search(str(match)):
                return match
    return first


def sniff_binary(data: bytes, path: str | Path) -> None:
    """Refuse images, archives and executables with a message saying what the file is."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not an article")
    head = data[:4096]
    if b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS):
        raise InputError(path, "binary file (contains NUL bytes), not an article")


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
    suffix = _checked_suffix(path)
    data = read_bounded(path, max_bytes)
    if not data.strip():
        raise InputError(path, "empty file")
    sniff_binary(data, path)
    text, used = decode(data, path, encoding)
    return parse_text(text, path, suffix, used, known_title)


def _checked_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}")
    return suffix


def _check_size(path: Path, max_bytes: int) -> int:
    size = check_regular(path).st_size
    if size > max_bytes:
        raise _too_large(path, f"file is {size:,} bytes", max_bytes)
    return size


def _too_large(path: Path, what: str, max_bytes: int) -> InputError:
    return InputError(path, f"{what}, over the {max_bytes:,}-byte limit (--max-bytes)")


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(path: Path, folder: Path | None = None) -> os.stat_result:
    """The status of ``path``, which must be (or link to) a regular file; an InputError that
    says what it is otherwise: a symbolic link loop, a dangling link, a pipe, a device.

    With ``folder`` (the folder ``path`` was found in), a symbolic link that leads outside it
    is refused too: a folder of articles is read as it is, as bundles are.
    """
    try:
        if path.is_symlink():
            target = Path(os.path.realpath(path, strict=True))
            if folder is not None and not target.is_relative_to(os.path.realpath(folder)):
                raise InputError(
                    path, f"symbolic link to {shown_path(target)}, outside the folder (not read)"
                )
        status = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise InputError(path, "dangling symbolic link (its target does not exist)") from None
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    except RuntimeError:  # a loop, as some Python versions report it
        raise InputError(path, "symbolic link loop") from None
    for test, kind in _KINDS:
        if test(status.st_mode):
            raise InputError(path, f"not a regular file ({kind}), not an article")
    return status


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, counted as they are read: a size
    the file system reports (0 for files of /proc, a file growing) is not trusted."""
    _check_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise _too_large(path, "file grew while read, or is larger than it says", max_bytes)
    return data


# -- large plain-text articles, read in parts ---------------------------------------------------

STREAM_SUFFIXES = frozenset({".txt", ".md"})
STREAM_BYTES = 4 * 1024 * 1024  # plain-text files larger than this are read in parts
PART_CHARS = 256 * 1024  # about the text of one part (whole paragraphs)
_HEAD_BYTES = 1024 * 1024  # the encoding of a streamed file is detected from its start
_SPILL_AFTER = 10_000  # removed lines of a streamed file held in memory before going to disk


def streams(path: Path, stream_bytes: int = STREAM_BYTES) -> bool:
    """Whether ``path`` is a plain-text article large enough to be read in parts."""
    try:
        return path.suffix.lower() in STREAM_SUFFIXES and path.stat().st_size > stream_bytes
    except OSError:
        return False  # the ordinary reader reports it


@dataclass(slots=True)
class TextStream:
    """A plain-text or Markdown article read paragraph by paragraph, for files too large to
    hold (with their sentences, detections and translations) at once.

    ``article`` has everything but the text, which arrives in ``parts``: whole paragraphs,
    about ``PART_CHARS`` characters a part, that joined with blank lines give the text the
    ordinary reader would give. ``furniture.lines()`` gives the removed lines once the parts
    are read.
    """

    article: Article
    parts: Iterator[str]
    furniture: Furniture


@contextmanager
def open_text_stream(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    part_chars: int = PART_CHARS,
) -> Iterator[TextStream]:
    """Open a plain-text or Markdown article to read in parts; memory does not grow with it.

    The encoding (unless given) is detected from the first megabyte; a later byte that does
    not fit it fails the file with a message saying so.
    """
    path = Path(path)
    suffix = _checked_suffix(path)
    try:
        size = _check_size(path, max_bytes)
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    with raw:
        head = raw.read(_HEAD_BYTES)
        if not head.strip():
            raise InputError(path, "empty file")
        sniff_binary(head, path)
        codec, label = _stream_codec(head, path, encoding)
        raw.seek(0)
        if codec.replace("_", "-").lower().startswith(("utf-16", "utf-32")):
            # A line break is more than one byte: let the codec find the lines.
            lines = _text_lines(io.TextIOWrapper(raw, encoding=codec, newline=None), path, label)
        else:
            if codec == "utf-8-sig":
                raw.seek(len(codecs.BOM_UTF8))
                codec = "utf-8"
            # UTF-8 found by detection tolerates the few bad bytes the whole-file reader does.
            budget = _bad_byte_budget(size) if codec == "utf-8" and not encoding else 0
            lines = _byte_lines(raw, codec, budget, path, label)
        markdown = suffix == ".md"
        title, date, body = split_head(lines, markdown=markdown)
        furniture = Furniture(spill_after=_SPILL_AFTER)
        kept = furniture.filter(body)
        blocks = paragraph_blocks(_md_body(kept) if markdown else kept)
        article = Article(
            id=_stem_id(path),
            path=shown_path(path),
            text="",
            title=title,
            date=date,
            encoding=label,
        )
        try:
            yield TextStream(article, _parts(blocks, part_chars), furniture)
        finally:
            furniture.close()


def _stream_codec(head: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """The codec and the name to report, for a file starting with ``head``."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise EncodingError(path, f"unknown encoding {encoding!r}") from None
        return encoding, encoding
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, name
    whole_lines = head[: head.rfind(b"\n") + 1] or head
    _, used = decode(whole_lines, path)
    return ("utf-8", "utf-8") if used.startswith("utf-8 (") else (used, used)


def _text_lines(text: io.TextIOWrapper, path: Path, label: str) -> Iterator[str]:
    try:
        for line in text:
            yield line.rstrip("\n")
    except UnicodeDecodeError:
        raise _mixed(path, label) from None


def _byte_lines(raw: IO[bytes], codec: str, budget: int, path: Path, label: str) -> Iterator[str]:
    """The lines of a file in an encoding whose line breaks are single bytes, decoded one by
    one; with a ``budget`` (UTF-8 only), up to that many bad bytes in all become U+FFFD, as
    the whole-file reader allows."""
    bad = 0
    for line in raw:
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            if not budget:
                raise _mixed(path, label) from None
            text, replaced = _utf8_replacing(line)
            bad += replaced
            if bad > budget:
                raise _mixed(path, label) from None
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield from text.removesuffix("\n").split("\n")


def _mixed(path: Path, label: str) -> EncodingError:
    return EncodingError(
        path,
        f"not valid {label} beyond the first {_HEAD_BYTES:,} bytes, which the encoding was "
        "detected from: the file may mix encodings; give --encoding to read it as one",
    )


def _parts(blocks: Iterable[str], part_chars: int) -> Iterator[str]:
    part: list[str] = []
    size = 0
    for block in blocks:
        part.append(block)
        size += len(block) + 2
        if size >= part_chars:
            yield "\n\n".join(part)
            part, size = [], 0
    if part:
        yield "\n\n".join(part)


def parse_text(
    text: str, path: Path, suffix: str, encoding: str = "utf-8", known_title: str | None = None
) -> list[Article]:
    """Articles from already-decoded ``text`` of a file of type ``suffix``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in (".html", ".htm"):
        articles = [_from_html(text, path, known_title)]
    elif suffix == ".json":
        articles = _from_json(text, path)
    elif suffix == ".jsonl":
        articles = _from_jsonl(text, path)
    else:
        articles = [_from_plain(text, path, markdown=suffix == ".md")]
    return [replace(a, encoding=encoding) for a in articles]


def _stem_id(path: Path, index: int | None = None) -> str:
    stem = shown_path(path.stem)  # a name that is not UTF-8 cannot be written as text
    return stem if index is None else f"{stem}-{index + 1}"


def _from_plain(text: str, path: Path, *, markdown: bool) -> Article:
    furniture = Furniture()
    title, date, body = split_head(text.split("\n"), markdown=markdown)
    lines = furniture.filter(body)
    return Article(
        id=_stem_id(path),
        path=shown_path(path),
        text="\n\n".join(paragraph_blocks(_md_body(lines) if markdown else lines)),
        title=title,
        date=date,
        removed=tuple(furniture.removed),
    )


def split_head(lines: Iterable[str], *, markdown: bool) -> tuple[str, str, Iterator[str]]:
    """The title and date lines of a plain-text or Markdown file, and the lines after them.

    Reads ahead only as far as it must (the first non-blank line, the line after it, and the
    next non-blank one), so it works on a file being read line by line.
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
    following = next(rest, None)
    after = [] if following is None else [following]
    if markdown and head.startswith("#"):
        title = head.lstrip("#").strip()
    elif _looks_like_title(head, following or ""):
        title = head
    else:
        return "", "", itertools.chain(seen, after, rest)
    if not title:
        return "", "", itertools.chain(after, rest)
    body = itertools.chain(after, rest)
    ahead: list[str] = []
    for line in body:
        ahead.append(line)
        if line.strip():
            break
    date = ""
    if ahead and _DATE_LINE.match(ahead[-1].strip().strip("*_")):
        date = ahead.pop().strip().strip("*_")
    return title, date, itertools.chain(ahead, body)


def _looks_like_title(line: str, following: str) -> bool:
    """A short first line without closing punctuation, standing alone before the body."""
    if len(line) > 200 or _SENTENCE_END.search(line) or _BOILERPLATE.match(line):
        return False
    following = following.strip()
    return not following or bool(_DATE_LINE.match(following))


def _md_body(lines: Iterable[str]) -> Iterator[str]:
    return (_MD_HEADING.sub("", line) for line in lines)


_MD_HEADING = re.compile(r"^#{1,6}\s+")


class Furniture:
    """Removes page furniture from lines as they pass, and keeps what it removed.

    With ``spill_after``, removed lines beyond that many go to a temporary file, so that a
    huge article full of furniture does not hold it all in memory; :meth:`lines` reads them
    back in order.
    """

    def __init__(self, spill_after: int | None = None) -> None:
        self.removed: list[str] = []
        self.count = 0
        self._spill_after = spill_after
        self._spilled: IO[str] | None = None

    def filter(self, lines: Iterable[str]) -> Iterator[str]:
        """``lines`` without furniture; blank lines come through as ``""``."""
        headline_expected = False
        for line in lines:
            stripped = line.strip()
            if not stripped:
                yield ""
                continue
            if _BOILERPLATE.match(stripped):
                self._remove(stripped)
                headline_expected = bool(_NAVIGATION.match(stripped))
                continue
            if headline_expected and not _SENTENCE_END.search(stripped) and len(stripped) < 160:
                self._remove(stripped)
                headline_expected = False
                continue
            headline_expected = False
            yield line.rstrip()

    def _remove(self, line: str) -> None:
        self.count += 1
        self.removed.append(line)
        if self._spill_after is not None and len(self.removed) >= self._spill_after:
            if self._spilled is None:
                # Closed by close(), which the stream's context manager calls.
                self._spilled = tempfile.TemporaryFile(  # noqa: SIM115
                    "w+", encoding="utf-8", newline="\n"
                )
            self._spilled.writelines(f"{removed}\n" for removed in self.removed)
            self.removed.clear()

    def lines(self) -> Iterator[str]:
        """Every removed line, in order (lines never hold a line break)."""
        if self._spilled is not None:
            self._spilled.seek(0)
            for line in self._spilled:
                yield line[:-1]
        yield from self.removed

    def close(self) -> None:
        if self._spilled is not None:
            self._spilled.close()


def strip_boilerplate(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """``lines`` without page furniture, and the furniture that was removed."""
    furniture = Furniture()
    kept = list(furniture.filter(lines))
    return kept, furniture.removed


def paragraph_blocks(lines: Iterable[str]) -> Iterator[str]:
    """Lines as paragraphs (runs of non-blank lines, stripped); wrapped lines stay as they are."""
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line.strip())
        elif block:
            yield "\n".join(block)
            block = []
    if block:
        yield "\n".join(block)


def _paragraphs(lines: Iterable[str]) -> str:
    """Lines as paragraphs separated by one blank line."""
    return "\n\n".join(paragraph_blocks(lines))


_MIN_FAST_TEXT = 200  # shorter fast extractions are retried with trafilatura's fallbacks


def _extract(html: str, *, fast: bool, metadata: bool = True) -> Any:
    """trafilatura's main text and metadata of a page (a ``Document``), or ``None``."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install: say so once per file, not a traceback
        raise XlateError(
            f"HTML extraction is unavailable ({exc}); reinstall xlate's dependencies "
            "(pip install -e .)"
        ) from None

    return trafilatura.bare_extraction(html, options=_extractor(fast, metadata))


@cache
def _extractor(fast: bool, metadata: bool) -> Any:
    """trafilatura's options for articles, built once per process (the library copies them
    before changing any, so one object serves every page)."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python",
        fast=fast,
        with_metadata=metadata,
        comments=False,
        tables=False,
        precision=True,
    )


def _from_html(text: str, path: Path, known_title: str | None = None) -> Article:
    metadata = known_title is None
    doc = _extract(text, fast=True, metadata=metadata)
    if doc is None or len(doc.text or "") < _MIN_FAST_TEXT:
        doc = _extract(text, fast=False, metadata=metadata)
    if doc is None or not (doc.text or "").strip():
        raise FormatError(path, "no article text found in the HTML page")
    lang = re.search(r"<html[^>]*\slang=[\"']?([A-Za-z]{2,3})", text[:2000], re.IGNORECASE)
    kept, removed = strip_boilerplate(str(doc.text).split("\n"))
    lines = [line.strip() for line in kept if line.strip()]
    title = (doc.title or "") if known_title is None else known_title
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the in-article headline: kept once, as the title
    return Article(
        id=_stem_id(path),
        path=shown_path(path),
        text="\n\n".join(lines),
        title=title,
        date=doc.date or "",
        outlet=doc.sitename or "",
        url=doc.url or "",
        language=lang.group(1).lower() if lang else "",
        removed=tuple(removed),
    )


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _loads(text: str) -> Any:
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
        data = _loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(path, f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit integer; 10,000 levels deep
        raise FormatError(path, _json_problem(exc)) from None
    if isinstance(data, dict):
        return [_from_object(data, path, None)]
    if isinstance(data, list) and data:
        return [_from_object(item, path, i) for i, item in enumerate(data)]
    raise FormatError(path, "JSON must be an article object or a non-empty list of them")


def _from_jsonl(text: str, path: Path) -> list[Article]:
    articles: list[Article] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = _loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(path, f"line {number}: invalid JSON: {exc.msg}") from None
        except (ValueError, RecursionError) as exc:
            raise FormatError(path, f"line {number}: {_json_problem(exc)}") from None
        articles.append(_from_object(data, path, len(articles), where=f"line {number}: "))
    if not articles:
        raise FormatError(path, "no JSON objects in the file")
    return articles


_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "a list",
               dict: "an object"}  # fmt: skip


def _from_object(data: Any, path: Path, index: int | None, where: str = "") -> Article:
    if not isinstance(data, dict):
        item = "" if index is None else f"item {index + 1}: "
        raise FormatError(
            path, f"{where}{item}expected an article object, got {type(data).__name__}"
        )
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
        raise FormatError(path, f"{where}article object has no text field (one of: {names})")
    kept, removed = strip_boilerplate(fields["text"].replace("\r\n", "\n").split("\n"))
    return Article(
        id=fields.get("id") or _stem_id(path, index),
        path=shown_path(path),
        text=_paragraphs(kept),
        title=fields.get("title", ""),
        date=fields.get("date", ""),
        url=fields.get("url", ""),
        outlet=fields.get("outlet", ""),
        language=fields.get("language", ""),
        removed=tuple(removed),
        extra={k: v for k, v in data.items() if k not in used},
    )


def strip_repeated_lines(articles: list[Article], min_articles: int = 3) -> list[Article]:
    """Drop lines that recur in ``min_articles`` or more distinct articles of the same outlet.

    Such lines are an outlet's furniture (a slogan, a subscription plea) that the line patterns
    do not know. Copies of one article count once, and an article made only of such lines is
    left whole (it is a near-copy, not furniture).
    Removed lines are added to each article's ``removed``.
    """
    by_outlet: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        by_outlet.setdefault(article.outlet or "", []).append(i)
    result = list(articles)
    for indices in by_outlet.values():
        distinct = {articles[i].text for i in indices}
        if len(distinct) < min_articles:
            continue
        counts = Counter(
            line for text in distinct for line in {ln.strip() for ln in text.split("\n")}
        )
        repeated = {line for line, n in counts.items() if line and n >= min_articles}
        if repeated:
            for i in indices:
                result[i] = _without_lines(articles[i], repeated)
    return result


def _without_lines(article: Article, repeated: set[str]) -> Article:
    lines = article.text.split("\n")
    dropped = [ln.strip() for ln in lines if ln.strip() in repeated]
    content = [ln for ln in lines if ln.strip()]
    if not dropped or len(dropped) == len(content):
        return article  # nothing to drop, or nothing would be left
    kept = [ln for ln in lines if ln.strip() not in repeated]
    return replace(article, text=_paragraphs(kept), removed=article.removed + tuple(dropped))
