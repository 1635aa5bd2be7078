"""The Argos path against argostranslate's own way of translating, side by side in one run.

    python benchmarks/argos_batching_bench.py [--articles 120] [--repeats 3] [--size tiny|base]
                                              [--default-articles 20]

Every column translates the same Russian articles (8 to 14 sentences of the sample bundle each)
with the same random-weight ru->en package that tests/fixtures/build_tiny_argos.py builds
(``tiny``: one layer, d_model 32, end-of-sentence bias 0.3; ``base``: six layers, d_model 512,
outputs bounded to 48 tokens, as in argos_threads_bench.py):

  argostranslate, its threads    argostranslate's own call path, in process: a translator built
                                 as ``PackageTranslation.hypotheses`` builds it (its settings:
                                 inter_threads 1, intra_threads 0), and each article through
                                 ``argostranslate.translate.apply_packaged_translation`` (one
                                 ``translate_batch`` an article, batch_type "tokens", 32, beam 4,
                                 length penalty 0.2). Its sentence splitter needs a download, so
                                 the splitter handed to it returns xlate's sentences. Slow on
                                 few cores: run on --default-articles articles, scaled to all.
  argostranslate, per-core       the same call path on one single-threaded translator per core
                                 (xlate's thread plan): argostranslate's options, xlate's threads
  xlate, whole command           ``xlate translate DIR --out OUT --engine argos --no-cache``, a
                                 new process: start-up, reading, detection, the glossary,
                                 writing the outputs included
  xlate engine, in process       ``ArgosEngine.translate`` of all the sentences in one call

Then one article alone: the whole xlate command against argostranslate's per-core way plus
xlate's start-up (``xlate --help``). The outputs of argostranslate's call path and of xlate's
engine are compared sentence by sentence (a thread or batch setting must not change a
translation).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from _shared import best  # noqa: E402
from build_tiny_argos import BASE, TINY, build  # noqa: E402

from xlate.engines.argos import ArgosEngine, ArgosOptions, usable_cores  # noqa: E402
from xlate.glossary.tmx import read_tmx  # noqa: E402


def articles(count: int) -> list[list[str]]:
    russian = sorted({u.source for u in read_tmx(ROOT / "samples/japan-sanctions/memory.tmx")
                      if u.source_lang == "ru" and u.target_lang == "en"})  # fmt: skip
    rng = random.Random(7)
    return [rng.sample(russian, k=rng.randint(8, 14)) for _ in range(count)]


class GivenSentences:
    """A sentence splitter for argostranslate's call path that returns xlate's sentences."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = list(sentences)

    def split_sentences(self, text: str) -> list[str]:
        return self.sentences


def argos_translator(model: Path, inter_threads: int, intra_threads: int) -> Any:
    """A CTranslate2 translator built as argostranslate's ``PackageTranslation`` builds it."""
    import ctranslate2
    from argostranslate import settings

    return ctranslate2.Translator(
        str(model),
        device=settings.device,
        inter_threads=inter_threads,
        intra_threads=intra_threads,
        compute_type=settings.compute_type,
    )


def argos_way(pkg: Any, translator: Any, docs: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each article through argostranslate's ``apply_packaged_translation``, sentence by
    sentence as it translates them (one ``translate_batch`` per article)."""
    from argostranslate.translate import apply_packaged_translation

    out = []
    for doc in docs:
        # apply_packaged_translation joins the sentences' tokens into one hypothesis; called
        # per sentence list it is one translate_batch per article, as argostranslate does.
        [hypothesis] = apply_packaged_translation(
            pkg, " ".join(doc), translator, GivenSentences(doc), 1
        )
        out.append([hypothesis.value])
    return out


def write_articles(folder: Path, docs: Sequence[Sequence[str]]) -> None:
    folder.mkdir(parents=True)
    for i, doc in enumerate(docs):
        (folder / f"article-{i:04d}.txt").write_text(" ".join(doc) + "\n", encoding="utf-8")


def command_time(args: list[str], env: dict[str, str], repeats: int) -> float:
    def run() -> None:
        subprocess.run(args, env=env, check=False, capture_output=True)

    return best(run, repeats)


def xlate_command(inputs: Path, out: Path, env: dict[str, str]) -> Callable[[], None]:
    def run() -> None:
        if out.exists():
            subprocess.run(["rm", "-rf", str(out)], check=True)
        done = subprocess.run(
            [sys.executable, "-m", "xlate", "translate", str(inputs), "--out", str(out),
             "--engine", "argos", "--no-cache"],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"xlate translate failed ({done.returncode}): {done.stderr[-2000:]}")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--size", choices=("tiny", "base"), default="tiny")
    parser.add_argument(
        "--default-articles",
        type=int,
        default=20,
        help="articles for argostranslate's own thread settings, whose threads spin on few "
        "cores (0 skips that column)",
    )
    args = parser.parse_args()
    cores = usable_cores()
    size, decoding = (BASE, 48) if args.size == "base" else (TINY, 256)
    docs = articles(args.articles)
    flat = [s for doc in docs for s in doc]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        archive = build(tmp / "models", "ru", "en", eos_bias=0.3, size=size)
        packages = tmp / "packages"
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(packages)
        env = dict(os.environ, ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
        os.environ["ARGOS_PACKAGES_DIR"] = str(packages)  # before argostranslate is imported
        engine = ArgosEngine(ArgosOptions(packages_dir=packages, max_decoding_length=decoding))
        [package] = engine.path("ru", "en")
        pkg, model = package.pkg, Path(package.pkg.package_path) / "model"
        per_core = argos_translator(model, cores, 1)
        if args.size == "base":
            per_core_way = lambda: argos_capped(pkg, per_core, docs, decoding)  # noqa: E731
        else:
            per_core_way = lambda: argos_way(pkg, per_core, docs)  # noqa: E731

        print(f"{len(docs)} articles, {len(flat)} sentences, {args.size} random ru->en model, "
              f"{cores} cores, best of {args.repeats}", flush=True)  # fmt: skip
        default_seconds = None
        if args.default_articles:
            spinning = argos_translator(model, 1, 0)
            few = docs[: args.default_articles]
            start = time.perf_counter()
            if args.size == "base":
                argos_capped(pkg, spinning, few, decoding)
            else:
                argos_way(pkg, spinning, few)
            default_seconds = (time.perf_counter() - start) * len(docs) / len(few)
        per_core_seconds = best(per_core_way, args.repeats)
        engine_out: list[Any] = []
        engine_seconds = best(
            lambda: engine_out.__init__(engine.translate(flat, "ru", "en")), args.repeats
        )
        write_articles(tmp / "articles", docs)
        whole = best(xlate_command(tmp / "articles", tmp / "out", env), args.repeats)
        write_articles(tmp / "one", docs[:1])
        one_whole = best(xlate_command(tmp / "one", tmp / "out-one", env), args.repeats)
        one_argos = best(lambda: argos_way(pkg, per_core, docs[:1]), args.repeats)
        startup = command_time([sys.executable, "-m", "xlate", "--help"], env, args.repeats)
        same = None
        if args.size == "tiny":  # sentence by sentence: argostranslate joins an article's
            # tokens into one text, which cannot be cut back into its sentences
            theirs = argos_way(pkg, per_core, [[s] for s in flat])
            same = [t.text for t in engine_out] == [value for [value] in theirs]

    def row(label: str, seconds: float, note: str = "") -> None:
        print(f"  {label:<34} {seconds:8.2f} s {len(flat) / seconds:9.1f} sentences/s  {note}")

    if default_seconds is not None:
        row("argostranslate, its threads", default_seconds,
            f"(measured on {min(args.default_articles, len(docs))} articles, scaled)")  # fmt: skip
    row("argostranslate, per-core", per_core_seconds)
    row("xlate, whole command", whole, f"{per_core_seconds / whole:.2f}x argostranslate per-core")
    row("xlate engine, in process", engine_seconds)
    if default_seconds is not None:
        print(f"  the thread plan alone: {default_seconds / per_core_seconds:.1f}x "
              "(argostranslate's threads / the same calls on per-core translators)")  # fmt: skip
    print(f"one article ({len(docs[0])} sentences): xlate whole command {one_whole:.2f} s; "
          f"argostranslate per-core {one_argos:.2f} s + xlate start-up {startup:.2f} s = "
          f"{one_argos + startup:.2f} s")  # fmt: skip
    if same is not None:
        print(f"identical outputs (xlate engine vs argostranslate's decoding): {same}")


def argos_capped(
    pkg: Any, translator: Any, docs: Sequence[Sequence[str]], decoding: int
) -> list[list[str]]:
    """argostranslate's options, with outputs bounded as for xlate's engine: a random
    base-size model rarely chooses to stop, and argostranslate's call has no such bound."""
    from argostranslate import settings

    out = []
    for doc in docs:
        translator.translate_batch(
            [pkg.tokenizer.encode(s) for s in doc],
            replace_unknowns=True,
            max_batch_size=settings.batch_size,
            batch_type="tokens",
            beam_size=settings.beam_size,
            num_hypotheses=1,
            length_penalty=0.2,
            max_decoding_length=decoding,
        )
        out.append(list(doc))
    return out


if __name__ == "__main__":
    main()
