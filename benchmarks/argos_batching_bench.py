"""The Argos path against argostranslate's own way of translating, side by side in one run.

    python benchmarks/argos_batching_bench.py [--articles 120] [--repeats 3] [--size tiny|base]
                                              [--default-articles 20]
                                              [--baseline REV | --baseline none]

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
  xlate at REV, whole command    the same command with xlate at git revision ``--baseline``
                                 (default 99f74a2, before the work on issue 33), run in turn
                                 with the current tree so both meet the same moments of the VM
  xlate engine, in process       ``ArgosEngine.translate`` of all the sentences in one call

The import of ``argostranslate.translate`` (stanza, spaCy, torch) is done before any
in-process timing.

Target for the articles (issue 33): xlate's whole command at least 1.3x faster than
"argostranslate, per-core", a baseline that runs in process with its translators loaded
(start-up, reading and writing are counted for xlate only).

Then one article alone, judged against three baselines (every column of it decodes up to
CTranslate2's own bound, 256 tokens, as argostranslate's call does, also with ``--size base``):

  whole processes      argostranslate's whole process (benchmarks/argostranslate_process.py,
                       timed from spawn to exit: Python's start-up, ``import
                       argostranslate.translate``, its translation for the installed package
                       built by ``get_translation_from_codes`` with per-core threads
                       (``ARGOS_INTER_THREADS`` = cores, ``ARGOS_INTRA_THREADS`` = 1), the
                       article through ``translate()``) against xlate's whole command. Target:
                       xlate no slower.
  lean process         argostranslate's options on per-core translators in the leanest
                       process that runs them (benchmarks/argos_options_process.py: Python,
                       ``import ctranslate2`` and ``sentencepiece``, the model loaded, the
                       article): "that baseline plus start-up", with the start-up any program
                       on this path pays. Target: xlate no slower.
  in process + start-up  argostranslate's per-core call on translators already loaded and
                       warm, plus xlate's own start-up (``xlate --help``), against xlate's
                       whole command: a stricter reading still; it counts neither the import
                       of CTranslate2, nor the model's load, nor CTranslate2's first call
                       (which builds its kernels) for the baseline, and xlate's command pays
                       all three.

The outputs of argostranslate's call path and of xlate's engine are compared sentence by
sentence (a thread or batch setting must not change a translation).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from itertools import count
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from _shared import best, unpack  # noqa: E402
from build_tiny_argos import BASE, TINY, build  # noqa: E402

from xlate.engines.argos import ArgosEngine, ArgosOptions, usable_cores  # noqa: E402
from xlate.glossary.tmx import read_tmx  # noqa: E402

BASELINE = "99f74a2"  # xlate before the work on issue 33
UNBOUNDED = 256  # CTranslate2's own max_decoding_length, which argostranslate's call leaves
LEAN = "argostranslate's options, lean process"


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


def xlate_command(
    inputs: Path, out: Path, env: dict[str, str], decoding: int
) -> Callable[[], None]:
    """The command, into a new folder under ``out`` each run (nothing is removed in the
    timing; a folder already holding outputs would be skipped, as a resumed batch is):
    ``out`` is the version's own."""
    runs = count()
    articles = len(list(inputs.iterdir()))

    def run() -> None:
        folder = out / f"run-{next(runs)}"
        done = subprocess.run(
            [sys.executable, "-m", "xlate", "translate", str(inputs), "--out", str(folder),
             "--engine", "argos", "--no-cache", "--max-decoding-length", str(decoding)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"xlate translate failed ({done.returncode}): {done.stderr[-2000:]}")
        written = len(list(folder.glob("*.en.json")))
        if written != articles:  # a run that skipped or lost files times nothing
            raise SystemExit(f"xlate translate wrote {written} of {articles} articles")

    return run


def script_process(script: str, args: list[str], env: dict[str, str]) -> Callable[[], None]:
    """A baseline script of this folder run as a process of its own, for one article:
    argostranslate's whole process (argostranslate_process.py), or its options in the
    leanest process (argos_options_process.py)."""
    path = Path(__file__).resolve().parent / script

    def run() -> None:
        done = subprocess.run(
            [sys.executable, str(path), *args],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0 or not done.stdout.strip():
            raise SystemExit(f"{script} failed ({done.returncode}): {done.stderr[-2000:]}")

    return run


class Timed(NamedTuple):
    seconds: float  # the best wall-clock time
    cpu: float  # the best CPU time (user and system) of its processes: less disturbed by a busy VM


def in_turn(runs: dict[str, Callable[[], None]], repeats: int) -> dict[str, Timed]:
    """The best times of each run (a command run in child processes), the runs taken in turn
    each round, so that they meet the same moments of a shared VM."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            used = children_cpu()
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(children_cpu() - used)
    return {name: Timed(min(times[name]), min(cpu[name])) for name in runs}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        metavar="REV",
        help=f"xlate's revision to run beside the current tree (default {BASELINE}), or none",
    )
    args = parser.parse_args()
    cores = usable_cores()
    size, decoding = (BASE, 48) if args.size == "base" else (TINY, 256)
    docs = articles(args.articles)
    flat = [s for doc in docs for s in doc]
    print(f"{len(docs)} articles, {len(flat)} sentences, {args.size} random ru->en model, "
          f"{cores} cores, best of {args.repeats}, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        archive = build(tmp / "models", "ru", "en", eos_bias=0.3, size=size)
        packages = tmp / "packages"
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(packages)
        env = dict(os.environ, ARGOS_PACKAGES_DIR=str(packages), PYTHONPATH=str(ROOT))
        os.environ["ARGOS_PACKAGES_DIR"] = str(packages)  # before argostranslate is imported
        versions = {"xlate": env}
        if args.baseline != "none":
            older = unpack(args.baseline, tmp / "baseline")
            versions[f"xlate at {args.baseline}"] = dict(env, PYTHONPATH=str(older))
        import argostranslate.translate  # noqa: F401  (stanza, torch: not in the timings)

        engine = ArgosEngine(ArgosOptions(packages_dir=packages, max_decoding_length=decoding))
        [package] = engine.path("ru", "en")
        pkg, model = package.pkg, Path(package.pkg.package_path) / "model"
        per_core = argos_translator(model, cores, 1)
        if args.size == "base":
            per_core_way = lambda: argos_capped(pkg, per_core, docs, decoding)  # noqa: E731
        else:
            per_core_way = lambda: argos_way(pkg, per_core, docs)  # noqa: E731

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
        one_argos = best(lambda: argos_way(pkg, per_core, docs[:1]), args.repeats)
        engine_out: list[Any] = []
        engine_seconds = best(
            lambda: engine_out.__setitem__(slice(None), engine.translate(flat, "ru", "en")),
            args.repeats,
        )
        write_articles(tmp / "articles", docs)
        whole = in_turn(
            {
                n: xlate_command(tmp / "articles", tmp / f"out-{k}", e, decoding)
                for k, (n, e) in enumerate(versions.items())
            },
            args.repeats,
        )
        write_articles(tmp / "one", docs[:1])
        (tmp / "one.json").write_text(json.dumps(docs[0]), encoding="utf-8")
        argos_env = dict(env, ARGOS_INTER_THREADS=str(cores), ARGOS_INTRA_THREADS="1")
        one = in_turn(
            {
                "argostranslate": script_process(
                    "argostranslate_process.py", [str(tmp / "one.json")], argos_env
                ),
                LEAN: script_process(
                    "argos_options_process.py",
                    [str(package.pkg.package_path), str(tmp / "one.json")],
                    env,
                ),
                **{
                    n: xlate_command(tmp / "one", tmp / f"out-one-{k}", e, UNBOUNDED)
                    for k, (n, e) in enumerate(versions.items())
                },
            },
            args.repeats,
        )
        startup = command_time([sys.executable, "-m", "xlate", "--help"], env, args.repeats)
        same = None
        if args.size == "tiny":  # sentence by sentence: argostranslate joins an article's
            # tokens into one text, which cannot be cut back into its sentences
            theirs = argos_way(pkg, per_core, [[s] for s in flat])
            same = [t.text for t in engine_out] == [value for [value] in theirs]

    def row(label: str, seconds: float, note: str = "") -> None:
        print(f"  {label:<40} {seconds:8.2f} s {len(flat) / seconds:9.1f} sentences/s  {note}")

    if default_seconds is not None:
        row("argostranslate, its threads", default_seconds,
            f"(measured on {min(args.default_articles, len(docs))} articles, scaled)")  # fmt: skip
    row("argostranslate, per-core", per_core_seconds)
    for name, timed in whole.items():
        row(f"{name}, whole command", timed.seconds,
            f"{per_core_seconds / timed.seconds:.2f}x argostranslate per-core; "
            f"CPU {timed.cpu:.2f} s")  # fmt: skip
    row("xlate engine, in process", engine_seconds)
    if default_seconds is not None:
        print(f"  the thread plan alone: {default_seconds / per_core_seconds:.1f}x "
              "(argostranslate's threads / the same calls on per-core translators)")  # fmt: skip
    ratio = per_core_seconds / whole["xlate"].seconds
    print(f"  target, xlate's whole command >= 1.3x argostranslate per-core: {ratio:.2f}x, "
          f"{'holds' if ratio >= 1.3 else 'not met'}")  # fmt: skip
    print(f"one article ({len(docs[0])} sentences), whole processes:")
    for name, timed in one.items():
        what = "whole process" if name == "argostranslate" else "whole command"
        label = name if name == LEAN else f"{name}, {what}"
        print(f"  {label:<40} {timed.seconds:8.2f} s  CPU {timed.cpu:.2f} s")
    print(
        "  (argostranslate's: start-up, import argostranslate.translate, its per-core "
        "translator, the article;\n   lean: start-up, import ctranslate2 and sentencepiece, "
        "per-core translators, the article with argostranslate's options)"
    )
    for name, what in (("argostranslate", "argostranslate's whole process"), (LEAN, LEAN)):
        verdict = "holds" if one["xlate"].seconds <= one[name].seconds else "not met"
        print(f"  target, xlate no slower than {what}: {verdict}")
    mine = one["xlate"].seconds
    verdict = "holds" if mine <= one_argos + startup else "not met"
    print(f"one article, in process + start-up: argostranslate per-core, translators loaded, "
          f"{one_argos:.2f} s + xlate start-up (xlate --help) {startup:.2f} s = "
          f"{one_argos + startup:.2f} s against xlate's whole command {mine:.2f} s: "
          f"{verdict}")  # fmt: skip
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
