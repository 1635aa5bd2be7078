"""The edit corpus of ``benchmarks/history_bench.py`` (its docstring tells how it is built) and
its scoring, shared by the benchmark and ``tests/test_history_real.py``."""

from __future__ import annotations

import difflib
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from xlate.compare.prepare import Outlet, OutletSentence
from xlate.engines.memory import MemoryEngine
from xlate.glossary.tmx import TranslationUnit
from xlate.history import changes

NAMES = ("Petrova", "Tanaka", "Ivanov", "Suzuki", "Morozov", "Watanabe", "Kuznetsova")
NUMBER = re.compile(r"\b\d+\b")
NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")

Gold = tuple[str, int | None, int | None]  # (kind, before index, after index)


# A number in Russian or Japanese text (no word boundary between kanji and digits).
SOURCE_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,])")


@dataclass
class Case:
    doc: str
    before: list[str]  # the versions' English
    after: list[str]
    gold: set[Gold]
    lang: str = "en"
    before_source: list[str] | None = None  # the versions' own text, when not English
    after_source: list[str] | None = None


def make_case(doc: dict, other: list[str], rng: random.Random, side: str = "ref") -> Case | None:
    """Version 2 of ``doc``'s English reference (``side`` "ref"), or of its source text
    ("src": no name change and no rewording, which need English)."""
    ref = [s for p in doc[side] for s in p]
    hyp = [s for p in doc["hyps"].get("Online-B", []) for s in p] if side == "ref" else ref
    if len(ref) < 6 or len(hyp) != len(ref):
        return None
    numbers = NUMBER if side == "ref" else SOURCE_NUMBER
    # v2 as (text, origin in v1 or None, kind of edit of the text)
    rows: list[tuple[str, int | None, str]] = [(s, i, "") for i, s in enumerate(ref)]
    free = list(range(len(ref)))
    rng.shuffle(free)
    gold: set[Gold] = set()
    touched: set[int] = set()
    # move a run of 2-3 sentences past a longer run: its sentences are the gold moves
    size = rng.choice((2, 3)) if len(ref) >= 9 else 2
    start = rng.randrange(0, len(ref) - 3 * size + 1)
    moved = list(range(start, start + size))
    touched |= set(range(start, start + 3 * size))  # the run and the run it passes: unedited
    for kind in ("number", "name", "reword", "delete", "insert"):
        spare = [i for i in free if i not in touched]
        if not spare:
            break
        i = spare[0]
        text = rows[i][0]
        if kind == "number" and (m := numbers.search(text)):
            new = text[: m.start()] + str(int(m.group()) + 7) + text[m.end() :]
            rows[i] = (new, i, "changed")
        elif kind == "name" and side == "ref" and (m := NAME.search(text)):
            name = next(n for n in NAMES if n not in text)
            rows[i] = (text[: m.start()] + name + text[m.end() :], i, "changed")
        elif kind == "reword" and side == "ref" and hyp[i].strip() and hyp[i] != text:
            rows[i] = (hyp[i], i, "reworded")
        elif kind == "delete":
            rows[i] = ("", i, "removed")
        elif kind == "insert":
            rows.insert(i + 1, (rng.choice(other), None, "added"))
            touched.add(i)
            continue
        else:
            continue
        touched.add(i)
    # the move: the run goes after the next 2 x size sentences (a longer run stays in order)
    block = [r for r in rows if r[1] in moved]
    rest = [r for r in rows if r[1] not in moved]
    at = next(k for k, r in enumerate(rest) if r[1] == start + 3 * size - 1) + 1
    rows = rest[:at] + block + rest[at:]
    after: list[str] = []
    for text, origin, kind in rows:
        if kind == "removed":
            gold.add(("removed", origin, None))
            continue
        n = len(after)
        after.append(text)
        if kind == "added":
            gold.add(("added", None, n))
        elif kind:
            gold.add((kind, origin, n))
        elif origin in moved:
            gold.add(("moved", origin, n))
    return Case(doc["id"], ref, after, gold)


def version(
    name: str, sentences: list[str], sources: list[str] | None = None, lang: str = "en"
) -> Outlet:
    rows = tuple(
        OutletSentence(name, n, src, s, lang, "memory" if sources else "identity", ())
        for n, (s, src) in enumerate(zip(sentences, sources or sentences, strict=True))
    )
    return Outlet(name, name, lang, "", "", "", rows)


def found_changes(case: Case) -> set[Gold]:
    edit = changes.diff_versions(
        version("v1", case.before, case.before_source, case.lang),
        version("v2", case.after, case.after_source, case.lang),
    )
    out: set[Gold] = set()
    for c in edit.changes:
        kind = "moved" if c.kind == "moved" else c.kind
        out.add((kind, c.before_index, c.after_index))
    return out


def baseline_changes(case: Case) -> set[Gold]:
    """difflib over sentences: replace pairs as "changed", inserts and deletes as such."""
    out: set[Gold] = set()
    matcher = difflib.SequenceMatcher(a=case.before, b=case.after, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace":
            for k in range(max(a1 - a0, b1 - b0)):
                a, b = a0 + k, b0 + k
                if a < a1 and b < b1:
                    out.add(("changed", a, b))
                elif a < a1:
                    out.add(("removed", a, None))
                else:
                    out.add(("added", None, b))
        elif tag == "delete":
            out |= {("removed", a, None) for a in range(a0, a1)}
        elif tag == "insert":
            out |= {("added", None, b) for b in range(b0, b1)}
    return out


def score(cases: list[Case], find: object) -> dict[str, float | int | str]:
    assert callable(find)
    right = found = gold = 0
    split_moves = rewordings = reworded_right = 0
    for case in cases:
        got: set[Gold] = find(case)
        right += len(got & case.gold)
        found += len(got)
        gold += len(case.gold)
        removed = {b for k, b, _ in got if k == "removed"}
        split_moves += sum(1 for k, b, _ in case.gold if k == "moved" and b in removed)
        for g in case.gold:
            if g[0] == "reworded":
                rewordings += 1
                reworded_right += g in got
    return {
        "precision": right / found if found else 1.0,
        "recall": right / gold if gold else 1.0,
        "moves as delete+add": split_moves,
        "rewordings as rewordings": reworded_right / rewordings if rewordings else "n/a",
        "changes": gold,
    }


def memory(docs: list[dict]) -> MemoryEngine:
    """A translation memory of every document's references (fuzzy matches from 80: a
    sentence whose number changed finds its entry, the number carried into the English)."""
    units = [
        TranslationUnit(doc["origlang"], src, "en", ref)
        for doc in docs
        for sp, rp in zip(doc["src"], doc["ref"], strict=True)
        for src, ref in zip(sp, rp, strict=True)
    ]
    return MemoryEngine(units, fuzzy=80)


def translated(case: Case, engine: MemoryEngine, lang: str) -> Case | None:
    """``case`` (made on the source side) with both versions translated through ``engine``;
    None when a sentence finds no entry."""
    english = []
    for side in (case.before, case.after):
        found = engine.translate(side, lang, "en")
        if any(t is None for t in found):
            return None
        english.append([t.text for t in found if t is not None])
    return Case(case.doc, english[0], english[1], case.gold, lang, case.before, case.after)


def corpus(folder: Path, side: str = "ref") -> tuple[list[Case], list[Case]]:
    """The edit cases of the WMT22 documents in ``folder``: (tuning half, held-out half);
    ``side`` "src": versions in Russian and Japanese, translated through a memory of the
    references."""
    docs = [
        json.loads(line)
        for name in ("ru-en.jsonl", "ja-en.jsonl")
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
    ]
    tune: list[Case] = []
    held: list[Case] = []
    engine: MemoryEngine | None = None
    for n, doc in enumerate(docs):
        rng = random.Random(doc["id"])
        other_doc = docs[(n + 7) % len(docs)]
        other = [s for p in other_doc[side] for s in p]
        case = make_case(doc, other, rng, side)
        if case is not None and side == "src":
            engine = engine or memory(docs)
            case = translated(case, engine, doc["origlang"])
        if case is None:
            continue
        half = int(hashlib.sha256(doc["id"].encode()).hexdigest(), 16) % 2
        (held if half else tune).append(case)
    return tune, held
