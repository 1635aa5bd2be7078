"""Translation engines behind one small protocol.

An engine translates a batch of sentences of one language pair and returns, per sentence, a
:class:`~xlate.model.Translation` or ``None`` when it has no answer for that sentence (a memory
miss). Engines compose: the cache wraps an engine and is one; ``auto`` chains memory and Argos.

Modules: ``argos`` (Argos Translate through CTranslate2), ``memory`` (TMX, exact and fuzzy),
``identity`` (text already in the target language), ``cache`` (a SQLite cache wrapping an
engine), ``enforce`` (the glossary kept through an engine), ``chain`` (the chain ``--engine``
names, :func:`~xlate.engines.chain.build_chain`), ``packages`` (installing Argos models).
Modules are imported lazily: ``xlate.engines.argos`` loads CTranslate2 only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: `xlate --help` imports this module for ENGINE_NAMES
    from xlate.model import Translation

# Each engine's class by name, imported only when asked for (as sacrebleu registers its
# tokenizers): naming the engines, as ``--help`` does, loads none of them.
_REGISTRY = {
    "argos": "xlate.engines.argos:ArgosEngine",
    "memory": "xlate.engines.memory:MemoryEngine",
    "identity": "xlate.engines.identity:IdentityEngine",
}
ENGINE_NAMES = ("auto", *_REGISTRY)  # auto: memory exact match, then Argos


def engine_class(name: str) -> Any:
    """The class of the engine called ``name``, its module imported now."""
    from xlate.errors import EngineError

    if name not in _REGISTRY:
        raise EngineError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")
    module, attribute = _REGISTRY[name].split(":")
    return getattr(importlib.import_module(module), attribute)


class Engine(Protocol):
    name: str

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        """One result per sentence, in order; ``None`` where this engine has no answer."""
        ...

    def describe(self) -> dict[str, Any]:
        """Name, models and versions: what made translations (for reports and signatures)."""
        ...

    def model_for(self, source: str, target: str) -> str:
        """The model and version this engine uses for a pair (part of cache keys)."""
        ...
