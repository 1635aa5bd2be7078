"""Which outlets' articles are alike as a whole: the second evidence of the verdict.

Two articles of one event need not share a fact that the alignment can link: one tells the
rescue, the other the trial, in other words. ``xlate events`` groups articles by what they
say as a whole (their words, names, numbers and glossary concepts, weighed by how rare each
is in the pile, with the articles' dates; :mod:`xlate.grouping`). The verdict joins two
outlets whose articles that grouping puts in one group, or that share more facts than
chance unless it puts them in two different groups (two similar events share background
and figures): compare tells the events of a pile apart as ``xlate events`` does, and an
outlet whose article tells its event in other sentences is not left out of it
(:attr:`xlate.compare.align.OutletPair.joined`; ``benchmarks/verdict_bench.py`` measures
both).
"""

from __future__ import annotations

from collections.abc import Sequence

from xlate.compare.prepare import Outlet
from xlate.compare.report import headline
from xlate.glossary.match import Glossary
from xlate.grouping.model import Settings
from xlate.limits import LANGUAGES
from xlate.numbers import numbers

# The similarity two articles (groups) need for the verdict to join their outlets on it alone:
# higher than `xlate events`' own floor (0.18), which with no other articles beside them
# joins one topic's two similar events (two ECB+ earthquakes) as readily as one event's two
# reports (benchmarks/verdict_bench.py; chosen on the odd topics). Outlets are kept apart
# by the events command's own grouping.
ALIKE_THRESHOLD = 0.25
EVENTS_THRESHOLD = Settings().threshold  # `xlate events`' own floor


def alike_groups(
    outlets: Sequence[Outlet], glossary: Glossary | None, thresholds: Sequence[float]
) -> list[list[tuple[str, ...]]]:
    """The outlets (ids) whose articles ``xlate events`` groups together at each similarity
    floor of ``thresholds`` (events' own: ``Settings().threshold``), each group of two or
    more."""
    from xlate.grouping.cluster import groupings  # scipy's sparse products, as events uses
    from xlate.grouping.model import Document

    if len(outlets) < 2:
        return [[] for _ in thresholds]
    docs = []
    for o in outlets:
        titles = [(o.title, o.language)] if o.title else []
        sources = titles + [(s.source, s.lang) for s in o.sentences]
        concepts = [m.concept.id for s in o.sentences for m in s.concepts]
        if glossary is not None and o.title and o.language in LANGUAGES:
            concepts += [m.concept.id for m in glossary.scan(o.title, o.language)]
        docs.append(
            Document(
                id=o.id,
                path=o.path,
                outlet=o.id,  # one article an outlet here: two of one paper are two outlets
                language=o.language,
                date=o.date,
                title=o.title,
                title_english=headline(o),
                english=" ".join(s.english for s in o.sentences),
                concepts=tuple(concepts),
                numbers=tuple(n for text, _ in sources for n in numbers(text)),
            )
        )
    return [
        [tuple(docs[k].id for k in members) for members in found if len(members) > 1]
        for found in groupings(docs, thresholds)
    ]
