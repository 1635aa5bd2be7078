"""How one article's sentences are best cut into sub-batches over the per-core translators.

    python benchmarks/argos_sub_batch_bench.py [--articles 40] [--repeats 5] [--size tiny|base]

Each article (8 to 14 of the sample bundle's Russian sentences, as in argos_batching_bench.py)
is one ``translate_batch`` call on one single-threaded translator per core, with xlate's
decoding options, as ``xlate translate`` of a single article makes it. The sub-batch size is
the call's sentences divided by (translators x SHARES), rounded up: SHARES 1 gives each
translator one sub-batch (CTranslate2 sorts the sentences by length, so one translator gets
the longest), more shares let a translator that finished its short sub-batch take another.
Also argostranslate's own options on the same translators (token batches of 32: one
sub-batch an article). Prints the time per article of each, best of ``--repeats`` rounds
taken in turn, and whether every setting gives the same translations.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from argos_batching_bench import argos_translator, articles  # noqa: E402
from build_tiny_argos import BASE, TINY, build  # noqa: E402

from xlate.engines.argos import (  # noqa: E402
    LENGTH_PENALTY,
    ArgosEngine,
    ArgosOptions,
    usable_cores,
)

SHARES = (1, 2, 3, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--size", choices=("tiny", "base"), default="tiny")
    args = parser.parse_args()
    cores = usable_cores()
    size, decoding = (BASE, 48) if args.size == "base" else (TINY, 256)
    docs = articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        archive = build(tmp / "models", "ru", "en", eos_bias=0.3, size=size)
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp / "packages")
        engine = ArgosEngine(ArgosOptions(packages_dir=tmp / "packages"))
        [package] = engine.path("ru", "en")
        translator = argos_translator(Path(package.pkg.package_path) / "model", cores, 1)
        tokens = [[package.pkg.tokenizer.encode(s) for s in doc] for doc in docs]

        def run(options: dict[str, object]) -> list[list[list[str]]]:
            out = []
            for doc in tokens:
                size = options.get("shares")
                batch = {"max_batch_size": -(-len(doc) // (cores * size))} if size else {}
                extra = {k: v for k, v in options.items() if k != "shares"}
                results = translator.translate_batch(
                    doc, replace_unknowns=True, beam_size=4, length_penalty=LENGTH_PENALTY,
                    max_decoding_length=decoding, **batch, **extra,
                )  # fmt: skip
                out.append([r.hypotheses[0] for r in results])
            return out

        settings: dict[str, dict[str, object]] = {
            f"{k} sub-batch(es) a translator": {"shares": k} for k in SHARES
        }
        settings["argostranslate's token batches of 32"] = {
            "max_batch_size": 32,
            "batch_type": "tokens",
        }
        run(settings[next(iter(settings))])  # the translators' first call, not timed
        times: dict[str, list[float]] = {name: [] for name in settings}
        outputs = {}
        for _ in range(args.repeats):
            for name, options in settings.items():
                start = time.perf_counter()
                outputs[name] = run(options)
                times[name].append(time.perf_counter() - start)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(docs)} articles one call each, {args.size} model, {cores} per-core "
          f"translators, best of {args.repeats}, load average {load}")  # fmt: skip
    for name, found in times.items():
        print(f"  {name:<40} {min(found) / len(docs) * 1000:7.1f} ms an article")
    first = next(iter(outputs.values()))
    print(f"identical translations in every setting: {all(o == first for o in outputs.values())}")


if __name__ == "__main__":
    main()
