"""Measuring alignment against references: hand-annotated facts, ECB+ events and WMT22.

Used by the tests (floors) and by ``benchmarks/align_bench.py`` (the figures); it lives
beside the tests, not in the installed package, which never reads the shared data. Every measure
takes the scorer and its threshold, so the benchmark can put a baseline beside the scorer.

- ECB+ (``../shared/data/events``): groups of three documents of one event (pair precision and
  recall over annotated sentences), of three different topics (facts per group: all chance),
  and of two similar events (links across them).
- WMT22 (``../shared/data/wmt22``): a document's four machine translations as four outlets,
  each dropping a fifth of its sentences and shuffling its paragraphs (gold: same position);
  and groups of three different documents (facts per group: all chance).
- The null model: scores between sentences of unrelated documents, and the threshold at which
  two unrelated 40-sentence articles expect a given number of chance links.
"""

from __future__ import annotations

import itertools
import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from xlate.compare.align import cluster, event_outlets
from xlate.compare.lexicon import pile_terms
from xlate.compare.prepare import Outlet, OutletSentence, quotes
from xlate.compare.report import Report
from xlate.compare.scores import JOIN_THRESHOLD, LINK_THRESHOLD, by_outlet
from xlate.compare.terms import MIN_INFORMATION, Unit
from xlate.compare.weights import shared_weights
from xlate.glossary.match import Glossary


def score_matrix(units: Sequence[Unit]) -> np.ndarray:
    """Pairwise scores (0-100, more with shared quotes), -1 on the diagonal and between
    sentences of one outlet."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    order, bounds = by_outlet(units)
    terms = pile_terms([units[i] for i in order])
    plain = [t[0] for t in terms]
    scores = shared_weights(plain)  # shared weight, then scaled in place (one n x n matrix)
    quoting = np.flatnonzero([bool(t[1]) for t in terms])
    if quoting.size > 1:  # quoted words, among the sentences that quote
        scores[np.ix_(quoting, quoting)] += shared_weights([terms[i][1] for i in quoting])
    own = np.sqrt(np.maximum([sum(t.values()) for t in plain], MIN_INFORMATION))
    inverse = (1.0 / own).astype(np.float32)
    scores *= (np.float32(100.0) * inverse)[:, None]
    scores *= inverse[None, :]
    for lo, hi in itertools.pairwise(bounds):
        scores[lo:hi, lo:hi] = -1.0
    if np.array_equal(order, np.arange(n)):
        return scores
    back = np.empty(n, dtype=np.int64)
    back[order] = np.arange(n)
    result: np.ndarray = scores[np.ix_(back, back)]
    return result


Scorer = Callable[[Sequence[Unit]], np.ndarray]
Doc = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Method:
    """A scorer, its threshold, and whether the same-event verdict filters the facts."""

    scorer: Scorer = score_matrix
    threshold: float = LINK_THRESHOLD
    join: float = JOIN_THRESHOLD
    verdict: bool = True


def _cross_pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    """Pairs of members (``outlet:index``) of one group that come from different outlets."""
    return {
        (a, b)
        for group in groups
        for a, b in itertools.combinations(sorted(group), 2)
        if a.split(":")[0] != b.split(":")[0]
    }


def fact_precision_recall(
    report: Report, annotated: Mapping[str, Sequence[str]]
) -> tuple[float, float]:
    """Pairwise precision and recall of the report's facts against annotated ones."""
    predicted = _cross_pairs([f"{m.outlet}:{m.index}" for m in f.members] for f in report.facts)
    gold = _cross_pairs(annotated.values())
    hits = len(predicted & gold)
    return (hits / len(predicted) if predicted else 0.0, hits / len(gold) if gold else 0.0)


def load_facts(path: str | Path) -> dict[str, list[str]]:
    facts: dict[str, list[str]] = json.loads(Path(path).read_text(encoding="utf-8"))["facts"]
    return facts


def load_jsonl(path: str | Path) -> list[Doc]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def facts_of(units: Sequence[Unit], method: Method) -> list[list[int]]:
    """The groups of two outlets or more that ``method`` reports as facts."""
    scores = method.scorer(units)
    groups = cluster(units, scores, method.threshold, method.join)
    facts = [g for g in groups if len({units[i].outlet for i in g}) > 1]
    if not method.verdict:
        return facts
    kept = event_outlets(units, facts)
    return [g for g in facts if len({units[i].outlet for i in g} & kept) > 1]


def _tags(glossary: Glossary | None, text: str, lang: str) -> frozenset[str]:
    if glossary is None:
        return frozenset()
    return frozenset(m.concept.id for m in glossary.scan(text, lang))


def ecb_units(doc: Doc, glossary: Glossary | None) -> list[Unit]:
    return [
        Unit(str(doc["doc"]), i, s, _tags(glossary, s, "en"), quotes(s))
        for i, s in enumerate(doc["sentences"])
    ]


@dataclass(frozen=True, slots=True)
class Rates:
    precision: float
    recall: float
    facts_per_group: float
    groups: int


def _precision_recall(predicted: set[Any], gold: set[Any]) -> tuple[float, float]:
    hits = len(predicted & gold)
    return (hits / len(predicted) if predicted else 1.0, hits / len(gold) if gold else 1.0)


def ecb_same_event(
    docs: Sequence[Doc], method: Method, glossary: Glossary | None = None, seed: int = 3
) -> Rates:
    """Groups of three documents of one event: pair precision and recall over annotated
    sentences (gold: two sentences of different documents mentioning one event action)."""
    rng = random.Random(seed)
    by_event: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_event[str(doc["subtopic"])].append(doc)
    predicted: set[tuple[str, str]] = set()
    gold: set[tuple[str, str]] = set()
    facts = groups = 0
    for event in sorted(by_event):
        if len(by_event[event]) < 3:
            continue
        group = rng.sample(by_event[event], 3)
        units = [u for d in group for u in ecb_units(d, glossary)]
        annotated = {f"{d['doc']}:{i}" for d in group for i in d["annotated"]}
        ids = {f"{d['doc']}:{i}": set(d["events"][i]) for d in group for i in d["annotated"]}
        found = facts_of(units, method)
        facts += len(found)
        groups += 1
        members = [[f"{units[i].outlet}:{units[i].index}" for i in g] for g in found]
        predicted |= {p for p in _cross_pairs(members) if set(p) <= annotated}
        gold |= {p for p in _cross_pairs([sorted(annotated)]) if ids[p[0]] & ids[p[1]]}
    precision, recall = _precision_recall(predicted, gold)
    return Rates(precision, recall, facts / max(1, groups), groups)


def ecb_unrelated(
    docs: Sequence[Doc],
    method: Method,
    glossary: Glossary | None = None,
    groups: int = 100,
    seed: int = 5,
) -> float:
    """Facts per group of three documents of three different topics (every one is chance)."""
    rng = random.Random(seed)
    by_topic: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_topic[str(doc["topic"])].append(doc)
    topics = sorted(by_topic)
    total = 0
    for _ in range(groups):
        group = [rng.choice(by_topic[t]) for t in rng.sample(topics, 3)]
        total += len(facts_of([u for d in group for u in ecb_units(d, glossary)], method))
    return total / groups


def _long_article(name: str, docs: Sequence[Doc], glossary: Glossary | None) -> list[Unit]:
    """Several ECB+ documents read as one long article of outlet ``name``."""
    sentences = [s for d in docs for s in d["sentences"]]
    return [Unit(name, i, s, _tags(glossary, s, "en"), quotes(s)) for i, s in enumerate(sentences)]


def ecb_long_articles(
    docs: Sequence[Doc],
    method: Method,
    glossary: Glossary | None = None,
    groups: int = 40,
    size: int = 5,
    seed: int = 19,
) -> tuple[float, float, float]:
    """Long articles (``size`` ECB+ documents of one event read as one article, about 80
    sentences): the share of groups of three such articles about three different topics
    with no fact at all, the share of groups about one event (disjoint documents) with a
    fact, and the mean article length."""
    rng = random.Random(seed)
    by_event: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_event[str(doc["subtopic"])].append(doc)
    topic = {e: str(ds[0]["topic"]) for e, ds in by_event.items()}
    big = sorted(e for e, ds in by_event.items() if len(ds) >= 3 * size)
    enough = sorted(e for e, ds in by_event.items() if len(ds) >= size)
    none = shared = 0
    lengths: list[int] = []
    for n in range(groups):
        events: list[str] = []
        for e in rng.sample(enough, len(enough)):
            if topic[e] not in {topic[x] for x in events}:
                events.append(e)
            if len(events) == 3:
                break
        outlets = [
            _long_article(f"o{k}", rng.sample(by_event[e], size), glossary)
            for k, e in enumerate(events)
        ]
        lengths += [len(o) for o in outlets]
        none += not facts_of([u for o in outlets for u in o], method)
        event = big[n % len(big)]
        chosen = rng.sample(by_event[event], 3 * size)
        same = [
            _long_article(f"o{k}", chosen[k * size : (k + 1) * size], glossary) for k in range(3)
        ]
        shared += bool(facts_of([u for o in same for u in o], method))
    return none / groups, shared / groups, sum(lengths) / len(lengths)


def ecb_similar_events(
    docs: Sequence[Doc], method: Method, glossary: Glossary | None = None, seed: int = 3
) -> tuple[float, int]:
    """Facts linking two similar events (two documents of one subtopic, one of the other
    subtopic of the topic) per group, and the number of groups."""
    rng = random.Random(seed)
    by_event: dict[str, list[Doc]] = defaultdict(list)
    events_of_topic: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        by_event[str(doc["subtopic"])].append(doc)
        events_of_topic[str(doc["topic"])].add(str(doc["subtopic"]))
    event = {str(d["doc"]): str(d["subtopic"]) for d in docs}
    across = groups = 0
    for topic in sorted(t for t, e in events_of_topic.items() if len(e) == 2):
        a, b = sorted(events_of_topic[topic])
        if len(by_event[a]) < 2:
            continue
        group = rng.sample(by_event[a], 2) + rng.sample(by_event[b], 1)
        units = [u for d in group for u in ecb_units(d, glossary)]
        found = facts_of(units, method)
        across += sum(1 for g in found if len({event[units[i].outlet] for i in g}) > 1)
        groups += 1
    return across / max(1, groups), groups


def wmt_outlets(
    doc: Doc, glossary: Glossary | None, rng: random.Random, drop: float = 0.2
) -> list[Unit]:
    """A WMT22 document's machine translations as outlets: each drops ``drop`` of its
    sentences and shuffles its paragraphs; ``index`` is the position in the outlet, and the
    gold position ``[p][s]`` is kept in ``gold_position``."""
    lang = str(doc["origlang"])
    units = []
    for system in sorted(doc["hyps"]):
        paragraphs = doc["hyps"][system]
        title = _headline(doc["src"])  # xlate reads it as the title, not a sentence
        cells = [(p, s) for p, para in enumerate(paragraphs) for s in range(len(para))]
        cells = cells[1:] if title else cells
        dropped = set(rng.sample(cells, round(drop * len(cells))))
        left = set(cells) - dropped
        order = list(range(len(paragraphs)))
        rng.shuffle(order)
        kept = [(p, s) for p in order for s in range(len(paragraphs[p])) if (p, s) in left]
        for index, (p, s) in enumerate(kept):
            english = paragraphs[p][s]
            source = doc["src"][p][s]
            units.append(
                Unit(
                    f"{system}|{p}.{s}",  # outlet|gold position, split by _outlet()
                    index,
                    english,
                    _tags(glossary, source, lang),
                    quotes(english) or ((english,) if quotes(source) else ()),
                )
            )
    return units


def _headline(paragraphs: Sequence[Sequence[str]]) -> bool:
    """Whether the first segment is a headline: no final punctuation, the first line xlate
    reads as an article's title rather than a sentence."""
    return paragraphs[0][0].strip()[-1:] not in tuple('.!?。！？"»」”')


def _outlet(unit: Unit) -> Unit:
    return Unit(unit.outlet.split("|")[0], unit.index, unit.english, unit.concepts, unit.quotes)


def wmt_documents(paths: Sequence[Path], domains: Sequence[str], min_sentences: int) -> list[Doc]:
    return [
        d
        for path in paths
        for d in load_jsonl(path)
        if d["domain"] in domains and sum(len(p) for p in d["src"]) >= min_sentences
    ]


def wmt_same_document(
    docs: Sequence[Doc], method: Method, glossary: Glossary | None = None, seed: int = 11
) -> Rates:
    """Pair precision and recall over the four renderings of each document."""
    rng = random.Random(seed)
    predicted: set[tuple[str, str]] = set()
    gold: set[tuple[str, str]] = set()
    facts = 0
    for d in docs:
        tagged = wmt_outlets(d, glossary, rng)
        units = [_outlet(u) for u in tagged]
        where = [f"{d['id']}/{u.outlet.split('|')[1]}/{u.outlet.split('|')[0]}" for u in tagged]
        found = facts_of(units, method)
        facts += len(found)
        predicted |= {
            (min(where[i], where[j]), max(where[i], where[j]))
            for g in found
            for i, j in itertools.combinations(g, 2)
            if units[i].outlet != units[j].outlet
        }
        by_position: dict[str, list[str]] = defaultdict(list)
        for w in where:
            by_position[w.rsplit("/", 1)[0]].append(w)
        gold |= {
            (min(a, b), max(a, b))
            for ws in by_position.values()
            for a, b in itertools.combinations(ws, 2)
        }
    precision, recall = _precision_recall(predicted, gold)
    return Rates(precision, recall, facts / max(1, len(docs)), len(docs))


def wmt_unrelated(
    docs: Sequence[Doc],
    method: Method,
    glossary: Glossary | None = None,
    groups: int = 100,
    seed: int = 13,
) -> float:
    """Facts per group of three different documents, each rendered by a different system."""
    rng = random.Random(seed)
    total = 0
    for _ in range(groups):
        group = rng.sample(list(docs), 3)
        total += len(facts_of(wmt_null_units(group, glossary, by_language=False), method))
    return total / groups


@dataclass(frozen=True, slots=True)
class Null:
    """Scores of sentence pairs from unrelated documents, highest first, and how many pairs."""

    top: np.ndarray
    pairs: int

    def rate(self, threshold: float) -> float:
        """The share of pairs scoring ``threshold`` or more."""
        return int(np.count_nonzero(self.top >= threshold)) / self.pairs

    def threshold(self, links: float = 0.02, sentences: int = 40) -> float:
        """The lowest score (to 0.5) at which two unrelated articles of ``sentences`` sentences
        expect at most ``links`` chance links."""
        allowed = int(links / sentences**2 * self.pairs)  # pairs that may clear it
        above = float(self.top[allowed]) if allowed < self.top.size else 0.0
        return float(np.floor(above * 2) / 2 + 0.5)


def null_scores(
    units: Sequence[Unit],
    scorer: Scorer = score_matrix,
    chunk: int = 2500,
    keep: int = 20_000,
    seed: int = 17,
) -> Null:
    """The null model: every unit's ``outlet`` names its document's topic; units are shuffled
    into chunks and each chunk scored at once, pairs of one topic left out (scored -1)."""
    rng = random.Random(seed)
    shuffled = list(units)
    rng.shuffle(shuffled)
    tops, pairs = [], 0
    for lo in range(0, len(shuffled), chunk):
        part = shuffled[lo : lo + chunk]
        scores = scorer(part)
        upper = scores[np.triu_indices(len(part), 1)]
        valid = upper[upper >= 0]
        pairs += valid.size
        tops.append(np.sort(valid)[::-1][:keep])
    top = np.sort(np.concatenate(tops))[::-1][:keep]
    return Null(top, pairs)


def ecb_null_units(docs: Sequence[Doc], glossary: Glossary | None) -> list[Unit]:
    """Every ECB+ sentence with its topic as its outlet: different topics are unrelated."""
    return [
        Unit(str(d["topic"]), i, s, _tags(glossary, s, "en"), quotes(s))
        for d in docs
        for i, s in enumerate(d["sentences"])
    ]


def wmt_null_units(
    docs: Sequence[Doc], glossary: Glossary | None, by_language: bool = True
) -> list[Unit]:
    """WMT22 sentences (one system per document, a different one from document to document)
    with their document's source language as their outlet: only Russian-source against
    Japanese-source documents count as unrelated. Documents of one language are not: the
    Russian news of one week cover the same stories (lenta.ru and RT quote one expert)."""
    units: list[Unit] = []
    for n, d in enumerate(docs):
        system = sorted(d["hyps"])[n % len(d["hyps"])]
        lang = str(d["origlang"])
        for p, para in enumerate(d["hyps"][system]):
            for s, english in enumerate(para):
                source = d["src"][p][s]
                units.append(
                    Unit(
                        lang if by_language else str(d["id"]),
                        len(units),
                        english,
                        _tags(glossary, source, lang),
                        quotes(english) or ((english,) if quotes(source) else ()),
                    )
                )
    return units


def ecb_outlet(doc: Doc, glossary: Glossary | None) -> Outlet:
    """An ECB+ document as an English outlet: its id the document's, its headline the first
    line that is not the source URL (the headline in "ecbplus" documents, the lead in "ecb"
    ones)."""
    name = str(doc["doc"])
    lines = [str(s) for s in doc["sentences"]]
    title = next((s for s in lines if not s.startswith("http")), "")
    sentences = tuple(
        OutletSentence(
            name, i, s, s, "en", "identity", tuple(glossary.scan(s, "en")) if glossary else ()
        )
        for i, s in enumerate(lines)
    )
    return Outlet(name, name, "en", "", title, title, sentences)


def ecb_two_event_piles(
    docs: Sequence[Doc], piles: int, similar: bool, seed: int = 5
) -> list[tuple[list[Doc], list[Doc]]]:
    """``piles`` piles of two documents of one event and two of another: of different topics,
    or (``similar``) of the two subtopics of one topic (similar but different events)."""
    rng = random.Random(seed)
    by_event: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_event[str(doc["subtopic"])].append(doc)
    events = sorted(e for e, ds in by_event.items() if len(ds) >= 2)
    topic = {e: str(by_event[e][0]["topic"]) for e in events}
    if similar:
        choices = [(a, b) for a, b in itertools.combinations(events, 2) if topic[a] == topic[b]]
    else:
        choices = [(a, b) for a, b in itertools.combinations(events, 2) if topic[a] != topic[b]]
    picked = rng.sample(choices, min(piles, len(choices)))
    return [(rng.sample(by_event[a], 2), rng.sample(by_event[b], 2)) for a, b in picked]
