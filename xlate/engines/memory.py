"""The translation-memory engine: reviewed translations from TMX files.

Exact matches first (after folding white space), then, only when a threshold is given, fuzzy
matches scored by rapidfuzz's normalised Indel similarity (0-100). A fuzzy result carries its
score and the ``fuzzy`` flag; it is the translation of a *similar* sentence, never passed off
as exact.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from xlate.model import Translation
from xlate.tmx import TranslationUnit, read_tmx

_SPACE = re.compile(r"\s+")


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
        results: list[Translation | None] = []
        for sentence in sentences:
            found = table.get(normalise(sentence))
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

        keys = self._keys[(source, target)]
        match = process.extractOne(
            normalise(sentence), keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy
        )
        if match is None:
            return None
        key, score, _ = match
        text = self._exact[(source, target)][key]
        return Translation(
            sentence, text, source, target, self.name, round(score, 1), self.model, ("fuzzy",)
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
