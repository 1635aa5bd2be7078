"""Comparison speed: 10 outlets x 200 sentences, the difflib baseline, the sample bundle.

    python benchmarks/compare_bench.py [--outlets 10] [--sentences 200] [--difflib-pairs 20000]

The outlets are generated reproducibly from real English text: the reviewed English of the
sample bundle (its memory's translations and its English articles), each sentence perturbed
(words dropped, neighbours swapped) and the order shuffled per outlet. Targets: the whole
`xlate compare --format json` under 2 s; scoring at least 20x faster than difflib's
SequenceMatcher.ratio on the same pairs; the sample bundle under 1 s with warm memory.
"""

from __future__ import annotations

import argparse
import difflib
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xlate.compare.align import normalise
from xlate.glossary.tmx import read_tmx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "japan-sanctions"


def english_pool() -> list[str]:
    units = read_tmx(SAMPLES / "memory.tmx")
    pool = {u.target for u in units if u.target_lang == "en"}
    for name in ("meridian-post.txt",):
        text = (SAMPLES / "articles" / name).read_text(encoding="utf-8")
        pool |= {line for line in text.splitlines() if len(line.split()) > 6}
    return sorted(pool)


def perturb(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    if len(words) > 6 and rng.random() < 0.5:
        del words[rng.randrange(1, len(words) - 1)]
    if len(words) > 4 and rng.random() < 0.5:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def make_outlets(folder: Path, outlets: int, sentences: int) -> list[str]:
    rng = random.Random(42)
    pool = english_pool()
    everything = []
    for n in range(outlets):
        chosen = [perturb(rng.choice(pool), rng) for _ in range(sentences)]
        rng.shuffle(chosen)
        everything += chosen
        (folder / f"outlet-{n:02d}.txt").write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
    return everything


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=10)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--difflib-pairs", type=int, default=20_000)
    args = parser.parse_args()
    xlate = [sys.executable, "-m", "xlate", "compare"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "outlets"
        folder.mkdir()
        texts = make_outlets(folder, args.outlets, args.sentences)
        whole = min(run([*xlate, str(folder), "--format", "json", "--no-cache"]) for _ in range(3))
        sample_cold = min(
            run([*xlate, str(SAMPLES), "--format", "json", "--no-cache"]) for _ in range(3)
        )
    print(
        f"{args.outlets} outlets x {args.sentences} sentences ({len(texts):,} sentences, "
        f"{len(texts) ** 2:,} pairs):"
    )
    print(f"  xlate compare --format json, whole command   {whole:6.2f} s  (target < 2 s)")

    from xlate.compare.align import Unit, score_matrix

    normal = [normalise(t) for t in texts]
    per = args.sentences
    items = [Unit(f"o{k // per}", k, t, frozenset()) for k, t in enumerate(texts)]
    start = time.perf_counter()
    score_matrix(items)  # the aligner's scorer, terms and all, from cold
    ours = len(items) ** 2 / (time.perf_counter() - start)
    rng = random.Random(1)
    pairs = [(rng.choice(normal), rng.choice(normal)) for _ in range(args.difflib_pairs)]
    start = time.perf_counter()
    for a, b in pairs:
        difflib.SequenceMatcher(None, a, b).ratio()
    theirs = len(pairs) / (time.perf_counter() - start)
    print(f"  pair scoring, xlate.align.score_matrix       {ours:12,.0f} pairs/s")
    print(f"  pair scoring, difflib ratio ({len(pairs):,} pairs) {theirs:12,.0f} pairs/s")
    print(f"  ratio                                        {ours / theirs:12.0f}x  (target >= 20x)")

    from xlate.compare.run import compare_paths
    from xlate.engines.chain import build_chain
    from xlate.glossary.load import default_glossary_path, load_glossary
    from xlate.ingest.bundle import load_manifest

    glossary, _ = load_glossary([default_glossary_path()])
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    compare_paths([str(SAMPLES)], chain, glossary=glossary)
    start = time.perf_counter()
    compare_paths([str(SAMPLES)], chain, glossary=glossary)
    warm = time.perf_counter() - start
    print("sample bundle (6 outlets, 61 sentences):")
    print(f"  xlate compare, whole command (cold process)  {sample_cold:6.2f} s  (target < 1 s)")
    print(f"  the comparison in a warm process             {warm:6.2f} s")


if __name__ == "__main__":
    main()
