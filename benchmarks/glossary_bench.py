"""Glossary precision on real news, and speed: scanning 1 MB of Russian, loading 1,000 concepts.

    python benchmarks/glossary_bench.py [--megabytes 1] [--baseline REF]

Precision and recall: every glossary hit on 300 Russian and 300 Japanese WMT22 news
sentences (../shared/data/wmt22), looked up in the judged set tests/data/glossary_judged_*.tsv
(tests/data/glossary_judged.md); skipped when ../shared is absent. Targets: precision >= 0.95
per language, recall of the judged terms >= 0.9.

Speed: the check of a translation run, sentence by sentence (the sample bundle's memory, x100);
and the Russian text is real: ../shared/data/langid/sentences/ru.txt repeated to size (the
sample bundle's Russian articles when ../shared is absent). The 1,000-concept glossary is the
bundled one repeated with renamed ids and forms. Targets: scan under 1 s; load under 50 ms.

Every figure is printed beside the baseline's, taken in the same run: the matcher and the
glossary of git commit REF (default: the commit before the precision work), read with
`git show` into a temporary module.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

from _shared import SHARED, best

from xlate.glossary.concepts import Concept
from xlate.glossary.exchange import format_glossary
from xlate.glossary.load import default_glossary_path, load_glossary

ROOT = Path(__file__).resolve().parent.parent
SHARED_RU = SHARED / "langid" / "sentences" / "ru.txt"
BASELINE = "42e6336"  # the glossary and matcher before issue #14
sys.path.insert(0, str(ROOT / "tests"))

from judged_glossary import measure, news_sentences  # noqa: E402


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
        ambiguous=forms(concept.ambiguous),
        context=tuple(f"{cid}-copy{n}" if n else cid for cid in concept.context),
    )


def big_glossary(folder: Path, concepts: int) -> Path:
    """The bundled glossary repeated to ``concepts`` concepts, every copy's forms renamed."""
    original, _ = load_glossary([default_glossary_path()])
    copies = [_renamed(c, n) if n else c for n in range(concepts // len(original.concepts) + 1)
              for c in original.concepts][:concepts]  # fmt: skip
    path = folder / "big.toml"
    path.write_text(format_glossary(copies), encoding="utf-8")
    return path


def baseline_module(ref: str, folder: Path) -> tuple[ModuleType, Path]:
    """xlate/glossary.py and glossaries/diplomatic.toml as they were at ``ref``."""
    files = {}
    for name in ("xlate/glossary.py", "glossaries/diplomatic.toml"):
        shown = subprocess.run(["git", "show", f"{ref}:{name}"], cwd=ROOT, capture_output=True)
        if shown.returncode:
            sys.exit(f"the baseline {ref}:{name} cannot be read (a shallow clone?); "
                     "give another commit with --baseline REF")  # fmt: skip
        files[name] = folder / Path(name).name
        files[name].write_bytes(shown.stdout)
    spec = importlib.util.spec_from_file_location("baseline_glossary", files["xlate/glossary.py"])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_glossary"] = module
    spec.loader.exec_module(module)
    return module, files["glossaries/diplomatic.toml"]


def precision_report(baseline: Any) -> None:
    wmt = SHARED / "wmt22"
    if not wmt.exists():
        print(f"precision: skipped, {wmt} is absent")
        return
    current, _ = load_glossary([default_glossary_path()])
    print("precision and recall on 300 judged WMT22 news sentences per language "
          "(targets >= 0.95 and >= 0.9):")  # fmt: skip
    for lang in ("ru", "ja"):
        sentences = news_sentences(wmt / f"{lang}-en.jsonl")
        for name, glossary in (("baseline", baseline), ("now", current)):
            f = measure(glossary, lang, sentences)
            print(
                f"  {lang} {name:>8}: {len(glossary.concepts)} concepts, {f.hits} hits, "
                f"{len(f.false)} false, precision {f.precision:.3f}, recall {f.recall:.3f} "
                f"({f.expected - len(f.missed)}/{f.expected} judged terms)"
                + (f", {len(f.unjudged)} hits not judged yet" if f.unjudged else "")
            )
        for sid, surface, concept in f.false:
            print(f"      false: {sid} {surface!r} -> {concept}")
        for sid, surface, concept in f.unjudged:
            print(f"      not judged: {sid} {surface!r} -> {concept}")


def check_report(baseline: Any, copies: int = 100) -> None:
    """The check of a translation run, sentence by sentence: each source sentence scanned
    and its English scanned for the concepts kept (the sample bundle's memory, ru and ja)."""
    from xlate.glossary.tmx import read_tmx

    units = [u for u in read_tmx(ROOT / "samples" / "japan-sanctions" / "memory.tmx")
             if u.source_lang in ("ru", "ja")] * copies  # fmt: skip
    print(f"check {len(units):,} translated sentences one by one (the sample memory's ru and "
          f"ja units x{copies}: source scanned, English scanned for kept terms):")  # fmt: skip
    glossaries = {"baseline": baseline, "now": load_glossary([default_glossary_path()])[0]}

    def run(g: Any) -> None:
        for unit in units:
            g.scan(unit.source, unit.source_lang)
            g.scan(unit.target, "en", overlapping=True)

    took = dict.fromkeys(glossaries, float("inf"))
    for _ in range(8):  # alternate the two, so that a busy moment of the VM hits both alike
        for name, glossary in glossaries.items():
            start = time.perf_counter()
            run(glossary)  # the first round builds the matchers
            took[name] = min(took[name], time.perf_counter() - start)
    for name, seconds in took.items():
        print(f"  {name:>8}: {seconds:.2f} s, {len(units) / seconds:,.0f} sentences/s (best of 8)")


def speed_report(megabytes: float, module: Any, baseline: Any) -> None:
    text, source = russian_text(int(megabytes * 1024 * 1024))
    size = len(text.encode("utf-8")) / 1024 / 1024
    print(f"scan {size:.2f} MB of Russian ({source}), target < 1 s:")
    for name, glossary in (
        ("baseline", baseline),
        ("now", load_glossary([default_glossary_path()])[0]),
    ):
        glossary.scan("прогрев", "ru")  # build the matcher once
        cold = time.perf_counter()
        matches = glossary.scan(text, "ru")
        cold = time.perf_counter() - cold
        warm = best(lambda g=glossary: g.scan(text, "ru"), 3)
        print(f"  {name:>8}: {len(glossary.concepts)} concepts, {len(matches):,} matches; "
              f"first pass {cold:.2f} s, later passes {warm:.2f} s")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = big_glossary(Path(tmp), 1000)
        print("load a 1,000-concept glossary, target < 50 ms (with the shared-form check "
              "that `xlate glossary check` runs):")  # fmt: skip
        for name, load in (("baseline", module.load_glossary), ("now", load_glossary)):
            loaded, problems = load([path])
            fast = best(lambda lo=load: lo([path], check_forms=False))
            checked = best(lambda lo=load: lo([path]))
            print(f"  {name:>8}: {len(loaded.concepts):,} concepts ({len(problems)} problems) "
                  f"{fast * 1000:.0f} ms; checked {checked * 1000:.0f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--baseline", default=BASELINE, help="git commit of the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        module, toml = baseline_module(args.baseline, Path(tmp))
        baseline, _ = module.load_glossary([toml])
        precision_report(baseline)
        speed_report(args.megabytes, module, baseline)
        check_report(baseline)


if __name__ == "__main__":
    main()
