"""The exception tree: messages that say what to do, and errors that cross processes."""

from __future__ import annotations

import pickle

import pytest

from xlate.errors import (
    DependencyError,
    EncodingError,
    FormatError,
    InputError,
    LimitError,
    NoModelError,
    UntranslatedError,
    XlateError,
)

ERRORS = [
    InputError("a.txt", "empty file"),
    EncodingError("b.txt", "not valid utf-8 at byte 3"),
    FormatError("c.json", "invalid JSON at line 1: Expecting value"),
    NoModelError("ja", "en"),
    UntranslatedError(["Раз.", "Два."], "run `xlate models install ru en`", "Заголовок"),
    LimitError("12 article files to compare, over --max-articles 3; compare fewer"),
    DependencyError("HTML extraction is unavailable (no module named 'trafilatura')"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_survive_pickling_for_worker_processes(error: XlateError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


def test_messages_name_the_file_and_the_fix() -> None:
    assert str(InputError("a.txt", "empty file")) == "a.txt: empty file"
    assert "`xlate models install ja en`" in str(NoModelError("ja", "en"))
    assert str(UntranslatedError(["x"] * 5, "hint")).startswith("5 sentences not translated")


def test_untranslated_sentences_are_counted_as_the_summary_counts_and_cut_at_a_word() -> None:
    """A trial under --strict: "15 sentences not translated" where the summary counted 14
    (the title is no sentence there), and a snippet cut mid-word: "... вторжение на Ук'"."""
    body = ["G7 предупредила Россию об ответственности за вторжение на Украину и санкциях."] * 14
    message = str(UntranslatedError(body, "hint", title="G7 и Россия"))
    assert message.startswith("14 sentences and the title not translated ('G7 и Россия'; ")
    assert "'G7 предупредила Россию об ответственности за вторжение на…'" in message
    assert "and 12 more); hint" in message
    assert str(UntranslatedError([], "hint", title="Заголовок")).startswith(
        "the title not translated ('Заголовок'); hint"
    )


# Where xlate raises an exception type itself, it is one of the tree's subclasses (the root is
# for catching). A ValueError stays where only a caller's bug can raise it: no input file or
# option a user gives reaches it, because every path from the command line checks the value
# first. Were it an XlateError, a batch would catch it and report the bug as one file's
# failure. engines/enforce.py: GlossaryEngine's mode (argparse's choices refuse an unknown
# --glossary-mode); glossary/match.py: Glossary.scan in a language it does not match (the
# callers check the language or pass "en"; `xlate glossary scan` refuses others with an
# InputError).
KNOWN_BARE = {
    ("engines/enforce.py", "ValueError"),  # a caller's bug: see above
    ("glossary/match.py", "ValueError"),  # a caller's bug: see above
    # programming errors: only build_report takes subsets, always of whole outlets, and the
    # aligner never asks for links below the floor of the scores it kept
    ("compare/scores.py", "ValueError"),
    ("compare/align.py", "ValueError"),
}


def _raised_names() -> list[tuple[str, str]]:
    import ast
    from pathlib import Path

    import xlate

    root = Path(xlate.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                if isinstance(func, ast.Name):
                    found.append((path.relative_to(root).as_posix(), func.id))
    return found


def test_only_subclasses_of_the_tree_are_raised() -> None:
    raised = _raised_names()
    assert len(raised) > 30  # the scan sees the package
    bare = {(path, name) for path, name in raised if name in ("XlateError", "ValueError")}
    assert bare <= KNOWN_BARE, sorted(bare - KNOWN_BARE)


def test_a_limit_is_a_limit_error_naming_its_option() -> None:
    from conftest import SAMPLES

    from xlate.compare.prepare import prepare_outlets
    from xlate.engines.identity import IdentityEngine

    with pytest.raises(LimitError, match=r"--max-articles 3"):
        prepare_outlets([str(SAMPLES)], [IdentityEngine()], None, max_articles=3)
    with pytest.raises(LimitError, match=r"over --max-sentences 10"):
        prepare_outlets([str(SAMPLES)], [IdentityEngine()], None, max_sentences=10)


def test_the_root_is_never_made_even_to_be_reported() -> None:
    import ast
    from pathlib import Path

    import xlate

    root = Path(xlate.__file__).parent
    made = [
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "XlateError"
    ]
    assert made == []
