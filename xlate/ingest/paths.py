"""Which files are articles, and reading them within bounds: the suffixes read, regular
files only (a link loop, a pipe or a device says what it is), sizes counted as read. The
glossary and bundle manifest readers use the same check and bounded read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from xlate.errors import InputError
from xlate.textsafe import shown_path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})


def article_kind(path: Path) -> str | None:
    """The kind of article file ``path`` is (the suffix its reader goes by), or None for a
    file xlate does not read. The one place that decides: a folder walk passes over what
    this refuses, and the readers take what it accepts."""
    suffix = path.suffix.lower()
    return suffix if suffix in ARTICLE_SUFFIXES else None


def checked_suffix(path: Path) -> str:
    kind = article_kind(path)
    if kind is None:
        raise InputError(path, f"unsupported file type {path.suffix.lower() or '(none)'!r}")
    return kind


def check_size(
    path: Path, max_bytes: int, kind: str = "an article", limit: str = "(--max-bytes)"
) -> int:
    size = check_regular(path, kind=kind).st_size
    if size > max_bytes:
        raise _too_large(path, f"file is {size:,} bytes", max_bytes, limit)
    return size


def _too_large(path: Path, what: str, max_bytes: int, limit: str) -> InputError:
    return InputError(path, f"{what}, over the {max_bytes:,}-byte limit {limit}")


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(
    path: Path, folder: Path | None = None, *, kind: str = "an article"
) -> os.stat_result:
    """The status of ``path``, which must be (or link to) a regular file; an InputError that
    says what it is otherwise: a symbolic link loop, a dangling link, a pipe, a device
    ("..., not ``kind``").

    With ``folder`` (the folder ``path`` was found in), a symbolic link that leads outside it
    is refused too: a folder of articles is read as it is, as bundles are.
    """
    try:
        if path.is_symlink():
            target = Path(os.path.realpath(path, strict=True))
            if folder is not None and not target.is_relative_to(os.path.realpath(folder)):
                raise InputError(
                    path, f"symbolic link to {shown_path(target)}, outside the folder (not read)"
                )
        status = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise InputError(path, "dangling symbolic link (its target does not exist)") from None
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    except RuntimeError:  # a loop, as some Python versions report it
        raise InputError(path, "symbolic link loop") from None
    for test, what in _KINDS:
        if test(status.st_mode):
            raise InputError(path, f"not a regular file ({what}), not {kind}")
    return status


def read_bounded(
    path: Path, max_bytes: int, *, kind: str = "an article", limit: str = "(--max-bytes)"
) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, counted as they are read: a size
    the file system reports (0 for files of /proc, a file growing) is not trusted.

    ``kind`` names what the file should be and ``limit`` where the bound comes from, in the
    messages ("not a regular file (a named pipe (FIFO)), not a glossary").
    """
    check_size(path, max_bytes, kind, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise _too_large(path, "file grew while read, or is larger than it says", max_bytes, limit)
    return data
