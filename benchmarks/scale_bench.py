"""Scaling out: local --jobs 1, --jobs 2 and --executor ray on the same batches, side by side.

    python benchmarks/scale_bench.py [--copies 100] [--argos-copies 10] [--repeats 3]

Two batches, each run the three ways with the same options, and their outputs compared:

  memory   the sample bundle x100 through its translation memory: no MT, so what is measured
           is preparation (read, extract, segment, detect: the part Ray tasks take over) and the
           driver's work (memory, checks, writes)
  argos    the sample bundle x10 through the tiny random-weight Argos packages (ru→en and
           ja→en, tests/fixtures/build_tiny_argos.py, end-of-sentence bias 0.3: outputs of
           5-55 tokens), no cache: every sentence goes through CTranslate2

Ray runs on a local instance that the benchmark starts (as ``--executor ray`` without
``--address`` does): its start-up (``ray.init``) and the first run (worker processes
starting, imports, models loading in the actors) are reported apart from the best warm run.
On one machine Ray can only add overhead to ``--jobs``; the figures say how much, and what a
node adds per CPU is the per-translator rate.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from bundles import make_bundle  # noqa: E402

from xlate.engines import Engine  # noqa: E402
from xlate.engines.argos import ArgosOptions  # noqa: E402
from xlate.engines.chain import build_chain  # noqa: E402
from xlate.engines.memory import MemoryEngine  # noqa: E402
from xlate.ingest.bundle import load_manifest  # noqa: E402
from xlate.ingest.pile import Pile, read_pile  # noqa: E402
from xlate.translate.batch import translate_batch  # noqa: E402
from xlate.translate.results import BatchResult, TranslateOptions  # noqa: E402


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("[!.]*.en.json"))}


def timed(
    inputs: Pile, out: Path, chain: Sequence[Engine], jobs: int, executor: Any = None
) -> tuple[float, BatchResult]:
    start = time.perf_counter()
    batch = translate_batch(inputs, out, chain, TranslateOptions(jobs=jobs), executor=executor)
    return time.perf_counter() - start, batch


def measure(
    name: str,
    inputs: Pile,
    chain: Sequence[Engine],
    tmp: Path,
    repeats: int,
    ray_executor: Callable[[], Any],
) -> None:
    rows: list[tuple[str, float, float | None, BatchResult, Path]] = []
    for jobs in (1, 2):
        best = float("inf")
        for run in range(repeats):
            out = tmp / f"{name}-jobs{jobs}-{run}"
            elapsed, batch = timed(inputs, out, chain, jobs)
            best = min(best, elapsed)
        rows.append((f"local --jobs {jobs}", best, None, batch, out))
    executor = ray_executor()
    remote = executor.engines(chain)  # translators built once, as in one long batch
    first, best = None, float("inf")
    for run in range(repeats + 1):
        out = tmp / f"{name}-ray-{run}"
        elapsed, batch = timed(inputs, out, remote, 1, executor)
        if first is None:
            first = elapsed
        else:
            best = min(best, elapsed)
    count = len(executor.translator_processes())
    rows.append((f"ray ({count} translators)" if count else "ray", best, first, batch, out))
    executor.close()
    baseline = outputs(rows[0][4])
    for label, elapsed, cold, batch, out in rows:
        sentences = sum(r.sentences for r in batch.results if r.status == "ok")
        same = "identical" if outputs(out) == baseline else "DIFFERENT"
        extra = f" (first run, workers starting: {cold:.2f} s)" if cold is not None else ""
        print(f"  {label:<24} {sentences:>7,} sentences  best of {repeats}: {elapsed:6.2f} s  "
              f"{sentences / elapsed:>8,.0f} sentences/s  outputs {same}{extra}")  # fmt: skip


def tiny_packages(folder: Path) -> Path:
    from build_tiny_argos import build

    packages = folder / "packages"
    for source in ("ru", "ja"):
        with zipfile.ZipFile(build(folder / "models", source, "en", eos_bias=0.3)) as zf:
            zf.extractall(packages)
    return packages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="memory batch: bundle x N")
    parser.add_argument("--argos-copies", type=int, default=10, help="argos batch: bundle x N")
    parser.add_argument("--repeats", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        import ray

        from xlate.translate.ray_executor import RayExecutor

        start = time.perf_counter()
        ray.init(address="local", include_dashboard=False, log_to_driver=False,
                 _node_ip_address="127.0.0.1")  # fmt: skip
        print(f"Ray start-up (ray.init, local instance): {time.perf_counter() - start:.2f} s, "
              f"{ray.cluster_resources().get('CPU', 0):.0f} CPUs")  # fmt: skip

        memory_bundle = make_bundle(tmp / "memory-bundle", args.copies)
        memory = [MemoryEngine.from_files(load_manifest(memory_bundle).memories)]
        warm = read_pile([ROOT / "samples" / "japan-sanctions"])
        translate_batch(warm, tmp / "warm", memory, TranslateOptions())  # imports, tables
        print(f"memory: the sample bundle x{args.copies}")
        measure("memory", read_pile([memory_bundle]), memory, tmp, args.repeats, RayExecutor)

        argos_bundle = make_bundle(tmp / "argos-bundle", args.argos_copies)
        options = ArgosOptions(packages_dir=tiny_packages(tmp))
        argos = build_chain("argos", use_cache=False, argos_options=options)
        translate_batch(warm, tmp / "warm-argos", argos, TranslateOptions())  # models loaded
        print(f"argos: the sample bundle x{args.argos_copies}, tiny packages, no cache")
        measure("argos", read_pile([argos_bundle]), argos, tmp, args.repeats, RayExecutor)
        ray.shutdown()


if __name__ == "__main__":
    main()
