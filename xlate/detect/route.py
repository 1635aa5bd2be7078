"""Routing: which engine path a detected text takes.

- text already in the target language → ``pass`` (identity);
- no letters (``und``) → ``skip``;
- any other language, ``ru`` and ``ja`` as much as the rest → ``translate`` when a model covers
  it (an installed Argos package, directly or by pivoting through English), otherwise
  ``no-model`` with the command that installs one and where to download one offline.
  Without ``covered`` (nothing known about models), every language is routed to ``translate``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xlate.detect.rules import UNDETERMINED
from xlate.errors import no_model_message
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
    if covered is None or covered(lang, target):
        return Route("translate", lang, target)
    return Route("no-model", lang, target, no_model_message(lang, target))
