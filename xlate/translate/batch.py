"""Batch translation of saved articles: files in, one translation per article out.

    inputs ─▶ ingest ─▶ segment ─▶ detect (per sentence, article as prior) ─▶ group by pair
           ─▶ engine chain (memory exact → [memory fuzzy] → cached Argos) ─▶ check ─▶ write

Articles are processed in chunks; within a chunk, sentences of every article that share a
language pair go to the engines together (one CTranslate2 batch). Each output is written to a
temporary file and renamed into place, so an interrupted run leaves only complete outputs, and
running it again skips them (``force`` redoes them). A file that fails is reported and the
batch goes on. A plain-text file too large to hold at once is streamed: read, translated and
written part by part (:func:`translate_stream`), with the output the whole article would give.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.detect.rules import Detector
from xlate.engines import Engine
from xlate.engines.chain import describe_engines
from xlate.errors import InputError, XlateError
from xlate.files import remove_stale_temporaries
from xlate.glossary.match import Glossary
from xlate.ingest.furniture import strip_repeated_lines
from xlate.ingest.pile import InputFile, Pile
from xlate.model import Article
from xlate.textsafe import shown_path
from xlate.translate.article import translate_docs
from xlate.translate.core import Analysis, Checks, analyse, make_document
from xlate.translate.names import OutputNames, check_output_folder, plan_outputs
from xlate.translate.report import REPORT, ReportWriter
from xlate.translate.results import (
    BatchInterrupted,
    BatchResult,
    FileResult,
    Progress,
    TranslateOptions,
    run_settings,
)
from xlate.translate.stream import translate_stream
from xlate.translate.workers import Prepared, Streamed, local_preparer

if TYPE_CHECKING:
    from xlate.translate.executor import Executor

_REPORT_EVERY = 5.0  # seconds between rewrites of the report during a batch


def translate_batch(
    inputs: Pile,
    out_dir: Path,
    chain: Sequence[Engine],
    options: TranslateOptions,
    *,
    progress: Progress | None = None,
    detector: Detector | None = None,
    glossary: Glossary | None = None,
    strict_glossary: bool = False,
    strict: bool = False,
    executor: Executor | None = None,
) -> BatchResult:
    """Translate every article of ``inputs`` into ``out_dir``; never raises for one bad file.

    An article with sentences no engine covers is written with those sentences in their
    source language, flagged ``untranslated``, and its status is ``partial``; ``strict``
    fails it instead (nothing written). With a ``glossary``, every translated sentence is
    checked for the source's concepts (kept, missing, forbidden); ``strict_glossary`` fails a
    file with a missing or forbidden term.

    Interrupted (Ctrl-C), it rewrites the report marked ``interrupted`` and raises
    :class:`BatchInterrupted` with what was done; finished outputs are complete files.

    With ``options.jobs`` > 1, worker processes prepare files (read, extract, segment, detect)
    ahead of the main process, which translates, checks and writes them in input order.
    An ``executor`` (:mod:`xlate.translate.executor`) prepares them elsewhere (a Ray cluster).
    """
    from xlate.engines.identity import IdentityEngine

    _ready_output_folder(out_dir, inputs)
    started = time.monotonic()
    detector = detector or Detector()
    identity = IdentityEngine()
    notify = progress or (lambda kind, data: None)
    results: list[FileResult] = []
    used_names = OutputNames.after(out_dir / REPORT)
    used_names.inputs.update(_real_paths(inputs))
    files = used_names.kept_ids(inputs.files)
    cleaned = remove_stale_temporaries(out_dir)
    sizes = {shown_path(f.path): _size(f.path) for f in files}  # the time left goes by bytes
    notify("start", {"files": len(files), "bytes": sum(sizes.values()), "sizes": sizes})
    engines = (chain, identity)
    checks = Checks(detector, glossary, strict_glossary, strict)
    options = replace(options, settings=_settings(chain, glossary, strict_glossary))
    report = _report_writer(out_dir, chain, options, inputs, used_names)

    def batch(interrupted: bool = False, report_error: str = "") -> BatchResult:
        return BatchResult(
            results,
            describe_engines(chain),
            options.target,
            cleaned,
            time.monotonic() - started,
            len(files),
            interrupted,
            report_error,
            sorted(used_names.changed),
        )

    next_report = time.monotonic() + _REPORT_EVERY
    preparer = executor.preparer if executor else local_preparer
    try:
        with preparer(options, detector) as prepare:
            prepared = zip(files, prepare(files), strict=True)
            while chunk := list(islice(prepared, options.chunk)):
                context = (out_dir, options, engines, checks, used_names)
                _translate_chunk(chunk, context, results, notify)
                if time.monotonic() >= next_report:  # the report so far, every few seconds
                    # A failure here is tried again at the end, where it is reported.
                    report.write(results)
                    next_report = time.monotonic() + _REPORT_EVERY
    except KeyboardInterrupt:
        failure = report.write(results, interrupted=True)
        raise BatchInterrupted(batch(interrupted=True, report_error=failure)) from None
    failure = report.write(results)
    notify("done", {})
    return batch(report_error=failure)


def _report_writer(
    out_dir: Path,
    chain: Sequence[Engine],
    options: TranslateOptions,
    inputs: Pile,
    used_names: OutputNames,
) -> ReportWriter:
    """The batch's report, which keeps the earlier outputs this run leaves as they are."""
    return ReportWriter(
        out_dir / REPORT,
        chain,
        options.target,
        inputs.passed_over,
        options.settings,
        used_names.rows,
    )


def _settings(
    chain: Sequence[Engine], glossary: Glossary | None, strict_glossary: bool
) -> dict[str, object]:
    """What this batch makes its outputs with (:func:`run_settings`)."""
    return run_settings(
        describe_engines(chain), glossary.hash if glossary else None, strict_glossary
    )


def _ready_output_folder(out_dir: Path, inputs: Pile) -> None:
    """The output folder made, and checked to be writable: not inside the inputs, and said
    now if no file can be made there, not after every file is translated and fails."""
    check_output_folder(out_dir, inputs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out_dir, f"cannot create the output folder: {exc.strerror}") from None
    try:
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as exc:
        raise InputError(out_dir, f"cannot write in the output folder: {exc.strerror}") from None


def _size(path: Path) -> int:
    """The file's size, 0 when it cannot be had (its failure is reported where it is read)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _real_paths(inputs: Pile) -> frozenset[str]:
    """The input files' real paths, which no output may take (found once, by
    ``read_pile``; found here for inputs made otherwise)."""
    return inputs.real_paths or frozenset(os.path.realpath(item.path) for item in inputs.files)


def _translate_chunk(
    chunk: list[tuple[InputFile, Prepared]],
    context: tuple[Path, TranslateOptions, tuple[Sequence[Engine], Engine], Checks, OutputNames],
    results: list[FileResult],
    notify: Progress,
) -> None:
    """One chunk of a batch: the articles read whole are translated together (sentences that
    share a language pair go to the engines at once), large plain-text files part by part."""
    out_dir, options, engines, checks, used_names = context
    loaded, streamed = _collect(chunk, checks.detector, results, notify)
    pending = plan_outputs(loaded, out_dir, options, used_names, results, notify)
    if pending:
        docs = [make_document(*item) for item in pending]
        translate_docs(docs, options, engines, checks, results, notify)
    for item in streamed:
        result = translate_stream(item, out_dir, options, engines, checks, used_names, notify)
        results.append(result)
        notify("file", {"status": result.status, "file": result.source})


def _collect(
    chunk: Sequence[tuple[InputFile, Prepared]],
    detector: Detector,
    results: list[FileResult],
    notify: Progress,
) -> tuple[list[tuple[str, Article, Analysis]], list[InputFile]]:
    """Record the files that failed; strip outlet furniture across the rest of the chunk.

    Returns the articles read, and the files left to stream.
    """
    loaded: list[tuple[str, Article, Analysis]] = []
    streamed: list[InputFile] = []
    for item, outcome in chunk:
        if isinstance(outcome, Streamed):
            streamed.append(item)
        elif isinstance(outcome, XlateError):
            results.append(FileResult(shown_path(item.path), "failed", error=str(outcome)))
            notify("file", {"status": "failed", "file": shown_path(item.path)})
        else:
            articles, analyses = outcome
            for a, x in zip(articles, analyses, strict=True):
                if a.problem:  # a record of many that is no article: it fails, the rest go on
                    source, error = shown_path(item.path), str(InputError(item.path, a.problem))
                    results.append(FileResult(source, "failed", a.id, error=error))
                    notify("file", {"status": "failed", "file": source, "article": a.id})
                else:
                    loaded.append((shown_path(item.path), a, x))
    cleaned = strip_repeated_lines([article for _, article, _ in loaded])
    changed = [
        i
        for i, (new, (_, old, _)) in enumerate(zip(cleaned, loaded, strict=True))
        if new is not old
    ]
    if changed:  # furniture removed: segment and detect the new texts, in one detection batch
        analyses = analyse([cleaned[i] for i in changed], detector)
        for i, analysis in zip(changed, analyses, strict=True):
            loaded[i] = (loaded[i][0], cleaned[i], analysis)
    return loaded, streamed
