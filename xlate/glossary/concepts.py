"""The glossary's values: concepts, their forms in en/ru/ja, the matches found in text and
the defects of a file, with the patterns and the width folding that loading and every matcher
share. Nothing here matches: :mod:`xlate.glossary.match` scans, :mod:`xlate.glossary.words`
and :mod:`xlate.glossary.japanese` find forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from xlate.glossary import LANGUAGES as LANGUAGES  # there for --help, which loads no matcher
from xlate.glossary import TYPES as TYPES
from xlate.model import FrozenDict, frozen

# the per-language context rules of a concept (xlate.glossary.context)
CONTEXT_RULES = ("not_after", "not_before", "not_quoted_after")
CONCEPT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WORD = re.compile(r"\w+(?:-\w+)*")  # hyphens join words; a possessive 's does not
CONCEPT_HEADER = re.compile(r"^\s*\[\[concept\]\]\s*(?:#.*)?$")


# the fields of a concept that map a language to its forms (or phrases)
MAPPINGS = ("preferred", "variants", "forbidden", "en_from", "ambiguous", "not_in", *CONTEXT_RULES)


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    type: str
    preferred: Mapping[str, str]
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)
    en_from: Mapping[str, str] = field(default_factory=FrozenDict)
    note: str = ""
    do_not_translate: bool = False
    source: str = ""  # file:line where the concept is defined
    # forms that name the concept only with context (a surname that is also a place or word)
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)
    context: tuple[str, ...] = ()  # concept ids whose mention nearby confirms an ambiguous form
    not_in: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)  # blocking phrases
    # names in context (xlate.glossary.context): words around a form that say it names
    # something else, and the concepts whose mention before an ambiguous form claims it
    not_after: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)
    not_before: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)
    not_quoted_after: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenDict)
    elsewhere: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """The mappings given (dicts, as a loader builds them) are frozen, so a concept hashes."""
        for name in MAPPINGS:
            object.__setattr__(self, name, frozen(getattr(self, name)))

    def forms(self, lang: str) -> tuple[str, ...]:
        """Every form that names this concept in ``lang``: preferred first, then variants."""
        preferred = self.preferred.get(lang)
        return ((preferred,) if preferred else ()) + self.variants.get(lang, ())

    def english_for(self, source_lang: str) -> str:
        """The English a translation from ``source_lang`` must use (side-specific if set)."""
        return self.en_from.get(source_lang) or self.preferred.get("en", "")

    @property
    def has_context_rules(self) -> bool:
        """Whether :mod:`xlate.glossary.context` has rules for this concept."""
        return bool(self.elsewhere) or any(getattr(self, name) for name in CONTEXT_RULES)

    @property
    def is_framing(self) -> bool:
        return self.type == "framing"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "preferred": self.preferred,
            "variants": {k: list(v) for k, v in self.variants.items()},
            "forbidden": {k: list(v) for k, v in self.forbidden.items()},
            "en_from": self.en_from,
            "note": self.note,
            "do_not_translate": self.do_not_translate,
            **({"ambiguous": {k: list(v) for k, v in self.ambiguous.items()}}
               if self.ambiguous else {}),
            **({"context": list(self.context)} if self.context else {}),
            **({"not_in": {k: list(v) for k, v in self.not_in.items()}} if self.not_in else {}),
            **{name: {k: list(v) for k, v in table.items()}
               for name, table in self.context_rules().items() if table},
            **({"elsewhere": list(self.elsewhere)} if self.elsewhere else {}),
        }  # fmt: skip

    def context_rules(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """The per-language tables of :mod:`xlate.glossary.context`, by field name."""
        return {name: getattr(self, name) for name in CONTEXT_RULES}


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    lang: str
    surface: str
    start: int
    end: int
    # an ambiguous form without its context: reported, never enforced or checked
    ambiguous: bool = False

    def to_dict(self) -> dict[str, Any]:
        row = {
            "concept": self.concept.id,
            "type": self.concept.type,
            "en": self.concept.preferred.get("en", ""),
            "lang": self.lang,
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
        }
        if self.ambiguous:
            row["ambiguous"] = True
        return row


Found = tuple[Match, str]  # a match and the glossary form it matched


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect of a glossary file, located at ``where`` (file:line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


_WIDE = re.compile(r"[\u3000\uff00-\uffef]")


@cache
def _width_table() -> dict[int, str]:
    table = {}
    for code in (0x3000, *range(0xFF00, 0xFFF0)):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and signs (ＮＡＴＯ, Ｇ７) and half-width katakana as
    NFKC writes them, one character for one, so that every offset into ``text`` stays valid."""
    if _WIDE.search(text) is None:
        return text
    return text.translate(_width_table())
