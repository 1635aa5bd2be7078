"""What the words of a pile mean alike: the terms of every sentence of a comparison, with the
words that say one thing in other ways made one term before any two sentences are scored.

Three kinds of sameness, each learnt from the pile's own words, so that a word joins another
only where both occur (and the scores stay a function of the two sentences' terms, which the
sparse and dense scorers share):

- synonyms: stems of one WordNet synset (each word's two most frequent senses only: "idiot"
  and "moron", "endanger" and "jeopardize"), shipped as ``data/synonyms.txt.gz``
  (:mod:`xlate.compare.lexicon_build` makes it from Princeton WordNet 3.0);
- spellings of one name: two rare or unknown words (names, transliterations) one edit apart,
  two when both are long ("Ramenman" / "Rameman", "Zelensky" / "Zelenskyy"), with the same
  first letter; counted with rapidfuzz's Levenshtein distance;
- acronyms: a capitalised run whose initials spell an acronym the pile uses ("North Atlantic
  Treaty Organization" and "NATO"), which then also carries the acronym.

A word joins the others of its group under one name, the group's first stem in sorted order,
with its own weight: the pile decides which words are one, each sentence still weighs its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from xlate.compare.stems import TermGroups, stem
from xlate.compare.terms import ZIPF_CEIL, ZIPF_FLOOR, Unit, unit_terms

# A word this heavy is rare in English or unknown to it (a name, a transliteration): the only
# words whose spellings are compared.
RARE_WEIGHT = ZIPF_CEIL - ZIPF_FLOOR
SPELLING_MIN = 5  # shorter names differ by one letter too often (Iran, Iraq; Mali, Bali)
SPELLING_LONG = 8  # both this long: two edits apart still spell one name
ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
# Words before a name that are no part of what an acronym spells: "The North Atlantic
# Treaty Organization" is NATO, "Mr Putin" no MP.
LEADING = frozenset("The A An Mr Mrs Ms Dr Prof Sir".split())
# A run of capitalised words, with the small words a name holds inside it ("Ministry of
# Foreign Affairs"); its initials are those of the capitalised words.
NAME_RUN = re.compile(
    r"\b[A-Z][\w'-]*(?:\s+(?:(?:of|the|for|and|on|in|de|du|la)\s+)*[A-Z][\w'-]*)+"
)

Terms = tuple[dict[str, float], dict[str, float]]


def _spellings(rare: dict[tuple[str, int], list[str]]) -> Iterable[tuple[str, str]]:
    """The pairs of rare words (grouped by first letter and length) that spell one name: one
    edit apart, or two when both are :data:`SPELLING_LONG` letters or more."""
    import numpy as np
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    for (first, length), words in sorted(rare.items()):
        for longer in (0, 1, 2):
            others = rare.get((first, length + longer), [])
            if not others or (longer == 2 and length < SPELLING_LONG):
                continue
            allowed = 2 if length >= SPELLING_LONG else 1
            distance = cdist(words, others, scorer=Levenshtein.distance, score_cutoff=allowed)
            for i, j in np.argwhere(distance <= allowed).tolist():
                if longer or i < j:
                    yield words[i], others[j]


def _one_spelling(a: str, b: str) -> bool:
    """Whether two words are close enough to spell one name (:func:`_spellings`' rule)."""
    from rapidfuzz.distance import Levenshtein

    allowed = 2 if min(len(a), len(b)) >= SPELLING_LONG else 1
    return a[0] == b[0] and Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


def pile_names(terms: Sequence[Terms]) -> dict[str, str]:
    """The terms of these sentences that say one thing, each mapped to its group's name
    (terms alone in their group are left out)."""
    vocabulary: dict[str, float] = {}
    for plain, _ in terms:
        for term, weight in plain.items():
            if term[0] not in "#@~" and weight > vocabulary.get(term, 0.0):
                vocabulary[term] = weight
    groups = TermGroups()
    rare: dict[tuple[str, int], list[str]] = {}  # by first letter and length
    for term, weight in vocabulary.items():
        if weight >= RARE_WEIGHT and len(term) >= SPELLING_MIN and term.isalpha():
            rare.setdefault((term[0], len(term)), []).append(term)
    for a, b in _spellings(rare):
        groups.join_close(a, b, _one_spelling)
    return groups.names()


def _acronyms(units: Sequence[Unit]) -> list[set[str]]:
    """For each unit, the terms of the acronyms the pile uses that the unit spells out in a
    capitalised run ("North Atlantic Treaty Organization": nato)."""
    used = {m.group().rstrip("s") for u in units for m in ACRONYM.finditer(u.english)}
    found: list[set[str]] = [set() for _ in units]
    if not used:
        return found
    for k, u in enumerate(units):
        for m in NAME_RUN.finditer(u.english):
            words = m.group().split()
            while words and words[0].rstrip(".") in LEADING:  # The ..., Mr Putin
                words = words[1:]
            if len(words) < 2:  # one name's initial spells no acronym
                continue
            initials = "".join(w[0] for w in words if w[0].isupper())
            if initials in used:
                found[k].add(stem(initials.lower()))
    return found


def pile_terms(units: Sequence[Unit]) -> list[Terms]:
    """The terms of each unit (:func:`xlate.compare.terms.unit_terms`) with the pile's
    words that say one thing made one term (:func:`pile_names`) and its acronyms carried by
    the runs that spell them out."""
    terms = [unit_terms(u) for u in units]
    spelled = _acronyms(units)
    wanted = set().union(*spelled)
    if wanted:
        heaviest: dict[str, float] = {}  # an acronym's weight where it is written
        for plain, _ in terms:
            for acronym in wanted.intersection(plain):
                heaviest[acronym] = max(heaviest.get(acronym, 0.0), plain[acronym])
        for acronyms, (plain, _) in zip(spelled, terms, strict=True):
            for acronym in acronyms:
                if acronym in heaviest and acronym not in plain:
                    plain[acronym] = heaviest[acronym]
    names = pile_names(terms)
    if not names:
        return terms
    renamed: list[Terms] = []
    for plain, quoted in terms:
        if names.keys().isdisjoint(plain):
            renamed.append((plain, quoted))
            continue
        one: dict[str, float] = {}
        for term, weight in plain.items():
            name = names.get(term, term)
            one[name] = max(weight, one.get(name, 0.0))
        renamed.append((one, quoted))
    return renamed
