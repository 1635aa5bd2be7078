"""Paging a tall terminal report or listing, as git and man do: through $PAGER (else
``less -R``) when it is taller than the terminal and stdout is one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def show_sections_paged(
    sections: Iterable[RenderableType], *, width: int | None, no_pager: bool
) -> None:
    """``sections`` printed one after the other, paged as :func:`show_paged` pages."""

    def show(console: Console) -> None:
        for section in sections:
            console.print(section)

    show_paged(show, width=width, no_pager=no_pager)


def show_paged(show: Callable[[Console], None], *, width: int | None, no_pager: bool) -> None:
    """What ``show`` prints on a console for stdout, through a pager when it is taller than
    the terminal and stdout is one (not with ``no_pager``)."""
    from xlate.render.console import make_console

    console = make_console(width=width)
    if not console.is_terminal:  # a file or a pipe: lines without rich's padding to the width
        with console.capture() as captured:
            show(console)
        console.file.write(_unpadded(captured.get()))
        return
    if no_pager:
        show(console)
        return
    with console.capture() as captured:
        show(console)
    text = captured.get()
    if text.count("\n") < console.height:
        console.file.write(text)
        return
    page(text, console.file)


def _unpadded(text: str) -> str:
    """``text`` with the spaces at the end of each line taken off (a trial found a report
    written to a file full of them)."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def page(text: str, fallback: IO[str]) -> None:
    """``text`` (with ANSI styles, unless NO_COLOR cleared them) through $PAGER, else less -R;
    written as it is when no pager can run."""
    import os
    import shlex
    import subprocess

    command = os.environ.get("PAGER") or "less -R"
    env = dict(os.environ)
    # -X: less leaves the report on the screen when it quits (no alternate screen); -F: it
    # quits at once when the report fits after all; -R: colours. The user's own LESS wins.
    env.setdefault("LESS", "-FRX")
    try:
        argv = shlex.split(command)
    except ValueError:  # a quote left open in $PAGER
        argv = []
    if not argv:  # a blank or broken $PAGER: no pager to run
        fallback.write(text)
        return
    try:
        subprocess.run(argv, input=text, text=True, encoding="utf-8", env=env, check=False)
    except OSError:
        fallback.write(text)
