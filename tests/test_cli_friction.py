"""A mistyped command line is answered with the nearest command or option, in the usage of the
command that was meant; --out's extension chooses the report format, or is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.cli.main import main

MEMORY = ["--engine", "memory", "--memory", str(SAMPLES / "memory.tmx")]

TYPOS = [
    (["compar", "x"], "usage: xlate [", "did you mean 'compare'?"),
    (["models", "instal"], "usage: xlate models [", "did you mean 'install'?"),
    (
        ["translate", "a.txt", "--fromat", "md", "--out", "o"],
        "usage: xlate translate [",
        "unrecognized arguments: --fromat md; did you mean --format?",
    ),
    (["compare", "a.txt", "--format", "mdd"], "usage: xlate compare [", "did you mean 'md'?"),
    (
        ["glossary", "lookup", "Kiev", "--jsn"],
        "usage: xlate glossary lookup [",
        "did you mean --json?",
    ),
    (
        ["events", "a.txt", "--widht", "80", "--min-outlts", "2"],
        "usage: xlate events [",
        "did you mean --width (for --widht), --min-outlets (for --min-outlts)?",
    ),
    # a trial: --engine's own message listed its choices bare, and got no guess
    (
        ["translate", "a.txt", "--out", "o", "--engine", "argo"],
        "usage: xlate translate [",
        "did you mean 'argos'?",
    ),
    (
        ["compare", "a.txt", "--engine", "memroy"],
        "usage: xlate compare [",
        "did you mean 'memory'?",
    ),
]


@pytest.mark.parametrize(("argv", "usage", "hint"), TYPOS, ids=lambda v: str(v))
def test_typos_get_the_nearest_and_the_commands_own_usage(
    argv: list[str], usage: str, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    assert err.rstrip().endswith(hint)


def test_an_unknown_word_far_from_every_option_gets_no_guess(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["models", "list", "--zzzzzz"])
    assert capsys.readouterr().err.rstrip().endswith("unrecognized arguments: --zzzzzz")


@pytest.mark.parametrize("command", ["translate", "detect"])
def test_an_unknown_encoding_is_a_usage_error_before_any_file_is_read(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a trial: --encoding nosuch failed every file, one by one, with exit 1
    extra = ["--out", str(tmp_path / "out")] if command == "translate" else []
    with pytest.raises(SystemExit) as info:
        main([command, str(SAMPLES), *extra, "--encoding", "nosuch"])
    assert info.value.code == 2
    assert (
        capsys.readouterr()
        .err.rstrip()
        .endswith("error: argument --encoding: unknown encoding 'nosuch'")
    )
    assert not (tmp_path / "out").exists()


def test_translate_out_naming_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "existing.txt"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["translate", str(SAMPLES), "--out", str(existing), *MEMORY])
    assert info.value.code == 2
    assert f"{existing} is a file; --out takes a folder" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("command", "name"),
    [("compare", "report.pdf"), ("compare", "report.docx"), ("events", "events.html")],
)
def test_an_extension_xlate_cannot_write_is_refused_with_the_list(
    command: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / name
    with pytest.raises(SystemExit) as info:
        main([command, str(SAMPLES), "--out", str(out), *MEMORY])
    assert info.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert f"cannot write a {out.suffix} report; name a file ending in .json, .md" in err
    listed = err[err.index("ending in") :]
    assert ".txt" in listed and (".html" in listed) == (command == "compare")
    assert not out.exists()


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("report.json", lambda t: json.loads(t)["schema"].startswith("xlate-compare")),
        ("report.md", lambda t: t.startswith("# ")),
        ("report.html", lambda t: t.lstrip().lower().startswith("<!doctype html")),
        ("report.txt", lambda t: "6 outlets ·" in t and not t.startswith(("#", "<", "{"))),
    ],
)
def test_the_compare_format_follows_the_out_extension(
    name: str, looks_like: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / name
    assert main(["compare", str(SAMPLES), "--out", str(out), *MEMORY]) == 0
    assert callable(looks_like) and looks_like(_read(out))


def test_the_events_format_follows_the_out_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.json"
    assert main(["events", str(SAMPLES), "--out", str(out), *MEMORY]) == 0
    assert "events" in json.loads(_read(out))


# A message longer than the terminal: one line for a script, wrapped between words on a
# terminal (which would otherwise cut a word in two at its edge).
LONG_NAME = "a-saved-page-whose-name-is-long-enough-to-fill-half-a-line"


@pytest.mark.parametrize("terminal", ["0", "1"])
def test_messages_wrap_between_words_only_on_a_terminal(
    terminal: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", terminal)
    monkeypatch.setenv("COLUMNS", "80")
    missing = tmp_path / LONG_NAME
    assert main(["detect", str(missing)]) == 1
    lines = capsys.readouterr().err.splitlines()
    message = f"xlate: error: {missing}: no such file or folder"
    if terminal == "0":
        assert lines[0] == message
        return
    at = lines.index(next(line for line in lines if line.startswith("xlate: error:")))
    said = lines[at : at + len(lines) - 1]  # the error, then "xlate: 1 file failed"
    assert " ".join(line.strip() for line in said) == message
    assert len(said) > 1 and all(line.startswith("  ") for line in said[1:])
    assert all(len(line) <= 80 for line in said if " " in line.strip())


def _help_pages() -> list[list[str]]:
    """Every command and subcommand of the parser, walked (none left out by hand)."""
    import argparse

    from xlate.cli.main import build_parser

    pages: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        pages.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    return pages


HELP_PAGES = _help_pages()


@pytest.mark.parametrize("command", HELP_PAGES, ids=lambda c: " ".join(c) or "xlate")
def test_help_fits_80_columns(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial found group titles of 88 and 90 characters and examples past 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    wide = [line for line in capsys.readouterr().out.splitlines() if len(line) > 80]
    assert wide == []


def test_a_message_of_several_lines_keeps_its_lines_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review found compare's per-file failures run together on a terminal: the wrapping
    turned each line break into a space."""
    from xlate.cli.common import tell

    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    tell("xlate: a.txt: no sentence in Japanese\nxlate: b.txt: no sentence in Japanese")
    assert capsys.readouterr().err.splitlines() == [
        "xlate: a.txt: no sentence in Japanese",
        "xlate: b.txt: no sentence in Japanese",
    ]


def test_a_target_a_memory_may_translate_into_is_taken(tmp_path: Path) -> None:
    # a review: --to hr with a memory of Croatian translations was refused after --to checks
    (tmp_path / "a.txt").write_text("Москва ответила жёстко.\n", encoding="utf-8")
    argv = ["translate", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]
    assert main([*argv, "--to", "hr", "--engine", "identity", "--no-cache"]) in (0, 1)
    assert (tmp_path / "out" / "a.hr.json").exists()


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--max-sentence-chars", "0", "0: give 20 or more"),  # a trial: ten minutes, 3.7 GB
        ("--beam-size", "-5", "-5: give 1 to 64"),  # a trial: a CTranslate2 traceback
        ("--max-decoding-length", "0", "0: give 1 or more"),
        ("--jobs", "0", "0: give 1 or more"),
        ("--max-bytes", "ten", "not a whole number: 'ten'"),
        ("--to", "xx", "unknown language 'xx'; give a code or name: "),  # a trial: .xx.json
    ],
)
def test_an_option_value_no_translation_can_run_with_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, said: str
) -> None:
    (tmp_path / "a.txt").write_text("Москва ответила жёстко.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["translate", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), option, value])
    assert info.value.code == 2
    assert f"argument {option}: {said}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything was made


def test_a_file_named_with_a_leading_dash_gets_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial: `xlate detect -rf.txt` said only "unrecognized arguments: -rf.txt"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-rf.txt").write_text("The minister arrived in Geneva.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["detect", "-rf.txt"])
    assert info.value.code == 2
    assert "write ./-rf.txt (or put -- before it)" in capsys.readouterr().err
    assert main(["detect", "--", "-rf.txt"]) == 0
    for command in (["translate", "-rf.txt", "--out", "o"], ["compare", "-rf.txt"]):
        # a trial: named alone, it left no PATH ("the following arguments are required")
        with pytest.raises(SystemExit) as info:
            main(command)
        assert info.value.code == 2
        assert "write ./-rf.txt (or put -- before it)" in capsys.readouterr().err


def test_a_mistyped_language_gets_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    # a trial: `--to russain` listed about 70 languages and guessed none
    with pytest.raises(SystemExit):
        main(["translate", "a.txt", "--out", "o", "--to", "russain"])
    assert "unknown language 'russain'; did you mean Russian (ru)?" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # a third trial: "eng" gave "did you mean Bengali"
        main(["translate", "a.txt", "--out", "o", "--to", "eng"])
    assert "unknown language 'eng'; did you mean English (en)?" in capsys.readouterr().err
