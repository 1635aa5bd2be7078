"""The library entry point, :func:`events`: prepare, group, and the result with its signature."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from xlate import __version__
from xlate.errors import XlateError
from xlate.grouping.cluster import group
from xlate.grouping.model import Events, Settings
from xlate.grouping.prepare import prepare
from xlate.ingest.pile import Pile, read_pile

if TYPE_CHECKING:
    from xlate.engines import Engine
    from xlate.glossary.match import Glossary


# -- the library entry point ---------------------------------------------------------------------


def events(
    paths: Pile | Sequence[str | Path],
    chain: Sequence[Engine] | None = None,
    glossary: Glossary | None = None,
    *,
    settings: Settings | None = None,
) -> tuple[Events, list[XlateError]]:
    """The events reported by the articles of ``paths`` (a pile, or the paths to read as one),
    and the files that failed.

    ``chain`` defaults to ``xlate translate``'s auto chain (the bundles' memories, then Argos
    through the cache); ``glossary`` to none (give one for source-side concept evidence).
    An article some of whose sentences no engine could translate is grouped on the others
    (its ``untranslated`` count says how many); one with none translated fails.
    """
    from xlate.engines.chain import build_chain
    from xlate.ingest.pile import left_out

    settings = settings or Settings()
    pile = paths if isinstance(paths, Pile) else read_pile(paths)
    memories = pile.memories
    if chain is None:
        chain = build_chain("auto", memories=memories)
    docs, errors = prepare(pile, chain, glossary)
    found = group(docs, settings)
    signature = {
        "xlate": __version__,
        "engines": [getattr(e, "name", type(e).__name__) for e in chain],
        "glossary": glossary.hash if glossary is not None else None,
    }
    for engine in chain:
        memories += tuple(Path(p) for p in getattr(engine, "paths", ()))
    result = Events(
        found.events,
        found.unassigned,
        found.threshold,
        found.null_threshold,
        settings,
        signature,
        tuple(docs),
        tuple(dict.fromkeys(memories)),
        pile.passed_over,
        left_out(errors),
    )
    return result, errors
