"""Frozen values passed between the pipeline's stages.

    Article ─▶ detect ─▶ segment ─▶ translate ─▶ glossary check ─▶ align ─▶ diff ─▶ render

No stage mutates what it is given; each returns new values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn, TypeVar

# The flag of a machine translation below its model's confidence threshold.
LOW_CONFIDENCE = "low-confidence"

DetectionMethod = Literal["script", "langdetect", "both", "none"]
K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that refuses every change once made: the mapping fields of frozen values.

    It hashes (when its values do) and is still a dict, so JSON writes it and ``==`` compares
    it as one. Make one with :func:`frozen`, which freezes the dicts and lists inside too.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a FrozenDict cannot change: make a new one")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"


def frozen(value: Any) -> Any:
    """``value`` with every dict in it a :class:`FrozenDict` and every list a tuple, so that it
    hashes (JSON writes it as before). A FrozenDict is taken as frozen all through."""
    if isinstance(value, FrozenDict):
        return value
    if isinstance(value, dict):
        return FrozenDict({k: frozen(v) for k, v in value.items()})
    if isinstance(value, list) or type(value) is tuple:
        return tuple(frozen(v) for v in value)
    if isinstance(value, set):
        return frozenset(value)
    return value


def thawed(value: Any) -> Any:
    """A frozen value's plain copy, dicts and lists all through: for JSON a caller may change."""
    if isinstance(value, dict):
        return {k: thawed(v) for k, v in value.items()}
    if isinstance(value, list | tuple) and not hasattr(value, "_fields"):
        return [thawed(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Detection:
    """The language of one text.

    ``method`` says where the answer came from: ``script`` (Unicode-script evidence alone),
    ``langdetect`` (the statistical model alone), ``both`` (script narrowed the candidates and
    langdetect chose among them) or ``none`` (nothing to go on: ``lang`` is ``und``).
    """

    lang: str
    confidence: float
    script: str
    method: DetectionMethod

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "confidence": round(self.confidence, 4),
            "script": self.script,
            "method": self.method,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One saved article after ingest: its main text and what we know about it.

    ``text`` holds the main text with paragraphs separated by blank lines; sentence offsets index
    into it. ``removed`` lists the boilerplate lines dropped from the file, so nothing is lost
    silently. ``extra`` keeps fields of the input we do not interpret (JSON scrapers add many).

    ``published`` and ``modified`` are the times the page, e-mail or feed gives, in ISO 8601
    with their UTC offset when it has one (``2024-11-19T09:40:00+03:00``); ``date`` is the
    date as given (its day, when only a time was given). ``notes`` says what a reader knows
    of the text's completeness ("summary only: ...").
    """

    id: str
    path: str
    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    language: str = ""
    encoding: str = ""
    removed: tuple[str, ...] = ()
    published: str = ""
    modified: str = ""
    author: str = ""
    notes: tuple[str, ...] = ()
    extra: FrozenDict[str, Any] = field(default_factory=FrozenDict, compare=False, hash=False)
    # A record of a file of many (a JSON list, a JSON Lines file) that is no article: what is
    # wrong with it ("line 2: article object has no text field"). Its text is empty; the other
    # records are read, and this one is reported as failed (:func:`readable`).
    problem: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra", frozen(self.extra))

    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
            "language": self.language,
            "encoding": self.encoding,
        } | self.found_metadata()

    def found_metadata(self) -> dict[str, Any]:
        """The fields read from a page's own metadata, those that are known (outputs made
        from articles without them stay as they were)."""
        found: dict[str, Any] = {
            "published": self.published,
            "modified": self.modified,
            "author": self.author,
            "notes": list(self.notes),
        }
        return {key: value for key, value in found.items() if value}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``text`` is ``article.text[start:end]`` with line breaks folded."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Translation:
    """The translation of one sentence and where it came from.

    ``score`` is 100 for exact memory matches, machine translation and pass-through, and the
    rapidfuzz similarity for fuzzy memory matches. ``flags`` carry warnings such as
    ``untranslated`` (the output is still in the source language) or ``fuzzy``.
    ``confidence`` is the model's mean log-probability per output token (0 is certain, lower
    is less sure) for machine translation, ``None`` for everything else.
    """

    source: str
    text: str
    source_lang: str
    target_lang: str
    engine: str
    score: float = 100.0
    model: str = ""
    flags: tuple[str, ...] = ()
    confidence: float | None = None
