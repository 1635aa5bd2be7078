"""Files handled safely: written through a temporary file renamed into place (an interrupted
run leaves only complete files), never over a file that is not ours, the temporary files of a
run that died cleaned up; and XML from elsewhere (TMX, TBX) parsed without expanding entities.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from itertools import count
from pathlib import Path
from typing import TextIO

from xlate.errors import FormatError
from xlate.textsafe import shown_path


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text file that appears under ``path`` (in an existing folder) only once it is whole.

    It is written as a hidden temporary file and renamed into place when the block ends; if the
    block raises, the temporary file is removed and ``path`` is untouched. Readers (and a killed
    run) see the old file or the whole new one, never a part. There is no fsync per file: after
    a power failure a resumed run re-checks outputs
    (:func:`~xlate.translate.outputs.output_state`) and redoes any that did not reach the
    disk whole.
    """
    check_replaceable(path)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        check_replaceable(path)  # made meanwhile
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_replaceable(path: Path) -> None:
    """An OSError when ``path`` is there and is no regular file: a symbolic link (to
    /dev/stdout, say), a pipe or a device (a folder fails the rename itself). The rename
    that ends an atomic write would replace the link, the pipe or the system's device node
    with a file."""
    from xlate.ingest.paths import file_kind

    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return  # absent (or unreachable: the write says why)
    if stat.S_ISDIR(mode):
        return  # the rename fails on it: "Is a directory"
    what = "a symbolic link" if stat.S_ISLNK(mode) else file_kind(mode)
    if what:
        raise OSError(
            errno.EEXIST, f"it is {what}, not a regular file: xlate does not replace it", path
        )


_TEMPORARY_NUMBERS = count()


_TEMPORARY = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9-]*)-(?P<pid>\d+)-\d+\.part$")


@cache
def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname())[:32]


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file beside ``path``, named for this host and process, with the usual
    permissions (the umask applies; ``tempfile.mkstemp`` would make it private)."""
    while True:
        number = next(_TEMPORARY_NUMBERS)
        tmp = path.with_name(f".{path.name}.{_host()}-{os.getpid()}-{number}.part")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # left by a killed run that had the same process id
            continue


def remove_stale_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files that runs killed on this host left in ``folder``.

    A temporary file's name holds its host and process id: one whose process is gone will
    never be finished. Files of live processes (a concurrent run) and of other hosts (a
    shared folder) are left alone. Returns the names removed.
    """
    if os.name != "posix":
        return []
    removed = []
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".part")]
    except OSError:
        return []
    for name in names:
        match = _TEMPORARY.match(name)
        if not match or match["host"] != _host() or _alive(int(match["pid"])):
            continue
        try:
            (folder / name).unlink()
            removed.append(name)
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through :func:`atomic_writer`."""
    with atomic_writer(path) as handle:
        handle.write(text)


def write_guarded(path: Path, text: str) -> str:
    """Write a report with :func:`write_atomic`; what went wrong, or ``""``, never an
    exception: a full disk or a read-only folder must not hide the failed files' messages.
    The old report, if any, is left whole."""
    try:
        write_atomic(path, text)
    except (OSError, ValueError) as exc:  # ValueError: text no encoding can write
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return f"cannot write the report {shown_path(path)}: {reason}"
    return ""


def parse_untrusted_xml(path: str | Path, kind: str) -> ET.Element:
    """The root element of an XML file from elsewhere (a ``kind`` such as TMX or TBX).

    defusedxml refuses entity declarations and external references instead of expanding
    them; every failure is a FormatError naming the file.
    """
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    from xlate.ingest.paths import check_regular

    check_regular(Path(path))  # not a pipe, a device or a link loop: reading would not end
    try:
        root: ET.Element = SafeET.parse(path).getroot()
    except DefusedXmlException as exc:
        raise FormatError(path, f"refused unsafe XML ({type(exc).__name__}): {exc}") from None
    except ET.ParseError as exc:
        raise FormatError(path, f"malformed {kind}: {exc}") from None
    except OSError as exc:
        raise FormatError(path, f"cannot read: {exc.strerror}") from None
    except ValueError as exc:  # expat: "multi-byte encodings are not supported" (Shift_JIS)
        raise FormatError(
            path, f"cannot read this {kind}'s declared encoding ({exc}); save it as UTF-8"
        ) from None
    return root
