"""English stems, WordNet synonym groups and antonyms, below the modules that read words and
values (:mod:`xlate.compare.terms` scores sentences with them, :mod:`xlate.compare.values`
tells what two counts count with them, :mod:`xlate.compare.diff` marks opposites)."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path
from typing import Any

# The synonym groups and antonyms (from WordNet: lexicon_build.py)
SYNONYMS = Path(__file__).with_name("data") / "synonyms.txt.gz"
ANTONYMS = Path(__file__).with_name("data") / "antonyms.txt.gz"


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers, compiled

    return Stemmer.Stemmer("english", 0)  # no cache of its own: _learn asks once a word


def stem(word: str) -> str:
    """The Snowball stem of a lower-case English word, as the terms hold it."""
    root: str = _stemmer().stemWord(word)
    return root


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """Each stem of the shipped synonym groups, with its groups' terms ("~" and the group's
    number in the file)."""
    found: dict[str, list[str]] = {}
    with gzip.open(SYNONYMS, "rt", encoding="utf-8") as f:
        lines = [line.split() for line in f if not line.startswith("#")]
    for number, stems in enumerate(lines):
        for root in stems:
            found.setdefault(root, []).append(f"~{number}")
    return {root: tuple(terms) for root, terms in found.items()}


@lru_cache(maxsize=1)
def antonyms() -> dict[str, frozenset[str]]:
    """Each stem of the shipped antonym pairs, with the stems opposite it."""
    found: dict[str, set[str]] = {}
    with gzip.open(ANTONYMS, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                a, b = line.split()
                found.setdefault(a, set()).add(b)
                found.setdefault(b, set()).add(a)
    return {root: frozenset(others) for root, others in found.items()}
