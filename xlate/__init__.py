"""xlate: offline translation and cross-outlet comparison of diplomatic news.

The public API is re-exported here and loaded on first use, so ``import xlate`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "xlate.model",
    "Detection": "xlate.model",
    "Sentence": "xlate.model",
    "Translation": "xlate.model",
    "XlateError": "xlate.errors",
    "events": "xlate.grouping",
    "load_manifest": "xlate.ingest.bundle",
    "read_articles": "xlate.ingest.formats",
    "read_tmx": "xlate.glossary.tmx",
    "split_sentences": "xlate.segment",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:
    from xlate.errors import XlateError as XlateError
    from xlate.glossary.tmx import read_tmx as read_tmx
    from xlate.grouping import events as events
    from xlate.ingest.bundle import load_manifest as load_manifest
    from xlate.ingest.formats import read_articles as read_articles
    from xlate.model import Article as Article
    from xlate.model import Detection as Detection
    from xlate.model import Sentence as Sentence
    from xlate.model import Translation as Translation
    from xlate.segment import split_sentences as split_sentences


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'xlate' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
