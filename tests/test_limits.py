"""The limits the command line shows and the library applies are the same numbers
(``xlate/limits.py``), and that module stays free of imports so ``--help`` does not pay."""

from __future__ import annotations

import ast
import dataclasses
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from xlate import limits
from xlate.cli.main import build_parser

PARSER = build_parser()

# (command line, option's dest, the value in xlate.limits)
CLI_DEFAULTS = [
    (["compare", "x"], "max_sentences", limits.MAX_SENTENCES),
    (["compare", "x"], "max_articles", limits.MAX_ARTICLES),
    (["translate", "x", "--out", "o"], "max_bytes", limits.DEFAULT_MAX_BYTES),
    (["translate", "x", "--out", "o"], "max_decoding_length", limits.MAX_DECODING_LENGTH),
    (["translate", "x", "--out", "o"], "max_sentence_chars", limits.MAX_SENTENCE_CHARS),
]


@pytest.mark.parametrize(("argv", "dest", "expected"), CLI_DEFAULTS)
def test_the_command_line_defaults_are_the_limits(
    argv: list[str], dest: str, expected: int
) -> None:
    assert getattr(PARSER.parse_args(argv), dest) == expected


def _default(function: Callable[..., Any], name: str) -> Any:
    return inspect.signature(function).parameters[name].default


def _library_defaults() -> list[tuple[str, Any, int]]:
    from xlate.compare.prepare import prepare_outlets
    from xlate.compare.run import compare_paths
    from xlate.engines.argos import ArgosOptions
    from xlate.ingest.formats import read_articles
    from xlate.ingest.stream import open_text_stream
    from xlate.translate.results import TranslateOptions

    argos = {f.name: f.default for f in dataclasses.fields(ArgosOptions)}
    options = TranslateOptions(target="en", out_format="json")
    max_bytes, stream_bytes, part_chars = (
        limits.DEFAULT_MAX_BYTES,
        limits.STREAM_BYTES,
        limits.PART_CHARS,
    )
    sentences, articles = limits.MAX_SENTENCES, limits.MAX_ARTICLES
    return [
        ("read_articles", _default(read_articles, "max_bytes"), max_bytes),
        ("open_text_stream", _default(open_text_stream, "max_bytes"), max_bytes),
        ("open_text_stream", _default(open_text_stream, "part_chars"), part_chars),
        ("TranslateOptions", options.max_bytes, max_bytes),
        ("TranslateOptions", options.stream_bytes, stream_bytes),
        ("TranslateOptions", options.part_chars, part_chars),
        ("prepare_outlets", _default(prepare_outlets, "max_sentences"), sentences),
        ("prepare_outlets", _default(prepare_outlets, "max_articles"), articles),
        ("compare_paths", _default(compare_paths, "max_sentences"), sentences),
        ("compare_paths", _default(compare_paths, "max_articles"), articles),
        ("ArgosOptions", argos["max_decoding_length"], limits.MAX_DECODING_LENGTH),
        ("ArgosOptions", argos["max_sentence_chars"], limits.MAX_SENTENCE_CHARS),
    ]


@pytest.mark.parametrize(("where", "value", "expected"), _library_defaults())
def test_the_library_defaults_are_the_limits(where: str, value: Any, expected: int) -> None:
    assert value == expected, where


def test_the_limits_module_imports_nothing() -> None:
    tree = ast.parse(Path(limits.__file__).read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert imports == []
