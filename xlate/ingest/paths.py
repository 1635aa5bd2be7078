"""Which files are articles, and reading them within bounds: the suffixes read, regular
files only (a link loop, a pipe or a device says what it is), sizes counted as read. The
glossary and bundle manifest readers use the same check and bounded read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from xlate.errors import InputError
from xlate.textsafe import shown_path

# The kinds of article file, each read by its own reader (xlate.ingest.formats).
Kind = Literal[
    "text",
    "markdown",
    "html",
    "json",
    "jsonl",
    "mhtml",
    "webarchive",
    "email",
    "pdf",
    "docx",
    "feed",
]

# Each suffix read, and the kind it names (content may overrule it: see article_kind).
SUFFIX_KINDS: Mapping[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".xht": "html",
    ".json": "json", ".jsonl": "jsonl",
    ".mhtml": "mhtml", ".mht": "mhtml", ".webarchive": "webarchive", ".eml": "email",
    ".pdf": "pdf", ".docx": "docx",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}  # fmt: skip
ARTICLE_SUFFIXES = frozenset(SUFFIX_KINDS)
# A file of any of them compressed with gzip, as a crawler or an archive keeps pages
# ("page.html.gz"), is read as the file it holds.
GZIP = ".gz"
GZIP_MAGIC = b"\x1f\x8b"


def compressed(path: Path) -> bool:
    """Whether ``path`` is named as a gzip-compressed article file (``page.html.gz``)."""
    return path.suffix.lower() == GZIP


def article_suffix(path: Path) -> str:
    """The suffix that names an article file's kind, with ``.gz`` after it for a compressed
    one (``.html``, ``.html.gz``)."""
    if compressed(path):
        return Path(path.stem).suffix.lower() + GZIP
    return path.suffix.lower()


def article_stem(path: Path) -> str:
    """An article file's name without its suffixes: ``page`` for ``page.html`` and for
    ``page.html.gz``, the id its article takes."""
    return Path(path.stem).stem if compressed(path) else path.stem


SNIFF_BYTES = 8192  # how much of a file article_kind reads to recognise its content


def article_kind(path: Path) -> Kind | None:
    """The kind of article file ``path`` is, or None for a file xlate does not read. The one
    place that decides: a folder walk passes over what this refuses, and the readers take
    what it accepts (:func:`checked_kind` says why a file is refused)."""
    try:
        return checked_kind(path)
    except InputError:
        return None


def checked_kind(path: Path) -> Kind:
    """The kind of article ``path`` holds, or an InputError whose ``problem`` says why it is
    not read (``unsupported file type '.xyz'``).

    The suffix names the kind, and the first bytes may overrule it: an MHTML page or an
    e-mail renamed ``.html`` or ``.txt`` is read as what it is, not as text with its
    headers; a file with no suffix, or one no reader knows (``page.php``), is read when its
    content is an HTML page, an MHTML page, an e-mail, a feed, a PDF or a Word document.
    A file that is not a regular file, or cannot be opened, is left to the reader to name;
    without a suffix a reader knows, the InputError says what it is (``cannot read: No such
    file or directory``, ``not a regular file (a folder)``).
    """
    packed = compressed(path)
    suffix = Path(path.stem).suffix.lower() if packed else path.suffix.lower()
    named = SUFFIX_KINDS.get(suffix)
    if packed and named is None:
        raise InputError(path, f"unsupported file type {article_suffix(path)!r}")
    if named in ("json", "jsonl", "markdown", "pdf", "docx"):
        return named  # their readers check the content and say what is wrong with it
    try:
        if not path.is_file():  # a pipe would block, a device never end: the reader says why
            raise FileNotFoundError
        head = _compressed_head(path) if packed else _head(path)
    except (OSError, EOFError) as exc:  # gzip: damaged or cut short (said when it is read)
        if named is not None:
            return named
        check_regular(path)  # no such file, a folder, a pipe, a link loop: it says which
        raise InputError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    found = sniff_kind(head)
    if named is None:
        if found is None or found == "text":
            raise InputError(path, f"unsupported file type {suffix or '(none)'!r}")
        return found
    if named == "feed" and found != "feed":
        raise InputError(path, "XML that is not an RSS or Atom feed, not an article")
    if found in ("mhtml", "email") or (named == "text" and found == "html"):
        return found  # renamed: an MHTML page saved as .html, an e-mail as .txt
    return named


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


def _compressed_head(path: Path) -> bytes:
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except zlib.error as exc:
        raise OSError(str(exc)) from None


def unpacked(data: bytes, path: Path, max_bytes: int) -> bytes:
    """The bytes of the article file ``path`` as read (``data``), decompressed when it is
    gzip: named so (``page.html.gz``) or beginning so (a page saved still compressed under
    its own name); at most ``max_bytes`` of them (a small file may hold a great many: they
    are counted as they come out); an InputError for a file named so that is no gzip, or a
    damaged one."""
    if not (compressed(path) or data.startswith(GZIP_MAGIC)):
        return data
    import gzip
    import io
    import zlib

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        if isinstance(exc, gzip.BadGzipFile):
            raise InputError(path, "not gzip-compressed data, though named so") from None
        reason = "cut short" if isinstance(exc, EOFError) else "damaged"
        raise InputError(path, f"gzip-compressed data {reason}") from None
    if len(out) > max_bytes:
        raise _too_large(path, "its content is larger decompressed", max_bytes, "(--max-bytes)")
    return out


_DOCTYPE_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]", re.I)
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$")
_EMAIL_HEADERS = frozenset({b"from", b"to", b"subject", b"date", b"message-id", b"received",
                            b"return-path", b"reply-to", b"cc"})  # fmt: skip


def sniff_kind(head: bytes) -> Kind | None:
    """The kind the first bytes of a file show (``text`` for text that is none of the
    others), or None for binary content no reader takes."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"bplist00") and b"WebMainResource" in head:
        return "webarchive"  # Safari's, saved without its .webarchive
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in head or b"[Content_Types].xml" in head else None
    headers = _mime_headers(head)
    if headers is not None:
        content_type = headers.get(b"content-type", b"").lower()
        if b"multipart/related" in content_type or b"message/rfc822" in content_type:
            return "mhtml"
        if headers.keys() & _EMAIL_HEADERS and (b"from" in headers or b"subject" in headers):
            return "email"
    text = head.lstrip(b"\xef\xbb\xbf")
    if _DOCTYPE_HTML.match(text):
        return "html"
    if text.lstrip().startswith(b"<?xml") or text.lstrip().startswith(b"<"):
        if _FEED_ROOT.search(text[:2048]) and b"<html" not in text[:2048].lower():
            return "feed"
        if re.search(rb"<html[\s>]", text[:2048], re.I):
            return "html"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    return "text"


def _mime_headers(head: bytes) -> dict[bytes, bytes] | None:
    """The header block opening ``head`` (names lower-cased), or None when it does not open
    with one: at least two ``Name: value`` lines, then a blank line."""
    headers: dict[bytes, bytes] = {}
    name = b""
    for line in head.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            return headers if len(headers) >= 2 else None
        if line[:1] in (b" ", b"\t") and name:
            headers[name] += b" " + line.strip()
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return None
        name = match.group(1).lower()
        headers[name] = match.group(2)
    return None


def checked_suffix(path: Path) -> str:
    """The suffix of a file the readers take by its name alone (plain text and Markdown are
    streamed by it), or the InputError ``unsupported file type``."""
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}")
    return suffix


def check_size(
    path: Path, max_bytes: int, kind: str = "an article", limit: str = "(--max-bytes)"
) -> int:
    size = check_regular(path, kind=kind).st_size
    if size > max_bytes:
        raise _too_large(path, f"file is {size:,} bytes", max_bytes, limit)
    return size


def _too_large(path: Path, what: str, max_bytes: int, limit: str) -> InputError:
    return InputError(path, f"{what}, over the {max_bytes:,}-byte limit {limit}")


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str | None:
    """What a file of ``mode`` (``st_mode``) is when it is no regular file or link
    ("a named pipe (FIFO)"), or None."""
    return next((what for test, what in _KINDS if test(mode)), None)


def check_regular(
    path: Path, folder: Path | None = None, *, kind: str = "an article"
) -> os.stat_result:
    """The status of ``path``, which must be (or link to) a regular file; an InputError that
    says what it is otherwise: a symbolic link loop, a dangling link, a pipe, a device
    ("..., not ``kind``").

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
    what = file_kind(status.st_mode)
    if what:
        raise InputError(path, f"not a regular file ({what}), not {kind}")
    return status


def read_bounded(
    path: Path, max_bytes: int, *, kind: str = "an article", limit: str = "(--max-bytes)"
) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, counted as they are read: a size
    the file system reports (0 for files of /proc, a file growing) is not trusted.

    ``kind`` names what the file should be and ``limit`` where the bound comes from, in the
    messages ("not a regular file (a named pipe (FIFO)), not a glossary").
    """
    size = check_size(path, max_bytes, kind, limit)
    try:
        with path.open("rb") as handle:
            # The size it says, and one byte more to see whether it says true: a read of
            # max_bytes + 1 would allocate that much for a file of a few bytes.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise _too_large(path, "file grew while read, or is larger than it says", max_bytes, limit)
    return data
