"""The translation-memory engine: reviewed translations from TMX files.

Exact matches first (after folding white space), then, only when a threshold is given, fuzzy
matches scored by rapidfuzz's normalised Indel similarity (0-100). A fuzzy result carries its
score and the ``fuzzy`` flag; it is the translation of a *similar* sentence, never passed off
as exact.

Numbers are placeables, as in CAT tools. Where the new sentence's numbers differ from the
memory source's and each changed number maps one-to-one onto a number of the memory's
target, the new numbers are carried into the target (2025 -> 2027), flagged
``placeables-updated``. Otherwise, if the target would carry a number the new sentence lacks,
the match is flagged ``number-mismatch`` and scores :data:`NUMBER_MISMATCH_PENALTY` points
lower, below any threshold of 70 or more: it is used only when ``--fuzzy`` allows it. Numbers
compare as runs of digits (their integer value), so 1,5 and 1.5, or 10 000 and 10,000, match
across languages; full-width digits count too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from xlate.glossary.tmx import TranslationUnit, read_tmx
from xlate.model import Translation

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
NUMBER_MISMATCH_PENALTY = 30.0
_CANDIDATES = 5  # fuzzy candidates weighed, best first, when the best has a number mismatch


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class MemoryEngine:
    name = "memory"

    def __init__(
        self,
        units: Iterable[TranslationUnit],
        *,
        fuzzy: float | None = None,
        paths: Sequence[str | Path] = (),
    ) -> None:
        self.fuzzy = fuzzy
        self.paths = tuple(str(p) for p in paths)
        self._exact: dict[tuple[str, str], dict[str, str]] = {}
        digest = hashlib.sha256()
        for unit in units:
            table = self._exact.setdefault((unit.source_lang, unit.target_lang), {})
            table.setdefault(normalise(unit.source), unit.target)
            digest.update(f"{unit.source_lang}\0{unit.source}\0{unit.target}\0".encode())
        self._keys = {pair: list(table) for pair, table in self._exact.items()}
        # Exact matches whatever the detected language: a sentence the detector calls
        # Estonian is still the memory's Russian sentence, word for word.
        self._any: dict[str, dict[str, str]] = {}
        for (_, target), table in sorted(self._exact.items()):
            merged = self._any.setdefault(target, {})
            for key, text in table.items():
                merged.setdefault(key, text)
        self.digest = digest.hexdigest()[:16]
        self.model = f"tmx:{self.digest}"
        self.size = sum(len(t) for t in self._exact.values())

    @classmethod
    def from_files(cls, paths: Sequence[str | Path], *, fuzzy: float | None = None) -> MemoryEngine:
        return cls([unit for path in paths for unit in read_tmx(path)], fuzzy=fuzzy, paths=paths)

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        table = self._exact.get((source, target), {})
        anywhere = self._any.get(target, {})
        results: list[Translation | None] = []
        for sentence in sentences:
            key = normalise(sentence)
            found = table.get(key)
            if found is None:
                found = anywhere.get(key)
            if found is not None:
                results.append(
                    Translation(sentence, found, source, target, self.name, model=self.model)
                )
            elif self.fuzzy is not None and table:
                results.append(self._fuzzy(sentence, source, target))
            else:
                results.append(None)
        return results

    def _fuzzy(self, sentence: str, source: str, target: str) -> Translation | None:
        from rapidfuzz import fuzz, process

        assert self.fuzzy is not None
        keys = self._keys[(source, target)]
        matches = process.extract(
            normalise(sentence), keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy, limit=_CANDIDATES
        )
        best: tuple[float, str, tuple[str, ...]] | None = None
        for key, score, _ in matches:  # best first: the first clean one wins
            text, flags = carry_placeables(sentence, key, self._exact[(source, target)][key])
            if "number-mismatch" in flags:
                score -= NUMBER_MISMATCH_PENALTY
            if score >= self.fuzzy and (best is None or score > best[0]):
                best = (score, text, ("fuzzy", *flags))
            if "number-mismatch" not in flags:
                break
        if best is None:
            return None
        score, text, flags = best
        return Translation(
            sentence, text, source, target, self.name, round(score, 1), self.model, flags
        )

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "units": self.size,
            "digest": self.digest,
            "files": list(self.paths),
            "fuzzy": self.fuzzy,
        }

    def model_for(self, source: str, target: str) -> str:
        return self.model


def _numbers(text: str) -> list[str]:
    """The runs of digits of ``text``, as values (full-width digits included)."""
    return [_value(run) for run in _DIGITS.findall(text)]


def _value(run: str) -> str:
    """A run of decimal digits of any script as ASCII digits without leading zeros (no
    ``int()``: a run of 5,000 digits is text, not an error)."""
    if not run.isascii():
        run = "".join(str(unicodedata.decimal(c)) for c in run)
    return run.lstrip("0") or "0"


def carry_placeables(sentence: str, source: str, target: str) -> tuple[str, tuple[str, ...]]:
    """``target`` (the translation of ``source``) with the numbers ``sentence`` changed carried
    in, and its flags: ``placeables-updated`` when numbers were carried, ``number-mismatch``
    when the result would still hold a number that ``sentence`` lacks."""
    new, old = _numbers(sentence), _numbers(source)
    mapping: dict[str, str] = {}
    if sorted(new) != sorted(old) and len(new) == len(old):
        pairs = set(zip(old, new, strict=True))
        changed = {o for o, n in pairs if o != n}
        # one-to-one: a changed number changes one way, and never also stays as it was
        if len({o for o, _ in pairs}) == len(pairs) and all((o, o) not in pairs for o in changed):
            mapping = {o: n for o, n in pairs if o != n}
            if not changed <= set(_numbers(target)):
                mapping = {}  # the target does not write a changed number as digits
    text = target
    if mapping:
        text = _DIGITS.sub(lambda m: _replacement(m.group(), mapping), target)
    allowed = set(new)
    if any(n not in allowed for n in _numbers(text)) or (
        sorted(new) != sorted(old) and not mapping
    ):
        return target, ("number-mismatch",)
    return text, ("placeables-updated",) if mapping else ()


def _replacement(run: str, mapping: dict[str, str]) -> str:
    value = mapping.get(_value(run))
    if value is None:
        return run
    return value.zfill(len(run)) if run.startswith("0") else value
