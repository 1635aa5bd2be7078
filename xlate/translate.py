"""Batch translation of saved articles: files in, one translation per article out.

    inputs ─▶ ingest ─▶ segment ─▶ detect (per sentence, article as prior) ─▶ group by pair
           ─▶ engine chain (memory exact → [memory fuzzy] → cached Argos) ─▶ check ─▶ write

Articles are processed in chunks; within a chunk, sentences of every article that share a
language pair go to the engines together (one CTranslate2 batch). Each output is written to a
temporary file and renamed into place, so an interrupted run leaves only complete outputs, and
running it again skips them (``force`` redoes them). A file that fails is reported and the
batch goes on.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice, repeat
from pathlib import Path
from typing import Any, cast

from xlate import __version__
from xlate.bundle import Bundle, ManifestEntry, apply_entry, is_bundle, load_manifest
from xlate.detect import UNDETERMINED, Detector, DetectorConfig
from xlate.enforce import TermCheck, check_terms
from xlate.engines import ENGINE_NAMES, Engine
from xlate.errors import EngineError, InputError, NoModelError, XlateError
from xlate.glossary import Glossary
from xlate.ingest import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, read_articles, strip_repeated_lines
from xlate.model import Article, Detection, Sentence, Translation
from xlate.segment import split_sentences
from xlate.textsafe import inert, json_inert, md

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


def _read(item: InputFile, options: TranslateOptions) -> list[Article]:
    entry = item.entry
    encoding = (entry.encoding if entry else None) or options.encoding
    articles = read_articles(item.path, encoding=encoding, max_bytes=options.max_bytes)
    return apply_entry(entry, articles) if entry else articles


# -- documents ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    text: str
    lang: str
    translation: Translation | None = None
    terms: list[TermCheck] = field(default_factory=list)


@dataclass(slots=True)
class _Document:
    source: str
    article: Article
    output: Path
    language: str
    sentences: list[Sentence]
    segments: list[_Segment]  # the title (if any) first, then one per sentence
    has_title: bool


@dataclass(frozen=True, slots=True)
class _Analysis:
    """An article segmented and its sentences (title first) routed to languages."""

    language: str
    sentences: list[Sentence]
    texts: list[str]
    langs: list[str]


def _analyse(articles: Sequence[Article], detector: Detector) -> list[_Analysis]:
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
        analyses.append(_Analysis(language, split[i], texts[i], langs))
    return analyses


def _document(source: str, article: Article, output: Path, analysis: _Analysis) -> _Document:
    segments = [_Segment(t, lang) for t, lang in zip(analysis.texts, analysis.langs, strict=True)]
    return _Document(
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
    segments: Sequence[_Segment], target: str, chain: Sequence[Engine], identity: Engine
) -> dict[tuple[str, str], str]:
    """Fill ``segment.translation`` where an engine can; the hints for what none could."""
    groups: dict[str, list[_Segment]] = {}
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


def check_translations(segments: Sequence[_Segment], target: str, detector: Detector) -> None:
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


def check_glossary(segments: Sequence[_Segment], glossary: Glossary) -> None:
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


def output_name(article: Article, target: str, out_format: str) -> str:
    safe = (
        "".join(c if c.isalnum() or c in "-_." else "_" for c in article.id).strip(".") or "article"
    )
    return f"{safe}.{target}.{out_format}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (in an existing folder) through a temporary file and a rename.

    Readers (and a killed run) see the old file or the whole new one, never a part. There is no
    fsync per file: after a power failure a resumed run re-checks outputs (:func:`is_complete`)
    and redoes any that did not reach the disk whole.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_complete(path: Path, out_format: str) -> bool:
    """Whether an existing output is whole: valid JSON with its sentences, or a full text file."""
    try:
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


def render_document(doc: _Document, target: str, out_format: str) -> str:
    title = doc.segments[0].translation if doc.has_title else None
    body = doc.segments[1:] if doc.has_title else doc.segments
    if out_format == "json":
        return _dump_json(_json_document(doc, target, title, body))
    paragraphs: list[list[str]] = []
    last = None
    for sentence, segment in zip(doc.sentences, body, strict=True):
        assert segment.translation is not None
        if sentence.paragraph != last:
            paragraphs.append([])
            last = sentence.paragraph
        paragraphs[-1].append(segment.translation.text)
    heading = title.text if title else ""
    if out_format == "md":
        a = doc.article
        meta = " · ".join(md(x) for x in (a.outlet, a.date, a.url) if x)
        markdown = "\n\n".join(" ".join(md(t) for t in p) for p in paragraphs)
        head = (f"# {md(heading)}\n\n" if heading else "") + (f"*{meta}*\n\n" if meta else "")
        return head + markdown + "\n"
    text = "\n\n".join(" ".join(inert(t) for t in p) for p in paragraphs)
    return (f"{inert(heading)}\n\n" if heading else "") + text + "\n"


# One encoder for every record: json.dumps(..., ensure_ascii=False) builds a new one per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _dump_json(document: dict[str, Any], records: str = "sentences") -> str:
    """JSON with one top-level field, and one record of the ``records`` list, per line.

    Readable and diffable like indented JSON, but written by the C encoder (``indent=`` makes
    the json module fall back to its pure-Python encoder, several times slower).
    """

    dump = _ENCODE
    fields = [f"  {dump(k)}: {dump(v)}" for k, v in document.items() if k != records]
    rows = ",\n".join(f"    {dump(r)}" for r in document[records])
    text = "{\n" + ",\n".join(fields) + f",\n  {dump(records)}: [\n" + rows + "\n  ]\n}\n"
    return json_inert(text)


def _json_document(
    doc: _Document, target: str, title: Translation | None, body: Sequence[_Segment]
) -> dict[str, Any]:
    records = []
    for sentence, segment in zip(doc.sentences, body, strict=True):
        t = segment.translation
        assert t is not None
        records.append(
            {
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
        )
    return {
        "xlate": __version__,
        "article": doc.article.metadata() | {"extra": doc.article.extra},
        "language": doc.language,
        "target": target,
        "title": None
        if title is None
        else {"source": title.source, "translation": title.text, "engine": title.engine},
        "sentences": records,
        "boilerplate_removed": list(doc.article.removed),
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
) -> BatchResult:
    """Translate every article of ``inputs`` into ``out_dir``; never raises for one bad file.

    With a ``glossary``, every translated sentence is checked for the source's concepts
    (kept, missing, forbidden); ``strict_glossary`` fails a file with a missing or forbidden
    term.

    With ``options.jobs`` > 1, worker processes prepare files (read, extract, segment, detect)
    ahead of the main process, which translates, checks and writes them in input order.
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
    notify("start", {"files": len(files)})
    with _preparer(options, detector) as prepare:
        prepared = zip(files, prepare(files), strict=True)
        while chunk := list(islice(prepared, options.chunk)):
            loaded = _collect(chunk, detector, results, notify)
            pending = _plan_outputs(loaded, out_dir, options, used_names, results, notify)
            if pending:
                docs = [_document(*item) for item in pending]
                checks = _Checks(detector, glossary, strict_glossary)
                _translate_docs(docs, options, chain, identity, checks, results, notify)
            write_atomic(out_dir / REPORT, _report_json(results, chain, options))
    notify("done", {})
    return BatchResult(results, describe_engines(chain), options.target)


Prepared = tuple[list[Article], list[_Analysis]] | XlateError


def _prepare(item: InputFile, options: TranslateOptions, config: DetectorConfig) -> Prepared:
    """Read, segment and detect one file; runs in a worker process when ``jobs`` > 1."""
    try:
        articles = _read(item, options)
        return articles, _analyse(articles, _detector(config))
    except XlateError as exc:
        return exc
    except (RecursionError, MemoryError, ValueError, LookupError, OSError) as exc:
        # A library choking on hostile input fails this file, not the batch.
        return InputError(item.path, f"cannot read ({type(exc).__name__}: {exc})")


@cache
def _detector(config: DetectorConfig) -> Detector:
    return Detector(config)


@contextmanager
def _preparer(
    options: TranslateOptions, detector: Detector
) -> Iterator[Callable[[Sequence[InputFile]], Iterator[Prepared]]]:
    """A function mapping files to prepared results, in order, in processes when asked."""
    if options.jobs <= 1:
        yield lambda files: (_prepare(f, options, detector.config) for f in files)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(options.jobs, mp_context=context) as pool:
        yield lambda files: pool.map(
            _prepare, files, repeat(options), repeat(detector.config), chunksize=4
        )


def _collect(
    chunk: Sequence[tuple[InputFile, Prepared]],
    detector: Detector,
    results: list[FileResult],
    notify: Progress,
) -> list[tuple[str, Article, _Analysis]]:
    """Record the files that failed; strip outlet furniture across the rest of the chunk."""
    loaded: list[tuple[str, Article, _Analysis]] = []
    for item, outcome in chunk:
        if isinstance(outcome, XlateError):
            results.append(FileResult(str(item.path), "failed", error=str(outcome)))
            notify("file", {"status": "failed", "file": str(item.path)})
        else:
            articles, analyses = outcome
            loaded += [(str(item.path), a, x) for a, x in zip(articles, analyses, strict=True)]
    cleaned = strip_repeated_lines([article for _, article, _ in loaded])
    for i, ((source, article, _), new) in enumerate(zip(loaded, cleaned, strict=True)):
        if new is not article:  # furniture removed: segment and detect the new text
            loaded[i] = (source, new, _analyse([new], detector)[0])
    return loaded


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
    loaded: Sequence[tuple[str, Article, _Analysis]],
    out_dir: Path,
    options: TranslateOptions,
    used_names: set[str],
    results: list[FileResult],
    notify: Progress,
) -> list[tuple[str, Article, Path, _Analysis]]:
    pending = []
    for source, article, analysis in loaded:
        name = output_name(article, options.target, options.out_format)
        stem, rest = name.split(".", 1)
        n = 2
        while name in used_names:
            name = f"{stem}-{n}.{rest}"
            n += 1
        used_names.add(name)
        path = out_dir / name
        if not options.force and path.exists() and is_complete(path, options.out_format):
            results.append(
                FileResult(source, "skipped", article.id, str(path), error="already translated")
            )
            notify("file", {"status": "skipped", "file": source})
            continue
        pending.append((source, article, path, analysis))
    return pending


def _translate_docs(
    docs: list[_Document],
    options: TranslateOptions,
    chain: Sequence[Engine],
    identity: Engine,
    checks: _Checks,
    results: list[FileResult],
    notify: Progress,
) -> None:
    segments = [segment for doc in docs for segment in doc.segments]
    notify("sentences", {"total": len(segments)})
    try:
        hints = translate_segments(segments, options.target, chain, identity)
    except EngineError as exc:
        for doc in docs:
            results.append(FileResult(doc.source, "failed", doc.article.id, error=str(exc)))
        return
    check_translations(segments, options.target, checks.detector)
    if checks.glossary is not None and options.target == "en":
        check_glossary(segments, checks.glossary)
    for doc in docs:
        results.append(_finish(doc, options, hints, checks.strict_glossary))
        notify(
            "file",
            {"status": results[-1].status, "file": doc.source, "sentences": len(doc.segments)},
        )


def _finish(
    doc: _Document,
    options: TranslateOptions,
    hints: dict[tuple[str, str], str],
    strict_glossary: bool = False,
) -> FileResult:
    result = FileResult(
        doc.source,
        "ok",
        doc.article.id,
        language=doc.language,
        sentences=len(doc.sentences),
        removed=len(doc.article.removed),
    )
    if not doc.sentences:
        result.status = "failed"
        result.error = "no sentences to translate (no text left after removing page furniture)"
        return result
    missing = [s for s in doc.segments if s.translation is None]
    if missing:
        pairs = sorted({(s.lang, options.target) for s in missing})
        hint = "; ".join(hints.get(pair, "") for pair in pairs)
        shown = "; ".join(repr(s.text[:50]) for s in missing[:2])
        result.status = "failed"
        result.error = f"{len(missing)} sentence(s) not translated ({shown}); {hint}"
        return result
    for segment in doc.segments[1:] if doc.has_title else doc.segments:
        assert segment.translation is not None
        engine = segment.translation.engine
        result.engines[engine] = result.engines.get(engine, 0) + 1
        if segment.translation.flags and set(segment.translation.flags) - {"pivot-en"}:
            result.flagged += 1
    for segment in doc.segments:
        for check in segment.terms:
            result.terms[check.status] = result.terms.get(check.status, 0) + 1
    violations = [c for s in doc.segments for c in s.terms if c.status != "kept"]
    if strict_glossary and violations:
        shown = ", ".join(f"{c.concept} {c.status}" for c in violations[:4])
        more = f" and {len(violations) - 4} more" if len(violations) > 4 else ""
        result.status = "failed"
        result.error = f"glossary: {len(violations)} term(s) not kept ({shown}{more})"
        return result
    write_atomic(doc.output, render_document(doc, options.target, options.out_format))
    result.output = str(doc.output)
    return result


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
