"""One article of a batch: read, translated and checked, its counts tallied into its
result (ok, partial or failed, and why).
"""

from __future__ import annotations

from collections.abc import Sequence

from xlate.engines import Engine
from xlate.engines.enforce import TermCheck
from xlate.errors import EngineError, InputError
from xlate.files import write_atomic
from xlate.ingest.bundle import apply_entry
from xlate.ingest.formats import read_articles
from xlate.ingest.inputs import InputFile
from xlate.model import Article
from xlate.translate.core import (
    Document,
    Segment,
    _Checks,
    check_glossary,
    check_translations,
    translate_segments,
)
from xlate.translate.outputs import render_document
from xlate.translate.results import FileResult, Progress, TranslateOptions


def read_input(item: InputFile, options: TranslateOptions) -> list[Article]:
    """The articles of one input file, with its manifest entry's metadata when it has one."""
    if item.problem:
        raise InputError(item.path, item.problem)
    entry = item.entry
    encoding = (entry.encoding if entry else None) or options.encoding
    # The page metadata a manifest overrides is not extracted (apply_entry).
    known = entry.title if entry and entry.title and entry.date and entry.url else None
    articles = read_articles(
        item.path, encoding=encoding, max_bytes=options.max_bytes, known_title=known
    )
    return apply_entry(entry, articles) if entry else articles


# What a library choking on hostile input raises: it fails that file, not the batch.
_HOSTILE = (RecursionError, MemoryError, ValueError, LookupError, OSError)


def _unreadable(item: InputFile, exc: BaseException) -> InputError:
    return InputError(item.path, f"cannot read ({type(exc).__name__}: {exc})")


def _translate_docs(
    docs: list[Document],
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: _Checks,
    results: list[FileResult],
    notify: Progress,
) -> None:
    segments = [segment for doc in docs for segment in doc.segments]
    notify("sentences", {"total": len(segments)})
    try:
        _translate_and_check(segments, options, engines, checks)
    except EngineError as exc:
        for doc in docs:
            results.append(FileResult(doc.source, "failed", doc.article.id, error=str(exc)))
            notify("file", {"status": "failed", "file": doc.source})
        return
    for doc in docs:
        results.append(_finish(doc, options, checks))
        notify(
            "file",
            {"status": results[-1].status, "file": doc.source, "sentences": len(doc.segments)},
        )


def _translate_and_check(
    segments: Sequence[Segment],
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: _Checks,
) -> None:
    """Translate ``segments`` (what no engine covers is flagged) and check the outputs."""
    chain, identity = engines
    translate_segments(segments, options.target, chain, identity)
    check_translations(segments, options.target, checks.detector)
    if checks.glossary is not None and options.target == "en":
        check_glossary(segments, checks.glossary)


def _finish(doc: Document, options: TranslateOptions, checks: _Checks) -> FileResult:
    result = FileResult(
        doc.source,
        "ok",
        doc.article.id,
        language=doc.language,
        removed=len(doc.article.removed),
    )
    violations: list[TermCheck] = []
    notes: set[str] = set()
    error = (
        _tally(result, doc, violations, notes, checks.strict)
        or _no_sentences(result)
        or _glossary_error(violations, checks.strict_glossary)
    )
    if error:
        result.status, result.error = "failed", error
        return result
    _mark_partial(result, notes)
    try:
        write_atomic(doc.output, render_document(doc, options.target, options.out_format))
    except (OSError, ValueError) as exc:  # fails this file, not the batch
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        result.status, result.error = "failed", f"cannot write {doc.output.name}: {reason}"
        return result
    result.output = str(doc.output)
    return result


def _tally(
    result: FileResult,
    doc: Document,
    violations: list[TermCheck],
    notes: set[str],
    strict: bool = False,
) -> str:
    """Count ``doc``'s sentences into ``result`` (the reasons for untranslated ones into
    ``notes``); with ``strict``, the error if some were not translated."""
    result.sentences += len(doc.sentences)
    missing = [s for s in doc.segments if s.untranslated]
    if missing and strict:
        hint = "; ".join(sorted({s.note for s in missing}))
        shown = "; ".join(repr(s.text[:50]) for s in missing[:2])
        return f"{len(missing)} sentence(s) not translated ({shown}); {hint}"
    body = doc.segments[1:] if doc.has_title else doc.segments
    result.untranslated += sum(s.untranslated for s in body)
    result.title_untranslated |= doc.has_title and doc.segments[0].untranslated
    notes.update(s.note for s in missing)
    for segment in doc.segments[1:] if doc.has_title else doc.segments:
        assert segment.translation is not None
        engine = segment.translation.engine
        result.engines[engine] = result.engines.get(engine, 0) + 1
        if segment.translation.flags and set(segment.translation.flags) - {"pivot-en"}:
            result.flagged += 1
    for segment in doc.segments:
        for check in segment.terms:
            result.terms[check.status] = result.terms.get(check.status, 0) + 1
            if check.status != "kept":
                violations.append(check)
    return ""


def _mark_partial(result: FileResult, notes: set[str]) -> None:
    """A written article with untranslated sentences is ``partial``, with the count and why."""
    if not notes:
        return
    counts = []
    if result.untranslated:
        counts.append(f"{result.untranslated} of {result.sentences} sentence(s)")
    if result.title_untranslated:
        counts.append("the title")
    result.status = "partial"
    result.error = f"{' and '.join(counts)} untranslated: " + "; ".join(sorted(notes))


def _no_sentences(result: FileResult) -> str:
    if result.sentences:
        return ""
    return "no sentences to translate (no text left after removing page furniture)"


def _glossary_error(violations: Sequence[TermCheck], strict_glossary: bool) -> str:
    if not (strict_glossary and violations):
        return ""
    shown = ", ".join(f"{c.concept} {c.status}" for c in violations[:4])
    more = f" and {len(violations) - 4} more" if len(violations) > 4 else ""
    return f"glossary: {len(violations)} term(s) not kept ({shown}{more})"
