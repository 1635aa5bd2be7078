"""Routing: which engine path a detected text takes.

- ``ru`` and ``ja`` (the languages xlate is built for) → ``translate``;
- text already in the target language → ``pass`` (identity);
- no letters (``und``) → ``skip``;
- any other language → ``translate`` when an installed Argos package covers it (directly or by
  pivoting through English), otherwise ``no-model`` with the command that installs one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xlate.detect.rules import UNDETERMINED
from xlate.limits import SOURCE_LANGUAGES
from xlate.model import Detection

CORE_LANGUAGES = frozenset(SOURCE_LANGUAGES)


@dataclass(frozen=True, slots=True)
class Route:
    action: str  # translate | pass | skip | no-model
    source: str
    target: str
    note: str = ""

    def __str__(self) -> str:
        if self.action == "translate":
            return f"translate {self.source}→{self.target}"
        if self.action == "pass":
            return "pass-through"
        if self.action == "skip":
            return "skip (no text)"
        return self.note


def route(
    detection: Detection,
    target: str = "en",
    covered: Callable[[str, str], bool] | None = None,
) -> Route:
    """Where ``detection``'s text goes; ``covered(src, tgt)`` says whether a model exists."""
    lang = detection.lang
    if lang == UNDETERMINED:
        return Route("skip", lang, target)
    if lang == target:
        return Route("pass", lang, target)
    if lang in CORE_LANGUAGES or (covered is not None and covered(lang, target)):
        return Route("translate", lang, target)
    return Route(
        "no-model",
        lang,
        target,
        f"no model for {lang}→{target}; run `xlate models install {lang} {target}`",
    )
