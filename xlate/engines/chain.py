"""The engine chain a command asks for (``--engine``): memory, Argos (with the glossary
kept through it, and the cache in front), or identity; and how it is described in
reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from xlate.engines import ENGINE_NAMES, Engine, engine_class
from xlate.errors import EngineError, XlateError
from xlate.glossary.match import Glossary


def describe_engines(chain: Sequence[Engine]) -> list[dict[str, Any]]:
    """What each engine is (name, models, versions), for the report's signature."""
    engines = []
    for engine in chain:
        try:
            engines.append(engine.describe())
        except XlateError:
            engines.append({"name": engine.name})
    return engines


def build_chain(
    engine: str,
    *,
    memories: Iterable[Path] = (),
    fuzzy: float | None = None,
    cache_path: Path | None = None,
    use_cache: bool = True,
    context: str = "",
    argos_options: Any = None,
    glossary: Glossary | None = None,
    glossary_mode: str = "placeholder",
) -> list[Engine]:
    """The engines ``engine`` names, in the order they are tried."""
    identity, memory = engine_class("identity"), engine_class("memory")
    memory_files = list(dict.fromkeys(Path(m) for m in memories))
    if engine == "identity":
        return [identity()]
    if engine == "memory":
        if not memory_files:
            raise EngineError("the memory engine needs a TMX file: give --memory FILE.tmx")
        return [memory.from_files(memory_files, fuzzy=fuzzy)]
    chain: list[Engine] = []
    if engine == "auto" and memory_files:
        chain.append(memory.from_files(memory_files))
        if fuzzy is not None:
            chain.append(memory.from_files(memory_files, fuzzy=fuzzy))
    if engine in ("auto", "argos"):
        if glossary is not None:
            context = f"{context}glossary:{glossary.hash}:{glossary_mode}"
        chain.append(_argos(cache_path, use_cache, context, argos_options, glossary, glossary_mode))
        return chain
    raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINE_NAMES)}")


def _argos(
    cache_path: Path | None,
    use_cache: bool,
    context: str,
    options: Any,
    glossary: Glossary | None = None,
    glossary_mode: str = "placeholder",
) -> Engine:
    argos: Any = engine_class("argos")(options)
    if glossary is not None:
        from xlate.engines.enforce import GlossaryEngine

        argos = GlossaryEngine(argos, glossary, glossary_mode)
    if not use_cache:
        return cast(Engine, argos)
    from xlate.engines.cache import CachedEngine, TranslationCache, default_cache_path

    return CachedEngine(argos, TranslationCache(cache_path or default_cache_path()), context)
