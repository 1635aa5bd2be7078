"""An edit history from paths: read and translate every version as compare does
(:func:`xlate.compare.prepare.prepare_outlets`), then group, order and diff them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlate.glossary.match import Glossary
from xlate.history.versions import History, build_history
from xlate.ingest.pile import Pile
from xlate.limits import MAX_VERSION_SENTENCES, MAX_VERSIONS


def history_paths(
    paths: Pile | Sequence[str],
    chain: Sequence[Any],
    *,
    glossary: Glossary | None = None,
    max_versions: int = MAX_VERSIONS,
    named: bool = False,
) -> tuple[History, list[Exception]]:
    """Read, translate and diff the versions in ``paths`` (a pile, or the paths to read as
    one); the files that failed. ``named``: the paths are files named one by one, read as
    versions of one article when nothing else pairs them
    (:func:`~xlate.history.versions.build_history`)."""
    from xlate import __version__
    from xlate.compare.prepare import prepare_outlets
    from xlate.engines.chain import describe_engines
    from xlate.errors import InputError
    from xlate.history.versions import SCHEMA
    from xlate.ingest.pile import left_out

    outlets, errors = prepare_outlets(
        paths,
        chain,
        glossary,
        max_sentences=MAX_VERSION_SENTENCES,
        max_articles=max_versions,
        articles_option="--max-versions",
        sentences_option=None,  # history diffs pairs, not all: a fixed limit, no option
    )
    if not outlets:
        problem = f"; {len(errors)} failed" if errors else ""
        raise InputError(
            None,
            f"no readable version to compare{problem}" + "".join(f"\n  {e}" for e in errors[:5]),
        )
    signature = {
        "xlate": __version__,
        "schema": SCHEMA,
        "engines": describe_engines(chain),
        # the chain keeps the glossary's terms through translation, as compare's does
        "glossary": glossary.hash if glossary is not None else None,
    }
    skipped = [(x.file, x.reason) for x in left_out(errors)]
    return build_history(outlets, signature, skipped, named=named), list(errors)
