"""Batch translation of saved articles: files in, one translation per article out.

    inputs ─▶ ingest ─▶ segment ─▶ detect (per sentence, article as prior) ─▶ group by pair
           ─▶ engine chain (memory exact → [memory fuzzy] → cached Argos) ─▶ check ─▶ write

Articles are processed in chunks; within a chunk, sentences of every article that share a
language pair go to the engines together (one CTranslate2 batch). Each output is written to a
temporary file and renamed into place, so an interrupted run leaves only complete outputs, and
running it again skips them (``force`` redoes them). A file that fails is reported and the
batch goes on. A plain-text file too large to hold at once is streamed: read, translated and
written part by part (:func:`_translate_stream`), with the output the whole article would give.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import count, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from xlate import __version__
from xlate.bundle import Bundle, ManifestEntry, apply_entry, is_bundle, load_manifest
from xlate.detect import UNDETERMINED, Detector, DetectorConfig
from xlate.enforce import TermCheck, check_terms
from xlate.engines import ENGINE_NAMES, Engine
from xlate.errors import EngineError, InputError, NoModelError, XlateError
from xlate.glossary import Glossary
from xlate.ingest import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    PART_CHARS,
    STREAM_BYTES,
    TextStream,
    open_text_stream,
    read_articles,
    streams,
    strip_repeated_lines,
)
from xlate.model import Article, Detection, Sentence, Translation
from xlate.segment import paragraphs, split_sentences
from xlate.textsafe import inert, json_inert, md

if TYPE_CHECKING:
    from xlate.executor import Executor

REPORT = "xlate-report.json"
# A sentence whose detected language differs from its article's replaces the article's only
# when detection is this sure (a quote in another language, not a name or a number).
SENTENCE_OVERRIDE_CONFIDENCE = 0.9
SENTENCE_OVERRIDE_MIN_CHARS = 20

Progress = Callable[[str, dict[str, Any]], None]


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


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to translate, and its bundle manifest entry when it came from a bundle."""

    path: Path
    entry: ManifestEntry | None = None


@dataclass(frozen=True, slots=True)
class Inputs:
    files: tuple[InputFile, ...]
    memories: tuple[Path, ...]
    roots: tuple[Path, ...]


@dataclass(slots=True)
class FileResult:
    """What happened to one article (or to a file that yielded none)."""

    source: str
    status: str  # ok | failed | skipped
    article: str = ""
    output: str = ""
    language: str = ""
    sentences: int = 0
    engines: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    removed: int = 0
    error: str = ""
    terms: dict[str, int] = field(default_factory=dict)  # glossary checks: status -> count

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "article": self.article,
            "status": self.status,
            "output": self.output,
            "language": self.language,
            "sentences": self.sentences,
            "engines": self.engines,
            "flagged": self.flagged,
            "boilerplate_removed": self.removed,
            "glossary": self.terms,
            "error": self.error,
        }


@dataclass(slots=True)
class BatchResult:
    results: list[FileResult]
    engines: list[dict[str, Any]]
    target: str
    cleaned: list[str] = field(default_factory=list)  # temporary files of killed runs, removed

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        return {
            "xlate": __version__,
            "target": self.target,
            "engines": self.engines,
            "summary": counts,
            "files": [r.to_dict() for r in self.results],
        }


# -- inputs -------------------------------------------------------------------------------------


def collect_inputs(paths: Sequence[str | Path]) -> Inputs:
    """Article files named directly, found in folders, or listed by bundle manifests."""
    files: list[InputFile] = []
    memories: list[Path] = []
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if is_bundle(path):
            bundle = load_manifest(path)
            files += _bundle_files(bundle)
            memories += bundle.memories
            roots.append(path.resolve())
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files += [InputFile(p) for p in found]
            roots.append(path.resolve())
        else:
            files.append(InputFile(path))
            roots.append(path.resolve().parent)
    return Inputs(tuple(files), tuple(memories), tuple(roots))


def _bundle_files(bundle: Bundle) -> list[InputFile]:
    return [InputFile(entry.file, entry) for entry in bundle.entries]


def check_output_folder(out_dir: Path, inputs: Inputs) -> None:
    """Refuse an output folder that is an input folder or lies inside one."""
    out = out_dir.resolve()
    for root in inputs.roots:
        if out == root or out.is_relative_to(root):
            raise InputError(
                out_dir,
                f"output folder is inside the input folder {root}; choose another --out "
                "(xlate never writes into its inputs)",
            )


def read_input(item: InputFile, options: TranslateOptions) -> list[Article]:
    """The articles of one input file, with its manifest entry's metadata when it has one."""
    entry = item.entry
    encoding = (entry.encoding if entry else None) or options.encoding
    # The page metadata a manifest overrides is not extracted (apply_entry).
    known = entry.title if entry and entry.title and entry.date and entry.url else None
    articles = read_articles(
        item.path, encoding=encoding, max_bytes=options.max_bytes, known_title=known
    )
    return apply_entry(entry, articles) if entry else articles


# -- documents ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Segment:
    """One text to translate (a title or a sentence), its language, and what became of it."""

    text: str
    lang: str
    translation: Translation | None = None
    terms: list[TermCheck] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """An article on its way through translation: its sentences and their segments."""

    source: str
    article: Article
    output: Path
    language: str
    sentences: list[Sentence]
    segments: list[Segment]  # the title (if any) first, then one per sentence
    has_title: bool


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article segmented and its sentences (title first) routed to languages."""

    language: str
    sentences: list[Sentence]
    texts: list[str]
    langs: list[str]


def analyse(articles: Sequence[Article], detector: Detector) -> list[Analysis]:
    """Segment the articles and detect every sentence, in one detection batch."""
    split = [split_sentences(article.text) for article in articles]
    undeclared = [i for i, article in enumerate(articles) if not article.language]
    texts = [
        ([article.title] if article.title else []) + [s.text for s in sentences]
        for article, sentences in zip(articles, split, strict=True)
    ]
    found = iter(
        detector.detect_many(
            [articles[i].text for i in undeclared] + [t for group in texts for t in group]
        )
    )
    languages = {i: next(found).lang for i in undeclared}
    analyses = []
    for i, article in enumerate(articles):
        language = article.language or languages[i]
        langs = []
        for text in texts[i]:
            detection = next(found)
            langs.append(_sentence_language(text, detection, language))
        analyses.append(Analysis(language, split[i], texts[i], langs))
    return analyses


def make_document(source: str, article: Article, output: Path, analysis: Analysis) -> Document:
    """``article`` ready to translate: a segment per title and sentence, routed by ``analysis``."""
    segments = [Segment(t, lang) for t, lang in zip(analysis.texts, analysis.langs, strict=True)]
    return Document(
        source,
        article,
        output,
        analysis.language,
        analysis.sentences,
        segments,
        bool(article.title),
    )


def _sentence_language(text: str, found: Detection, article_lang: str) -> str:
    """The language a sentence is translated from: its article's, unless it clearly is not.

    A sentence overrides its article when it is long enough and confidently detected, and the
    evidence is strong: another script (a Russian quote in an English article) or a rule-based
    call within one (Ukrainian letters in a Russian article). The statistical model alone does
    not switch one sentence between languages of a script: it calls English sentences French.
    """
    if found.lang == UNDETERMINED:
        return UNDETERMINED
    strong = found.script not in _scripts_of(article_lang) or found.method == "script"
    if (
        found.lang != article_lang
        and found.confidence >= SENTENCE_OVERRIDE_CONFIDENCE
        and len(text) >= SENTENCE_OVERRIDE_MIN_CHARS
        and strong
    ):
        return found.lang
    return article_lang


# -- translation --------------------------------------------------------------------------------


def translate_segments(
    segments: Sequence[Segment], target: str, chain: Sequence[Engine], identity: Engine
) -> dict[tuple[str, str], str]:
    """Fill ``segment.translation`` where an engine can; the hints for what none could."""
    groups: dict[str, list[Segment]] = {}
    for segment in segments:
        groups.setdefault(segment.lang, []).append(segment)
    hints: dict[tuple[str, str], str] = {}
    for lang, members in sorted(groups.items()):
        if lang in (target, UNDETERMINED):
            for seg, t in zip(
                members, identity.translate([m.text for m in members], lang, target), strict=True
            ):
                seg.translation = t
            continue
        remaining = members
        for engine in chain:
            if not remaining:
                break
            try:
                results = engine.translate([m.text for m in remaining], lang, target)
            except NoModelError as exc:
                hints[(lang, target)] = str(exc)
                continue
            for seg, t in zip(remaining, results, strict=True):
                seg.translation = t
            remaining = [m for m in remaining if m.translation is None]
        if remaining and (lang, target) not in hints:
            hints[(lang, target)] = (
                f"no translation memory entry or model for {lang}→{target}; run "
                f"`xlate models install {lang} {target}`"
            )
    return hints


def check_translations(segments: Sequence[Segment], target: str, detector: Detector) -> None:
    """Flag outputs that came back unchanged or in the wrong language.

    Every output is compared with its source; the language of machine and fuzzy-memory output
    is detected too. Exact matches from a translation memory are reviewed translations: they
    are not re-detected.
    """
    todo = []
    for segment in segments:
        t = segment.translation
        if t is None or t.engine == "identity":
            continue
        if " ".join(t.text.split()) == " ".join(t.source.split()):
            segment.translation = replace(t, flags=(*t.flags, "unchanged"))
        elif t.engine != "memory" or "fuzzy" in t.flags:
            todo.append(segment)
    found = detector.detect_many([s.translation.text for s in todo if s.translation])
    for segment, detection in zip(todo, found, strict=True):
        t = segment.translation
        assert t is not None
        flags = list(t.flags)
        if detection.lang == t.source_lang and detection.confidence >= 0.8:
            flags.append("untranslated")
        elif detection.lang not in (target, UNDETERMINED) and (
            detection.confidence >= 0.9 or detection.script not in _scripts_of(target)
        ):
            flags.append(f"wrong-language:{detection.lang}")
        if len(flags) != len(t.flags):
            segment.translation = replace(t, flags=tuple(flags))


@dataclass(frozen=True, slots=True)
class _Checks:
    detector: Detector
    glossary: Glossary | None
    strict_glossary: bool


def check_glossary(segments: Sequence[Segment], glossary: Glossary) -> None:
    """Check every translated sentence for the glossary concepts of its source.

    Pass-through text (already English) is the outlet's own wording and is not checked.
    """
    for segment in segments:
        t = segment.translation
        if t is None or t.engine == "identity" or segment.lang not in ("ru", "ja", "en"):
            continue
        matches = glossary.scan(segment.text, segment.lang)
        if matches:
            segment.terms = check_terms(glossary, matches, t.text, segment.lang)


_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "mn"})


def _scripts_of(lang: str) -> frozenset[str]:
    """The scripts a text in ``lang`` is mostly written in."""
    if lang == "ja":
        return frozenset({"Kana", "Han"})
    if lang == "zh":
        return frozenset({"Han"})
    if lang == "ko":
        return frozenset({"Hangul"})
    if lang in _CYRILLIC_LANGUAGES:
        return frozenset({"Cyrillic"})
    return frozenset({"Latin"})


# -- output -------------------------------------------------------------------------------------


_MAX_STEM_BYTES = 120  # file names have 255 bytes; the temporary name adds to the output's


def output_name(article: Article, target: str, out_format: str) -> str:
    """``<id>.<target>.<format>``, the id made safe as a file name (a long id is shortened and
    given a hash of the whole, so that two long ids stay two names)."""
    safe = (
        "".join(c if c.isalnum() or c in "-_." else "_" for c in article.id).strip(".") or "article"
    )
    if len(safe.encode()) > _MAX_STEM_BYTES:
        digest = hashlib.sha256(article.id.encode()).hexdigest()[:12]
        cut = safe.encode()[: _MAX_STEM_BYTES - 13].decode(errors="ignore")
        safe = f"{cut}-{digest}"
    return f"{safe}.{target}.{out_format}"


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text file that appears under ``path`` (in an existing folder) only once it is whole.

    It is written as a hidden temporary file and renamed into place when the block ends; if the
    block raises, the temporary file is removed and ``path`` is untouched. Readers (and a killed
    run) see the old file or the whole new one, never a part. There is no fsync per file: after
    a power failure a resumed run re-checks outputs (:func:`is_complete`) and redoes any that
    did not reach the disk whole.
    """
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_TEMPORARY_NUMBERS = count()
_TEMPORARY = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9-]*)-(?P<pid>\d+)-\d+\.part$")


@cache
def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname())[:32]


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file beside ``path``, named for this host and process, with the usual
    permissions (the umask applies; ``tempfile.mkstemp`` would make it private)."""
    while True:
        number = next(_TEMPORARY_NUMBERS)
        tmp = path.with_name(f".{path.name}.{_host()}-{os.getpid()}-{number}.part")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # left by a killed run that had the same process id
            continue


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files that runs killed on this host left in ``folder``.

    A temporary file's name holds its host and process id: one whose process is gone will
    never be finished. Files of live processes (a concurrent run) and of other hosts (a
    shared folder) are left alone. Returns the names removed.
    """
    if os.name != "posix":
        return []
    removed = []
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".part")]
    except OSError:
        return []
    for name in names:
        match = _TEMPORARY.match(name)
        if not match or match["host"] != _host() or _alive(int(match["pid"])):
            continue
        try:
            (folder / name).unlink()
            removed.append(name)
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through :func:`atomic_writer`."""
    with atomic_writer(path) as handle:
        handle.write(text)


_PARSE_LIMIT = 8 * 1024 * 1024  # larger outputs are checked by their last bytes


def is_complete(path: Path, out_format: str) -> bool:
    """Whether an existing output is whole: valid JSON with its sentences, or a full text file.

    Outputs too large to parse cheaply (of a streamed article) are checked by their ending,
    which xlate writes last.
    """
    try:
        if path.stat().st_size > _PARSE_LIMIT:
            with path.open("rb") as handle:
                first = handle.read(1)
                handle.seek(-3, os.SEEK_END)
                last = handle.read()
            return (
                first == b"{" and last == b"\n}\n" if out_format == "json" else last[-1:] == b"\n"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if out_format != "json":
        return text.endswith("\n") and bool(text.strip())
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(data, dict) and isinstance(data.get("sentences"), list)


def render_document(doc: Document, target: str, out_format: str) -> str:
    output = _Output(target, out_format)
    return output.head(doc) + output.body(doc) + "".join(output.tail(doc.article.removed))


class _Output:
    """One output file in three pieces: its head, its sentences (an article's, or part after
    part of a streamed article's), and its tail. Joined, they are the whole document."""

    def __init__(self, target: str, out_format: str) -> None:
        self.target = target
        self.format = out_format
        self.started = False  # whether a sentence (or paragraph) has been written

    def head(self, doc: Document) -> str:
        title = doc.segments[0].translation if doc.has_title else None
        if self.format == "json":
            return _json_head(_json_header(doc, self.target, title))
        heading = title.text if title else ""
        if self.format == "md":
            a = doc.article
            meta = " · ".join(md(x) for x in (a.outlet, a.date, a.url) if x)
            return (f"# {md(heading)}\n\n" if heading else "") + (f"*{meta}*\n\n" if meta else "")
        return f"{inert(heading)}\n\n" if heading else ""

    def body(self, doc: Document) -> str:
        body = doc.segments[1:] if doc.has_title else doc.segments
        if self.format == "json":
            rows = ",\n".join(f"    {_ENCODE(r)}" for r in _json_records(doc, body))
            separator = ",\n"
        else:
            escape = md if self.format == "md" else inert
            rows = "\n\n".join(" ".join(escape(t) for t in p) for p in _paragraph_texts(doc, body))
            separator = "\n\n"
        if not rows:
            return ""
        text = separator + rows if self.started else rows
        self.started = True
        return json_inert(text) if self.format == "json" else text

    def tail(self, removed: Iterable[str]) -> Iterator[str]:
        """The end of the document, in pieces: it lists every removed line of furniture."""
        if self.format != "json":
            yield "\n"
            return
        yield from _json_tail({"boilerplate_removed": iter(removed)})


def _paragraph_texts(doc: Document, body: Sequence[Segment]) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    last = None
    for sentence, segment in zip(doc.sentences, body, strict=True):
        assert segment.translation is not None
        if sentence.paragraph != last:
            paragraphs.append([])
            last = sentence.paragraph
        paragraphs[-1].append(segment.translation.text)
    return paragraphs


# One encoder for every record: json.dumps(..., ensure_ascii=False) builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _dump_json(document: dict[str, Any], records: str = "sentences") -> str:
    """JSON with one top-level field, and one record of the ``records`` list, per line.

    Readable and diffable like indented JSON, but written by the C encoder (``indent=`` makes
    the json module fall back to its pure-Python encoder, several times slower). Fields keep
    their order; the pieces are the ones a streamed output is written in.
    """
    keys = list(document)
    at = keys.index(records)
    rows = ",\n".join(f"    {_ENCODE(r)}" for r in document[records])
    return (
        _json_head({k: document[k] for k in keys[:at]}, records)
        + json_inert(rows)
        + "".join(_json_tail({k: document[k] for k in keys[at + 1 :]}))
    )


def _json_head(fields: dict[str, Any], records: str = "sentences") -> str:
    lines = "".join(f"  {_ENCODE(k)}: {_ENCODE(v)},\n" for k, v in fields.items())
    return json_inert("{\n" + lines + f"  {_ENCODE(records)}: [\n")


def _json_tail(fields: dict[str, Any]) -> Iterator[str]:
    """The end of a document after its records: ``fields`` one a line, then the closing brace.

    A field whose value is an iterator is written item by item as a JSON list, in the layout
    the encoder gives a list (a streamed article's removed lines need not fit in memory).
    """
    yield "\n  ]"
    for key, value in fields.items():
        if not isinstance(value, Iterator):
            yield json_inert(f",\n  {_ENCODE(key)}: {_ENCODE(value)}")
            continue
        yield f",\n  {_ENCODE(key)}: ["
        for n, item in enumerate(value):
            yield json_inert(f", {_ENCODE(item)}" if n else _ENCODE(item))
        yield "]"
    yield "\n}\n"


def _json_header(doc: Document, target: str, title: Translation | None) -> dict[str, Any]:
    return {
        "xlate": __version__,
        "article": doc.article.metadata() | {"extra": doc.article.extra},
        "language": doc.language,
        "target": target,
        "title": None
        if title is None
        else {"source": title.source, "translation": title.text, "engine": title.engine},
    }


def _json_records(doc: Document, body: Sequence[Segment]) -> Iterator[dict[str, Any]]:
    for sentence, segment in zip(doc.sentences, body, strict=True):
        t = segment.translation
        assert t is not None
        yield {
            "index": sentence.index,
            "paragraph": sentence.paragraph,
            "start": sentence.start,
            "end": sentence.end,
            "lang": segment.lang,
            "source": sentence.text,
            "translation": t.text,
            "engine": t.engine,
            "model": t.model,
            "score": t.score,
            "flags": list(t.flags),
            "glossary": [check.to_dict() for check in segment.terms],
        }


# -- the batch ----------------------------------------------------------------------------------


def translate_batch(
    inputs: Inputs,
    out_dir: Path,
    chain: Sequence[Engine],
    options: TranslateOptions,
    *,
    progress: Progress | None = None,
    detector: Detector | None = None,
    glossary: Glossary | None = None,
    strict_glossary: bool = False,
    executor: Executor | None = None,
) -> BatchResult:
    """Translate every article of ``inputs`` into ``out_dir``; never raises for one bad file.

    With a ``glossary``, every translated sentence is checked for the source's concepts
    (kept, missing, forbidden); ``strict_glossary`` fails a file with a missing or forbidden
    term.

    With ``options.jobs`` > 1, worker processes prepare files (read, extract, segment, detect)
    ahead of the main process, which translates, checks and writes them in input order.
    An ``executor`` (:mod:`xlate.executor`) prepares them elsewhere, e.g. on a Ray cluster.
    """
    from xlate.engines.identity import IdentityEngine

    check_output_folder(out_dir, inputs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out_dir, f"cannot create the output folder: {exc.strerror}") from None
    detector = detector or Detector()
    identity = IdentityEngine()
    notify = progress or (lambda kind, data: None)
    results: list[FileResult] = []
    used_names: set[str] = set()
    files = list(inputs.files)
    cleaned = remove_stale_temporaries(out_dir)
    notify("start", {"files": len(files)})
    engines = (chain, identity)
    checks = _Checks(detector, glossary, strict_glossary)
    next_report = time.monotonic() + _REPORT_EVERY
    preparer = executor.preparer if executor else _preparer
    with preparer(options, detector) as prepare:
        prepared = zip(files, prepare(files), strict=True)
        while chunk := list(islice(prepared, options.chunk)):
            loaded, streamed = _collect(chunk, detector, results, notify)
            pending = _plan_outputs(loaded, out_dir, options, used_names, results, notify)
            if pending:
                docs = [make_document(*item) for item in pending]
                _translate_docs(docs, options, engines, checks, results, notify)
            for item in streamed:
                result = _translate_stream(
                    item, out_dir, options, engines, checks, used_names, notify
                )
                results.append(result)
                notify("file", {"status": result.status, "file": result.source})
            if time.monotonic() >= next_report:  # the report so far, every few seconds
                write_atomic(out_dir / REPORT, _report_json(results, chain, options))
                next_report = time.monotonic() + _REPORT_EVERY
    write_atomic(out_dir / REPORT, _report_json(results, chain, options))
    notify("done", {})
    return BatchResult(results, describe_engines(chain), options.target, cleaned)


@dataclass(frozen=True, slots=True)
class _Streamed:
    """What a worker returns for a file too large to prepare ahead: the main process reads
    and translates it part by part (:func:`_translate_stream`)."""


_REPORT_EVERY = 5.0  # seconds between rewrites of the report during a batch


Prepared = tuple[list[Article], list[Analysis]] | XlateError | _Streamed


def _prepare(
    items: Sequence[InputFile], options: TranslateOptions, config: DetectorConfig
) -> list[Prepared]:
    """Read, segment and detect files (each file's outcome, in order); runs in a worker
    process when ``jobs`` > 1. The sentences of all the files are detected in one batch."""
    outcomes: list[Prepared] = []
    for item in items:
        if streams(item.path, options.stream_bytes):
            outcomes.append(_Streamed())
            continue
        try:
            outcomes.append((read_input(item, options), []))
        except XlateError as exc:
            outcomes.append(exc)
        except _HOSTILE as exc:
            outcomes.append(_unreadable(item, exc))
    loaded = [o for o in outcomes if isinstance(o, tuple)]
    detector = _detector(config)
    try:
        analyses = iter(analyse([a for articles, _ in loaded for a in articles], detector))
    except _HOSTILE:  # find the file that chokes: analyse them one by one
        return [_analysed(item, o, detector) for item, o in zip(items, outcomes, strict=True)]
    for articles, found in loaded:
        found.extend(next(analyses) for _ in articles)
    return outcomes


def _analysed(item: InputFile, outcome: Prepared, detector: Detector) -> Prepared:
    if not isinstance(outcome, tuple):
        return outcome
    try:
        return outcome[0], analyse(outcome[0], detector)
    except _HOSTILE as exc:
        return _unreadable(item, exc)


# What a library choking on hostile input raises: it fails that file, not the batch.
_HOSTILE = (RecursionError, MemoryError, ValueError, LookupError, OSError)


def _unreadable(item: InputFile, exc: BaseException) -> InputError:
    return InputError(item.path, f"cannot read ({type(exc).__name__}: {exc})")


@cache
def _detector(config: DetectorConfig) -> Detector:
    return Detector(config)


_GROUP = 8  # files a worker prepares at once
_AHEAD = 4  # groups in flight per worker


@contextmanager
def _preparer(
    options: TranslateOptions, detector: Detector
) -> Iterator[Callable[[Sequence[InputFile]], Iterator[Prepared]]]:
    """A function mapping files to prepared results, in order, in processes when asked."""
    if options.jobs <= 1:
        yield lambda files: (
            outcome
            for group in _groups(files, options.chunk)
            for outcome in _prepare(group, options, detector.config)
        )
        return
    import multiprocessing  # 30 ms to import: only for worker processes
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(options.jobs, mp_context=context) as pool:

        def run(files: Sequence[InputFile]) -> Iterator[Prepared]:
            # A few groups per worker in flight, not the whole batch: when translation is
            # slower than preparation, prepared files wait in memory, and only these few.
            groups = _groups(files, _GROUP)
            window = deque(
                pool.submit(_prepare, group, options, detector.config)
                for group in islice(groups, _AHEAD * options.jobs)
            )
            while window:
                outcomes = window.popleft().result()
                for group in islice(groups, 1):
                    window.append(pool.submit(_prepare, group, options, detector.config))
                yield from outcomes

        yield run


def _groups(items: Sequence[InputFile], size: int) -> Iterator[Sequence[InputFile]]:
    """``items`` in consecutive groups of ``size``."""
    return (items[i : i + size] for i in range(0, len(items), size))


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
        if isinstance(outcome, _Streamed):
            streamed.append(item)
        elif isinstance(outcome, XlateError):
            results.append(FileResult(str(item.path), "failed", error=str(outcome)))
            notify("file", {"status": "failed", "file": str(item.path)})
        else:
            articles, analyses = outcome
            loaded += [(str(item.path), a, x) for a, x in zip(articles, analyses, strict=True)]
    cleaned = strip_repeated_lines([article for _, article, _ in loaded])
    for i, ((source, article, _), new) in enumerate(zip(loaded, cleaned, strict=True)):
        if new is not article:  # furniture removed: segment and detect the new text
            loaded[i] = (source, new, analyse([new], detector)[0])
    return loaded, streamed


def describe_engines(chain: Sequence[Engine]) -> list[dict[str, Any]]:
    """What each engine is (name, models, versions), for the report's signature."""
    engines = []
    for engine in chain:
        try:
            engines.append(engine.describe())
        except XlateError:
            engines.append({"name": engine.name})
    return engines


def _report_json(
    results: list[FileResult], chain: Sequence[Engine], options: TranslateOptions
) -> str:
    return _dump_json(
        BatchResult(results, describe_engines(chain), options.target).to_dict(), "files"
    )


def _plan_outputs(
    loaded: Sequence[tuple[str, Article, Analysis]],
    out_dir: Path,
    options: TranslateOptions,
    used_names: set[str],
    results: list[FileResult],
    notify: Progress,
) -> list[tuple[str, Article, Path, Analysis]]:
    pending = []
    for source, article, analysis in loaded:
        path = _output_path(article, out_dir, options, used_names)
        if _finished(path, options):
            results.append(_skipped(source, article, path))
            notify("file", {"status": "skipped", "file": source})
            continue
        pending.append((source, article, path, analysis))
    return pending


def _output_path(
    article: Article, out_dir: Path, options: TranslateOptions, used_names: set[str]
) -> Path:
    """Where ``article``'s output goes: its name, numbered if an earlier article took it."""
    name = output_name(article, options.target, options.out_format)
    stem, rest = name.split(".", 1)
    n = 2
    while name in used_names:
        name = f"{stem}-{n}.{rest}"
        n += 1
    used_names.add(name)
    return out_dir / name


def _finished(path: Path, options: TranslateOptions) -> bool:
    """Whether a complete output from an earlier run is there to keep (without ``force``)."""
    return not options.force and path.exists() and is_complete(path, options.out_format)


def _skipped(source: str, article: Article, path: Path) -> FileResult:
    return FileResult(source, "skipped", article.id, str(path), error="already translated")


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
        hints = _translate_and_check(segments, options, engines, checks)
    except EngineError as exc:
        for doc in docs:
            results.append(FileResult(doc.source, "failed", doc.article.id, error=str(exc)))
        return
    for doc in docs:
        results.append(_finish(doc, options, hints, checks.strict_glossary))
        notify(
            "file",
            {"status": results[-1].status, "file": doc.source, "sentences": len(doc.segments)},
        )


def _translate_and_check(
    segments: Sequence[Segment],
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: _Checks,
) -> dict[tuple[str, str], str]:
    """Translate ``segments`` and flag what needs flagging; the hints for what was not."""
    chain, identity = engines
    hints = translate_segments(segments, options.target, chain, identity)
    check_translations(segments, options.target, checks.detector)
    if checks.glossary is not None and options.target == "en":
        check_glossary(segments, checks.glossary)
    return hints


def _finish(
    doc: Document,
    options: TranslateOptions,
    hints: dict[tuple[str, str], str],
    strict_glossary: bool = False,
) -> FileResult:
    result = FileResult(
        doc.source,
        "ok",
        doc.article.id,
        language=doc.language,
        removed=len(doc.article.removed),
    )
    violations: list[TermCheck] = []
    error = (
        _tally(result, doc, options, hints, violations)
        or _no_sentences(result)
        or _glossary_error(violations, strict_glossary)
    )
    if error:
        result.status, result.error = "failed", error
        return result
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
    options: TranslateOptions,
    hints: dict[tuple[str, str], str],
    violations: list[TermCheck],
) -> str:
    """Count ``doc``'s sentences into ``result``; the error if some were not translated."""
    result.sentences += len(doc.sentences)
    missing = [s for s in doc.segments if s.translation is None]
    if missing:
        pairs = sorted({(s.lang, options.target) for s in missing})
        hint = "; ".join(hints.get(pair, "") for pair in pairs)
        shown = "; ".join(repr(s.text[:50]) for s in missing[:2])
        return f"{len(missing)} sentence(s) not translated ({shown}); {hint}"
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


# -- large plain-text articles, part by part ----------------------------------------------------


class _Abandoned(Exception):
    """A streamed article failed after its output was begun: the partial output is dropped."""


def _translate_stream(
    item: InputFile,
    out_dir: Path,
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: _Checks,
    used_names: set[str],
    notify: Progress,
) -> FileResult:
    """Translate one large plain-text article part by part, writing its output as it goes.

    Memory holds one part (its sentences, detections and translations) at a time, whatever the
    size of the file; the output is the one the whole article would give. The article's
    language, unless declared, is detected from its first part.
    """
    source = str(item.path)
    encoding = (item.entry.encoding if item.entry else None) or options.encoding
    try:
        with open_text_stream(
            item.path, encoding=encoding, max_bytes=options.max_bytes, part_chars=options.part_chars
        ) as stream:
            header = apply_entry(item.entry, [stream.article])[0] if item.entry else stream.article
            path = _output_path(header, out_dir, options, used_names)
            if _finished(path, options):
                return _skipped(source, header, path)
            result = FileResult(source, "ok", header.id, output=str(path))
            with atomic_writer(path) as handle:
                _stream_parts(
                    stream, header, path, handle, result, options, engines, checks, notify
                )
    except (_Abandoned, XlateError) as exc:
        return FileResult(source, "failed", error=str(exc))
    except _HOSTILE as exc:
        return FileResult(source, "failed", error=str(_unreadable(item, exc)))
    return result


def _stream_parts(
    stream: TextStream,
    header: Article,
    path: Path,
    handle: TextIO,
    result: FileResult,
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: _Checks,
    notify: Progress,
) -> None:
    output = _Output(options.target, options.out_format)
    violations: list[TermCheck] = []
    language = header.language
    offset = paragraph = index = 0
    for number, part in enumerate(stream.parts):
        article = replace(header, text=part, title=header.title if number == 0 else "")
        article = replace(article, language=language)
        analysis = _shifted(analyse([article], checks.detector)[0], offset, paragraph, index)
        language = analysis.language
        doc = make_document(result.source, article, path, analysis)
        notify("sentences", {"total": len(doc.segments)})
        hints = _translate_and_check(doc.segments, options, engines, checks)
        error = _tally(result, doc, options, hints, violations)
        if error:
            raise _Abandoned(error)
        if number == 0:
            handle.write(output.head(doc))
        handle.write(output.body(doc))
        notify("advance", {"sentences": len(doc.segments)})
        offset += len(part) + 2
        paragraph += sum(1 for _ in paragraphs(part))
        index += len(analysis.sentences)
    error = _no_sentences(result) or _glossary_error(violations, checks.strict_glossary)
    if error:
        raise _Abandoned(error)
    handle.writelines(output.tail(stream.furniture.lines()))
    result.language = language
    result.removed = stream.furniture.count


def _shifted(analysis: Analysis, offset: int, paragraph: int, index: int) -> Analysis:
    """``analysis`` of one part, its sentences numbered and placed within the whole article."""
    if not (offset or paragraph or index):
        return analysis
    sentences = [
        Sentence(s.index + index, s.paragraph + paragraph, s.start + offset, s.end + offset, s.text)
        for s in analysis.sentences
    ]
    return replace(analysis, sentences=sentences)


def build_chain(
    engine: str,
    *,
    memories: Iterable[Path] = (),
    fuzzy: float | None = None,
    cache_path: Path | None = None,
    use_cache: bool = True,
    context: str = "",
    argos_options: Any = None,
    glossary: Glossary | None = None,
    glossary_mode: str = "placeholder",
) -> list[Engine]:
    """The engines ``engine`` names, in the order they are tried."""
    from xlate.engines.identity import IdentityEngine
    from xlate.engines.memory import MemoryEngine

    memory_files = list(dict.fromkeys(Path(m) for m in memories))
    if engine == "identity":
        return [IdentityEngine()]
    if engine == "memory":
        if not memory_files:
            raise EngineError("the memory engine needs a TMX file: give --memory FILE.tmx")
        return [MemoryEngine.from_files(memory_files, fuzzy=fuzzy)]
    chain: list[Engine] = []
    if engine == "auto" and memory_files:
        chain.append(MemoryEngine.from_files(memory_files))
        if fuzzy is not None:
            chain.append(MemoryEngine.from_files(memory_files, fuzzy=fuzzy))
    if engine in ("auto", "argos"):
        if glossary is not None:
            context = f"{context}glossary:{glossary.hash}:{glossary_mode}"
        chain.append(_argos(cache_path, use_cache, context, argos_options, glossary, glossary_mode))
        return chain
    raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINE_NAMES)}")


def _argos(
    cache_path: Path | None,
    use_cache: bool,
    context: str,
    options: Any,
    glossary: Glossary | None = None,
    glossary_mode: str = "placeholder",
) -> Engine:
    from xlate.engines.argos import ArgosEngine

    argos: Any = ArgosEngine(options)
    if glossary is not None:
        from xlate.enforce import GlossaryEngine

        argos = GlossaryEngine(argos, glossary, glossary_mode)
    if not use_cache:
        return cast(Engine, argos)
    from xlate.cache import CachedEngine, TranslationCache, default_cache_path

    return CachedEngine(argos, TranslationCache(cache_path or default_cache_path()), context)
