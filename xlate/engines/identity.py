"""The identity engine: text already in the target language passes through unchanged.

Text in any other language passes through too (``--engine identity`` translates nothing),
but flagged ``untranslated``: it is the source, never presented as a translation. Text with
no letters (``und``: numbers, symbols) needs no translation and is not flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlate.model import Translation

_UNDETERMINED = "und"  # xlate.detect.rules.UNDETERMINED, without importing detection


class IdentityEngine:
    name = "identity"

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        flags = () if source in (target, _UNDETERMINED) else ("untranslated",)
        return [Translation(s, s, source, target, self.name, flags=flags) for s in sentences]

    def describe(self) -> dict[str, Any]:
        return {"name": self.name}

    def model_for(self, source: str, target: str) -> str:
        return ""
