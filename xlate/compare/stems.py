"""English stems, WordNet synonym groups and antonyms, below the modules that read words and
values (:mod:`xlate.compare.terms` scores sentences with them, :mod:`xlate.compare.values`
tells what two counts count with them, :mod:`xlate.compare.diff` marks opposites)."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
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


class TermGroups:
    """Union-find over terms (words, stems); each group named by its smallest term. The
    pile's lexicon joins spellings of one name with it, the value reader spellings of one
    word (:func:`xlate.compare.values.count_marks`)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}  # of each group of more than one, by its root

    def find(self, term: str) -> str:
        root = term
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while term != root:  # path compression
            self.parent[term], term = root, self.parent[term]
        return root

    def join(self, terms: Iterable[str]) -> None:
        roots = sorted({self.find(t) for t in terms})
        for other in roots[1:]:
            self.parent[other] = roots[0]
            self.members.setdefault(roots[0], [roots[0]]).extend(self.members.pop(other, [other]))

    def join_close(self, a: str, b: str, close: Callable[[str, str], bool]) -> None:
        """Join the groups of ``a`` and ``b`` when every member of one is ``close`` to every
        member of the other (complete linkage: no chain of spellings, each one edit from the
        next, joins two words that are not one name)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ours, theirs = self.members.get(ra, [ra]), self.members.get(rb, [rb])
        if all(close(x, y) for x in ours for y in theirs):
            self.join((ra, rb))

    def names(self) -> dict[str, str]:
        return {t: r for t in list(self.parent) if (r := self.find(t)) != t}
