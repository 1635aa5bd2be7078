"""Cross-outlet comparison: how do outlets in three languages tell the same event?

    load ─▶ detect ─▶ segment ─▶ translate to English ─▶ glossary tags (source side)
         ─▶ align into facts ─▶ diff ─▶ report

The translation step is ``xlate translate``'s (memory, Argos, cache), kept in memory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xlate.align import Unit
from xlate.detect import Detector
from xlate.engines import Engine
from xlate.errors import XlateError
from xlate.glossary import Glossary, Match
from xlate.model import Article

# Every pair of sentences is scored in one float32 matrix: 10,000 sentences take 0.4 GB.
MAX_SENTENCES = 10_000

# Quotations as outlets mark them: «…», „…“, “…”, "…", 「…」, 『…』.
QUOTE = re.compile(
    r"«([^»]{8,})»|„([^“”]{8,})[“”]|“([^”]{8,})”|\"([^\"]{8,})\"|「([^」]{4,})」|『([^』]{4,})』"
)


@dataclass(frozen=True, slots=True)
class OutletSentence:
    outlet: str
    index: int
    source: str
    english: str
    lang: str
    engine: str
    concepts: tuple[Match, ...]


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
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


def quotes(text: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g) for m in QUOTE.finditer(text))


def prepare_outlets(
    paths: Sequence[str],
    chain: Sequence[Engine],
    glossary: Glossary | None,
    *,
    detector: Detector | None = None,
    max_sentences: int = MAX_SENTENCES,
) -> tuple[list[Outlet], list[XlateError]]:
    """Every article of ``paths`` translated to English, its sentences tagged with concepts.

    More than ``max_sentences`` sentences in all are refused before anything is translated:
    the aligner scores every pair of them at once.
    """
    from xlate.engines.identity import IdentityEngine
    from xlate.translate import (
        TranslateOptions,
        analyse,
        check_translations,
        collect_inputs,
        make_document,
        read_input,
        translate_segments,
    )

    detector = detector or Detector()
    inputs = collect_inputs(paths)
    errors: list[XlateError] = []
    articles: list[tuple[str, Article]] = []
    for item in inputs.files:
        try:
            articles += [(str(item.path), a) for a in read_input(item, TranslateOptions())]
        except XlateError as exc:
            errors.append(exc)
    seen: set[str] = set()
    for _, article in articles:
        if article.id in seen:
            errors.append(XlateError(f"{article.path}: article id {article.id!r} appears twice"))
        seen.add(article.id)
    analyses = analyse([a for _, a in articles], detector)
    total = sum(len(x.sentences) for x in analyses)
    if total > max_sentences:
        size = total * total * 4  # bytes of one float32 score matrix
        shown = f"{size / 1e9:,.1f} GB" if size >= 1e9 else f"{size / 1e6:,.0f} MB"
        raise XlateError(
            f"{total:,} sentences to compare, over --max-sentences {max_sentences:,}: every "
            f"pair is scored at once ({shown} for one score matrix); compare fewer or shorter "
            "articles, or raise the limit"
        )
    docs = [
        make_document(s, a, Path(a.path), x) for (s, a), x in zip(articles, analyses, strict=True)
    ]
    segments = [seg for doc in docs for seg in doc.segments]
    hints = translate_segments(segments, "en", chain, IdentityEngine())
    check_translations(segments, "en", detector)
    outlets = []
    for doc in docs:
        missing = [s for s in doc.segments if s.translation is None]
        if missing:
            hint = "; ".join(sorted(set(hints.values())))
            errors.append(
                XlateError(f"{doc.source}: {len(missing)} sentence(s) not translated; {hint}")
            )
            continue
        body = doc.segments[1:] if doc.has_title else doc.segments
        sentences = []
        for sentence, segment in zip(doc.sentences, body, strict=True):
            assert segment.translation is not None
            tags: tuple[Match, ...] = ()
            if glossary is not None and segment.lang in ("ru", "ja", "en"):
                tags = tuple(glossary.scan(sentence.text, segment.lang))
            sentences.append(
                OutletSentence(
                    doc.article.id,
                    sentence.index,
                    sentence.text,
                    segment.translation.text,
                    segment.lang,
                    segment.translation.engine,
                    tags,
                )
            )
        title = doc.segments[0].translation if doc.has_title else None
        a = doc.article
        outlets.append(
            Outlet(
                a.id,
                a.outlet or a.id,
                doc.language,
                a.date,
                a.title,
                title.text if title else "",
                tuple(sentences),
                a.path,
                a.extra,
            )
        )
    return sorted(outlets, key=lambda o: o.id), errors


def units(outlets: Sequence[Outlet]) -> list[Unit]:
    return [
        Unit(
            s.outlet,
            s.index,
            s.english,
            frozenset(m.concept.id for m in s.concepts),
            quotes(s.english) or ((s.english,) if quotes(s.source) else ()),
        )
        for outlet in outlets
        for s in outlet.sentences
    ]
