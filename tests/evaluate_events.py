"""Measuring event grouping against references: B-cubed scores, ECB+ and WMT22 as piles.

Used by the tests (floors) and by ``benchmarks/events_bench.py`` (the figures); it lives
beside the tests, not in the installed package, which never reads the shared data. The readers
turn the shared data sets (``../shared/data``) into what xlate would read from saved articles.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.grouping.model import Document
from xlate.numbers import numbers

if TYPE_CHECKING:
    from xlate.glossary.match import Glossary

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DAY_FIRST = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")[a-z]*\.?,?\s+((?:19|20)\d\d)\b"
)
_MONTH_FIRST = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b"
)
_URL_DATE = re.compile(r"/ ((?:19|20)\d\d) / (\d\d) / (\d\d) /")


def bcubed(clusters: Sequence[Sequence[int]], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``clusters`` (every item in exactly one) against
    ``gold`` labels (Bagga and Baldwin 1998: per item, the share of its cluster that shares its
    label, and the share of its label's items that share its cluster)."""
    size = Counter(gold)
    precision = recall = 0.0
    for members in clusters:
        inside = Counter(gold[k] for k in members)
        for k in members:
            precision += inside[gold[k]] / len(members)
            recall += inside[gold[k]] / size[gold[k]]
    p, r = precision / len(gold), recall / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _date(lines: Sequence[str]) -> str:
    for line in lines:
        low = line.lower()
        if m := _URL_DATE.search(low):
            return f"{m[1]}-{m[2]}-{m[3]}"
        if m := _DAY_FIRST.search(low):
            return f"{m[3]}-{_MONTHS.index(m[2]) + 1:02d}-{int(m[1]):02d}"
        if m := _MONTH_FIRST.search(low):
            return f"{m[3]}-{_MONTHS.index(m[1]) + 1:02d}-{int(m[2]):02d}"
    return ""


def ecb_documents(
    path: Path, glossary: Glossary | None = None
) -> tuple[list[Document], list[str], list[str]]:
    """ECB+ documents as saved articles would arrive, with their subtopics and topics.

    The source address and the date line become metadata (the date also from the address),
    the headline the title (ECB documents have none of them); the rest is the text. Numbers
    and (with ``glossary``) concepts are found in the text, as :func:`xlate.grouping.prepare`
    finds them in a source text.
    """
    docs, gold, topics = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        sentences = list(item["sentences"])
        when = _date(sentences[:4])
        outlet = item["doc"]
        title = url = ""
        if sentences and sentences[0].startswith("http"):
            url = sentences.pop(0)
            outlet = url.split("/ ")[2].strip() if url.count("/ ") > 2 else outlet
            sentences = [s for s in sentences if not (_date([s]) and len(s) < 60)]
            title = sentences.pop(0) if sentences else ""
        text = " ".join(sentences)
        concepts = []
        if glossary is not None:
            concepts = [m.concept.id for t in (title, text) for m in glossary.scan(t, "en")]
        docs.append(
            Document(
                item["doc"],
                item["doc"],
                outlet,
                "en",
                when,
                title,
                title,
                text,
                concepts=tuple(concepts),
                numbers=tuple(numbers(title) + numbers(text)),
                url=url,
            )
        )
        gold.append(item["subtopic"])
        topics.append(item["topic"])
    return docs, gold, topics


def write_wmt(source: Path, folder: Path, memory_from: str = "ref") -> tuple[Path, dict[str, str]]:
    """The news documents of a WMT22 file (``ru-en.jsonl``, ``ja-en.jsonl``) as saved articles
    in ``folder``: ``<lang>-<id>.txt`` for the source and for its English reference, paragraphs
    kept; and ``memory.tmx`` from each source sentence to ``memory_from`` (``ref`` for the
    reference, or an MT system's name for its output). Returns the memory and each article id's
    document."""
    from xlate import __version__
    from xlate.glossary.tmx import TranslationUnit, format_tmx

    lang = source.name.split("-")[0]
    gold: dict[str, str] = {}
    units = []
    for line in source.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["domain"] != "news":
            continue
        key = re.sub(r"[^\w.-]", "_", item["id"])
        english = item["ref"] if memory_from == "ref" else item["hyps"][memory_from]
        for side, paragraphs in ((lang, item["src"]), ("en", item["ref"])):
            text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
            (folder / f"{side}-{key}.txt").write_text(text, encoding="utf-8")
            gold[f"{side}-{key}"] = item["id"]
        sources = (s for p in item["src"] for s in p)
        targets = (s for p in english for s in p)
        units += [TranslationUnit(lang, s, "en", t) for s, t in zip(sources, targets, strict=True)]
    memory = folder / "memory.tmx"
    memory.write_text(format_tmx(units, __version__), encoding="utf-8")
    return memory, gold


def stories(gold: dict[str, str], judged: Path) -> dict[str, str]:
    """``gold`` (article id -> document) with the documents judged to report one story
    (``judged``: tests/data/wmt22-ru-same-story.json) given one label."""
    same = {b: a for a, b, _ in json.loads(judged.read_text(encoding="utf-8"))["same_story"]}
    return {name: same.get(doc, doc) for name, doc in gold.items()}
