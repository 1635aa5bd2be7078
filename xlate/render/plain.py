"""The plain views of ``xlate translate``: progress lines, the summary and the interrupt
message as they go to a file or a pipe. Nothing here imports rich (50 ms of start-up that a
script or a cron job does not need); :mod:`xlate.render.translate` draws the terminal's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from xlate.ingest.paths import article_stem
from xlate.textsafe import inert, plural
from xlate.translate.report import REPORT
from xlate.translate.results import STATUSES, BatchResult, FileResult, Status, status_counts

# Past this many files the summary lists only the files that need a look (failed, partial)
# and counts the rest: a 1,500-row table helps nobody.
COMPACT_AFTER = 50
_LISTED = ("failed", "partial")
SUMMARY_COLUMNS = ("file", "status", "lang", "sentences", "engines", "flagged", "note")


def is_terminal(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether rich would take ``stream`` for a terminal: ``TTY_COMPATIBLE=1`` or ``0`` says
    so, a non-empty ``FORCE_COLOR`` asks for one, else the stream's ``isatty()``."""
    env = os.environ if environ is None else environ
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class PlainProgress:
    """One line per file as it is done (``ok: path``), for a log."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "file":
            name = source_label(data["file"], data.get("article", ""))
            self.stream.write(inert(f"{data['status']}: {name}") + "\n")


def source_label(source: str, article: str) -> str:
    """An article's file, with the article's id in brackets when the file holds several
    (``feed.jsonl [feed-2]``): an id other than the file's own name."""
    if not article or article == article_stem(Path(source)):
        return source
    return f"{source} [{article}]"


def listed_rows(batch: BatchResult, compact_after: int) -> tuple[Sequence[FileResult], str]:
    """The files a summary lists (past ``compact_after`` files, the failed and partial ones
    only) and the note that counts the others."""
    rows: Sequence[FileResult] = batch.results
    unlisted: dict[Status, int] = {}
    if len(rows) > compact_after:
        unlisted = status_counts(r for r in rows if r.status not in _LISTED)
        rows = [r for r in rows if r.status in _LISTED]
    note = ", ".join(f"{n:,} {status}" for status, n in unlisted.items())
    return rows, f"and {note}, not listed" if note else ""


def plain_summary(
    batch: BatchResult, stream: IO[str], *, compact_after: int = COMPACT_AFTER
) -> None:
    """One tab-separated line per file (under a header line), cheap and easy to cut or grep,
    then the totals line."""
    rows, note = listed_rows(batch, compact_after)
    lines = ["\t".join(SUMMARY_COLUMNS)]
    lines += ["\t".join(inert(v).replace("\t", " ") for v in cells_of(r)) for r in rows]
    if note:
        lines.append(note)
    stream.write("\n".join(lines) + "\n" + totals_line(batch) + "\n")


def cells_of(r: FileResult) -> list[str]:
    """A file's row: name, status, language, sentences, engines, flagged, note (the error, else
    what the flagged sentences were flagged for)."""
    engines = ", ".join(f"{k} {v}" for k, v in sorted(r.engines.items()))
    return [
        r.article or r.source,
        r.status,
        r.language,
        str(r.sentences or ""),
        engines,
        str(r.flagged or ""),
        r.error or flag_kinds(r),
    ]


def flag_kinds(r: FileResult, counts: bool = True) -> str:
    """What a file's sentences were flagged for, with how many of them ("flagged:
    wrong-language 9, term-lost 4"; a sentence may carry several), or without."""
    if not r.flags:
        return ""
    return "flagged: " + ", ".join(f"{k} {n}" if counts else k for k, n in r.flags.items())


def totals_line(batch: BatchResult) -> str:
    """``240 files: 230 ok, 5 partial, 3 failed, 2 skipped · 6,100 sentences · 3.2 s``; when
    a file holds several articles (a feed, a JSON list), ``12 articles from 3 files: ...``."""
    counts = status_counts(batch.results)
    statuses = ", ".join(f"{counts.get(s, 0):,} {s}" for s in STATUSES)
    untranslated = sum(r.untranslated for r in batch.results)
    left = f" ({untranslated:,} untranslated)" if untranslated else ""
    files = len({r.source for r in batch.results})
    counted = plural(len(batch.results), "file")
    if files != len(batch.results):
        counted = f"{plural(len(batch.results), 'article')} from {plural(files, 'file')}"
    return (
        f"{counted}: {statuses} · "
        f"{plural(batch.sentences, 'sentence')}{left} · {batch.seconds:,.1f} s"
    )


def interrupted_message(batch: BatchResult, out: Path) -> str:
    """What an interrupted batch did, and how to go on."""
    counts = status_counts(batch.results)
    written = counts.get("ok", 0) + counts.get("partial", 0)
    failed = f", {counts['failed']:,} failed" if counts.get("failed") else ""
    kept = f", {counts['skipped']:,} already there" if counts.get("skipped") else ""
    return inert(
        f"xlate: interrupted after {plural(len(batch.results), 'article')} of "
        f"{plural(batch.files, 'input file')}: {plural(written, 'output')} "
        f"written{failed}{kept}; the report {out / REPORT} is marked interrupted. "
        "Run the same command again to resume: finished outputs are kept and skipped."
    )
