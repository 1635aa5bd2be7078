"""The judged glossary set: every glossary hit on 300 Russian and 300 Japanese WMT22 news
sentences, judged by reading each sentence and its reference translation.

``tests/data/glossary_judged_{ru,ja}.tsv`` holds one row per (sentence, surface, concept):
``verdict`` is ``true`` (the sentence names that concept: a term for recall too), ``false``
(with the reason) or ``inside`` (right, but inside a longer glossary term that names the
thing: 韓国 in 韓国政府; a right hit, not a term recall counts). The
sentences themselves stay in ../shared/data/wmt22 (see :func:`news_sentences`);
``tests/data/glossary_judged.md`` says how they were chosen and judged.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from xlate.glossary.match import Glossary

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = 300


def news_sentences(path: Path, size: int = SAMPLE) -> list[tuple[str, str, str]]:
    """(id, sentence, reference) of ``size`` news sentences spread evenly over the file.

    Every news document's sentences in file order, ``doc:paragraph:sentence`` ids; the
    ``i * N // size``-th of the N sentences for i in 0..size-1.
    """
    sentences = _sentences(path, ("news",))
    return [sentences[i * len(sentences) // size] for i in range(size)]


def _sentences(path: Path, domains: tuple[str, ...]) -> list[tuple[str, str, str]]:
    found = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc["domain"] not in domains:
                continue
            for p, (para, refs) in enumerate(zip(doc["src"], doc["ref"], strict=True)):
                for s, (src, ref) in enumerate(zip(para, refs, strict=True)):
                    found.append((f"{doc['id']}:{p}:{s}", src, ref))
    return found


def held_out_sentences(path: Path, size: int = SAMPLE) -> list[tuple[str, str, str]]:
    """(id, sentence, reference) of ``size`` sentences that :func:`news_sentences` does not
    hold: the held-out set, chosen before the context rules of issue #30 were written.

    The news sentences left out of :func:`news_sentences`, spread evenly as it does; where
    fewer than ``size`` are left (505 Japanese news sentences), all of them, and the rest
    spread evenly over the ``social`` domain's sentences (posts that name the same states).
    """
    taken = {sid for sid, _, _ in news_sentences(path)}
    left = [s for s in _sentences(path, ("news",)) if s[0] not in taken]
    if len(left) > size:
        return [left[i * len(left) // size] for i in range(size)]
    social = _sentences(path, ("social",))
    more = size - len(left)
    return left + [social[i * len(social) // more] for i in range(more)]


@dataclass(frozen=True)
class Judged:
    id: str
    surface: str
    concept: str
    verdict: str  # true | false | inside
    reason: str


def judged(lang: str, *, held_out: bool = False) -> list[Judged]:
    """The judged rows of ``lang``: the tuning set, or with ``held_out`` the held-out one
    (``glossary_heldout_{lang}.tsv``, sentences of :func:`held_out_sentences`)."""
    name = f"glossary_heldout_{lang}.tsv" if held_out else f"glossary_judged_{lang}.tsv"
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return [Judged(**row) for row in csv.DictReader(f, delimiter="\t")]


@dataclass(frozen=True)
class Figures:
    hits: int
    true: int
    false: list[tuple[str, str, str]]  # id, surface, concept of each false hit
    unjudged: list[tuple[str, str, str]]
    expected: int
    missed: list[tuple[str, str]]  # id, concept of each term not found

    @property
    def precision(self) -> float:
        return self.true / max(1, self.true + len(self.false))

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / max(1, self.expected)


def measure(
    glossary: Glossary,
    lang: str,
    sentences: list[tuple[str, str, str]],
    *,
    held_out: bool = False,
) -> Figures:
    """Precision of ``glossary``'s hits on the sentences, and recall of the judged terms."""
    rows = judged(lang, held_out=held_out)
    verdicts = {(r.id, r.surface, r.concept): r.verdict for r in rows}
    hits = [
        (sid, m.surface, m.concept.id)
        for sid, text, _ in sentences
        for m in glossary.scan(text, lang)
    ]
    found = {(sid, concept) for sid, _, concept in hits}
    expected = {(r.id, r.concept) for r in rows if r.verdict == "true"}
    return Figures(
        hits=len(hits),
        true=sum(verdicts.get(h) in ("true", "inside") for h in hits),
        false=[h for h in hits if verdicts.get(h) == "false"],
        unjudged=[h for h in hits if h not in verdicts],
        expected=len(expected),
        missed=sorted(expected - found),
    )
