"""A plain-text article too large to hold, translated and written part by part, with the
output the whole article would give.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from xlate.engines import Engine
from xlate.errors import XlateError
from xlate.files import atomic_writer
from xlate.ingest.bundle import apply_entry
from xlate.ingest.pile import InputFile, with_pile_id
from xlate.ingest.stream import TextStream, open_text_stream
from xlate.model import Article, Sentence
from xlate.segment import paragraphs
from xlate.textsafe import shown_path
from xlate.translate.article import (
    HOSTILE_ERRORS,
    Tally,
    added,
    cannot_write,
    counted,
    glossary_error,
    marked_partial,
    no_sentences,
    require_translated,
    tally,
    translate_and_check,
    unreadable,
)
from xlate.translate.core import Analysis, Checks, analyse, flag_low_confidence, make_document
from xlate.translate.names import OutputNames, already_finished, output_path, skipped_result
from xlate.translate.outputs import Output
from xlate.translate.results import FileResult, Progress, TranslateOptions


class _Abandoned(Exception):
    """A streamed article failed after its output was begun: the partial output is dropped."""


def translate_stream(
    item: InputFile,
    out_dir: Path,
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: Checks,
    used_names: OutputNames,
    notify: Progress,
) -> FileResult:
    """Translate one large plain-text article part by part, writing its output as it goes.

    Memory holds one part (its sentences, detections and translations) at a time, whatever the
    size of the file; the output is the one the whole article would give. The article's
    language, unless declared, is detected from its first part. A failure to read the input is
    told apart from a failure to write the output (disk full).
    """
    source = shown_path(item.path)
    encoding = (item.entry.encoding if item.entry else None) or options.encoding
    try:
        with open_text_stream(
            item.path, encoding=encoding, max_bytes=options.max_bytes, part_chars=options.part_chars
        ) as stream:
            own = apply_entry(item.entry, [stream.article]) if item.entry else [stream.article]
            header = with_pile_id(item, own)[0]
            path = output_path(header, source, out_dir, options, used_names)
            if already_finished(path, options, source, header, used_names):
                return skipped_result(source, header, path)
            reading = _Reading(item, stream)
            try:
                with atomic_writer(path) as handle:
                    result = _stream_parts(
                        reading, header, path, handle, options, engines, checks, notify
                    )
            except OSError as exc:  # reading fails as an InputError (_Reading): this is writing
                return FileResult(source, "failed", error=cannot_write(path, exc))
    except (_Abandoned, XlateError) as exc:
        return FileResult(source, "failed", error=str(exc))
    except HOSTILE_ERRORS as exc:
        return FileResult(source, "failed", error=str(unreadable(item, exc)))
    return result


class _Reading:
    """A stream's parts and removed lines, a failure to read them (an I/O error) raised as the
    input's :class:`InputError`, so that an ``OSError`` while the output is open is a failure
    to write it."""

    def __init__(self, item: InputFile, stream: TextStream) -> None:
        self.item = item
        self.source = shown_path(item.path)
        self.stream = stream

    def parts(self) -> Iterator[str]:
        yield from self._read(self.stream.parts)

    def furniture(self) -> Iterator[str]:
        yield from self._read(self.stream.furniture.lines())

    def _read(self, lines: Iterator[str]) -> Iterator[str]:
        try:
            yield from lines
        except OSError as exc:
            raise unreadable(self.item, exc) from exc


def _stream_parts(
    reading: _Reading,
    header: Article,
    path: Path,
    handle: TextIO,
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: Checks,
    notify: Progress,
) -> FileResult:
    """The result of ``header``'s article, every part translated and written to ``handle``."""
    output = Output(options.target, options.out_format, options.settings)
    counts = Tally()
    language = header.language
    offset = paragraph = index = 0
    for number, part in enumerate(reading.parts()):
        article = replace(header, text=part, title=header.title if number == 0 else "")
        article = replace(article, language=language)
        analysis = _shifted(analyse([article], checks.detector)[0], offset, paragraph, index)
        language = analysis.language
        doc = make_document(reading.source, article, path, analysis)
        notify("sentences", {"total": len(doc.sentences)})
        doc = replace(
            doc,
            segments=tuple(
                flag_low_confidence(
                    translate_and_check(doc.segments, options, engines, checks),
                    options.min_confidence,
                )
            ),
        )
        if checks.strict:
            require_translated(doc)
        counts = added(counts, tally(doc))
        if number == 0:
            handle.write(output.head(doc))
        handle.write(output.body(doc))
        # about the bytes of the part read (as UTF-8): what the progress's time left goes by
        done = {"file": reading.source, "bytes": len(part.encode("utf-8", "replace")) + 2}
        notify("advance", {"sentences": len(doc.sentences), **done})
        offset += len(part) + 2
        paragraph += sum(1 for _ in paragraphs(part))
        index += len(analysis.sentences)
    error = no_sentences(counts) or glossary_error(counts.violations, checks.strict_glossary)
    if error:
        raise _Abandoned(error)
    untranslated = counts.untranslated + counts.title_untranslated
    handle.writelines(output.tail(reading.furniture(), untranslated))
    result = FileResult(
        reading.source,
        "ok",
        header.id,
        output=str(path),
        language=language,
        removed=reading.stream.furniture.count,
    )
    return marked_partial(counted(result, counts), counts.notes)


def _shifted(analysis: Analysis, offset: int, paragraph: int, index: int) -> Analysis:
    """``analysis`` of one part, its sentences numbered and placed within the whole article."""
    if not (offset or paragraph or index):
        return analysis
    sentences = tuple(
        Sentence(s.index + index, s.paragraph + paragraph, s.start + offset, s.end + offset, s.text)
        for s in analysis.sentences
    )
    return replace(analysis, sentences=sentences)
