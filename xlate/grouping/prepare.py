"""Articles in, documents out: read, detect and translate as ``xlate translate`` does, or
reuse its JSON outputs; each article becomes a :class:`~xlate.grouping.model.Document`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlate.errors import InputError, XlateError
from xlate.grouping.model import Document
from xlate.ingest.pile import Pile, read_pile
from xlate.limits import LANGUAGES
from xlate.numbers import numbers

if TYPE_CHECKING:
    from xlate.detect.rules import Detector
    from xlate.engines import Engine
    from xlate.glossary.match import Glossary
    from xlate.translate.core import Document as TranslatingDocument


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# A capitalised word not at the start of a sentence: a name, in English and in MT output.
def prepare(
    paths: Pile | Sequence[str | Path],
    chain: Sequence[Engine],
    glossary: Glossary | None = None,
    *,
    detector: Detector | None = None,
) -> tuple[list[Document], list[XlateError]]:
    """The articles of ``paths`` (a pile, or the paths to read as one) read, detected,
    segmented and translated to English exactly as ``xlate translate`` does, and tagged with
    glossary concepts on the source side."""
    from xlate.detect.rules import Detector
    from xlate.translate.english import gather, none_translated, to_english

    detector = detector or Detector()
    pile = paths if isinstance(paths, Pile) else read_pile(paths)
    found = gather(
        pile,
        lambda path, data: _complete(path, data, glossary),
        lambda doc, id_: replace(doc, id=id_),
        detector,
    )
    docs, hints = to_english(found.documents, chain, detector, check=False)
    errors = list(found.errors)
    prepared = list(found.reused)
    for doc, count in zip(docs, found.counts, strict=True):
        made = _document(doc, count, glossary)
        if made is None:
            own = {hints.get((s.lang, "en"), "") for s in doc.segments}  # its languages only
            hint = "; ".join(sorted(own - {""}))
            errors.append(none_translated(doc, count, hint))
        else:
            prepared.append(made)
    return prepared, errors


def translated(path: Path, glossary: Glossary | None) -> list[Document] | None:
    """The article of an ``xlate translate`` JSON output to English, as a document (its
    translations reused, nothing translated again); ``[]`` for the batch's own
    ``xlate-report.json``; None when ``path`` is not such an output."""
    from xlate.translate.outputs import read_output

    data = read_output(path)
    if data is None:
        return None
    if data == "report":
        return []
    return [_complete(path, data, glossary)]


def _complete(path: Path, data: dict[str, Any], glossary: Glossary | None) -> Document:
    """The document of a translate output, or an InputError saying what it lacks."""
    try:
        return _from_output(path, data, glossary)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        why = (
            f"field {exc} missing"
            if isinstance(exc, KeyError)
            else f"a field of the wrong type: {exc}"
        )
        raise InputError(path, f"not a complete xlate translation ({why})") from None


def _from_output(path: Path, data: dict[str, Any], glossary: Glossary | None) -> Document:
    from xlate.translate.core import untranslated_record
    from xlate.translate.outputs import original_of

    meta = data["article"]
    title = data.get("title") or {}
    rows = list(data["sentences"])
    segments = [(title.get("source", ""), data["language"])] if title else []
    segments += [(r["source"], r.get("lang", data["language"])) for r in rows]
    concepts = []
    if glossary is not None:
        for text, lang in segments:
            if lang in LANGUAGES:
                concepts += [m.concept.id for m in glossary.scan(text, lang)]
    found = original_of(data)  # never a file the output names but does not hold
    original, exists = found or Path(), found is not None
    paragraphs: dict[int, list[str]] = {}
    for r in rows:
        paragraphs.setdefault(int(r.get("paragraph", 0)), []).append(r["source"])
    return Document(
        id=str(meta["id"]),
        path=str(original if exists else path),
        outlet=str(meta.get("outlet", "")),
        language=str(data["language"]),
        date=str(meta.get("date", "")),
        title=str(meta.get("title", "")),
        title_english=str(title.get("translation", "")),
        english=" ".join(str(r["translation"]) for r in rows if not untranslated_record(r)),
        concepts=tuple(concepts),
        numbers=tuple(n for text, _ in segments for n in numbers(text)),
        url=str(meta.get("url", "")),
        outlet_en=str((meta.get("extra") or {}).get("outlet_en", "")),
        untranslated=sum(1 for r in rows if untranslated_record(r)),
        # The original article, when it is gone, travels to a bundle as JSON of its sentences.
        shares_file=not exists,
        text="" if exists else "\n\n".join(" ".join(p) for _, p in sorted(paragraphs.items())),
        encoding=str(meta.get("encoding", "")) if exists else "",
    )


def _document(doc: TranslatingDocument, count: int, glossary: Glossary | None) -> Document | None:
    body = doc.segments[1:] if doc.has_title else doc.segments
    title = doc.segments[0] if doc.has_title else None
    done = [s for s in body if s.translation is not None and not s.untranslated]
    english = [s.translation.text for s in done if s.translation is not None]
    if not english and (title is None or title.translation is None or title.untranslated):
        return None
    concepts: list[str] = []
    if glossary is not None:
        for segment in doc.segments:
            if segment.lang in LANGUAGES:
                concepts += [m.concept.id for m in glossary.scan(segment.text, segment.lang)]
    a = doc.article
    return Document(
        id=a.id,
        path=doc.source,
        outlet=a.outlet,
        language=doc.language,
        date=a.date,
        title=a.title,
        title_english=title.translation.text
        if title and title.translation and not title.untranslated
        else "",
        english=" ".join(english),
        concepts=tuple(concepts),
        numbers=tuple(n for segment in doc.segments for n in numbers(segment.text)),
        url=a.url,
        outlet_en=str(a.extra.get("outlet_en", "")),
        untranslated=len(body) - len(done),
        shares_file=count > 1,
        text=a.text if count > 1 else "",
        encoding=a.encoding,
    )
