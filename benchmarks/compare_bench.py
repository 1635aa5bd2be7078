"""Comparison speed: 10 outlets x 200 sentences, the difflib baseline, the sample bundle.

    python benchmarks/compare_bench.py [--outlets 10] [--sentences 200] [--difflib-pairs 20000]
    python benchmarks/compare_bench.py --growth [--dense-up-to 10000] [--each-up-to 20000]
                                        [--baseline REV|none] [--repeats N]
    python benchmarks/compare_bench.py --ecb
    python benchmarks/compare_bench.py --real [same options as --growth]

``--ecb``: real news instead: 10 outlets of 1,000 English sentences drawn at random from
ECB+ (../shared/data/events, glossary-tagged as compare tags them), scored and clustered in
one process by ``SparseScores`` and by the dense matrix (``score_matrix``), the facts
compared: what articles that share far fewer terms cost. ``--real``: the growth table (below)
on outlets of real ECB+ sentences instead, all the documents of each topic dealt out in turn
to the outlets (each outlet covers the same events in its own documents; 5% of the
sentences are wire copies), where the synthetic outlets repeat the sample's few dozen
sentences (two thirds of 10,000 are copies).

The outlets are generated reproducibly from real English text: the reviewed English of the
sample bundle (its memory's translations and its English articles), each sentence perturbed
(words dropped, neighbours swapped) and the order shuffled per outlet. Targets: the whole
`xlate compare --format json` under 2 s; scoring at least 20x faster than difflib's
SequenceMatcher.ratio on the same pairs; the sample bundle under 1 s with warm memory.

``--growth``: the whole command (wall time, peak memory of its process) from 2 x 50 to
50 x 1,000 sentences, in four ways, the reports compared:

- sparse: ``xlate.compare.scores.SparseScores`` as compare runs it: sentences with the same
  terms are scored once (the whole matrix of distinct sentences up to 3,000 of them; past
  that, candidate pairs from an inverted index of terms, a block of rows at a time, only each
  sentence's best links kept), best of ``--repeats``;
- the same at git revision ``--baseline`` (default: main before this round of the work),
  alternating with it, best of ``--repeats``;
- each: the same, every sentence scored on its own (no copies merged), so past 3,000
  sentences always the inverted index, block by block (up to ``--each-up-to`` sentences):
  what articles without repeated sentences cost;
- dense: the whole n x n matrix of every sentence, each on its own, as compare did before
  (up to ``--dense-up-to`` sentences).

Targets: 10 x 1,000, 50 x 200 and 20 x 500 within 3 s and 300 MB on a quiet machine. The
outlets are drawn from the sample bundle's hundred-odd sentences, so almost every pair shares
a term (the worst case for the inverted index: real articles share far less) and most
sentences recur, perturbed alike, in many outlets (about 1,040 distinct term sets among
10,000 sentences), which the sparse column gains from and the "each" column does not.
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, shared_or_exit, unpack

sys.path.insert(0, str(ROOT / "tests"))

from xlate.compare.terms import normalise
from xlate.glossary.tmx import read_tmx

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


def make_real_outlets(folder: Path, outlets: int, sentences: int) -> int:
    """Outlets of real, different news sentences: ECB+'s English documents dealt out in turn
    within each topic (every outlet covers the same events, in its own documents), each
    outlet's first ``sentences`` sentences. Unlike :func:`make_outlets`, which repeats the
    sample bundle's few dozen sentences (two thirds of 10,000 are copies), almost no
    sentence comes twice (ECB+ has its own wire copies). Returns the sentences written."""
    from evaluate_align import load_jsonl

    by_topic: dict[str, list[list[str]]] = {}
    for doc in load_jsonl(shared_or_exit("events", "ecbplus.jsonl")):
        by_topic.setdefault(doc["topic"], []).append(doc["sentences"])
    texts: list[list[str]] = [[] for _ in range(outlets)]
    dealt = 0
    for topic in sorted(by_topic, key=int):
        for doc in by_topic[topic]:
            texts[dealt % outlets] += doc
            dealt += 1
    for n, text in enumerate(texts):
        (folder / f"outlet-{n:02d}.txt").write_text("\n\n".join(text[:sentences]) + "\n", "utf-8")
    return sum(min(len(t), sentences) for t in texts)


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


# Runs the command in a fresh process and reports its peak memory; "dense" makes the scores
# hold the n x n matrix whatever its size, "each" scores every sentence on its own (neither
# merges copies).
RUNNER = """
import resource, sys
from xlate.compare import scores as pair_scores
from xlate.cli.main import main
if sys.argv[1] == "dense":
    pair_scores.DENSE_SENTENCES = 1 << 62
    pair_scores.SparseScores.__init__.__defaults__ = (None, 4_000_000, 1 << 62, False)
if sys.argv[1] == "each":
    defaults = (None, 4_000_000, pair_scores.DENSE_SENTENCES, False)
    pair_scores.SparseScores.__init__.__defaults__ = defaults
code = main(sys.argv[2:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""

GROWTH = [(2, 50), (10, 200), (50, 200), (20, 500), (10, 1000), (20, 1000), (50, 1000)]


BASELINE = "3d478fe"  # main before this round of #20 (sparse best links, merges decided in Python)


def measure(
    mode: str, folder: Path, out: Path, total: int, tree: Path = ROOT
) -> tuple[float, float]:
    """Wall seconds and peak MB of one whole ``xlate compare --format json`` in a new
    process, with xlate from ``tree`` (run from the outlets' parent folder, so that only
    PYTHONPATH picks xlate)."""
    cmd = [sys.executable, "-c", RUNNER, mode, "compare", str(folder), "--format", "json"]
    cmd += ["--out", str(out), "--no-cache", "--max-sentences", str(max(2 * total, 10_000))]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    done = subprocess.run(
        cmd, check=True, capture_output=True, text=True, cwd=folder.parent, env=env
    )
    return time.perf_counter() - start, int(done.stderr.strip().splitlines()[-1]) / 1024


def growth(
    dense_up_to: int,
    each_up_to: int,
    real: bool = False,
    baseline: str | None = None,
    repeats: int = 1,
) -> None:
    kind = "ECB+ sentences, almost all different" if real else "the sample's sentences, perturbed"
    print(f"whole command, xlate compare --format json (wall s / peak MB), {kind}:")
    columns = ["sparse", *([baseline] if baseline else []), "each", "dense"]
    print(f"  {'outlets x sentences':<20} {'sentences':>9}" + "".join(f" {c:>16}" for c in columns))
    with tempfile.TemporaryDirectory() as tmp:
        old = unpack(baseline, Path(tmp) / "baseline") if baseline else None
        most = (each_up_to, dense_up_to)
        for outlets, sentences in GROWTH:
            print(f"  {_growth_row(Path(tmp), outlets, sentences, real, old, repeats, most)}")


def _growth_row(
    tmp: Path,
    outlets: int,
    sentences: int,
    real: bool,
    old: Path | None,
    repeats: int,
    most: tuple[int, int],
) -> str:
    """One row of the growth table: the sparse scores now and at the baseline (``old``),
    best of ``repeats``, alternating; "each" and "dense" once, up to ``most`` sentences."""
    folder = tmp / f"outlets-{outlets}x{sentences}"
    folder.mkdir()
    total = (make_real_outlets if real else make_outlets_count)(folder, outlets, sentences)
    out = tmp / "report.json"
    trees = {"sparse": ROOT, **({"baseline": old} if old else {})}
    best: dict[str, tuple[float, float]] = {}
    reports: dict[str, str] = {}
    for _ in range(repeats):  # now and the baseline in turn, each round
        for name, tree in trees.items():
            wall, peak = measure("sparse", folder, out, total, tree)
            before = best.get(name, (wall, peak))
            best[name] = (min(wall, before[0]), max(peak, before[1]))
            reports[name] = out.read_text(encoding="utf-8")
    cells = [f"{best[name][0]:6.2f} s {best[name][1]:5.0f} MB" for name in trees]
    for mode, limit in (("each", most[0]), ("dense", most[1])):
        if total > limit:
            cells.append("(not run)")
            continue
        wall, peak = measure(mode, folder, out, total)
        cells.append(f"{wall:6.2f} s {peak:5.0f} MB")
        reports[mode] = out.read_text(encoding="utf-8")
    differ = [name for name, text in reports.items() if text != reports["sparse"]]
    same = f"  REPORTS DIFFER: sparse and {', '.join(differ)}" if differ else ""
    row = f"{f'{outlets} x {sentences:,}':<20} {total:>9,}"
    return row + "".join(f" {c:>16}" for c in cells) + same


def make_outlets_count(folder: Path, outlets: int, sentences: int) -> int:
    """:func:`make_outlets`, returning how many sentences it wrote."""
    return len(make_outlets(folder, outlets, sentences))


def ecb() -> None:
    from evaluate_align import ecb_units, load_jsonl, score_matrix

    from xlate.compare.align import cluster
    from xlate.compare.scores import SparseScores
    from xlate.compare.terms import Unit
    from xlate.glossary.load import default_glossary_path, load_glossary

    path = shared_or_exit("events", "ecbplus.jsonl")
    glossary, _ = load_glossary([default_glossary_path()])
    every = [u for doc in load_jsonl(path) for u in ecb_units(doc, glossary)]
    random.Random(7).shuffle(every)
    items = [
        Unit(f"o{k // 1000}", k % 1000, u.english, u.concepts, u.quotes)
        for k, u in enumerate(every[:10_000])
    ]
    print(f"ECB+, 10 outlets x 1,000 sentences ({len({u.english for u in items}):,} distinct):")
    found = {}
    for name, scorer in (("sparse", SparseScores), ("dense", score_matrix)):
        start = time.perf_counter()
        scores = scorer(items)
        middle = time.perf_counter()
        found[name] = cluster(items, scores)
        end = time.perf_counter()
        facts = sum(len({items[i].outlet for i in g}) > 1 for g in found[name])
        took = f"scores {middle - start:5.2f} s, clustering {end - middle:5.2f} s"
        print(f"  {name:<7} {took}, {facts:,} facts")
    print("  the same facts" if found["sparse"] == found["dense"] else "  FACTS DIFFER")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=10)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--difflib-pairs", type=int, default=20_000)
    parser.add_argument("--growth", action="store_true", help="the growth table only")
    parser.add_argument("--dense-up-to", type=int, default=10_000, metavar="N")
    parser.add_argument("--each-up-to", type=int, default=20_000, metavar="N")
    parser.add_argument("--ecb", action="store_true", help="real ECB+ sentences only")
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        metavar="REV",
        help=f"growth: the sparse column of xlate at this git revision too (default {BASELINE}; "
        "'none' to leave it out)",
    )
    parser.add_argument(
        "--repeats", type=int, default=1, help="growth: best of this many runs (now, baseline)"
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="the growth table on outlets of real ECB+ sentences (needs ../shared)",
    )
    args = parser.parse_args()
    if args.ecb:
        ecb()
        return
    if args.growth or args.real:
        baseline = None if args.baseline == "none" else args.baseline
        growth(args.dense_up_to, args.each_up_to, args.real, baseline, args.repeats)
        return
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

    from evaluate_align import score_matrix

    from xlate.compare.terms import Unit

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
    print(f"  pair scoring, xlate.compare.scores.score_matrix      {ours:12,.0f} pairs/s")
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
