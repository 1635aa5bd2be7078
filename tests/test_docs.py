"""The README, the command reference in docs/ and the command line stay in step."""

from __future__ import annotations

import argparse
import re

import pytest
from conftest import ROOT

from xlate.cli.main import build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
README_MAX_LINES = 300
MODEL_INDEX = "https://www.argosopentech.com/argospm/index/"
SETUP = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -U pip && "
    "pip install torch==2.13.0 && pip install -e . && xlate compare samples/japan-sanctions"
)
TESTS = '. .venv/bin/activate && pip install -e ".[test]" && pytest'


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


COMMANDS = _subparsers(build_parser())


def test_the_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert blocks[:2] == [SETUP, TESTS]
    assert README.index(SETUP) < README.index("## ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command: str) -> None:
    assert f"## `xlate {command}`" in CLI_DOC
    assert f"xlate {command}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name, sub in sorted(COMMANDS.items())
        for action in sub._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    assert option in CLI_DOC, f"xlate {command} {option} is not in docs/cli.md"


@pytest.mark.parametrize("action", ["list", "available", "install", "remove"])
def test_every_models_action_is_documented(action: str) -> None:
    assert f"xlate models {action}" in CLI_DOC


def test_the_readme_is_a_users_guide() -> None:
    assert len(README.splitlines()) <= README_MAX_LINES


def test_the_readme_says_where_to_get_a_model() -> None:
    getting = README[README.index("### Getting models") :]
    assert MODEL_INDEX in getting
    assert "xlate models install ru en" in getting
    assert "xlate models install translate-ru_en" in getting


@pytest.mark.parametrize(
    "link", sorted(set(re.findall(r"\]\(((?:docs/)?[\w./-]+\.(?:md|png))\)", README)))
)
def test_every_page_the_readme_links_exists(link: str) -> None:
    assert (ROOT / link).is_file(), link
