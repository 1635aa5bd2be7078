"""A pile's articles in English, for the commands that read a whole pile before they work on it
(``compare``, ``events``): each file read once, ``xlate translate``'s own JSON outputs reused
(nothing translated again), one rule for article ids (:func:`xlate.ingest.pile.unique_ids`),
one limit on articles, and the rest detected, segmented and translated as ``xlate translate``
does.

    pile ─▶ read (or reuse an output) ─▶ ids made unique ─▶ analyse ─▶ translate to English
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from xlate.detect.rules import Detector
from xlate.engines import Engine
from xlate.errors import InputError, LimitError, XlateError
from xlate.ingest.pile import Pile, unique_ids
from xlate.textsafe import clipped, shown_path
from xlate.translate.core import Document, analyse, make_document


class Named(Protocol):
    """What a caller makes of a reused output: a value with the article's id."""

    @property
    def id(self) -> str: ...


Reused = TypeVar("Reused", bound=Named)


@dataclass(frozen=True, slots=True)
class Gathered(Generic[Reused]):
    """The articles of a pile, ready to translate, and the outputs reused; ids unique."""

    documents: tuple[Document, ...]  # not translated yet
    counts: tuple[int, ...]  # how many articles each document's file holds
    reused: tuple[Reused, ...]  # ``xlate translate`` outputs, as the caller made them
    errors: tuple[XlateError, ...]  # the files that could not be read, each an InputError


def gather(
    pile: Pile,
    reuse: Callable[[Path, dict[str, Any]], Reused],
    renamed: Callable[[Reused, str], Reused],
    detector: Detector,
    *,
    max_articles: int | None = None,
    articles_option: str = "--max-articles",
) -> Gathered[Reused]:
    """Every file of ``pile`` read: an ``xlate translate`` JSON output into English becomes
    ``reuse(path, data)`` (its batch report is nothing), any other file its articles. Ids are
    made unique over both, and ``renamed(value, id)`` gives a reused one its new id.

    More than ``max_articles`` articles (one JSON file may hold thousands) are refused as the
    files are read, before anything is translated, naming the command's ``articles_option``.
    """
    from xlate.ingest.formats import readable
    from xlate.translate.article import read_input
    from xlate.translate.outputs import read_output
    from xlate.translate.results import TranslateOptions

    errors: list[XlateError] = []
    read: list[tuple[str, Any, int]] = []  # (source, article, articles in its file)
    reused: list[tuple[str, Reused]] = []
    for item in pile.files:
        try:
            done = read_output(item.path) if item.entry is None else None
            if done is None:
                found, bad = readable(read_input(item, TranslateOptions()))
                read += [(str(item.path), a, len(found)) for a in found]
                errors += bad
            elif isinstance(done, dict):
                reused.append((str(item.path), reuse(item.path, done)))
        except XlateError as exc:
            errors.append(exc if isinstance(exc, InputError) else InputError(item.path, str(exc)))
        if max_articles is not None and len(read) + len(reused) > max_articles:
            raise LimitError(
                f"over {max_articles:,} articles to compare ({articles_option} {max_articles:,}; "
                f"the files up to {shown_path(item.path)} hold "
                f"{len(read) + len(reused):,}); compare fewer, or raise the limit"
            )
    ids = unique_ids(
        [(a.path, a.id) for _, a, _ in read] + [(path, value.id) for path, value in reused]
    )
    articles = [replace(a, id=i) for (_, a, _), i in zip(read, ids, strict=False)]
    analyses = analyse(articles, detector)
    documents = [
        make_document(source, a, Path(source), x)
        for (source, _, _), a, x in zip(read, articles, analyses, strict=True)
    ]
    return Gathered(
        tuple(documents),
        tuple(count for _, _, count in read),
        tuple(renamed(v, i) for (_, v), i in zip(reused, ids[len(read) :], strict=True)),
        tuple(errors),
    )


def to_english(
    documents: Sequence[Document],
    chain: Sequence[Engine],
    detector: Detector,
    *,
    check: bool = True,
) -> tuple[list[Document], dict[tuple[str, str], str]]:
    """``documents`` translated to English through ``chain`` (English passes through), and
    the hints for what no engine could translate. With ``check``, outputs that came back
    unchanged or in the wrong language are flagged untranslated, and machine translations
    below their article's confidence threshold low-confidence, as ``xlate translate`` does.
    """
    from xlate.engines.identity import IdentityEngine
    from xlate.translate.core import (
        check_translations,
        flag_low_confidence,
        translate_segments,
        with_segments,
    )

    segments = [segment for doc in documents for segment in doc.segments]
    english, hints = translate_segments(segments, "en", chain, IdentityEngine())
    if not check:
        return with_segments(documents, english), hints
    checked = with_segments(documents, check_translations(english, "en", detector))
    return [
        replace(doc, segments=tuple(flag_low_confidence(doc.segments))) for doc in checked
    ], hints


def none_translated(doc: Document, count: int, hint: str) -> InputError:
    """Why ``doc`` is left out when none of its sentences could be translated (``hint``: what
    would translate them), naming the article when its file holds ``count`` > 1 (a trial: a
    feed was "left out" whole where one of its two items was)."""
    which = ""
    if count > 1:
        title = f" ({clipped(doc.article.title, 60)})" if doc.article.title else ""
        which = f"article {doc.article.id}{title}: "
    return InputError(doc.source, f"{which}no sentence could be translated; {hint}")
