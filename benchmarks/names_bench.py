"""Names in context (issue #30): what the glossary's context rules change on real text.

    python benchmarks/names_bench.py [--all] [--baseline REV]

1. Precision and recall on the judged WMT22 sentences, the tuning set and the held-out set
   (tests/data/glossary_judged.md), with the glossary now and the one of git revision
   ``--baseline`` (default: main; the glossary file read by today's loader), in the same run.
   Targets: held-out precision >= 0.98, recall not lower than the baseline's.
2. Every match the baseline makes and the glossary now does not, on real text nobody here
   wrote: the WMT22 documents, each scanned whole (ru, ja; every domain), the language-ID
   sentences (ru, ja, en) of ../shared/data/langid, the article bodies of
   ../shared/data/pages and the ECB+ news of ../shared/data/events; printed with the words
   around it, one line each, to be read: every one must name something else. ``--all``
   prints them all (else 40 per corpus).

Skipped when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _shared import shared_or_exit

from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary, Match

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from judged_glossary import held_out_sentences, measure, news_sentences  # noqa: E402


def baseline_glossary(rev: str, folder: Path) -> Glossary:
    """The bundled glossary as it was at git revision ``rev``, read by today's loader."""
    shown = subprocess.run(["git", "show", f"{rev}:glossaries/diplomatic.toml"], cwd=ROOT,
                           capture_output=True, check=True)  # fmt: skip
    path = folder / "diplomatic.toml"
    path.write_bytes(shown.stdout)
    return load_glossary([path])[0]


def judged_report(glossaries: dict[str, Glossary], wmt: Path) -> None:
    print("judged WMT22 sentences (targets: held-out precision >= 0.98, recall not lower):")
    for lang in ("ru", "ja"):
        path = wmt / f"{lang}-en.jsonl"
        sets = (
            ("tuning", news_sentences(path), False),
            ("held-out", held_out_sentences(path), True),
        )
        for name, sentences, held in sets:
            for which, glossary in glossaries.items():
                f = measure(glossary, lang, sentences, held_out=held)
                print(
                    f"  {lang} {name:>8} {which:>13}: {f.hits} hits, {len(f.false)} false, "
                    f"precision {f.precision:.3f}, recall {f.recall:.3f} "
                    f"({f.expected - len(f.missed)}/{f.expected})"
                    + (f", {len(f.unjudged)} not judged" if f.unjudged else "")
                )


def corpora(shared: Path) -> list[tuple[str, str, list[str]]]:
    """(name, lang, texts): WMT22 documents whole, the language-ID sentences, and the
    saved pages' article bodies (mostly English) and the ECB+ English news documents."""
    found = []
    for lang in ("ru", "ja"):
        docs = []
        with (shared / "wmt22" / f"{lang}-en.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                doc = json.loads(line)
                docs.append("\n".join(" ".join(para) for para in doc["src"]))
        found.append((f"wmt22 {lang} documents", lang, docs))
    for lang in ("ru", "ja", "en"):
        path = shared / "langid" / "sentences" / f"{lang}.txt"
        found.append((f"langid {lang} sentences", lang, path.read_text("utf-8").splitlines()))
    pages = json.loads((shared / "pages" / "ground-truth.json").read_text("utf-8"))
    bodies = [page["articleBody"] for page in pages.values()]
    found.append(("pages article bodies as en", "en", bodies))
    with (shared / "events" / "ecbplus.jsonl").open(encoding="utf-8") as lines:
        news = [" ".join(json.loads(line)["sentences"]) for line in lines]
    found.append(("ecbplus en documents", "en", news))
    return found


def _key(m: Match) -> tuple[int, int, str]:
    return (m.start, m.end, m.concept.id)


def taken_away(now: Glossary, plain: Glossary, text: str, lang: str) -> list[Match]:
    """The matches (ambiguous ones too) of ``plain`` that ``now`` does not make."""
    kept = {_key(m) for m in now.scan(text, lang, ambiguous=True)}
    return [m for m in plain.scan(text, lang, ambiguous=True) if _key(m) not in kept]


def changes_report(now: Glossary, plain: Glossary, shared: Path, limit: int | None) -> None:
    print(
        "\nmatches the baseline makes and now does not, on real text "
        "(each must name something else):"
    )
    for name, lang, texts in corpora(shared):
        gone = [(text, m) for text in texts for m in taken_away(now, plain, text, lang)]
        added = sum(len(now.scan(t, lang, ambiguous=True)) for t in texts) - sum(
            len(plain.scan(t, lang, ambiguous=True)) for t in texts
        )
        by_concept = Counter(m.concept.id for _, m in gone)
        print(f"  {name} ({len(texts):,} texts): {len(gone)} gone "
              f"{dict(by_concept) or ''}; net change {added:+d}")  # fmt: skip
        for text, m in gone[:limit]:
            around = text[max(0, m.start - 30) : m.end + 20].replace("\n", " ")
            print(f"      {m.concept.id:<14} {m.surface!r:<16} …{around}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every match gone")
    parser.add_argument("--baseline", default="main", help="git revision of the baseline")
    args = parser.parse_args()
    shared = shared_or_exit()
    now, _ = load_glossary([default_glossary_path()])
    with tempfile.TemporaryDirectory() as tmp:
        plain = baseline_glossary(args.baseline, Path(tmp))
    judged_report({args.baseline: plain, "now": now}, shared / "wmt22")
    changes_report(now, plain, shared, None if args.all else 40)


if __name__ == "__main__":
    main()
