"""What a batch produces: its options, each file's result and status, the whole batch's."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from xlate import __version__
from xlate.limits import DEFAULT_MAX_BYTES, PART_CHARS, STREAM_BYTES
from xlate.model import FrozenDict, frozen

ProgressKind = Literal["start", "sentences", "advance", "file", "done"]


class Progress(Protocol):
    """What a batch tells its caller as it goes (a progress bar, a log): ``start`` {files},
    ``sentences`` {total} (a document's sentences about to be translated), ``advance``
    {sentences} (a part of a large article done), ``file`` {status, file,
    article, sentences} (an article finished, or a file that gave none: ``article`` its id
    when there is one, a feed's file gives several; ``sentences`` only when translated),
    ``done`` {}."""

    def __call__(self, kind: ProgressKind, data: dict[str, Any], /) -> None: ...


Status = Literal["ok", "partial", "failed", "skipped"]


STATUSES: tuple[Status, ...] = ("ok", "partial", "failed", "skipped")


@dataclass(frozen=True, slots=True)
class TranslateOptions:
    target: str = "en"
    out_format: str = "json"
    force: bool = False
    encoding: str | None = None
    jobs: int = 1
    chunk: int = 32
    max_bytes: int = DEFAULT_MAX_BYTES
    stream_bytes: int = STREAM_BYTES  # larger plain-text files are translated part by part
    part_chars: int = PART_CHARS
    # Machine translations below this mean log-probability are flagged low-confidence;
    # None: below each model's lower fence on the article (core.confidence_floor).
    min_confidence: float | None = None
    # what the batch makes its outputs with (run_settings), written into each JSON output;
    # set by translate_batch
    settings: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one article (or to a file that yielded none)."""

    source: str
    status: Status  # partial: written, with sentences left in their source language
    article: str = ""
    output: str = ""
    language: str = ""
    sentences: int = 0
    engines: Mapping[str, int] = field(default_factory=FrozenDict)  # engine -> sentences
    flagged: int = 0
    flags: Mapping[str, int] = field(default_factory=FrozenDict)  # flag kind -> sentences
    removed: int = 0
    error: str = ""
    terms: Mapping[str, int] = field(default_factory=FrozenDict)  # glossary checks: status -> count
    untranslated: int = 0  # sentences kept in their source language (the title not counted)
    title_untranslated: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "engines", frozen(self.engines))
        object.__setattr__(self, "flags", frozen(self.flags))
        object.__setattr__(self, "terms", frozen(self.terms))

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            # the file as a later run finds it from another folder (a trial: `translate ../in`
            # run again as `translate /abs/in` translated every file again, beside the first)
            "real_path": os.path.realpath(self.source),
            "article": self.article,
            "status": self.status,
            "output": self.output,
            "language": self.language,
            "sentences": self.sentences,
            "engines": self.engines,
            "flagged": self.flagged,
            "flags": self.flags,
            "untranslated": self.untranslated,
            "boilerplate_removed": self.removed,
            "glossary": self.terms,
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class BatchResult:
    results: Sequence[FileResult]
    engines: Sequence[Mapping[str, Any]]
    target: str
    cleaned: Sequence[str] = ()  # temporary files of killed runs, removed
    seconds: float = 0.0  # wall-clock time of the batch
    files: int = 0  # input files of the batch (an interrupted batch has results for fewer)
    interrupted: bool = False
    report_error: str = ""  # why the report could not be written (disk full, read-only, ...)
    changed: Sequence[str] = ()  # settings changed since the outputs were made: made again

    def __post_init__(self) -> None:
        """The lists given (as a batch gathers them) are frozen, so a batch result hashes."""
        for name in ("results", "engines", "cleaned", "changed"):
            object.__setattr__(self, name, frozen(getattr(self, name)))

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def partial(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "partial"]

    @property
    def sentences(self) -> int:
        return sum(r.sentences for r in self.results)


def status_counts(results: Iterable[FileResult]) -> dict[Status, int]:
    """Results per status, in the order of :data:`STATUSES`, statuses seen only."""
    seen: dict[Status, int] = {}
    for r in results:
        seen[r.status] = seen.get(r.status, 0) + 1
    return {status: seen[status] for status in STATUSES if status in seen}


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the report was rewritten (marked ``interrupted``) and
    ``batch`` holds what was done; a second run resumes where this one stopped."""

    def __init__(self, batch: BatchResult) -> None:
        super().__init__()
        self.batch = batch


# What tells one engine's translations from another's: its memories' digest and fuzzy score,
# its model (a CTranslate2 folder), its decoding options; not the Argos packages installed
# (a model installed since makes partial outputs again, not complete ones).
_ENGINE_KEYS = ("name", "digest", "fuzzy", "model", "beam_size", "max_decoding_length")


def run_settings(
    engines: Sequence[Mapping[str, Any]], glossary: str | None, strict_glossary: bool
) -> dict[str, Any]:
    """What an output was made with that a later run must make it with too, or make it
    again: the engines (:data:`_ENGINE_KEYS`), the glossary (its hash, ``glossary``) and how
    its terms were kept, and whether its checks failed an article (a trial's
    --strict-glossary, --no-glossary and --engine identity passed over outputs made
    otherwise as "already translated")."""
    mode = next((e.get("glossary_mode") for e in engines if e.get("glossary_mode")), None)
    return {
        "engines": [{k: e[k] for k in _ENGINE_KEYS if k in e} for e in engines],
        "glossary": glossary,
        "glossary_mode": mode if glossary else None,
        "strict_glossary": strict_glossary,
    }


def changed_settings(before: object, now: Mapping[str, Any]) -> list[str]:
    """The settings of ``now`` that ``before`` (an output's or a report's record) made
    otherwise, by name; ``["unrecorded"]`` when there is no record (an earlier xlate's)."""
    if not isinstance(before, Mapping):
        return ["unrecorded"]
    return [name for name, value in now.items() if before.get(name) != value]


def report_head(
    results: Sequence[FileResult],
    engines: list[dict[str, Any]],
    target: str,
    interrupted: bool,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The report's fields before its list of files (``settings``: this run's, which text
    and Markdown outputs, without a header of their own, are judged by)."""
    return {
        "xlate": __version__,
        "target": target,
        "engines": engines,
        **({"settings": dict(settings)} if settings is not None else {}),
        "interrupted": interrupted,
        "summary": status_counts(results),
        "sentences": sum(r.sentences for r in results),
        "untranslated": sum(r.untranslated for r in results),
    }
