"""The engines' lazy registry: names known without importing engines, each name a class that
follows the Engine protocol, and only the engine asked for is imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

from xlate.engines import ENGINE_NAMES, engine_class
from xlate.errors import EngineError

NAMES = [name for name in ENGINE_NAMES if name != "auto"]


@pytest.mark.parametrize("name", NAMES)
def test_each_name_is_a_class_following_the_protocol(name: str) -> None:
    cls = engine_class(name)
    assert isinstance(cls, type)
    for method in ("translate", "describe", "model_for"):
        assert callable(getattr(cls, method))


def test_an_unknown_engine_names_the_choices() -> None:
    with pytest.raises(EngineError, match=r"unknown engine 'deepl'; choose one of auto, argos"):
        engine_class("deepl")


def test_asking_for_a_light_engine_does_not_import_ctranslate2() -> None:
    code = (
        "import sys; from xlate.engines import engine_class; "
        "engine_class('identity'); engine_class('memory'); "
        "print(sorted(m for m in ('ctranslate2', 'argostranslate', 'xlate.engines.argos') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
