"""Quotes grouped across outlets: one speaker's words in two renderings, and the other quotes
of the same story, which must stay apart.

    python benchmarks/quotes_bench.py [--threshold N ...]

Built from WMT22 (../shared/data/wmt22, ru-en and ja-en, every domain): in a document whose
human reference quotes someone (quotation marks around three words or more), the reference is
one outlet and one MT system's English of the same document another; a quote of the reference
and the quote of the same source sentence in the MT English are *one quote* in two renderings,
and every other quote of the document is another quote of the same story (the hard case: one
event's outlets quote several people, on one subject). Each document is run through
``find_quotes`` as compare runs it, once with every sentence on both sides (each quote has its
counterpart), and once with the MT side's quoted sentences taken out at every other quote (a
quote only one outlet gives, which must join none of the other's).

Prints, for the tuning half of the documents (even positions in the files) and the held-out
half (odd) separately:

- recall: the quotes of both outlets joined to their own counterpart;
- precision: of the cross-outlet links a grouping makes (each pair of renderings of two
  outlets in one quote), those that join one source sentence's renderings;
- alone joined: of the quotes whose counterpart was taken out, those joined to another quote.

Then English outlets quoting in English, from ECB+ (../shared/data/events): the documents of
one event are compared as compare compares them, and the pairs of tests/data/ecb_quote_pairs.tsv
(190 pairs of quotes of two documents of one event, judged by hand "same" statement or
"different"; drawn at random, by band of similarity, from the pairs the grouping of commit
195b37c joined, and from the pairs it left apart that score high by some measure) give the
share of the grouping's joins that are the same statement and of the same statements it
joins, each stratum weighed by its size; the tuning half is the even topics, the held-out
half the odd ones (the floors for English renderings were chosen on the even ones).

``--threshold``: the grouping's similarity floors to run beside the current one (a sweep).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import shared_or_exit

import xlate.compare.quotes as quotes_module
from xlate.compare.prepare import Outlet, OutletSentence, quotes
from xlate.compare.quotes import _is_quote, find_quotes


@dataclass(frozen=True)
class Doc:
    id: str
    source: list[str]
    reference: list[str]
    systems: dict[str, list[str]]
    lang: str


def documents(folder: Path) -> Iterator[tuple[int, Doc]]:
    """Every WMT22 document with a quote in its reference, and its position in its file."""
    for pair in ("ru-en", "ja-en"):
        with open(folder / f"{pair}.jsonl", encoding="utf-8") as handle:
            for position, line in enumerate(handle):
                d = json.loads(line)
                flat = [s for p in d["ref"] for s in p]
                if any(_quoted(s) for s in flat):
                    yield (
                        position,
                        Doc(
                            d["id"],
                            [s for p in d["src"] for s in p],
                            flat,
                            {k: [s for p in v for s in p] for k, v in d["hyps"].items()},
                            pair[:2],
                        ),
                    )


def _quoted(english: str) -> bool:
    return any(_is_quote(q) for q in quotes(english))


def outlet(name: str, doc: Doc, english: Sequence[str], keep: set[int]) -> Outlet:
    sentences = tuple(
        OutletSentence(name, i, doc.source[i], english[i], doc.lang, "given", ())
        for i in sorted(keep)
    )
    return Outlet(name, name, doc.lang, "", "", "", sentences)


@dataclass
class Tally:
    both: int = 0  # quote pairs with a counterpart on each side
    joined: int = 0  # of those, joined to it
    links: int = 0  # cross-outlet links made
    true_links: int = 0  # of those, between renderings of one source sentence
    alone: int = 0  # quotes whose counterpart was taken out
    alone_joined: int = 0  # of those, joined to another quote

    def line(self) -> str:
        recall = self.joined / max(1, self.both)
        precision = self.true_links / max(1, self.links)
        alone = self.alone_joined / max(1, self.alone)
        return (
            f"recall {recall:.3f} ({self.joined}/{self.both})  precision {precision:.3f} "
            f"({self.true_links}/{self.links})  alone joined {alone:.3f} "
            f"({self.alone_joined}/{self.alone})"
        )


def run_doc(doc: Doc, system: str, tally: Tally) -> None:
    english = doc.systems[system]
    everything = set(range(len(doc.source)))
    ref_quoted = [i for i in everything if _quoted(doc.reference[i])]
    mt_quoted = {i for i in everything if _quoted(english[i])}
    paired = [i for i in ref_quoted if i in mt_quoted]
    for taken_out in (set(), set(paired[1::2])):
        ref = outlet("ref", doc, doc.reference, everything)
        mt = outlet("mt", doc, english, everything - taken_out)
        groups = find_quotes([ref, mt], [["ref", "mt"]])
        where: dict[tuple[str, int], set[int]] = {}
        for n, quote in enumerate(groups):
            members = [(r.outlet, r.index) for r in quote.renderings]
            for m in members:
                where.setdefault(m, set()).add(n)
            for a in (m for m in members if m[0] == "ref"):
                for b in (m for m in members if m[0] == "mt"):
                    tally.links += 1
                    tally.true_links += a[1] == b[1]
        for i in paired:
            own = where.get(("ref", i), set())
            if i in taken_out:
                tally.alone += 1
                tally.alone_joined += any(o[0] == "mt" for n in own for o in _members(groups[n]))
            elif not taken_out:
                tally.both += 1
                tally.joined += bool(own & where.get(("mt", i), set()))


def _members(quote: object) -> list[tuple[str, int]]:
    return [(r.outlet, r.index) for r in quote.renderings]  # type: ignore[attr-defined]


JUDGED = Path(__file__).resolve().parent.parent / "tests" / "data" / "ecb_quote_pairs.tsv"


def detokenised(sentence: str) -> str:
    """An ECB+ sentence as a page writes it: quotation marks for `` and '', no space before
    punctuation (the pairs' quotes are numbered in this text)."""
    s = sentence.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')
    s = re.sub(r" ([,.;:!?%)])", r"\1", s)
    s = re.sub(r"([($]) ", r"\1", s)
    return s.replace(" n't", "n't").replace(" 's", "'s").replace(" - ", "-")


def judged_pairs(events_file: Path) -> dict[str, Tally]:
    """The judged ECB+ pairs against the grouping, by half."""
    rows = list(csv.DictReader(JUDGED.open(encoding="utf-8"), delimiter="\t"))
    docs: dict[str, list[str]] = {}
    by_event: dict[str, list[str]] = {}
    with events_file.open(encoding="utf-8") as handle:
        for line in handle:
            d = json.loads(line)
            docs[d["doc"]] = [detokenised(s) for s in d["sentences"]]
            by_event.setdefault(d["subtopic"], []).append(d["doc"])
    joined: set[tuple[tuple[str, int, str], tuple[str, int, str]]] = set()
    for event in sorted({r["event"] for r in rows}):
        outlets = [
            Outlet(doc, doc, "en", "", "", "", tuple(
                OutletSentence(doc, i, s, s, "en", "given", ()) for i, s in enumerate(docs[doc])
            ))
            for doc in by_event[event]
        ]  # fmt: skip
        for quote in find_quotes(outlets, [[o.id for o in outlets]]):
            said = [(r.outlet, r.index, r.english) for r in quote.renderings]
            joined.update((a, b) for a in said for b in said if a[0] != b[0])
    strata: dict[str, int] = {}
    for r in rows:
        strata[r["stratum"]] = strata.get(r["stratum"], 0) + 1
    halves = {"tuning": Tally(), "held out": Tally()}
    weights: dict[str, list[float]] = {h: [0.0, 0.0, 0.0] for h in halves}  # same, joins, right
    for r in rows:
        half = "tuning" if int(r["event"].split("_")[0]) % 2 == 0 else "held out"
        weight = int(r["stratum_size"]) / strata[r["stratum"]]
        a, b = (_judged_quote(docs, r, side) for side in "ab")
        together = (a, b) in joined
        same = r["verdict"] == "same"
        w = weights[half]
        w[0] += weight * same
        w[1] += weight * together
        w[2] += weight * (same and together)
    for half, (same, joins, right) in weights.items():
        t = halves[half]
        t.both, t.joined, t.links, t.true_links = (
            round(same),
            round(right),
            round(joins),
            round(right),
        )
    return halves


def _judged_quote(
    docs: dict[str, list[str]], row: dict[str, str], side: str
) -> tuple[str, int, str]:
    doc, index = row[f"doc_{side}"], int(row[f"sentence_{side}"])
    said = [q.strip().rstrip(",;:") for q in quotes(docs[doc][index]) if _is_quote(q)]
    return doc, index, said[int(row[f"quote_{side}"])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, nargs="*", default=[])
    args = parser.parse_args()
    folder = shared_or_exit("wmt22")
    docs = list(documents(folder))
    current = quotes_module.QUOTE_THRESHOLD
    print(f"{len(docs)} WMT22 documents with a quote in their reference; 4 MT systems each")
    for threshold in [current, *args.threshold]:
        quotes_module.QUOTE_THRESHOLD = threshold
        halves = {"tuning": Tally(), "held out": Tally()}
        for position, doc in docs:
            half = halves["tuning" if position % 2 == 0 else "held out"]
            for system in sorted(doc.systems):
                run_doc(doc, system, half)
        label = "current" if threshold == current else "sweep"
        for name, tally in halves.items():
            print(f"  floor {threshold:5.1f} ({label}), {name:<8}: {tally.line()}")
    quotes_module.QUOTE_THRESHOLD = current
    print("ECB+ quote pairs judged by hand (weighed by stratum; alone joined: not measured)")
    for name, tally in judged_pairs(shared_or_exit("events", "ecbplus.jsonl")).items():
        print(f"  {name:<8}: {tally.line().split('  alone')[0]}")


if __name__ == "__main__":
    main()
