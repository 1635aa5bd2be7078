"""CTranslate2 threads and batch size on this machine: the sweep behind xlate's Argos defaults.

    python benchmarks/argos_threads_bench.py [--sentences 1000] [--size tiny|base] [--repeats 2]

Runs xlate's real Argos path (sentencepiece, CTranslate2 ``translate_batch``, detokenising) on a
random-weight package that tests/fixtures/build_tiny_argos.py builds: ``tiny`` (one layer,
d_model 32: the cost is mostly per call and per thread hand-off) or ``base`` (six layers,
d_model 512, ffn 2048: the layer sizes of a Transformer-base model like Argos's own, so the
arithmetic costs what a real model's does). Every setting translates the same sentences; the
outputs are compared with the first setting's, since a thread or batch setting must never
change a translation.

Prints sentences/s for each (inter_threads, intra_threads, batch size) and the setting that
``xlate.engines.argos.default_threads`` picks for this machine's cores, beside argostranslate's
defaults (inter 1, intra 0 = all cores, batches of 32).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from _shared import best  # noqa: E402
from build_tiny_argos import BASE, TINY, build  # noqa: E402

from xlate.engines.argos import ArgosEngine, ArgosOptions, default_threads  # noqa: E402
from xlate.glossary.tmx import read_tmx  # noqa: E402


def sentences(count: int) -> list[str]:
    russian = sorted({u.source for u in read_tmx(ROOT / "samples/japan-sanctions/memory.tmx")
                      if u.source_lang == "ru" and u.target_lang == "en"})  # fmt: skip
    rng = random.Random(7)
    return [rng.choice(russian) for _ in range(count)]


def settings(cores: int) -> list[tuple[int, int, int]]:
    """(inter_threads, intra_threads, batch size) to try; argostranslate's default first."""
    threads = [(1, 0), (1, 1), (1, cores), (cores, 1)]
    seen: list[tuple[int, int, int]] = []
    for inter, intra in threads:
        for batch in (8, 32, 64, 256):
            if (inter, intra, batch) not in seen:
                seen.append((inter, intra, batch))
    return [(1, 0, 32)] + [s for s in seen if s != (1, 0, 32)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--size", choices=("tiny", "base"), default="tiny")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--max-decoding-length",
        type=int,
        default=48,
        help="tokens at most per output (default 48, a long news sentence): random base-size "
        "weights rarely choose to stop, so this bounds their cost like a real sentence's",
    )
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    texts = sentences(args.sentences)
    size = BASE if args.size == "base" else TINY
    with tempfile.TemporaryDirectory() as tmp:
        archive = build(Path(tmp) / "models", "ru", "en", eos_bias=0.3, size=size)
        packages = Path(tmp) / "packages"
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(packages)
        print(f"{len(texts)} sentences, {args.size} random ru->en model, {cores} cores, "
              f"best of {args.repeats}")  # fmt: skip
        print(
            f"  {'inter':>5} {'intra':>5} {'batch':>5}  {'seconds':>8}  {'sentences/s':>11}  same"
        )
        reference: list[str] | None = None
        figures: dict[tuple[int, int, int], float] = {}
        for inter, intra, batch in settings(cores):
            engine = ArgosEngine(
                ArgosOptions(
                    packages_dir=packages,
                    inter_threads=inter,
                    intra_threads=intra,
                    batch_size=batch,
                    max_decoding_length=args.max_decoding_length,
                )
            )
            [package] = engine.path("ru", "en")
            out: list[str] = []
            seconds = best(lambda p=package, o=out: o.__init__(p.translate(texts)), args.repeats)
            reference = reference or list(out)
            figures[(inter, intra, batch)] = len(texts) / seconds
            note = "  (argostranslate's default)" if (inter, intra, batch) == (1, 0, 32) else ""
            print(
                f"  {inter:>5} {intra:>5} {batch:>5}  {seconds:8.2f}  "
                f"{len(texts) / seconds:11.1f}  {out == reference}{note}",
                flush=True,
            )
    chosen = default_threads(cores)
    fastest = max(figures, key=figures.__getitem__)
    print(f"fastest here: inter {fastest[0]}, intra {fastest[1]}, batch {fastest[2]}")
    print(
        f"xlate's default for {cores} cores: inter {chosen.inter_threads}, intra "
        f"{chosen.intra_threads}, batch {chosen.batch_size} -> "
        f"{figures.get((chosen.inter_threads, chosen.intra_threads, chosen.batch_size), 0):.1f} "
        f"sentences/s against {figures[(1, 0, 32)]:.1f} with argostranslate's defaults"
    )


if __name__ == "__main__":
    main()
