"""Cross-outlet comparison: how do outlets in three languages tell the same event?

    load ─▶ detect ─▶ segment ─▶ translate to English ─▶ glossary tags (source side)
         ─▶ align into facts ─▶ diff ─▶ report

The translation step is ``xlate translate``'s (memory, Argos, cache), kept in memory.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlate.compare.terms import Unit
from xlate.detect.rules import Detector
from xlate.engines import Engine
from xlate.errors import FormatError, InputError, LimitError, XlateError
from xlate.glossary.match import Glossary, Match
from xlate.ingest.pile import Pile, read_pile
from xlate.limits import LANGUAGES, MAX_ARTICLES, MAX_SENTENCES
from xlate.model import LOW_CONFIDENCE, FrozenDict, frozen

if TYPE_CHECKING:
    from xlate.translate.core import Document

# Quotations as outlets mark them: «…», „…“, “…”, "…", 「…」, 『…』.
# Every pair of quotation marks, left to right, so that a short one (a title, a scare
# quote: "X-Men", "за") takes its own closing mark, not the next pair's opening one (a trial:
# 'the "X-Men" franchise, including the upcoming "Wolverine" film' quoted "franchise,
# including the upcoming"); :func:`quotes` keeps those long enough to be quotations.
QUOTE = re.compile(r"«([^»]*)»|„([^“”]*)[“”]|“([^”]*)”|\"([^\"]*)\"|「([^」]*)」|『([^』]*)』")
_SHORTEST = (8, 8, 8, 8, 4, 4)  # characters, for each kind of marks in QUOTE's order


@dataclass(frozen=True, slots=True)
class OutletSentence:
    outlet: str
    index: int
    source: str
    english: str
    lang: str
    engine: str
    concepts: tuple[Match, ...]
    doubtful: bool = False  # a low-confidence machine translation (core.LOW_CONFIDENCE)


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    language: str
    date: str
    title: str
    title_english: str
    sentences: tuple[OutletSentence, ...]
    path: str = ""
    extra: Mapping[str, object] = field(default_factory=FrozenDict, compare=False, hash=False)
    untranslated: int = 0  # sentences no engine covered: left out of the comparison
    url: str = ""  # the article's address, when known (xlate history groups versions by it)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra", frozen(self.extra))

    @property
    def partial(self) -> bool:
        return self.untranslated > 0


def quotes(text: str) -> tuple[str, ...]:
    """The text within each pair of quotation marks of ``text``, where it is long enough to
    be a quotation (8 characters; 4 within Japanese brackets)."""
    found = []
    for m in QUOTE.finditer(text):
        kind = m.lastindex or 1
        said = m.group(kind)
        if len(said) >= _SHORTEST[kind - 1]:
            found.append(said)
    return tuple(found)


def prepare_outlets(
    paths: Pile | Sequence[str],
    chain: Sequence[Engine],
    glossary: Glossary | None,
    *,
    detector: Detector | None = None,
    max_sentences: int = MAX_SENTENCES,
    max_articles: int = MAX_ARTICLES,
    articles_option: str = "--max-articles",
    sentences_option: str | None = "--max-sentences",
) -> tuple[list[Outlet], list[XlateError]]:
    """Every article of ``paths`` (a pile, or the paths to read as one) translated to English,
    its sentences tagged with concepts.

    An article with sentences no engine covers is compared on the others (``untranslated``
    counts them); one that cannot be read, or has no sentence translated, is left out with an
    :class:`InputError` naming it. More than ``max_articles`` articles (one JSON file may hold
    thousands) or ``max_sentences`` sentences in all are refused before anything is
    translated: the aligner scores every pair of sentences at once. The messages name the
    options that raise the limits (``sentences_option`` None: a limit no option raises).
    """
    from xlate.translate.english import gather, to_english

    detector = detector or Detector()
    pile = paths if isinstance(paths, Pile) else read_pile(paths)
    found = gather(
        pile,
        lambda path, data: _translated_outlet(path, data, glossary),
        _renamed,
        detector,
        max_articles=max_articles,
        articles_option=articles_option,
    )
    total = sum(len(d.sentences) for d in found.documents)
    total += sum(len(o.sentences) for o in found.reused)
    if total > max_sentences and sentences_option is None:
        raise LimitError(
            f"{total:,} sentences to compare, over the limit of {max_sentences:,}; "
            "compare fewer or shorter articles"
        )
    if total > max_sentences:
        raise LimitError(
            f"{total:,} sentences to compare, over {sentences_option} {max_sentences:,} "
            '(time grows faster than the sentences: docs/performance.md, "Compare at scale", '
            "has the figures); compare fewer or shorter articles, or raise the limit"
        )
    docs, _ = to_english(found.documents, chain, detector)
    errors = list(found.errors)
    outlets = list(found.reused)
    scanned: dict[tuple[str, str], tuple[Match, ...]] = {}  # a sentence repeated is scanned once
    for doc, count in zip(docs, found.counts, strict=True):
        outlet = _outlet(doc, count, glossary, scanned)
        if isinstance(outlet, InputError):
            errors.append(outlet)
        else:
            outlets.append(outlet)
    return sorted(outlets, key=lambda o: o.id), errors


def _outlet(
    doc: Document,
    count: int,
    glossary: Glossary | None,
    scanned: dict[tuple[str, str], tuple[Match, ...]],
) -> Outlet | InputError:
    """A translated article as an outlet (its untranslated sentences left out), or why it is
    left out of the comparison. ``scanned``: the glossary's tags of sentences seen before,
    by text and language (filled as sentences are scanned); ``count``: the articles of its
    file."""
    body = doc.segments[1:] if doc.has_title else doc.segments
    missing = [s for s in body if s.untranslated]
    if missing and len(missing) == len(body):
        from xlate.translate.english import none_translated

        return none_translated(doc, count, "; ".join(sorted({s.note for s in missing})))
    sentences = []
    for sentence, segment in zip(doc.sentences, body, strict=True):
        assert segment.translation is not None
        if segment.untranslated:  # compared on its translated sentences only
            continue
        tags: tuple[Match, ...] = ()
        if glossary is not None and segment.lang in LANGUAGES:
            key = (sentence.text, segment.lang)
            if key not in scanned:
                scanned[key] = tuple(glossary.scan(sentence.text, segment.lang))
            tags = scanned[key]
        sentences.append(
            OutletSentence(
                doc.article.id,
                sentence.index,
                sentence.text,
                segment.translation.text,
                segment.lang,
                segment.translation.engine,
                tags,
                LOW_CONFIDENCE in segment.translation.flags,
            )
        )
    title = doc.segments[0].translation if doc.has_title else None
    if doc.has_title and doc.segments[0].untranslated:
        title = None  # its source is not an English headline
    a = doc.article
    return Outlet(
        a.id,
        a.outlet or a.id,
        doc.language,
        a.date,
        a.title,
        title.text if title else "",
        tuple(sentences),
        a.path,
        {**a.extra, **times(a.found_metadata())},
        len(missing),
        a.url,
    )


# The times a page, an e-mail or a feed gave (Article.published, .modified), which the
# timeline and the edit history read from an outlet's extra fields.
TIME_FIELDS = ("published", "modified")


def times(metadata: Mapping[str, Any]) -> dict[str, str]:
    """The publication and modification times in an article's metadata, those given."""
    return {k: v for k in TIME_FIELDS if isinstance(v := metadata.get(k), str) and v}


def _saved(metadata: Mapping[str, Any]) -> dict[str, str]:
    """When the input of a translate output was saved, as the output says (``file_saved``)."""
    saved = metadata.get("file_saved")
    return {"file_saved": saved} if isinstance(saved, str) and saved else {}


def _translated_outlet(path: Path, data: dict[str, Any], glossary: Glossary | None) -> Outlet:
    """An outlet from an ``xlate translate`` output: its sentences and their translations."""
    from xlate.translate.core import untranslated_record

    try:
        meta = data["article"]
        id_ = str(meta["id"])
        sentences = []
        untranslated = 0
        for row in data["sentences"]:
            if not isinstance(row["translation"], str):
                raise FormatError(path, f"sentence {row['index']} has no translation")
            if untranslated_record(row):  # its source text kept: compared on the others
                untranslated += 1
                continue
            lang = str(row["lang"])
            tags: tuple[Match, ...] = ()
            if glossary is not None and lang in LANGUAGES:
                tags = tuple(glossary.scan(str(row["source"]), lang))
            sentences.append(
                OutletSentence(
                    id_,
                    int(row["index"]),
                    str(row["source"]),
                    str(row["translation"]),
                    lang,
                    str(row["engine"]),
                    tags,
                    LOW_CONFIDENCE in (row.get("flags") or ()),
                )
            )
        title = data.get("title") or {}
        extra = meta.get("extra") or {}
        return Outlet(
            id_,
            str(meta.get("outlet") or id_),
            str(data.get("language") or meta.get("language") or ""),
            str(meta.get("date") or ""),
            str(meta.get("title") or ""),
            str(title.get("translation") or ""),
            tuple(sentences),
            str(path),
            {**(extra if isinstance(extra, dict) else {}), **times(meta), **_saved(meta)},
            untranslated,
            str(meta.get("url") or ""),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise FormatError(
            path, f"not a complete xlate translation (field {exc} missing or of the wrong type)"
        ) from None


def _renamed(outlet: Outlet, id_: str) -> Outlet:
    if outlet.id == id_:
        return outlet
    return replace(
        outlet, id=id_, sentences=tuple(replace(s, outlet=id_) for s in outlet.sentences)
    )


def units(outlets: Sequence[Outlet]) -> list[Unit]:
    """Each sentence as the aligner sees it: its quotes are those of its English, or the whole
    English when only its source quotes (an English source is not searched twice)."""
    return [
        Unit(
            s.outlet,
            s.index,
            s.english,
            frozenset(m.concept.id for m in s.concepts),
            quotes(s.english)
            or ((s.english,) if s.source != s.english and quotes(s.source) else ()),
            s.lang == "en",
        )
        for outlet in outlets
        for s in outlet.sentences
    ]
