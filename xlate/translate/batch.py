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
from typing import Any, Literal, TextIO, cast

from xlate import __version__
from xlate.detect.rules import UNDETERMINED, Detector, DetectorConfig
from xlate.engines import ENGINE_NAMES, Engine
from xlate.engines.enforce import TermCheck, check_terms
from xlate.errors import EngineError, InputError, XlateError
from xlate.glossary.match import Glossary
from xlate.ingest.bundle import Bundle, ManifestEntry, apply_entry, is_bundle, load_manifest
from xlate.ingest.formats import read_articles
from xlate.ingest.furniture import strip_repeated_lines
from xlate.ingest.paths import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, check_regular
from xlate.ingest.stream import PART_CHARS, STREAM_BYTES, TextStream, open_text_stream, streams
from xlate.model import Article, Detection, Sentence, Translation
from xlate.segment import paragraphs, split_sentences
from xlate.textsafe import inert, json_inert, md, shown_path

REPORT = "xlate-report.json"
# A sentence whose detected language differs from its article's replaces the article's only
# when detection is this sure (a quote in another language, not a name or a number).
SENTENCE_OVERRIDE_CONFIDENCE = 0.9
SENTENCE_OVERRIDE_MIN_CHARS = 20

Progress = Callable[[str, dict[str, Any]], None]
Status = Literal["ok", "partial", "failed", "skipped"]
STATUSES: tuple[Status, ...] = ("ok", "partial", "failed", "skipped")
# The engine of a sentence no engine covered: its "translation" is its source, flagged.
NO_ENGINE = "none"


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
    problem: str = ""  # why it cannot be read, found when the inputs were listed


@dataclass(frozen=True, slots=True)
class Inputs:
    files: tuple[InputFile, ...]
    memories: tuple[Path, ...]
    roots: tuple[Path, ...]  # folders and bundles, which no output folder may lie inside


@dataclass(slots=True)
class FileResult:
    """What happened to one article (or to a file that yielded none)."""

    source: str
    status: Status  # partial: written, with sentences left in their source language
    article: str = ""
    output: str = ""
    language: str = ""
    sentences: int = 0
    engines: dict[str, int] = field(default_factory=dict)
    flagged: int = 0
    removed: int = 0
    error: str = ""
    terms: dict[str, int] = field(default_factory=dict)  # glossary checks: status -> count
    untranslated: int = 0  # sentences kept in their source language (the title not counted)
    title_untranslated: bool = False

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
            "untranslated": self.untranslated,
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
    seconds: float = 0.0  # wall-clock time of the batch
    files: int = 0  # input files of the batch (an interrupted batch has results for fewer)
    interrupted: bool = False
    report_error: str = ""  # why the report could not be written (disk full, read-only, ...)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def partial(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "partial"]

    @property
    def sentences(self) -> int:
        return sum(r.sentences for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        head = report_head(self.results, self.engines, self.target, self.interrupted)
        return head | {"files": [r.to_dict() for r in self.results]}


def status_counts(results: Iterable[FileResult]) -> dict[Status, int]:
    """Results per status, in the order of :data:`STATUSES`, statuses seen only."""
    seen: dict[Status, int] = {}
    for r in results:
        seen[r.status] = seen.get(r.status, 0) + 1
    return {status: seen[status] for status in STATUSES if status in seen}


def report_head(
    results: Sequence[FileResult], engines: list[dict[str, Any]], target: str, interrupted: bool
) -> dict[str, Any]:
    """The report's fields before its list of files."""
    return {
        "xlate": __version__,
        "target": target,
        "engines": engines,
        "interrupted": interrupted,
        "summary": status_counts(results),
        "sentences": sum(r.sentences for r in results),
        "untranslated": sum(r.untranslated for r in results),
    }


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the report was rewritten (marked ``interrupted``) and
    ``batch`` holds what was done; a second run resumes where this one stopped."""

    def __init__(self, batch: BatchResult) -> None:
        super().__init__()
        self.batch = batch


# -- inputs -------------------------------------------------------------------------------------


def collect_inputs(paths: Sequence[str | Path]) -> Inputs:
    """Article files named directly, found in folders, or listed by bundle manifests.

    A file found in a folder that cannot be read as one (a pipe, a device, a symbolic link
    loop or one leading outside the folder), and a subfolder that cannot be listed, are kept
    with their problem: each fails with its message, and the rest go on.
    """
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
            files += _folder_files(path)
            roots.append(path.resolve())
        else:
            # No root: an output folder may be beside the file, or be its folder (outputs
            # never take an input's name). A later run reads this file, not its folder.
            files.append(InputFile(path))
    return Inputs(tuple(files), tuple(memories), tuple(roots))


def _folder_files(folder: Path) -> list[InputFile]:
    """The article files under ``folder`` (hidden ones left out), sorted, each checked."""
    found: list[InputFile] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename is not None:
            where = Path(os.fsdecode(exc.filename))
            found.append(InputFile(where, problem=f"cannot read the folder: {exc.strerror}"))

    # Links to folders are not followed (a link loop is listed as a file, and refused).
    for top, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            path = Path(top, name)
            if name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            try:
                check_regular(path, folder)
            except InputError as exc:
                found.append(InputFile(path, problem=exc.problem))
            else:
                found.append(InputFile(path))
    return sorted(found, key=lambda item: item.path)


def _bundle_files(bundle: Bundle) -> list[InputFile]:
    return [InputFile(entry.file, entry) for entry in bundle.entries]


def check_output_folder(out_dir: Path, inputs: Inputs) -> None:
    """Refuse an output folder that is an input folder (or bundle) or lies inside one: a later
    run on that folder would read the outputs as articles. A folder of input files given by
    name is fine: no output takes an input's name (:func:`_output_path`)."""
    out = Path(os.path.realpath(out_dir))  # never raises, even for a link loop
    for root in inputs.roots:
        if out == root or out.is_relative_to(root):
            raise InputError(
                out_dir,
                f"output folder is inside the input folder {shown_path(root)}; choose another "
                "--out (xlate never writes into its inputs)",
            )


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


# -- documents ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Segment:
    """One text to translate (a title or a sentence), its language, and what became of it."""

    text: str
    lang: str
    translation: Translation | None = None
    terms: list[TermCheck] = field(default_factory=list)
    note: str = ""  # why the text was left untranslated

    @property
    def untranslated(self) -> bool:
        """Whether the output is the source text, not a translation (no engine covered it,
        or the identity engine passed through text not in the target language)."""
        t = self.translation
        return t is not None and t.engine in (NO_ENGINE, "identity") and "untranslated" in t.flags


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
    """Fill every ``segment.translation``; the hints for what no engine could translate.

    A segment no engine covers keeps its source text under the engine ``none``, flagged
    ``untranslated``, with the reason in ``segment.note``: never passed off as a translation.
    An engine that fails (no model, a model that cannot load) leaves its segments to the next.
    """
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
            except EngineError as exc:
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
        for seg in remaining:
            seg.translation = Translation(
                seg.text, seg.text, lang, target, NO_ENGINE, 0.0, flags=("untranslated",)
            )
            seg.note = hints[(lang, target)]
        for seg in members:
            if seg.untranslated and not seg.note:  # the identity engine passed it through
                seg.note = f"passed through, not translated: the text is {lang}, not {target}"
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
        if t is None or t.engine in ("identity", NO_ENGINE):
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
    strict: bool = False  # fail an article with an untranslated sentence instead of writing it


def check_glossary(segments: Sequence[Segment], glossary: Glossary) -> None:
    """Check every translated sentence for the glossary concepts of its source.

    Pass-through text (already English) is the outlet's own wording and is not checked.
    """
    for segment in segments:
        t = segment.translation
        if (
            t is None
            or t.engine in ("identity", NO_ENGINE)
            or segment.lang not in ("ru", "ja", "en")
        ):
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


def write_guarded(path: Path, text: str) -> str:
    """Write a report with :func:`write_atomic`; what went wrong, or ``""``, never an
    exception: a full disk or a read-only folder must not hide the failed files' messages.
    The old report, if any, is left whole."""
    try:
        write_atomic(path, text)
    except (OSError, ValueError) as exc:  # ValueError: text no encoding can write
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return f"cannot write the report {shown_path(path)}: {reason}"
    return ""


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
    untranslated = sum(segment.untranslated for segment in doc.segments)
    tail = output.tail(doc.article.removed, untranslated)
    return output.head(doc) + output.body(doc) + "".join(tail)


class _Output:
    """One output file in three pieces: its head, its sentences (an article's, or part after
    part of a streamed article's), and its tail. Joined, they are the whole document."""

    def __init__(self, target: str, out_format: str) -> None:
        self.target = target
        self.format = out_format
        self.started = False  # whether a sentence (or paragraph) has been written

    def head(self, doc: Document) -> str:
        title = doc.segments[0] if doc.has_title else None
        if self.format == "json":
            return _json_head(_json_header(doc, self.target, title))
        heading = shown_text(title) if title else ""
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

    def tail(self, removed: Iterable[str], untranslated: int = 0) -> Iterator[str]:
        """The end of the document, in pieces: it lists every removed line of furniture and,
        for a partial article, says so with the count of untranslated segments (the title
        included)."""
        if self.format != "json":
            yield "\n"
            return
        fields: dict[str, Any] = {"boilerplate_removed": iter(removed)}
        if untranslated:
            fields = {"status": "partial", "untranslated": untranslated} | fields
        yield from _json_tail(fields)


def _paragraph_texts(doc: Document, body: Sequence[Segment]) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    last = None
    for sentence, segment in zip(doc.sentences, body, strict=True):
        assert segment.translation is not None
        if sentence.paragraph != last:
            paragraphs.append([])
            last = sentence.paragraph
        paragraphs[-1].append(shown_text(segment))
    return paragraphs


def shown_text(segment: Segment) -> str:
    """A segment's text in a txt or md output: an untranslated one marked as such."""
    assert segment.translation is not None
    if segment.untranslated:
        return f"[untranslated {segment.lang}] {segment.translation.text}"
    return segment.translation.text


# One encoder for every record: json.dumps(..., ensure_ascii=False) builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


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


def _json_header(doc: Document, target: str, title: Segment | None) -> dict[str, Any]:
    return {
        "xlate": __version__,
        "article": doc.article.metadata() | {"extra": doc.article.extra},
        "language": doc.language,
        "target": target,
        "title": None if title is None else _json_title(title),
    }


def _json_title(title: Segment) -> dict[str, Any]:
    t = title.translation
    assert t is not None
    row: dict[str, Any] = {"source": t.source, "translation": t.text, "engine": t.engine}
    if title.untranslated:
        row |= {"flags": list(t.flags), "note": title.note}
    return row


def _json_records(doc: Document, body: Sequence[Segment]) -> Iterator[dict[str, Any]]:
    for sentence, segment in zip(doc.sentences, body, strict=True):
        t = segment.translation
        assert t is not None
        record = {
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
        if segment.note:  # why it is untranslated (absent otherwise: outputs stay as they were)
            record["note"] = segment.note
        yield record


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
    strict: bool = False,
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
    """
    from xlate.engines.identity import IdentityEngine

    check_output_folder(out_dir, inputs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out_dir, f"cannot create the output folder: {exc.strerror}") from None
    started = time.monotonic()
    detector = detector or Detector()
    identity = IdentityEngine()
    notify = progress or (lambda kind, data: None)
    results: list[FileResult] = []
    used_names = OutputNames.after(out_dir / REPORT)
    used_names.inputs.update(os.path.realpath(item.path) for item in inputs.files)
    files = list(inputs.files)
    cleaned = remove_stale_temporaries(out_dir)
    notify("start", {"files": len(files)})
    engines = (chain, identity)
    checks = _Checks(detector, glossary, strict_glossary, strict)
    report = _ReportWriter(out_dir / REPORT, chain, options.target)

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
        )

    next_report = time.monotonic() + _REPORT_EVERY
    try:
        with _preparer(options, detector) as prepare:
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
                    # A failure here is tried again at the end, where it is reported.
                    report.write(results)
                    next_report = time.monotonic() + _REPORT_EVERY
    except KeyboardInterrupt:
        failure = report.write(results, interrupted=True)
        raise BatchInterrupted(batch(interrupted=True, report_error=failure)) from None
    failure = report.write(results)
    notify("done", {})
    return batch(report_error=failure)


class _ReportWriter:
    """``xlate-report.json``, rewritten during a batch: each result is encoded once, so a
    rewrite costs the new results and one file write, not the whole batch again."""

    def __init__(self, path: Path, chain: Sequence[Engine], target: str) -> None:
        self.path = path
        self.chain = chain
        self.target = target
        self.rows: list[str] = []

    def write(self, results: list[FileResult], *, interrupted: bool = False) -> str:
        """Write the report; what went wrong (see :func:`write_guarded`), or ``""``."""
        self.rows += [json_inert(f"    {_ENCODE(r.to_dict())}") for r in results[len(self.rows) :]]
        head = report_head(results, describe_engines(self.chain), self.target, interrupted)
        text = _json_head(head, "files") + ",\n".join(self.rows) + "".join(_json_tail({}))
        return write_guarded(self.path, text)


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
        if not item.problem and streams(item.path, options.stream_bytes):
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
    workers = worker_count(options.jobs)
    if workers <= 1:
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
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    try:

        def run(files: Sequence[InputFile]) -> Iterator[Prepared]:
            # A few groups per worker in flight, not the whole batch: when translation is
            # slower than preparation, prepared files wait in memory, and only these few.
            groups = _groups(files, _GROUP)
            window = deque(
                pool.submit(_prepare, group, options, detector.config)
                for group in islice(groups, _AHEAD * workers)
            )
            while window:
                outcomes = window.popleft().result()
                for group in islice(groups, 1):
                    window.append(pool.submit(_prepare, group, options, detector.config))
                yield from outcomes

        yield run
    except BaseException:  # Ctrl-C, or an error: the files not yet begun are not prepared
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def worker_count(jobs: int) -> int:
    """``jobs``, capped to the cores this process may use: more workers than cores only
    compete for them (and hold a detector's memory each)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(jobs, cores))


def _worker_start(parent: int) -> None:
    """Set up a worker process: it dies with its parent, and leaves Ctrl-C to it.

    Ctrl-C in a terminal interrupts the whole process group: the parent stops the batch, and
    the workers, which ignore it, finish their current files quietly (no tracebacks) and exit.
    On Linux the kernel sends a worker SIGTERM when its parent dies, however it dies
    (SIGKILL included), so no worker goes on with no one to take its results.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


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
            results.append(FileResult(shown_path(item.path), "failed", error=str(outcome)))
            notify("file", {"status": "failed", "file": shown_path(item.path)})
        else:
            articles, analyses = outcome
            loaded += [
                (shown_path(item.path), a, x) for a, x in zip(articles, analyses, strict=True)
            ]
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


def _plan_outputs(
    loaded: Sequence[tuple[str, Article, Analysis]],
    out_dir: Path,
    options: TranslateOptions,
    used_names: OutputNames,
    results: list[FileResult],
    notify: Progress,
) -> list[tuple[str, Article, Path, Analysis]]:
    pending = []
    for source, article, analysis in loaded:
        path = _output_path(article, source, out_dir, options, used_names)
        if _finished(path, options, source, article, used_names):
            results.append(_skipped(source, article, path))
            notify("file", {"status": "skipped", "file": source})
            continue
        pending.append((source, article, path, analysis))
    return pending


@dataclass(slots=True)
class OutputNames:
    """The output names taken in a batch, and whose article each output held in the last run
    (from its report), so that a name given to another article this time is not skipped."""

    taken: set[str] = field(default_factory=set)
    earlier: dict[str, tuple[str, str]] = field(default_factory=dict)  # name: (file, article)
    inputs: set[str] = field(default_factory=set)  # real paths of the input files: never written

    @classmethod
    def after(cls, report: Path) -> OutputNames:
        """The names of the run whose report is ``report`` (none if it is missing or bad)."""
        names = cls()
        try:
            if report.stat().st_size > _REPORT_READ_LIMIT:
                return names
            files = json.loads(report.read_text(encoding="utf-8")).get("files", [])
            for row in files:
                if row.get("output"):
                    names.earlier[Path(row["output"]).name] = (row["file"], row["article"])
        except (OSError, ValueError, RecursionError, AttributeError, KeyError, TypeError):
            pass  # no usable report: outputs are checked by their own header (JSON)
        return names


_REPORT_READ_LIMIT = 256 * 1024 * 1024


def _output_path(
    article: Article,
    source: str,
    out_dir: Path,
    options: TranslateOptions,
    used_names: OutputNames,
) -> Path:
    """Where ``article``'s output goes: its name or, if another article of this batch took
    it or held it in the last run, its name with a hash of its file and id. Names are thus
    the same in every run, whatever files are added and in whatever order they come."""
    name = output_name(article, options.target, options.out_format)
    stem, rest = name.split(".", 1)
    if name in used_names.taken or not _holds(out_dir / name, source, article, used_names):
        digest = hashlib.sha256(f"{source}\0{article.id}".encode()).hexdigest()[:8]
        name = f"{stem}-{digest}.{rest}"
        n = 2
        while name in used_names.taken or _is_input(out_dir / name, used_names):
            name = f"{stem}-{digest}-{n}.{rest}"
            n += 1
    used_names.taken.add(name)
    return out_dir / name


def _is_input(path: Path, used_names: OutputNames) -> bool:
    return bool(used_names.inputs) and os.path.realpath(path) in used_names.inputs


def _holds(path: Path, source: str, article: Article, used_names: OutputNames) -> bool:
    """Whether the output at ``path`` is ``article``'s, or nobody's: never an input file;
    the last run's report says whose it was; without one, a JSON output says so itself."""
    if _is_input(path, used_names):
        return False
    earlier = used_names.earlier.get(path.name)
    if earlier is not None:
        return _same_file(earlier[0], source) and earlier[1] == article.id
    if path.suffix == ".json" and path.exists():
        held = _held_article(path)
        if held is not None:
            return (
                _same_file(str(held.get("path", "")), article.path) and held.get("id") == article.id
            )
    return True


def _finished(
    path: Path,
    options: TranslateOptions,
    source: str = "",
    article: Article | None = None,
    used_names: OutputNames | None = None,
) -> bool:
    """Whether a complete output from an earlier run is there to keep (without ``force``):
    it must hold this article, not another that had its name in that run."""
    if options.force or not path.exists() or not is_complete(path, options.out_format):
        return False
    return article is None or _holds(path, source, article, used_names or OutputNames())


def _same_file(earlier: str, now: str) -> bool:
    """Whether two names of an input are one file (spelt alike, or leading to one file)."""
    return earlier == now or os.path.realpath(earlier) == os.path.realpath(now)


def _held_article(path: Path) -> dict[str, Any] | None:
    """The ``article`` field of a JSON output, read from its second line (as xlate writes
    it); ``None`` if it is not there."""
    try:
        with path.open(encoding="utf-8") as handle:
            handle.readline()
            line = handle.readline(1024 * 1024).strip().removesuffix(",")
        key, value = line.split(": ", 1)
        held = json.loads(value) if key == '"article"' else None
    except (OSError, ValueError, RecursionError):
        return None
    return held if isinstance(held, dict) else None


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


# -- large plain-text articles, part by part ----------------------------------------------------


class _Abandoned(Exception):
    """A streamed article failed after its output was begun: the partial output is dropped."""


def _translate_stream(
    item: InputFile,
    out_dir: Path,
    options: TranslateOptions,
    engines: tuple[Sequence[Engine], Engine],
    checks: _Checks,
    used_names: OutputNames,
    notify: Progress,
) -> FileResult:
    """Translate one large plain-text article part by part, writing its output as it goes.

    Memory holds one part (its sentences, detections and translations) at a time, whatever the
    size of the file; the output is the one the whole article would give. The article's
    language, unless declared, is detected from its first part.
    """
    source = shown_path(item.path)
    encoding = (item.entry.encoding if item.entry else None) or options.encoding
    try:
        with open_text_stream(
            item.path, encoding=encoding, max_bytes=options.max_bytes, part_chars=options.part_chars
        ) as stream:
            header = apply_entry(item.entry, [stream.article])[0] if item.entry else stream.article
            path = _output_path(header, source, out_dir, options, used_names)
            if _finished(path, options, source, header, used_names):
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
    notes: set[str] = set()
    language = header.language
    offset = paragraph = index = 0
    for number, part in enumerate(stream.parts):
        article = replace(header, text=part, title=header.title if number == 0 else "")
        article = replace(article, language=language)
        analysis = _shifted(analyse([article], checks.detector)[0], offset, paragraph, index)
        language = analysis.language
        doc = make_document(result.source, article, path, analysis)
        notify("sentences", {"total": len(doc.segments)})
        _translate_and_check(doc.segments, options, engines, checks)
        error = _tally(result, doc, violations, notes, checks.strict)
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
    untranslated = result.untranslated + result.title_untranslated
    handle.writelines(output.tail(stream.furniture.lines(), untranslated))
    result.language = language
    result.removed = stream.furniture.count
    _mark_partial(result, notes)


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
        from xlate.engines.enforce import GlossaryEngine

        argos = GlossaryEngine(argos, glossary, glossary_mode)
    if not use_cache:
        return cast(Engine, argos)
    from xlate.engines.cache import CachedEngine, TranslationCache, default_cache_path

    return CachedEngine(argos, TranslationCache(cache_path or default_cache_path()), context)
