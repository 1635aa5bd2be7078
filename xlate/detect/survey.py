"""Detection over files: one row per article (or per paragraph), and the line-per-text mode."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlate.detect.route import Route, route
from xlate.detect.rules import Detector
from xlate.errors import InputError, XlateError
from xlate.ingest.decode import decode, sniff_binary
from xlate.ingest.formats import parse_text, read_articles, readable
from xlate.ingest.paths import check_regular, unpacked
from xlate.limits import DEFAULT_MAX_BYTES
from xlate.model import Article, Detection
from xlate.textsafe import shown_path

STDIN = "-"
LINES_CHUNK = 10_000


@dataclass(frozen=True, slots=True)
class DetectRow:
    source: str
    article: str
    paragraph: int | None
    start: int
    end: int
    detection: Detection
    route: Route

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"file": self.source, "article": self.article}
        if self.paragraph is not None:
            row |= {"paragraph": self.paragraph, "start": self.start, "end": self.end}
        return row | self.detection.to_dict() | {"route": str(self.route)}


def read_source(name: str, encoding: str | None = None) -> list[Article]:
    """Articles from a file path, or from standard input when ``name`` is ``-``."""
    if name != STDIN:
        return read_articles(name, encoding=encoding)
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise InputError("<stdin>", "no input")
    sniff_binary(data, "<stdin>", encoding)  # an image or a program piped in, said as such
    text, used = decode(data, "<stdin>", encoding)
    return parse_text(text, Path("stdin.txt"), ".txt", used)


def survey(
    sources: Iterable[str],
    *,
    paragraphs: bool = False,
    target: str = "en",
    covered: Callable[[str, str], bool] | None = None,
    encoding: str | None = None,
    detector: Detector | None = None,
    encodings: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[DetectRow], list[XlateError]]:
    """Detection rows for every source, and the sources that could not be read.
    ``encodings``: a source's own encoding (a bundle manifest's), which wins over
    ``encoding`` as it does in the other commands. ``progress`` is told of each source
    before it is read."""
    encodings = encodings or {}
    detector = detector or Detector()
    rows: list[DetectRow] = []
    errors: list[XlateError] = []
    for source in sources:
        if progress is not None:
            progress(source)
        try:
            articles, bad = readable(read_source(source, encodings.get(source) or encoding))
        except XlateError as exc:
            errors.append(exc)
            continue
        errors += bad
        name = shown_path(source)  # a name that is not UTF-8, or holds a line break, escaped
        for article in articles:
            if paragraphs:
                for number, (start, end, found) in enumerate(
                    detector.detect_paragraphs(article.text)
                ):
                    rows.append(
                        DetectRow(
                            name,
                            article.id,
                            number,
                            start,
                            end,
                            found,
                            route(found, target, covered),
                        )
                    )
            else:
                found = detector.detect(article.text)
                rows.append(
                    DetectRow(
                        name,
                        article.id,
                        None,
                        0,
                        len(article.text),
                        found,
                        route(found, target, covered),
                    )
                )
    return rows, errors


def detect_lines(
    path: str, *, encoding: str | None = None, detector: Detector | None = None
) -> Iterator[tuple[int, Detection]]:
    """``(line number, detection)`` for each line of a file, detected in batches."""
    detector = detector or Detector()
    if path == STDIN:
        data = sys.stdin.buffer.read()
        sniff_binary(data, "<stdin>", encoding)
    else:
        check_regular(Path(path))  # a pipe or a device would be read forever
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror}") from None
        data = unpacked(data, Path(path), DEFAULT_MAX_BYTES)
    text, _ = decode(data, path, encoding)
    lines = text.splitlines()
    for offset in range(0, len(lines), LINES_CHUNK):
        chunk = lines[offset : offset + LINES_CHUNK]
        yield from enumerate(detector.detect_many(chunk), offset + 1)
