"""Numbers in fuzzy memory matches, on real news: WMT22 ru-en and ja-en.

The memory holds every source sentence with its human reference. 10% of the sources are
perturbed (a number changed where the sentence has one, a word dropped otherwise) and
translated through the memory with ``--fuzzy``. Printed side by side for the same run:
the fuzzy matches that come back carrying a number the new sentence does not have, before
(the memory's target as is) and now (placeables carried, mismatches scored down).

    python benchmarks/fuzzy_numbers_bench.py [--fuzzy 80] [--share 0.1] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_or_exit

from xlate.engines.memory import MemoryEngine, _numbers
from xlate.glossary.tmx import TranslationUnit

_RUN = re.compile(r"\d+")


def pairs(path: Path) -> list[tuple[str, str]]:
    """Every (source sentence, reference) of a WMT22 file, each source once."""
    seen: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for src_par, ref_par in zip(doc["src"], doc["ref"], strict=True):
            for src, ref in zip(src_par, ref_par, strict=True):
                if src.strip() and ref.strip():
                    seen.setdefault(src, ref)
    return list(seen.items())


def perturb(sentence: str, lang: str, rng: random.Random) -> str:
    """A number changed if the sentence has one, otherwise one word (ja: two characters) dropped."""
    runs = list(_RUN.finditer(sentence))
    if runs:
        m = rng.choice(runs)
        value = str(int(m.group()) + rng.randint(1, 9)) if m.group().isascii() else "7"
        return sentence[: m.start()] + value + sentence[m.end() :]
    if lang == "ja":
        if len(sentence) < 6:
            return sentence + "。"
        at = rng.randrange(0, len(sentence) - 3)
        return sentence[:at] + sentence[at + 2 :]
    words = sentence.split()
    if len(words) < 3:
        return sentence + " ."
    del words[rng.randrange(len(words))]
    return " ".join(words)


def foreign_numbers(sentence: str, text: str) -> bool:
    """Whether ``text`` carries a number (a run of digits) that ``sentence`` lacks."""
    allowed = set(_numbers(sentence))
    return any(n not in allowed for n in _numbers(text))


def measure(lang: str, fuzzy: float, share: float, seed: int) -> dict[str, int]:
    from rapidfuzz import fuzz, process

    data = pairs(shared_or_exit("wmt22", f"{lang}-en.jsonl"))
    memory = MemoryEngine([TranslationUnit(lang, s, "en", r) for s, r in data], fuzzy=fuzzy)
    table = dict(data)
    keys = list(table)
    rng = random.Random(seed)
    chosen = rng.sample(range(len(data)), round(len(data) * share))
    sentences = [perturb(data[i][0], lang, rng) for i in chosen]
    sentences = [s for s in sentences if s not in table]  # an exact match is not fuzzy
    found = memory.translate(sentences, lang, "en")
    fuzzy_now = [(s, t) for s, t in zip(sentences, found, strict=True) if t is not None]
    before = 0
    matched_before = 0
    for s in sentences:  # the memory engine as it was: the best match's target, unchanged
        match = process.extractOne(s, keys, scorer=fuzz.ratio, score_cutoff=fuzzy)
        if match is not None:
            matched_before += 1
            before += foreign_numbers(s, table[match[0]])
    return {
        "sentences": len(data),
        "perturbed": len(sentences),
        "with numbers": sum(bool(_RUN.search(s)) for s in sentences),
        "fuzzy matches before": matched_before,
        "fuzzy matches now": len(fuzzy_now),
        "placeables-updated": sum("placeables-updated" in t.flags for _, t in fuzzy_now),
        "number-mismatch used": sum("number-mismatch" in t.flags for _, t in fuzzy_now),
        "foreign number before": before,
        "foreign number now": sum(foreign_numbers(s, t.text) for s, t in fuzzy_now),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzzy", type=float, default=80.0)
    parser.add_argument("--share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"--fuzzy {args.fuzzy:g}, {args.share:.0%} of the sources perturbed, seed {args.seed}")
    for lang in ("ru", "ja"):
        figures = measure(lang, args.fuzzy, args.share, args.seed)
        print(f"{lang}-en: " + ", ".join(f"{k} {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
