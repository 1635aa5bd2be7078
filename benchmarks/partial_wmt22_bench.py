"""Partial articles on real news: WMT22 news documents through a memory of every reference.

Each news document of WMT22 ru-en and ja-en is written as an article (its paragraphs, the
sentences of each joined by a space); a TMX holds every source sentence with its human
reference. xlate segments the articles itself, so some of its sentences are cut differently
from the memory's and have no exact entry. Printed side by side from the same run: articles
written all-or-nothing (``--strict``, the behaviour before partial articles) and by default,
then, for the default run, whether every sentence with a memory entry was delivered as that
entry and every sentence without one was flagged ``untranslated``.

    python benchmarks/partial_wmt22_bench.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _shared import shared_or_exit

from xlate import __version__
from xlate.engines.chain import build_chain
from xlate.engines.memory import normalise
from xlate.glossary.tmx import TranslationUnit, format_tmx
from xlate.ingest.pile import read_pile
from xlate.translate.batch import translate_batch
from xlate.translate.results import TranslateOptions


def write_corpus(lang: str, folder: Path) -> tuple[Path, dict[str, str]]:
    """The news documents of one pair as JSON articles under ``folder``, and the memory."""
    articles = folder / lang
    articles.mkdir(parents=True)
    units: dict[str, str] = {}
    path = shared_or_exit("wmt22", f"{lang}-en.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for src_par, ref_par in zip(doc["src"], doc["ref"], strict=True):
            for src, ref in zip(src_par, ref_par, strict=True):
                if src.strip() and ref.strip():
                    units.setdefault(normalise(src), ref)
        if doc["domain"] != "news":
            continue
        text = "\n\n".join(_paragraph(p) for p in doc["src"])
        article = {"id": doc["id"], "text": text, "language": lang}
        (articles / f"{doc['id']}.json").write_text(json.dumps(article), encoding="utf-8")
    tmx = folder / f"{lang}.tmx"
    pairs = [TranslationUnit(lang, s, "en", t) for s, t in units.items()]
    tmx.write_text(format_tmx(pairs, __version__), encoding="utf-8")
    return articles, units


def _paragraph(sentences: list[str]) -> str:
    """A paragraph's sentences joined by spaces; one without final punctuation (a headline)
    stands as a paragraph of its own, as it does on a page."""
    text = ""
    for sentence in sentences:
        if text:
            text += " " if text.rstrip()[-1:] in _ENDS else "\n\n"
        text += sentence
    return text


_ENDS = set('.!?…。！？」』»"”)')


def run(lang: str, folder: Path, strict: bool) -> dict[str, int]:
    articles, units = write_corpus(lang, folder / ("strict" if strict else "default"))
    memory = folder / ("strict" if strict else "default") / f"{lang}.tmx"
    chain = build_chain("memory", memories=[memory])
    out = folder / f"out-{lang}-{strict}"
    batch = translate_batch(read_pile([articles]), out, chain, TranslateOptions(), strict=strict)
    figures = {
        "articles": len(batch.results),
        "written": sum(r.status in ("ok", "partial") for r in batch.results),
        "partial": sum(r.status == "partial" for r in batch.results),
    }
    if strict:
        return figures
    covered = delivered = uncovered = flagged = letterless = wrong = 0
    for path in out.glob("*.en.json"):
        for record in json.loads(path.read_text(encoding="utf-8"))["sentences"]:
            entry = units.get(normalise(record["source"]))
            if entry is not None:
                covered += 1
                delivered += record["translation"] == entry and record["engine"] == "memory"
            elif record["lang"] == "und":  # "...", "!": nothing to translate, passed as is
                letterless += 1
            else:
                uncovered += 1
                flagged += "untranslated" in record["flags"]
            wrong += record["engine"] == "none" and entry is not None
    return figures | {
        "sentences with an entry": covered,
        "delivered as the entry": delivered,
        "sentences without": uncovered,
        "flagged untranslated": flagged,
        "without letters": letterless,
        "entry missed": wrong,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("ru", "ja"):
            before = run(lang, Path(tmp), strict=True)
            now = run(lang, Path(tmp), strict=False)
            print(
                f"{lang}-en news: {now['articles']} articles; written all-or-nothing "
                f"(--strict, as before): {before['written']}; written now: {now['written']} "
                f"({now['partial']} partial)"
            )
            print("  " + ", ".join(f"{k} {v}" for k, v in now.items() if k not in before))


if __name__ == "__main__":
    main()
