"""CTranslate2 models of each family beside the Argos path, in one run.

    python benchmarks/ct2_engines_bench.py [--articles 40] [--repeats 3]

Builds the tiny random-weight models of tests/fixtures (an Argos ru→en package, and OPUS-MT,
M2M-100 and NLLB-200 folders converted by CTranslate2's TransformersConverter) and times, on
the same Russian articles (sentences of the sample memory), with the mean output length:

  engine    the engine's translate() on every sentence at once (model loaded, no cache)
  command   `xlate translate DIR --engine E --no-cache --no-glossary`, whole process

Throughput is in sentences per second; the Argos line is the baseline. The tiny models differ
in vocabulary and decoding length (their outputs are meaningless), so the figures compare the
paths' overheads, not real models' speeds. Last, the Argos package's own model and
SentencePiece model laid out as an OPUS-MT folder: whether both engines give identical text.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from _shared import best  # noqa: E402
from argos_batching_bench import articles  # noqa: E402
from build_tiny_argos import build as build_argos  # noqa: E402
from build_tiny_ct2 import FAMILIES  # noqa: E402
from build_tiny_ct2 import build as build_ct2  # noqa: E402

from xlate.engines.argos import ArgosEngine, ArgosOptions  # noqa: E402
from xlate.engines.ct2 import CT2Engine  # noqa: E402


def command(engine: str, inputs: Path, out: Path, env: dict[str, str]) -> float:
    """Seconds of one whole `xlate translate` process."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [sys.executable, "-m", "xlate", "translate", str(inputs), "--out", str(out)]
    argv += ["--engine", engine, "--no-cache", "--no-glossary", "--to", "en"]
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    docs = articles(args.articles)
    flat = [s for doc in docs for s in doc]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        packages = tmp / "packages"
        with zipfile.ZipFile(build_argos(tmp / "models", "ru", "en")) as zf:
            zf.extractall(packages)
        folders = {family: build_ct2(tmp / "ct2", family) for family in FAMILIES}
        inputs = tmp / "in"
        inputs.mkdir()
        for n, doc in enumerate(docs):
            (inputs / f"a{n:03}.txt").write_text("\n\n".join(doc), encoding="utf-8")
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "PYTHONPATH": str(ROOT)}
        env |= {"XDG_CACHE_HOME": str(tmp / "cache"), "XDG_CONFIG_HOME": str(tmp / "config")}
        options = ArgosOptions(packages_dir=packages)
        engines = {"argos": ArgosEngine(options)}
        engines |= {f"ct2:{f}": CT2Engine(f, options) for f in folders.values()}
        names = {"argos": "argos (baseline)"}
        names |= {f"ct2:{f}": f"ct2 {family}" for family, f in folders.items()}
        print(f"{len(docs)} articles, {len(flat)} Russian sentences, best of {args.repeats}")
        print(
            f"  {'engine':<18} {'engine s':>9} {'sent/s':>8} {'command s':>10} {'sent/s':>8} "
            f"{'out chars':>9}"
        )
        for key, engine in engines.items():
            engine.translate(flat[:2], "ru", "en")  # the model loaded before timing
            found = [t.text for t in engine.translate(flat, "ru", "en") if t]
            chars = sum(map(len, found)) / len(found)  # decoding length drives the time
            alone = best(lambda e=engine: e.translate(flat, "ru", "en"), args.repeats)
            whole = min(
                command(key, inputs, tmp / "out", env) for _ in range(args.repeats)
            )  # fmt: skip
            print(
                f"  {names[key]:<18} {alone:9.2f} {len(flat) / alone:8.1f} "
                f"{whole:10.2f} {len(flat) / whole:8.1f} {chars:9.1f}"
            )
        same = tmp / "opus-mt-ru-en"
        package = next(packages.iterdir())
        shutil.copytree(package / "model", same)
        for name in ("source.spm", "target.spm"):
            shutil.copy(package / "sentencepiece.model", same / name)
        by_argos = [t.text for t in engines["argos"].translate(flat, "ru", "en") if t]
        by_ct2 = [t.text for t in CT2Engine(same, options).translate(flat, "ru", "en") if t]
        print(f"  identical text, one model through both engines: {by_argos == by_ct2}")


if __name__ == "__main__":
    main()
