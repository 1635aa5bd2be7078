"""Argos/CTranslate2: sentences batched across articles versus one call per article.

    python benchmarks/argos_batching_bench.py [--articles 60] [--repeats 3]

Runs the real path on the tiny random-weight package that tests/fixtures/build_tiny_argos.py
builds (end-of-sentence bias 0.3, so outputs run 5-55 tokens). Three ways, same sentences:

  argos-style   one translate_batch per article with argostranslate's own options
                (batch_type="tokens", max_batch_size=ARGOS_BATCH_SIZE=32 tokens)
  per-article   one translate_batch per article with xlate's options
  xlate         every article's sentences in one translate_batch (xlate's engine)

The outputs of the last two are compared: batching must not change a translation.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from _shared import best  # noqa: E402
from build_tiny_argos import build  # noqa: E402

from xlate.engines.argos import ArgosEngine, ArgosOptions  # noqa: E402
from xlate.glossary.tmx import read_tmx  # noqa: E402


def articles(count: int) -> list[list[str]]:
    russian = sorted({u.source for u in read_tmx(ROOT / "samples/japan-sanctions/memory.tmx")
                      if u.source_lang == "ru" and u.target_lang == "en"})  # fmt: skip
    rng = random.Random(7)
    return [rng.sample(russian, k=rng.randint(8, 14)) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = build(Path(tmp) / "models", "ru", "en", eos_bias=0.3)
        packages = Path(tmp) / "packages"
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(packages)
        engine = ArgosEngine(ArgosOptions(packages_dir=packages))
        [package] = engine.path("ru", "en")
        docs = articles(args.articles)
        flat = [s for doc in docs for s in doc]
        tokenizer, translator = package.pkg.tokenizer, package.translator

        def argos_style() -> None:
            for doc in docs:
                translator.translate_batch(
                    [tokenizer.encode(s) for s in doc],
                    replace_unknowns=True,
                    max_batch_size=32,
                    batch_type="tokens",
                    beam_size=4,
                    num_hypotheses=1,
                    length_penalty=0.2,
                )

        per_article: list[str] = []
        batched: list[str] = []
        argos_time = best(argos_style, args.repeats)
        single_time = best(
            lambda: per_article.__init__(t for doc in docs for t in package.translate(doc)),
            args.repeats,
        )
        batched_time = best(lambda: batched.__init__(package.translate(flat)), args.repeats)
    n = len(flat)
    print(f"{len(docs)} articles, {n} sentences, tiny ru->en model, best of {args.repeats}")
    print(f"  argos-style (per article)  {argos_time:6.2f} s  {n / argos_time:7.1f} sentences/s")
    print(f"  per article, xlate options {single_time:6.2f} s  {n / single_time:7.1f} sentences/s")
    print(
        f"  xlate, across articles     {batched_time:6.2f} s  {n / batched_time:7.1f} sentences/s"
    )
    print(f"  speed-up vs argos-style    {argos_time / batched_time:6.2f}x")
    print(f"  speed-up from batching     {single_time / batched_time:6.2f}x")
    print(f"  identical output           {per_article == batched}")


if __name__ == "__main__":
    main()
