"""Which glossary protection works better on a real model: placeholder or inline?

    python benchmarks/glossary_mode_bench.py [--packages-dir DIR] [--tiny]

Translates every Russian and Japanese sentence of the sample bundle with the installed Argos
model for each pair, once per mode, and reports the share of glossary terms kept (and, for
placeholders, how many tokens the model lost). This is the experiment the glossary issue asks
for. It needs real models (`xlate models install ru en`, `xlate models install ja en`), which
cannot be downloaded on this project's machines: there, `--tiny` runs the same code on the
random-weight test package, and its figures mean nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

from xlate.engines.argos import ArgosEngine, ArgosOptions
from xlate.engines.enforce import MODES, GlossaryEngine, check_terms
from xlate.errors import NoModelError
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.tmx import read_tmx

ROOT = Path(__file__).resolve().parent.parent


def sentences(lang: str) -> list[str]:
    units = read_tmx(ROOT / "samples" / "japan-sanctions" / "memory.tmx")
    return sorted({u.source for u in units if u.source_lang == lang and u.target_lang == "en"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages-dir", type=Path, help="Argos packages (default: ARGOS_*)")
    parser.add_argument("--tiny", action="store_true", help="use the random-weight test package")
    args = parser.parse_args()
    glossary, _ = load_glossary([default_glossary_path()])
    packages = args.packages_dir
    if args.tiny:
        sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
        from build_tiny_argos import build

        packages = Path(tempfile.mkdtemp()) / "packages"
        for pair in (("ru", "en"), ("ja", "en")):
            with zipfile.ZipFile(build(packages.parent / "models", *pair)) as zf:
                zf.extractall(packages)
        print("tiny random-weight packages: the figures below mean nothing\n")
    argos = ArgosEngine(ArgosOptions(packages_dir=packages, max_decoding_length=64))
    print(f"{'pair':<7}{'mode':<13}{'sentences':>10}{'terms':>7}{'kept':>8}{'tokens lost':>13}")
    for lang in ("ru", "ja"):
        if not argos.covers(lang, "en"):
            print(f"{lang}->en  {NoModelError(lang, 'en')}")
            continue
        texts = sentences(lang)
        for mode in MODES:
            results = GlossaryEngine(argos, glossary, mode).translate(texts, lang, "en")
            terms = kept = lost = 0
            for text, result in zip(texts, results, strict=True):
                if result is None:
                    continue
                checks = check_terms(glossary, glossary.scan(text, lang), result.text, lang)
                terms += len(checks)
                kept += sum(c.status == "kept" for c in checks)
                lost += sum(flag.startswith("term-lost:") for flag in result.flags)
            share = f"{kept / terms:.1%}" if terms else "-"
            print(f"{lang}->en  {mode:<13}{len(texts):>10}{terms:>7}{share:>8}{lost:>13}")


if __name__ == "__main__":
    main()
