"""Glossary speed: scanning 1 MB of Russian text, and loading a 1,000-concept glossary.

    python benchmarks/glossary_bench.py [--megabytes 1]

The Russian text is real: ../shared/data/langid/sentences/ru.txt repeated to size (the sample
bundle's Russian articles when ../shared is absent). The 1,000-concept glossary is the bundled
one repeated with renamed ids and forms. Targets: scan under 1 s; load under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tomllib
from pathlib import Path

from xlate.glossary import default_glossary_path, load_glossary

ROOT = Path(__file__).resolve().parent.parent
SHARED_RU = ROOT.parent / "shared" / "data" / "langid" / "sentences" / "ru.txt"


def russian_text(size: int) -> tuple[str, str]:
    if SHARED_RU.exists():
        base, source = SHARED_RU.read_text(encoding="utf-8"), str(SHARED_RU)
    else:
        from xlate.bundle import load_manifest, read_bundle

        articles, _ = read_bundle(load_manifest(ROOT / "samples" / "japan-sanctions"))
        base = "\n\n".join(a.text for a in articles if a.language == "ru")
        source = "the sample bundle's Russian articles"
    text = base
    while len(text.encode("utf-8")) < size:
        text += "\n" + base
    return text, source


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML


def _renamed(value: object, n: int) -> object:
    if isinstance(value, str):
        return f"{value} {n}"
    if isinstance(value, list):
        return [_renamed(v, n) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, n) for k, v in value.items()}
    return value


def big_glossary(folder: Path, concepts: int) -> Path:
    """The bundled glossary repeated to ``concepts`` concepts, every copy's forms renamed."""
    original = tomllib.loads(default_glossary_path().read_text(encoding="utf-8"))["concept"]
    lines = []
    for n in range(concepts // len(original) + 1):
        for concept in original:
            copy = concept if n == 0 else {
                **_renamed(concept, n), "id": f"{concept['id']}-copy{n}", "type": concept["type"]
            }  # fmt: skip
            lines.append("[[concept]]")
            for key, value in copy.items():
                if isinstance(value, dict):
                    lines += [f"{key}.{lang} = {_toml(v)}" for lang, v in value.items()]
                else:
                    lines.append(f"{key} = {_toml(value)}")
            lines.append("")
            if len(lines) and sum(1 for x in lines if x == "[[concept]]") >= concepts:
                break
    path = folder / "big.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def best(run, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    glossary, _ = load_glossary([default_glossary_path()])
    text, source = russian_text(int(args.megabytes * 1024 * 1024))
    glossary.scan("прогрев", "ru")  # build the matcher once
    cold = time.perf_counter()
    matches = glossary.scan(text, "ru")
    cold = time.perf_counter() - cold
    warm = best(lambda: glossary.scan(text, "ru"), 3)
    size = len(text.encode("utf-8")) / 1024 / 1024
    print(f"scan {size:.2f} MB of Russian ({source}) with {len(glossary.concepts)} concepts:")
    print(f"  {len(matches):,} matches; first pass {cold:.2f} s, later passes {warm:.2f} s "
          "(target < 1 s)")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = big_glossary(Path(tmp), 1000)
        loaded, problems = load_glossary([path])
        load = best(lambda: load_glossary([path], check_forms=False))
        checked = best(lambda: load_glossary([path]))
    print(
        f"load a {len(loaded.concepts):,}-concept glossary ({len(problems)} problems): "
        f"{load * 1000:.0f} ms (target < 50 ms); with the shared-form check that "
        f"`xlate glossary check` runs: {checked * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
