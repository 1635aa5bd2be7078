"""From a pile of saved articles to events: which articles report the same event.

    read ─▶ detect ─▶ segment ─▶ translate to English ─▶ glossary tags (source side)
         ─▶ document vectors ─▶ candidate pairs ─▶ average linkage ─▶ events

Reading and translation are ``xlate translate``'s own stages (inputs, reading, detection,
segmentation, the engine chain: memory, Argos through the cache), or its JSON outputs, whose
translations are reused. Each article becomes one sparse vector:

- evidence that survives translation, taken on the **source side**: glossary concepts
  (``c:japan``, weighted above words) and numbers of two digits or more (``n:2024``; digits
  are the same in every language);
- the English text as Snowball stems without function words (title words and capitalised
  names counted once more);

each with sublinear term frequency times inverse document frequency over the pile (the
informativeness weight: a stem every article carries says nothing), normalised to length 1.

Candidate pairs come from an inverted index (a sparse product restricted to terms found in at
most ``max_df`` articles, row block by row block: sub-quadratic, and bounded memory). Two
articles' similarity is their cosine, times a decay with the days between their publication
dates (two stories about one person years apart are two events). Articles are grouped by
average linkage over that sparse graph (an absent pair counts as 0, so one strong link cannot
chain two events together): two groups merge while their average similarity clears the
threshold. The threshold is the larger of a fixed floor, chosen on real news where unrelated
articles must not merge (``benchmarks/events_bench.py``), and the null model: the similarity
that articles reach by chance against random bags of the pile's own words.

Modules: ``model`` (settings, documents, events), ``prepare`` (articles or translate outputs
to documents), ``vectors`` (document vectors, candidate pairs, dates, the null model),
``cluster`` (average linkage into events), ``outputs`` (JSON, bundles for ``xlate compare``),
``run`` (:func:`events`, the entry point). Importing this package loads none of them. B-cubed
and the real-data piles the benchmark and tests use are in ``tests/evaluate_events.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlate.engines import Engine
    from xlate.errors import XlateError
    from xlate.glossary.match import Glossary
    from xlate.grouping.model import Events, Settings


def events(
    paths: Sequence[str | Path],
    chain: Sequence[Engine] | None = None,
    glossary: Glossary | None = None,
    *,
    settings: Settings | None = None,
) -> tuple[Events, list[XlateError]]:
    """The events reported by the articles of ``paths``, and the files that failed (see
    :func:`xlate.grouping.run.events`)."""
    from xlate.grouping.run import events as run

    return run(paths, chain, glossary, settings=settings)
