"""The output formats of a translated article (JSON, text, Markdown), written head, body
and tail so that a streamed article is written as it goes; and whether an output on
disk is complete.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from xlate import __version__
from xlate.errors import InputError
from xlate.ingest.pile import REPORT as REPORT  # the name the pile reader knows outputs by
from xlate.ingest.pile import InputFile, PassedOver, Pile
from xlate.limits import DEFAULT_MAX_BYTES
from xlate.textsafe import inert, json_inert, md, shown_path
from xlate.translate.core import Document, Segment

PARSE_LIMIT = 8 * 1024 * 1024  # larger outputs are checked by their last bytes


def output_state(path: Path, out_format: str) -> Literal["incomplete", "partial", "complete"]:
    """An existing output read once: ``incomplete`` (cut short, damaged, missing: not valid
    JSON with its sentences, or a text file without its last line), ``partial`` (whole, and
    its JSON says its article is partial: ``"status": "partial"``; a text output marks each
    untranslated sentence instead, and is never called so) or ``complete``.

    Outputs too large to parse cheaply (of a streamed article) are checked by their ending,
    which xlate writes last, and scanned for their status."""
    try:
        if path.stat().st_size > PARSE_LIMIT:  # a streamed article's: its ending, then a scan
            with path.open("rb") as handle:
                first = handle.read(1)
                handle.seek(-3, os.SEEK_END)
                last = handle.read()
            if out_format != "json":
                return "complete" if last[-1:] == b"\n" else "incomplete"
            if not (first == b"{" and last == b"\n}\n"):
                return "incomplete"
            return "partial" if is_partial(path, out_format) else "complete"
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "incomplete"
    if out_format != "json":
        return "complete" if text.endswith("\n") and text.strip() else "incomplete"
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return "incomplete"
    if not (isinstance(data, dict) and isinstance(data.get("sentences"), list)):
        return "incomplete"
    return "partial" if data.get("status") == "partial" else "complete"


_PARTIAL = b'\n  "status": "partial"'  # a top-level key: every sentence is one line of its own


def is_partial(path: Path, out_format: str) -> bool:
    """Whether an existing JSON output says its article is partial (``"status": "partial"``,
    which xlate writes at the top level only), read a piece at a time; False for text
    outputs, which mark each untranslated sentence instead."""
    if out_format != "json":
        return False
    piece, carry = 1024 * 1024, b""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(piece):
                if _PARTIAL in carry + chunk:
                    return True
                carry = chunk[-len(_PARTIAL) :]
    except OSError:
        return False
    return False


_OUTPUT_HEAD = re.compile(rb'^\{\s*"xlate"\s*:')


def outputs_passed_over(pile: Pile) -> Pile:
    """``pile`` with the outputs and reports of ``xlate translate`` it holds passed over, each
    said with the reason, for the commands that read articles to translate or detect them
    (a folder that holds an earlier run's outputs: each failed as "the 'article' field is an
    object, not text"). compare and events read outputs instead of translating again."""
    kept: list[InputFile] = []
    passed: list[PassedOver] = []
    for item in pile.files:
        found: dict[str, Any] | Literal["report", "output"] | None = None
        if item.entry is None and not item.problem:
            try:
                found = read_output(item.path)
            except InputError:  # ours but partial, untranslated or edited; or too large
                found = "output" if _opens_as_output(item.path) else None
        if found is None:
            kept.append(item)
            continue
        reason = (
            "translate's report"
            if found == "report"
            else "translated by xlate, read by compare and events"
        )
        passed.append(PassedOver(shown_path(item.path), reason))
    if not passed:
        return pile
    return replace(pile, files=tuple(kept), passed_over=(*pile.passed_over, *passed))


def sources_passed_over(pile: Pile) -> Pile:
    """``pile`` with each article file whose ``xlate translate`` output it also holds passed
    over, said with the reason: the output stands in for it, translated already (a trial's
    folder of articles beside their outputs was compared as twice the outlets, each article
    "repeating" itself nearly verbatim)."""
    translated: set[str] = set()
    for item in pile.files:
        if item.entry is not None or item.problem:
            continue
        try:
            data = read_output(item.path)  # None for an article: not .json, or not ours
        except InputError:
            continue
        named = data["article"].get("path") if isinstance(data, dict) else None
        if isinstance(named, str) and named and "\0" not in named:
            translated.add(os.path.realpath(named))
    sources = [f for f in pile.files if f.entry is None and os.path.realpath(f.path) in translated]
    if not sources:
        return pile
    passed = [PassedOver(shown_path(f.path), "its xlate output is read instead") for f in sources]
    dropped = {id(f) for f in sources}
    kept = tuple(f for f in pile.files if id(f) not in dropped)
    return replace(pile, files=kept, passed_over=(*pile.passed_over, *passed))


def _opens_as_output(path: Path) -> bool:
    """Whether the file opens as xlate writes its outputs (``{"xlate": ...``; a BOM, which an
    editor may add, is not content)."""
    try:
        with path.open("rb") as handle:
            return _OUTPUT_HEAD.match(handle.read(64).removeprefix(codecs.BOM_UTF8)) is not None
    except OSError:
        return False


def read_output(path: Path) -> dict[str, Any] | Literal["report"] | None:
    """An ``xlate translate`` output into English read back (its content), ``"report"`` for a
    batch's report, ``None`` for any other file (an article, for the caller to read).

    A ``.json`` file is taken for one of ours by its name (``*.en.json``, the report), also
    when a tool has rewritten it, or by its content (an object that opens with ``"xlate"``,
    as xlate writes it), whatever its name. One over the article size limit is refused.
    """
    name = path.name.lower()
    if not name.endswith(".json"):
        return None
    from xlate.ingest.formats import loads_json

    try:
        if not (name.endswith(".en.json") or name == REPORT or _opens_as_output(path)):
            return None
        if path.stat().st_size > DEFAULT_MAX_BYTES:
            raise InputError(path, f"over {DEFAULT_MAX_BYTES:,} bytes; not read")
        # Lone surrogates become U+FFFD, NaN, Infinity and 1e999 stay text, as in articles.
        data = loads_json(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON, too
        return None  # deep: not ours after all (the article reader says what is wrong)
    if not isinstance(data, dict) or "xlate" not in data:
        return None
    if "files" in data and "summary" in data:
        return "report"
    if data.get("target") == "en" and isinstance(data.get("sentences"), list):
        return _checked(path, data)
    return None


def _checked(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` when every field its readers use has its type, and a sentence is translated;
    an InputError naming the field otherwise (a hand-edited output, or one of a run without
    a model)."""
    from xlate.translate.core import untranslated_record

    def wrong(why: str) -> InputError:
        return InputError(path, f"not a complete xlate translation ({why})")

    meta, title = data.get("article"), data.get("title")
    if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
        raise wrong("'article' is not an object with an 'id'")
    if not isinstance(data.get("language"), str):
        raise wrong("'language' is not text")
    if title is not None and not (
        isinstance(title, dict) and all(isinstance(title.get(k, ""), str) for k in _TEXTS)
    ):
        raise wrong("'title' is not an object of texts")
    rows = data["sentences"]
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise wrong(f"sentence {n} is not an object")
        for key in _NUMBERS:  # bool is an int to Python, and 1e999 was kept as text
            if key in row and type(row[key]) is not int:
                raise wrong(f"sentence {n}: {key!r} is not a whole number: {row[key]!r}")
        for key in _TEXTS:
            if not isinstance(row.get(key), str):
                raise wrong(f"sentence {n}: {key!r} is not text")
    if rows and all(map(untranslated_record, rows)) and (not title or "flags" in title):
        notes = sorted({str(row.get("note")) for row in rows if row.get("note")})
        raise InputError(path, "; ".join(["no sentence translated", *notes]))
    return data


_NUMBERS = ("index", "paragraph", "start", "end")
_TEXTS = ("source", "translation")


def original_of(data: dict[str, Any]) -> Path | None:
    """The article file an output was translated from (``article.path``), when it is still
    there and still holds the sentences the output says it does.

    An output is a file anyone can edit: its ``path`` is trusted only when the file it names
    reads, through the article reader and its limits, as an article holding every source
    sentence at its offsets (so a path forged to a private key names nothing to copy).
    """
    from xlate.errors import XlateError
    from xlate.ingest.formats import read_articles

    named = data["article"].get("path")
    if not isinstance(named, str) or not named or "\0" in named:
        return None
    try:
        texts = [article.text for article in read_articles(Path(named))]
    except (XlateError, OSError, ValueError):
        return None
    rows = data["sentences"]
    for text in texts:  # the segmenter joins a sentence's lines: compare words
        if all(_words(text[row.get("start", 0) : row.get("end", 0)]) == _words(row["source"])
               for row in rows):  # fmt: skip
            return Path(named)
    return None


def _words(text: str) -> list[str]:
    return text.split()


def render_document(
    doc: Document, target: str, out_format: str, settings: Mapping[str, Any] | None = None
) -> str:
    output = Output(target, out_format, settings)
    untranslated = sum(segment.untranslated for segment in doc.segments)
    tail = output.tail(doc.article.removed, untranslated)
    return output.head(doc) + output.body(doc) + "".join(tail)


class Output:
    """One output file in three pieces: its head, its sentences (an article's, or part after
    part of a streamed article's), and its tail. Joined, they are the whole document."""

    def __init__(
        self, target: str, out_format: str, settings: Mapping[str, Any] | None = None
    ) -> None:
        self.target = target
        self.format = out_format
        self.settings = settings
        self.started = False  # whether a sentence (or paragraph) has been written

    def head(self, doc: Document) -> str:
        title = doc.segments[0] if doc.has_title else None
        if self.format == "json":
            return json_head(_json_header(doc, self.target, title, self.settings))
        heading = shown_text(title) if title else ""
        if self.format == "md":
            a = doc.article
            meta = " · ".join(md(x) for x in (a.outlet, a.date, a.url) if x)
            return (f"# {md(heading)}\n\n" if heading else "") + (f"*{meta}*\n\n" if meta else "")
        return f"{inert(heading)}\n\n" if heading else ""

    def body(self, doc: Document) -> str:
        body = doc.segments[1:] if doc.has_title else doc.segments
        if self.format == "json":
            rows = ",\n".join(f"    {JSON_ENCODE(r)}" for r in _json_records(doc, body))
            separator = ",\n"
        else:
            if self.format == "md":
                paragraphs = _md_paragraphs(doc, body)
            else:
                paragraphs = [" ".join(inert(t) for t in p) for p in _paragraph_texts(doc, body)]
            rows = "\n\n".join(paragraphs)
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
        yield from json_tail(fields)


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


def _md_paragraphs(doc: Document, body: Sequence[Segment]) -> list[str]:
    """The Markdown paragraphs of ``body``: a low-confidence machine translation carries a
    footnote mark, its note (the model's mean log-probability, the source) right after the
    paragraph."""
    from xlate.model import LOW_CONFIDENCE

    paragraphs: list[list[str]] = []
    notes: list[list[str]] = []
    last = None
    for sentence, segment in zip(doc.sentences, body, strict=True):
        if sentence.paragraph != last:
            paragraphs.append([])
            notes.append([])
            last = sentence.paragraph
        text = md(shown_text(segment))
        t = segment.translation
        if t is not None and t.confidence is not None and LOW_CONFIDENCE in t.flags:
            mark = f"[^s{sentence.index}]"
            text += mark
            notes[-1].append(
                f"{mark}: low-confidence machine translation (mean log-probability "
                f"{t.confidence:.2f}, below the model's threshold); the source: "
                f"{md(sentence.text)}"
            )
        paragraphs[-1].append(text)
    out = []
    for sentences, said in zip(paragraphs, notes, strict=True):
        out.append(" ".join(sentences))
        out += ["\n".join(said)] if said else []
    return out


def shown_text(segment: Segment) -> str:
    """A segment's text in a txt or md output: an untranslated one marked as such."""
    assert segment.translation is not None
    if segment.untranslated:
        return f"[untranslated {segment.lang}] {segment.translation.text}"
    return segment.translation.text


# One encoder for every record: json.dumps(..., ensure_ascii=False) builds a new one per call.
JSON_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def json_head(fields: dict[str, Any], records: str = "sentences") -> str:
    lines = "".join(f"  {JSON_ENCODE(k)}: {JSON_ENCODE(v)},\n" for k, v in fields.items())
    return json_inert("{\n" + lines + f"  {JSON_ENCODE(records)}: [\n")


def json_tail(fields: dict[str, Any]) -> Iterator[str]:
    """The end of a document after its records: ``fields`` one a line, then the closing brace.

    A field whose value is an iterator is written item by item as a JSON list, in the layout
    the encoder gives a list (a streamed article's removed lines need not fit in memory).
    """
    yield "\n  ]"
    for key, value in fields.items():
        if not isinstance(value, Iterator):
            yield json_inert(f",\n  {JSON_ENCODE(key)}: {JSON_ENCODE(value)}")
            continue
        yield f",\n  {JSON_ENCODE(key)}: ["
        for n, item in enumerate(value):
            yield json_inert(f", {JSON_ENCODE(item)}" if n else JSON_ENCODE(item))
        yield "]"
    yield "\n}\n"


def _json_header(
    doc: Document, target: str, title: Segment | None, settings: Mapping[str, Any] | None
) -> dict[str, Any]:
    saved = file_saved(doc.article.path)
    return {
        "xlate": __version__,
        "article": doc.article.metadata()
        | ({"file_saved": saved} if saved else {})
        | {"extra": doc.article.extra},
        **({"settings": dict(settings)} if settings is not None else {}),
        "language": doc.language,
        "target": target,
        "title": None if title is None else _json_title(title),
    }


def file_saved(path: str) -> str:
    """When the input file at ``path`` was last saved (UTC, ISO 8601), "" if unknown: what a
    comparison of the outputs dates an article by when it gives no time of its own (the
    output's own time is when it was translated)."""
    from datetime import UTC, datetime

    try:
        stamp = os.stat(path).st_mtime
    except (OSError, ValueError):
        return ""
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")


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
        if t.confidence is not None:  # machine translation only (absent otherwise)
            record["confidence"] = round(t.confidence, 4)
        if segment.note:  # why it is untranslated (absent otherwise: outputs stay as they were)
            record["note"] = segment.note
        yield record
