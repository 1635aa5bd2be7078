"""Large plain-text and Markdown articles, read in parts of whole paragraphs: memory does
not grow with the file (a paragraph longer than a part is cut into paragraphs, as the whole
file's reader cuts it: see ``paragraph_blocks``).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xlate.errors import EncodingError, InputError
from xlate.ingest.decode import bad_byte_budget, sniff_binary, stream_codec, utf8_replacing
from xlate.ingest.formats import md_body, split_head, stem_id
from xlate.ingest.furniture import Furniture, paragraph_blocks
from xlate.ingest.paths import GZIP_MAGIC, article_kind, check_size, checked_suffix
from xlate.limits import DEFAULT_MAX_BYTES, PART_CHARS, STREAM_BYTES
from xlate.model import Article
from xlate.textsafe import shown_path

STREAM_SUFFIXES = frozenset({".txt", ".md"})


_HEAD_BYTES = 1024 * 1024  # the encoding of a streamed file is detected from its start


_SPILL_AFTER = 10_000  # removed lines of a streamed file held in memory before going to disk


def streams(path: Path, stream_bytes: int = STREAM_BYTES) -> bool:
    """Whether ``path`` is a plain-text article large enough to be read in parts."""
    try:
        if path.suffix.lower() not in STREAM_SUFFIXES or path.stat().st_size <= stream_bytes:
            return False
        with path.open("rb") as handle:
            if handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
                return False  # compressed: read whole, decompressed (within --max-bytes)
        return article_kind(path) in ("text", "markdown")  # not an e-mail saved as .txt
    except (OSError, InputError):
        return False  # the ordinary reader reports it


@dataclass(slots=True)
class TextStream:
    """A plain-text or Markdown article read paragraph by paragraph, for files too large to
    hold (with their sentences, detections and translations) at once.

    ``article`` has everything but the text, which arrives in ``parts``: whole paragraphs,
    at most ``PART_CHARS`` characters a part (a paragraph longer than that is cut by both
    readers), that joined with blank lines give the text the ordinary reader would give.
    ``furniture.lines()`` gives the removed lines once the parts are read.
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
    suffix = checked_suffix(path)
    try:
        size = check_size(path, max_bytes)
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    with raw:
        head = raw.read(_HEAD_BYTES)
        if not head.strip():
            raise InputError(path, "empty file")
        sniff_binary(head, path, encoding)
        codec, label = stream_codec(head, path, encoding)
        raw.seek(0)
        bad = _Bad(path, label, given=bool(encoding))
        if codec.replace("_", "-").lower().startswith(("utf-16", "utf-32")):
            # A line break is more than one byte: let the codec find the lines.
            lines = _text_lines(io.TextIOWrapper(raw, encoding=codec, newline=None), bad)
        else:
            start = 0
            if codec == "utf-8-sig":  # the mark is skipped if there (as the codec does)
                start = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
                raw.seek(start)
                codec = "utf-8"
            # UTF-8 found by detection tolerates the few bad bytes the whole-file reader does.
            budget = bad_byte_budget(size) if codec == "utf-8" and not encoding else 0
            lines = _byte_lines(raw, codec, budget, bad, start)
        markdown = suffix == ".md"
        title, date, body = split_head(lines, markdown=markdown)
        furniture = Furniture(spill_after=_SPILL_AFTER)
        kept = furniture.filter(body)
        blocks = paragraph_blocks(md_body(kept) if markdown else kept)
        article = Article(
            id=stem_id(path),
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


@dataclass(frozen=True, slots=True)
class _Bad:
    """What to say of a byte that does not fit the file's encoding."""

    path: Path
    label: str
    given: bool  # the encoding was given (--encoding), not detected

    def error(self, at: int | None = None) -> EncodingError:
        if self.given:  # as the whole-file reader says it
            where = f" at byte {at}" if at is not None else ""
            return EncodingError(self.path, f"not valid {self.label}{where}")
        return EncodingError(
            self.path,
            f"not valid {self.label} beyond the first {_HEAD_BYTES:,} bytes, which the encoding "
            "was detected from: the file may mix encodings; give --encoding to read it as one",
        )


def _text_lines(text: io.TextIOWrapper, bad: _Bad) -> Iterator[str]:
    try:
        for line in text:
            yield line.rstrip("\n")
    except UnicodeDecodeError:
        raise bad.error() from None


def _byte_lines(
    raw: IO[bytes], codec: str, budget: int, bad: _Bad, offset: int = 0
) -> Iterator[str]:
    """The lines of a file in an encoding whose line breaks are single bytes, decoded one by
    one (``offset``: where the first begins in the file); with a ``budget`` (UTF-8 only), up
    to that many bad bytes in all become U+FFFD, as the whole-file reader allows."""
    replaced = 0
    for line in raw:
        try:
            text = line.decode(codec)
        except UnicodeDecodeError as exc:
            if not budget:
                raise bad.error(offset + exc.start) from None
            text, count = utf8_replacing(line)
            replaced += count
            if replaced > budget:
                raise bad.error(offset + exc.start) from None
        offset += len(line)
        del line  # a line may be the whole file: not held twice while its text is read
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield from text.removesuffix("\n").split("\n")


def _parts(blocks: Iterable[str], part_chars: int) -> Iterator[str]:
    """Paragraphs ``blocks`` gathered into parts of at most ``part_chars`` characters (a part
    of one paragraph longer than that is the paragraph: at most ``PARAGRAPH_CHARS``)."""
    part: list[str] = []
    size = 0
    for block in blocks:
        if part and size + len(block) > part_chars:
            yield "\n\n".join(part)
            part, size = [], 0
        part.append(block)
        size += len(block) + 2
    if part:
        yield "\n\n".join(part)
