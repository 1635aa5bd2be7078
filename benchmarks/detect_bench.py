"""Language detection: accuracy on real test sentences, look-alike confusion, and speed.

    python benchmarks/detect_bench.py [--langdetect-sample N] [--repeats N]

Reads ../shared/data/langid (sentences, word-pairs and single words in ru, ja, en and the
look-alikes uk bg be sr mk kk mn zh ko). Speed is measured in the same run for xlate's batch
detector and for plain seeded langdetect (one detect() per text, as most code calls it).
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from _shared import shared_or_exit

from xlate.detect.rules import detect_batch

ROUTED = ("ru", "ja", "en")
LOOKALIKES = ("uk", "bg", "be", "sr", "mk", "kk", "mn", "zh", "ko")
TARGETS = {("sentences", "ru"): 0.995, ("sentences", "ja"): 0.995, ("sentences", "en"): 0.995,
           ("word-pairs", "ru"): 0.95, ("word-pairs", "en"): 0.95}  # fmt: skip


def load(root: Path, kind: str, lang: str) -> list[str]:
    return [line for line in (root / kind / f"{lang}.txt").read_text().splitlines() if line.strip()]


def accuracy(root: Path) -> None:
    print(f"{'set':<11}{'lang':<5}{'n':>6}{'xlate':>8}  {'routed to ru/ja':>15}  top answers")
    for kind in ("sentences", "word-pairs", "single-words"):
        for lang in ROUTED + LOOKALIKES:
            texts = load(root, kind, lang)
            found = Counter(d.lang for d in detect_batch(texts))
            acc = found[lang] / len(texts)
            misrouted = "" if lang in ROUTED else f"{(found['ru'] + found['ja']) / len(texts):.2%}"
            target = TARGETS.get((kind, lang))
            mark = "" if target is None else (" ok" if acc >= target else f" BELOW {target:.1%}")
            top = ", ".join(f"{k}:{v}" for k, v in found.most_common(3))
            print(f"{kind:<11}{lang:<5}{len(texts):>6}{acc:>8.2%}  {misrouted:>15}  {top}{mark}")


def best_rate(run: Callable[[], object], count: int, repeats: int) -> float:
    """Texts per second of the fastest of ``repeats`` runs (the least disturbed one)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return count / best


def speed(root: Path, sample: int, repeats: int) -> None:
    texts = [t for lang in ROUTED + LOOKALIKES for t in load(root, "word-pairs", lang)]
    texts += [t for lang in ROUTED + LOOKALIKES for t in load(root, "sentences", lang)]
    detect_batch(["Дом и сад на улице", "a house and a garden"])  # build both n-gram tables
    ours = best_rate(lambda: detect_batch(texts), len(texts), repeats)

    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    subset = texts[:: max(1, len(texts) // sample)]
    detect(subset[0])

    def plain() -> None:
        for text in subset:
            with contextlib.suppress(LangDetectException):
                detect(text)

    theirs = best_rate(plain, len(subset), max(1, repeats // 2))
    print(f"\nspeed on {len(texts):,} short texts (word pairs and sentences, 12 languages),")
    print(f"one core, best of {repeats} runs:")
    print(f"  xlate.detect_batch   {ours:>10,.0f} texts/s")
    print(f"  langdetect.detect    {theirs:>10,.0f} texts/s  (seeded; {len(subset):,}-text sample)")
    print(f"  ratio                {ours / theirs:>10.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langdetect-sample", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    root = shared_or_exit("langid")
    accuracy(root)
    speed(root, args.langdetect_sample, args.repeats)


if __name__ == "__main__":
    main()
