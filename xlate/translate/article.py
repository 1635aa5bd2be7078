"""One article of a batch: read, translated and checked, its counts tallied into its
result (ok, partial or failed, and why).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from xlate.engines import Engine
from xlate.engines.enforce import TermCheck
from xlate.errors import EngineError, InputError, UntranslatedError
from xlate.files import write_atomic
from xlate.ingest.bundle import apply_entry
from xlate.ingest.formats import read_articles
from xlate.ingest.pile import InputFile, with_pile_id
from xlate.model import Article, FrozenDict, frozen
from xlate.textsafe import plural
from xlate.translate.core import (
    Checks,
    Document,
    Segment,
    check_glossary,
    check_translations,
    flag_low_confidence,
    translate_segments,
    with_segments,
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
    return with_pile_id(item, apply_entry(entry, articles) if entry else articles)


# What a library choking on hostile input raises: it fails that file, not the batch.
HOSTILE_ERRORS = (RecursionError, MemoryError, ValueError, LookupError, OSError)


def unreadable(item: InputFile, exc: BaseException) -> InputError:
    return InputError(item.path, f"cannot read ({type(exc).__name__}: {exc})")


def translate_docs(
    docs: list[Document],
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: Checks,
    results: list[FileResult],
    notify: Progress,
) -> None:
    segments = [segment for doc in docs for segment in doc.segments]
    # progress counts sentences as the summary does: a title is no sentence
    notify("sentences", {"total": sum(len(doc.sentences) for doc in docs)})
    try:
        checked = translate_and_check(segments, options, engines, checks)
    except EngineError as exc:
        for doc in docs:
            results.append(FileResult(doc.source, "failed", doc.article.id, error=str(exc)))
            notify("file", {"status": "failed", "file": doc.source, "article": doc.article.id})
        return
    for doc in with_segments(docs, checked):
        doc = replace(
            doc, segments=tuple(flag_low_confidence(doc.segments, options.min_confidence))
        )
        results.append(_finish(doc, options, checks))
        notify(
            "file",
            {
                "status": results[-1].status,
                "file": doc.source,
                "article": doc.article.id,
                "sentences": len(doc.sentences),
            },
        )


def translate_and_check(
    segments: Sequence[Segment],
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: Checks,
) -> list[Segment]:
    """``segments`` translated (what no engine covers is flagged), their outputs checked."""
    chain, identity = engines
    translated, _ = translate_segments(segments, options.target, chain, identity)
    checked = check_translations(translated, options.target, checks.detector)
    if checks.glossary is not None and options.target == "en":
        checked = check_glossary(checked, checks.glossary)
    return checked


def _finish(doc: Document, options: TranslateOptions, checks: Checks) -> FileResult:
    """``doc``'s result, its output written unless it failed."""
    result = FileResult(
        doc.source,
        "ok",
        doc.article.id,
        language=doc.language,
        removed=len(doc.article.removed),
    )
    if checks.strict:
        try:
            require_translated(doc)
        except UntranslatedError as exc:
            return replace(result, status="failed", sentences=len(doc.sentences), error=str(exc))
    counts = tally(doc)
    result = counted(result, counts)
    error = no_sentences(counts) or glossary_error(counts.violations, checks.strict_glossary)
    if error:
        return replace(result, status="failed", error=error)
    result = marked_partial(result, counts.notes)
    try:
        text = render_document(doc, options.target, options.out_format, options.settings)
        write_atomic(doc.output, text)
    except (OSError, ValueError) as exc:  # fails this file, not the batch
        return replace(result, status="failed", error=cannot_write(doc.output, exc))
    return replace(result, output=str(doc.output))


def cannot_write(path: Path, exc: BaseException) -> str:
    """Why ``path`` could not be written (disk full, a read-only folder, ...)."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return f"cannot write {path.name}: {reason}"


@dataclass(frozen=True, slots=True)
class Tally:
    """What an article's segments came to: a document's, or the parts of a streamed article
    added up (:func:`added`)."""

    sentences: int = 0
    untranslated: int = 0  # sentences kept in their source language (the title not counted)
    title_untranslated: bool = False
    engines: Mapping[str, int] = field(default_factory=FrozenDict)  # engine -> sentences
    flagged: int = 0
    flags: Mapping[str, int] = field(default_factory=FrozenDict)  # flag kind -> sentences
    terms: Mapping[str, int] = field(default_factory=FrozenDict)  # glossary checks: status -> count
    violations: tuple[TermCheck, ...] = ()  # glossary terms not kept
    notes: frozenset[str] = frozenset()  # why sentences were left untranslated

    def __post_init__(self) -> None:
        object.__setattr__(self, "engines", frozen(self.engines))
        object.__setattr__(self, "flags", frozen(self.flags))
        object.__setattr__(self, "terms", frozen(self.terms))


def require_translated(doc: Document) -> None:
    """Raise :class:`UntranslatedError` if a segment of ``doc`` was left untranslated."""
    missing = [s for s in doc.segments if s.untranslated]
    if missing:
        hint = "; ".join(sorted({s.note for s in missing}))
        title = doc.segments[0].text if doc.has_title and doc.segments[0].untranslated else ""
        body = [s.text for s in missing if not (title and s is doc.segments[0])]
        raise UntranslatedError(body, hint, title)


def tally(doc: Document) -> Tally:
    """The counts of ``doc``'s segments."""
    body = doc.segments[1:] if doc.has_title else doc.segments
    engines: dict[str, int] = {}
    flagged = 0
    kinds: list[str] = []
    for segment in body:
        assert segment.translation is not None
        engine = segment.translation.engine
        engines[engine] = engines.get(engine, 0) + 1
        said = {flag.partition(":")[0] for flag in segment.translation.flags} - {"pivot-en"}
        if said:
            flagged += 1
            kinds += sorted(said)
    checks = [check for segment in doc.segments for check in segment.terms]
    return Tally(
        sentences=len(doc.sentences),
        untranslated=sum(s.untranslated for s in body),
        title_untranslated=doc.has_title and doc.segments[0].untranslated,
        engines=engines,
        flagged=flagged,
        flags=_counts(kinds),
        terms=_counts(check.status for check in checks),
        violations=tuple(check for check in checks if check.status != "kept"),
        notes=frozenset(s.note for s in doc.segments if s.untranslated),
    )


def added(first: Tally, second: Tally) -> Tally:
    """The counts of two parts of one article."""
    return Tally(
        sentences=first.sentences + second.sentences,
        untranslated=first.untranslated + second.untranslated,
        title_untranslated=first.title_untranslated or second.title_untranslated,
        engines=_summed(first.engines, second.engines),
        flagged=first.flagged + second.flagged,
        flags=_summed(first.flags, second.flags),
        terms=_summed(first.terms, second.terms),
        violations=first.violations + second.violations,
        notes=first.notes | second.notes,
    )


def _counts(keys: Iterable[str]) -> dict[str, int]:
    """How often each key occurs, in the order keys are first seen."""
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _summed(first: Mapping[str, int], second: Mapping[str, int]) -> dict[str, int]:
    """Two counts added, in the order keys are first seen."""
    total = dict(first)
    for key, count in second.items():
        total[key] = total.get(key, 0) + count
    return total


def counted(result: FileResult, counts: Tally) -> FileResult:
    """``result`` with the counts of its article."""
    return replace(
        result,
        sentences=counts.sentences,
        engines=dict(counts.engines),
        flagged=counts.flagged,
        flags=dict(counts.flags),
        terms=dict(counts.terms),
        untranslated=counts.untranslated,
        title_untranslated=counts.title_untranslated,
    )


def marked_partial(result: FileResult, notes: frozenset[str]) -> FileResult:
    """A written article with untranslated sentences is ``partial``, with the count and why."""
    if not notes:
        return result
    counts = []
    if result.untranslated:
        counts.append(f"{result.untranslated:,} of {plural(result.sentences, 'sentence')}")
    if result.title_untranslated:
        counts.append("the title")
    error = f"{' and '.join(counts)} untranslated: " + "; ".join(sorted(notes))
    return replace(result, status="partial", error=error)


def no_sentences(counts: Tally) -> str:
    if counts.sentences:
        return ""
    return "no sentences to translate (no text left after removing page furniture)"


def glossary_error(violations: Sequence[TermCheck], strict_glossary: bool) -> str:
    if not (strict_glossary and violations):
        return ""
    shown = ", ".join(f"{c.concept} {c.status}" for c in violations[:4])
    more = f" and {len(violations) - 4} more" if len(violations) > 4 else ""
    return f"glossary: {plural(len(violations), 'term')} not kept ({shown}{more})"
