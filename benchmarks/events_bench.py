"""Grouping articles into events: B-cubed F1 on real news, and time and memory at scale.

    python benchmarks/events_bench.py [--skip-scale]

- ECB+ (../shared/data/events/ecbplus.jsonl): all 982 documents in one pile, gold = subtopic
  (the two subtopics of a topic are similar but different events). Printed for xlate's grouping
  and for a simple baseline (tf-idf over words, single linkage at 0.3, no dates), on the whole
  pile and on the two halves by topic (odd topics were used to choose the settings, even ones
  were held out).
- WMT22 (../shared/data/wmt22/): Russian (and Japanese) news sources and the English references
  of the same documents: each source with its reference is one event across languages, different
  documents different events. Read, detected, segmented and translated by xlate's own pipeline,
  the references as a translation memory (no MT model needed), and again with an MT system's
  output (Online-B) as the memory instead: real machine-translation wording.
- Time and peak memory of the grouping for 1,000 and 10,000 synthetic articles (ECB+ documents
  with their words shuffled into new events), in a child process each.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._shared import ROOT, shared_or_exit

sys.path.insert(0, str(ROOT / "tests"))
from evaluate_events import bcubed, ecb_documents, stories, write_wmt

from xlate.grouping.cluster import group
from xlate.grouping.model import Document, Settings

JUDGED = ROOT / "tests" / "data" / "wmt22-ru-same-story.json"


def baseline(docs: Sequence[Document], threshold: float = 0.3) -> list[list[int]]:
    """tf-idf over lower-cased words, cosine, connected components of pairs above threshold."""
    import numpy as np

    vocab: dict[str, int] = {}
    rows = []
    for doc in docs:
        counts = Counter(re.findall(r"\w+", f"{doc.title} {doc.english}".lower()))
        rows.append({vocab.setdefault(w, len(vocab)): c for w, c in counts.items()})
    df = np.zeros(len(vocab))
    for row in rows:
        df[list(row)] += 1
    idf = np.log(len(docs) / df)
    matrix = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for i, row in enumerate(rows):
        for k, c in row.items():
            matrix[i, k] = c * idf[k]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    sims = matrix @ matrix.T
    parent = list(range(len(docs)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in zip(*np.nonzero(np.triu(sims, 1) >= threshold), strict=True):
        parent[find(int(a))] = find(int(b))
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(docs)):
        groups[find(k)].append(k)
    return list(groups.values())


PARTS: list[tuple[str, Callable[[int, str], bool]]] = [
    ("all 982", lambda topic, sub: True),
    ("odd topics (tuned)", lambda topic, sub: topic % 2 == 1),
    ("even topics (held)", lambda topic, sub: topic % 2 == 0),
    # One subtopic per topic: distinct events, as in most piles (only ecbplus ones are dated).
    ("ecb half", lambda topic, sub: sub.endswith("_ecb")),
    ("ecbplus half (dated)", lambda topic, sub: sub.endswith("_ecbplus")),
]


def ecb(settings: Settings) -> None:
    from xlate.glossary.load import default_glossary_path, load_glossary

    # As `xlate events` reads them: numbers and the default glossary's concepts found too.
    glossary, _ = load_glossary([default_glossary_path()], check_forms=False)
    docs, gold, topics = ecb_documents(shared_or_exit("events", "ecbplus.jsonl"), glossary)
    print(f"ECB+: {len(docs)} documents, {len(set(gold))} events (subtopics), one pile")
    print(f"{'pile':<22}{'method':<10}{'P':>7}{'R':>7}{'F1':>7}{'events':>8}{'time':>8}")
    for name, keep in PARTS:
        picked = [k for k in range(len(docs)) if keep(int(topics[k]), gold[k])]
        part, labels = [docs[k] for k in picked], [gold[k] for k in picked]
        start = time.perf_counter()
        base = baseline(part)
        took_base = time.perf_counter() - start
        start = time.perf_counter()
        found = group(part, settings)
        took = time.perf_counter() - start
        for method, clusters, seconds in (
            ("baseline", base, took_base),
            ("xlate", [list(g) for g in found.groups], took),
        ):
            p, r, f = bcubed(clusters, labels)
            multi = sum(1 for g in clusters if len(g) > 1)
            print(f"{name:<22}{method:<10}{p:7.3f}{r:7.3f}{f:7.3f}{multi:8d}{seconds:7.2f}s")
    big(docs, gold, settings)
    found = group(docs, settings)
    print(
        f"threshold applied {found.threshold:.3f} (floor {settings.threshold}, null model "
        f"{found.null_threshold:.3f})"
    )
    # The null: pairs of documents of different topics must not share a group.
    cross = sum(
        1
        for g in found.groups
        for x, a in enumerate(g)
        for b in g[x + 1 :]
        if topics[a] != topics[b]
    )
    print(f"pairs of different topics grouped together: {cross}")


def big(docs: Sequence[Document], gold: Sequence[str], settings: Settings) -> None:
    """Large events: three ECB+ events told by nine times as many articles (each copy keeps a
    random 70% of the sentences of its original, in another order), in the whole pile, so
    that their words are common in it."""
    import dataclasses
    import random

    rng = random.Random(1)
    picked = [k for k, g in enumerate(gold) if g in ("3_ecbplus", "5_ecbplus", "12_ecb")]
    pile, labels = list(docs), list(gold)
    for k in picked:
        for copy in range(8):
            kept = [s for s in docs[k].english.split(" . ") if rng.random() < 0.7]
            rng.shuffle(kept)
            doc = docs[k]
            pile.append(
                dataclasses.replace(
                    doc,
                    id=f"{doc.id}-{copy}",
                    outlet=f"{doc.outlet}-{copy}",
                    english=" . ".join(kept),
                )
            )
            labels.append(gold[k])
    for name, chosen in (
        ("terms in at most 150 articles searched", settings),
        ("at most 50 (before)", dataclasses.replace(settings, min_df_cap=50)),
    ):
        found = group(pile, chosen)
        p, r, f = bcubed([list(g) for g in found.groups], labels)
        sizes = Counter(labels)
        largest = {
            sub: max(sum(1 for k in g if labels[k] == sub) for g in found.groups)
            for sub in ("3_ecbplus", "5_ecbplus", "12_ecb")
        }
        shown = ", ".join(f"{largest[s]} of {sizes[s]}" for s in largest)
        print(
            f"3 events of 90-171 articles in {len(pile)}, {name}: P {p:.3f} R {r:.3f} "
            f"F1 {f:.3f}; largest part of each: {shown}"
        )


def wmt(settings: Settings) -> None:
    import tempfile

    from xlate.engines.chain import build_chain
    from xlate.grouping.run import events

    print("\nWMT22 news: each source and its English reference one event, across languages")
    print("gold 'document': every document its own event; 'story': documents judged to report")
    print("one story (tests/data/wmt22-ru-same-story.json) are one event")
    print(
        f"{'set':<8}{'English of the source':<24}{'gold':<10}{'files':>6}{'failed':>7}"
        f"{'P':>7}{'R':>7}{'F1':>7}{'events':>7}{'time':>8}"
    )
    for name in ("ru-en", "ja-en"):
        for memory_from in ("ref", "Online-B"):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                memory, gold = write_wmt(
                    shared_or_exit("wmt22", f"{name}.jsonl"), folder, memory_from
                )
                chain = build_chain("memory", memories=[memory])
                start = time.perf_counter()
                found, errors = events(
                    [str(p) for p in sorted(folder.glob("*.txt"))], chain, settings=settings
                )
                took = time.perf_counter() - start
                ids = [a.id for e in found.events for a in e.articles]
                ids += [a.id for a in found.unassigned]
                clusters = [[ids.index(a.id) for a in e.articles] for e in found.events]
                clusters += [[ids.index(a.id)] for a in found.unassigned]
                shown = "reference (TMX)" if memory_from == "ref" else f"MT: {memory_from}"
                for kind, labels in (("document", gold), ("story", stories(gold, JUDGED))):
                    p, r, f = bcubed(clusters, [labels[i] for i in ids])
                    print(
                        f"{name:<8}{shown:<24}{kind:<10}{len(gold):>6}{len(errors):>7}{p:7.3f}"
                        f"{r:7.3f}{f:7.3f}{len(found.events):>7}{took:7.2f}s"
                    )


def synthetic(
    docs: Sequence[Document], gold: Sequence[str], n: int
) -> tuple[list[Document], list[str]]:
    """``n`` articles: copies of the ECB+ documents, each copy a new set of events. In copy c
    nine words in ten (names, numbers and all) are renamed the same way in every document, so
    a copy's documents of one subtopic stay as alike as the originals, and unlike the same
    documents of other copies; each copy's events are dated a year apart."""
    import zlib

    out, labels = [], []
    copy = 0
    while len(out) < n:

        def rename(match: re.Match[str], c: int = copy) -> str:
            word = match.group()
            tag = "".join(chr(ord("a") + int(d)) for d in str(c))  # letters: words keep no digits
            return word if zlib.crc32(f"{c}{word.lower()}".encode()) % 10 == 0 else f"{word}q{tag}"

        for doc, label in zip(docs, gold, strict=True):
            if len(out) == n:
                break
            year = 2000 + copy
            when = f"{year}{doc.date[4:]}" if doc.date else ""
            out.append(
                Document(
                    f"{doc.id}-{copy}",
                    doc.path,
                    f"{doc.outlet}-{copy}",
                    "en",
                    when,
                    re.sub(r"\w+", rename, doc.title),
                    re.sub(r"\w+", rename, doc.title),
                    re.sub(r"\w+", rename, doc.english),
                )
            )
            labels.append(f"{label}-{copy}")
        copy += 1
    return out, labels


def _child(n: int, max_df: float, settings: Settings) -> None:
    """Group ``n`` synthetic articles; print seconds, peak memory and B-cubed as JSON."""
    import dataclasses
    import resource

    docs, gold, _ = ecb_documents(shared_or_exit("events", "ecbplus.jsonl"))
    docs, gold = synthetic(docs, gold, n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    found = group(docs, dataclasses.replace(settings, max_df=max_df))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    f = bcubed([list(g) for g in found.groups], gold)[2]
    print(json.dumps({"seconds": seconds, "before": before, "peak": peak, "f1": f}))


def scale() -> None:
    print("\nScale: grouping synthetic articles (already translated), one child process each")
    print("candidate search over terms in at most 5% of the articles or 150 (xlate)")
    print("against every term")
    print("(every pair sharing any word is formed: the baseline)")
    print(
        f"{'articles':>9}{'search':>10}{'seconds':>9}{'peak MB':>9}{'before grouping':>16}{'F1':>7}"
    )
    for n in (1000, 10000):
        for name, max_df in (("xlate", Settings().max_df), ("all", 1.0)):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(n), str(max_df)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            r = json.loads(out)
            print(
                f"{n:>9}{name:>10}{r['seconds']:9.2f}{r['peak']:9.0f}{r['before']:16.0f}"
                f"{r['f1']:7.3f}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--child", nargs=2, metavar=("N", "MAX_DF"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    overrides = {k: type(getattr(Settings(), k))(v) for k, v in (s.split("=") for s in args.set)}
    settings = Settings(**overrides)
    if args.child:
        _child(int(args.child[0]), float(args.child[1]), settings)
        sys.exit(0)
    ecb(settings)
    wmt(settings)
    if not args.skip_scale:
        scale()
