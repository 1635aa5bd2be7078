"""The argument parser of every command: argparse, with "did you mean" and the usage of the
command that was mistyped, not the top-level one.

argparse (3.11) lets a subcommand's unknown options fall through to the top-level parser, which
reports them with ``xlate``'s usage; and an invalid choice names the choices without picking
the nearest. :class:`Parser` remembers the innermost command that parsed the arguments and
reports unknown options there, each with its nearest option when one is close.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

_PARSED_BY = "_xlate_parsed_by"  # the namespace attribute naming the innermost parser
_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")


def nearest(word: str, candidates: Sequence[str]) -> str | None:
    """The candidate ``word`` most likely misspells, if one is close (rapidfuzz's ratio of
    60 or more: the cutoff difflib's get_close_matches has, on the same measure)."""
    from rapidfuzz import fuzz, process  # only when a command line is wrong

    found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=60)
    return str(found[0]) if found else None


class ParagraphFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs wrapped to the terminal, paragraph by paragraph, between words;
    a paragraph of several lines (examples, a list of steps) is kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        paragraphs = []
        for paragraph in text.split("\n\n"):
            if "\n" in paragraph.strip("\n") or paragraph[:1].isspace():
                paragraphs.append(textwrap.indent(paragraph, indent))
            else:
                paragraphs.append(
                    textwrap.fill(paragraph, width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(paragraphs)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # every command's help wraps its prose at the terminal's width (argparse's raw
        # formatter, which commands ask for to keep their examples, wraps nothing)
        if kwargs.get("formatter_class", argparse.HelpFormatter) in (
            argparse.HelpFormatter,
            argparse.RawDescriptionHelpFormatter,
        ):
            kwargs["formatter_class"] = ParagraphFormatter
        super().__init__(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._given = list(args) if args is not None else sys.argv[1:]  # for error's hints
        parsed, extras = super().parse_known_args(args, namespace)
        if not hasattr(parsed, _PARSED_BY):  # the innermost parser returns first
            setattr(parsed, _PARSED_BY, self)
        return parsed, extras

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        owner: Parser = getattr(parsed, _PARSED_BY, self)
        delattr(parsed, _PARSED_BY)
        if extras:
            owner.error(owner.unrecognized(extras))
        return parsed

    def unrecognized(self, extras: Sequence[str]) -> str:
        """The message for arguments this command does not take, with the nearest options."""
        options = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        hints = []
        for extra in extras:
            word = extra.split("=", 1)[0]
            guess = nearest(word, options) if word.startswith("-") else None
            if guess:
                hints.append((word, guess))
        message = f"unrecognized arguments: {' '.join(extras)}"
        dashed = _dash_file_hint(extras)
        if dashed:  # a file whose name begins with a dash: `xlate detect -rf.txt`
            return f"{message}; {dashed}"
        if len(hints) == 1:
            message += f"; did you mean {hints[0][1]}?"
        elif hints:
            message += "; did you mean " + ", ".join(f"{g} (for {w})" for w, g in hints) + "?"
        return message

    def error(self, message: str) -> NoReturn:
        if message.startswith("the following arguments are required"):
            # the only file named begins with a dash, and was taken for an option
            dashed = _dash_file_hint(getattr(self, "_given", []))
            if dashed:
                message += f"; {dashed}"
        found = _INVALID_CHOICE.search(message)
        if found:  # argparse quotes its choices; --engine's own message lists them bare
            listed = found.group(2)
            choices = re.findall(r"'([^']*)'", listed) or [c.strip() for c in listed.split(",")]
            guess = nearest(found.group(1), choices)
            if guess:
                message += f"; did you mean {guess!r}?"
        super().error(message)


def _dash_file_hint(arguments: Sequence[str]) -> str:
    """How to name the first of ``arguments`` that is a file beginning with a dash, or ""."""
    files = [a for a in arguments if a.startswith("-") and a != "-" and os.path.lexists(a)]
    return f"to name the file {files[0]}, write ./{files[0]} (or put -- before it)" if files else ""
