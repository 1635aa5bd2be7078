"""The exception tree: messages that say what to do, and errors that cross processes."""

from __future__ import annotations

import pickle

import pytest

from xlate.errors import (
    EncodingError,
    FormatError,
    InputError,
    NoModelError,
    UntranslatedError,
    XlateError,
)

ERRORS = [
    InputError("a.txt", "empty file"),
    EncodingError("b.txt", "not valid utf-8 at byte 3"),
    FormatError("c.json", "invalid JSON at line 1: Expecting value"),
    NoModelError("ja", "en"),
    UntranslatedError(["Раз.", "Два."], "run `xlate models install ru en`"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_survive_pickling_for_worker_processes(error: XlateError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def test_messages_name_the_file_and_the_fix() -> None:
    assert str(InputError("a.txt", "empty file")) == "a.txt: empty file"
    assert "`xlate models install ja en`" in str(NoModelError("ja", "en"))
    assert str(UntranslatedError(["x"] * 5, "hint")).startswith("5 sentence(s) not translated")
