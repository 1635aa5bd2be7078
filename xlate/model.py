"""Frozen values passed between the pipeline's stages.

    Article ─▶ detect ─▶ segment ─▶ translate ─▶ glossary check ─▶ align ─▶ diff ─▶ render

No stage mutates what it is given; each returns new values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# The flag of a machine translation below its model's confidence threshold.
LOW_CONFIDENCE = "low-confidence"

DetectionMethod = Literal["script", "langdetect", "both", "none"]


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
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

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
        }


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
