"""The engine chain a command asks for (``--engine``): memory, Argos or another CTranslate2
model (``ct2:PATH``, or a name registered in the configuration; the glossary kept through it,
and the cache in front), or identity; and how it is described in reports.
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
    config_path: Path | None = None,
) -> list[Engine]:
    """The engines ``engine`` names, in the order they are tried; models registered in the
    configuration file ``config_path`` (:func:`xlate.engines.ct2.config_file`) by their name."""
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
        model: Any = engine_class("argos")(argos_options)
    else:
        model = _ct2(engine, argos_options, config_path)
    if glossary is not None:
        context = f"{context}glossary:{glossary.hash}:{glossary_mode}"
    chain.append(_wrapped(model, cache_path, use_cache, context, glossary, glossary_mode))
    return chain


def _ct2(engine: str, options: Any, config_path: Path | None) -> Engine:
    """The CTranslate2 model ``engine`` names: ``ct2:PATH``, or a name in the configuration."""
    from xlate.engines.ct2 import CT2Engine, registered_models

    if engine.startswith("ct2:"):
        if not engine[4:]:
            raise EngineError("--engine ct2:PATH needs the model's folder after ct2:")
        return CT2Engine(engine[4:], options)
    registered = registered_models(config_path)
    if engine not in registered:
        names = [*ENGINE_NAMES, *registered, "ct2:PATH"]
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(names)}")
    found = registered[engine]
    return CT2Engine(found.path, options, found.pair)


def _wrapped(
    engine: Any,
    cache_path: Path | None,
    use_cache: bool,
    context: str,
    glossary: Glossary | None = None,
    glossary_mode: str = "placeholder",
) -> Engine:
    """A model engine with the glossary kept through it and the cache in front."""
    if glossary is not None:
        from xlate.engines.enforce import GlossaryEngine

        engine = GlossaryEngine(engine, glossary, glossary_mode)
    if not use_cache:
        return cast(Engine, engine)
    from xlate.engines.cache import CachedEngine, TranslationCache, default_cache_path

    return CachedEngine(engine, TranslationCache(cache_path or default_cache_path()), context)
