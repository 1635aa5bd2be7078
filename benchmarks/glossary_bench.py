"""Glossary speed: scanning 1 MB of Russian text, and loading a 1,000-concept glossary.

    python benchmarks/glossary_bench.py [--megabytes 1]

The Russian text is real: ../shared/data/langid/sentences/ru.txt repeated to size (the sample
bundle's Russian articles when ../shared is absent). The 1,000-concept glossary is the bundled
one repeated with renamed ids and forms. Targets: scan under 1 s; load under 50 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from _shared import best

from xlate.glossary.exchange import format_glossary
from xlate.glossary.match import Concept, default_glossary_path, load_glossary

ROOT = Path(__file__).resolve().parent.parent
SHARED_RU = ROOT.parent / "shared" / "data" / "langid" / "sentences" / "ru.txt"


def russian_text(size: int) -> tuple[str, str]:
    if SHARED_RU.exists():
        base, source = SHARED_RU.read_text(encoding="utf-8"), str(SHARED_RU)
    else:
        from xlate.ingest.bundle import load_manifest, read_bundle

        articles, _ = read_bundle(load_manifest(ROOT / "samples" / "japan-sanctions"))
        base = "\n\n".join(a.text for a in articles if a.language == "ru")
        source = "the sample bundle's Russian articles"
    text = base
    while len(text.encode("utf-8")) < size:
        text += "\n" + base
    return text, source


def _renamed(concept: Concept, n: int) -> Concept:
    def forms(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(f"{f} {n}" for f in values) for lang, values in table.items()}

    return replace(
        concept,
        id=f"{concept.id}-copy{n}",
        preferred={lang: f"{form} {n}" for lang, form in concept.preferred.items()},
        variants=forms(concept.variants),
        forbidden=forms(concept.forbidden),
        en_from={lang: f"{form} {n}" for lang, form in concept.en_from.items()},
    )


def big_glossary(folder: Path, concepts: int) -> Path:
    """The bundled glossary repeated to ``concepts`` concepts, every copy's forms renamed."""
    original, _ = load_glossary([default_glossary_path()])
    copies = [_renamed(c, n) if n else c for n in range(concepts // len(original.concepts) + 1)
              for c in original.concepts][:concepts]  # fmt: skip
    path = folder / "big.toml"
    path.write_text(format_glossary(copies), encoding="utf-8")
    return path


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
