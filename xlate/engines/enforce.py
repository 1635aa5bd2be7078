"""Keeping glossary terms through machine translation, and checking them afterwards.

Before MT, each glossary term found in a source sentence is protected, one of two ways:

- ``placeholder``: the term becomes a token (``XTERM3``) that the model should copy, and the
  concept's English form replaces the token in the output. Models drop, reorder, re-case or
  split such tokens; restoring tolerates case and spacing, and a lost token is reported.
- ``inline``: the term is replaced by its English form in the source, which translation
  models tend to copy through (names above all); nothing needs restoring.

Ambiguous matches (a surname that is also a place, Остин; a bare 政府 with no sign of Japan)
are never protected nor checked. After any engine (translation memory included),
:func:`check_terms` looks for every concept of the source in the output: ``kept`` (its
English form, or an allowed variant, is there), ``forbidden`` (a rendering the glossary
forbids is there) or ``missing``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from xlate.glossary.concepts import Match
from xlate.glossary.match import Glossary, blocked_at
from xlate.limits import LANGUAGES, TARGET_LANGUAGE
from xlate.model import Translation

MODES = ("placeholder", "inline")
_TOKEN = "XTERM{}"
# Tolerant: case changed (xterm3, Xterm3), split (XTERM 3), wrapped in punctuation.
_TOKEN_FOUND = re.compile(r"x\s?term\s?(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TermCheck:
    """Whether one concept of the source survived into the translation."""

    concept: str
    type: str
    status: str  # kept | missing | forbidden
    source: str  # the term as the source wrote it
    expected: str  # the English form the glossary asks for
    found: str = ""  # what the translation has (the kept or forbidden form)

    def to_dict(self) -> dict[str, str]:
        return {
            "concept": self.concept,
            "type": self.type,
            "status": self.status,
            "source": self.source,
            "expected": self.expected,
            "found": self.found,
        }


@dataclass(frozen=True, slots=True)
class Protected:
    text: str
    slots: tuple[tuple[int, Match], ...]  # token number and the match it stands for


def protect(text: str, matches: Sequence[Match], mode: str, source_lang: str) -> Protected:
    """``text`` with each matched term replaced by a token (or its English, ``inline``)."""
    pieces = []
    slots = []
    last = 0
    for number, match in enumerate(matches):
        pieces.append(text[last : match.start])
        if mode == "inline":
            pieces.append(match.concept.english_for(source_lang))
        else:
            pieces.append(_TOKEN.format(number))
            slots.append((number, match))
        last = match.end
    pieces.append(text[last:])
    return Protected("".join(pieces), tuple(slots))


def restore(text: str, protected: Protected, source_lang: str) -> tuple[str, list[str]]:
    """The output with tokens replaced by English forms, and the concepts whose token was lost."""
    by_number = dict(protected.slots)
    seen: set[int] = set()

    def put_back(found: re.Match[str]) -> str:
        number = int(found.group(1))
        match = by_number.get(number)
        if match is None:
            return found.group()
        seen.add(number)
        return match.concept.english_for(source_lang)

    restored = _TOKEN_FOUND.sub(put_back, text)
    lost = [match.concept.id for number, match in protected.slots if number not in seen]
    return restored, lost


def check_terms(
    glossary: Glossary, source_matches: Sequence[Match], target: str, source_lang: str
) -> list[TermCheck]:
    """Each concept of the source: kept, forbidden or missing in the English ``target``."""
    concepts = _distinct(source_matches)
    # the translation keeps a term whatever its context (Austin alone after Остин's title)
    found = glossary.named(target, "en", [m.concept.id for m in concepts])
    lowered = target.lower()
    checks = []
    for match in concepts:
        concept = match.concept
        expected = concept.english_for(source_lang)
        blocking = concept.not_in.get("en", ())  # "Peking duck" writes no forbidden Peking
        forbidden = concept.forbidden.get("en", ())
        bad = next((f for f in forbidden if _contains(lowered, f, blocking)), None)
        if bad is not None:
            status, surface = "forbidden", bad
        elif concept.id in found:
            status, surface = "kept", found[concept.id]
        else:
            status, surface = "missing", ""
        checks.append(TermCheck(concept.id, concept.type, status, match.surface, expected, surface))
    return checks


def _distinct(matches: Sequence[Match]) -> list[Match]:
    seen: set[str] = set()
    result = []
    for match in matches:
        if match.ambiguous:
            continue  # never checked: the source may not name this concept at all
        if match.concept.id not in seen:
            seen.add(match.concept.id)
            result.append(match)
    return result


def _contains(lowered_text: str, form: str, blocking: Sequence[str] = ()) -> bool:
    """Whether ``form`` stands as a word in the lower-case text, outside the ``blocking``
    phrases that make it name something else (a concept's ``not_in``)."""
    return any(
        not blocked_at(lowered_text, m.start(), m.end(), blocking)
        for m in re.finditer(rf"(?<!\w){re.escape(form.lower())}(?!\w)", lowered_text)
    )


class GlossaryEngine:
    """An engine whose input terms are protected and whose output terms are restored."""

    def __init__(self, inner: Any, glossary: Glossary, mode: str = "placeholder") -> None:
        if mode not in MODES:  # a caller's bug, not an XlateError: the CLI offers MODES only
            raise ValueError(f"glossary mode must be one of {MODES}, not {mode!r}")
        self.inner = inner
        self.glossary = glossary
        self.mode = mode
        self.name = inner.name

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        if source not in LANGUAGES or target != TARGET_LANGUAGE:
            return list(self.inner.translate(sentences, source, target))
        guarded = [protect(s, self.glossary.scan(s, source), self.mode, source) for s in sentences]
        results = self.inner.translate([g.text for g in guarded], source, target)
        out: list[Translation | None] = []
        for sentence, guard, result in zip(sentences, guarded, results, strict=True):
            if result is None:
                out.append(None)
                continue
            text, lost = restore(result.text, guard, source) if guard.slots else (result.text, [])
            flags = result.flags + tuple(f"term-lost:{c}" for c in lost)
            out.append(replace(result, source=sentence, text=text, flags=flags))
        return out

    def describe(self) -> dict[str, Any]:
        return {
            **self.inner.describe(),
            "glossary": self.glossary.hash,
            "glossary_mode": self.mode,
        }

    def model_for(self, source: str, target: str) -> str:
        return str(self.inner.model_for(source, target))
