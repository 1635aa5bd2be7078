"""The inputs of a command: files, folders (their articles, in name order) and event
bundles (their manifest's articles, with its metadata), each file once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xlate.errors import InputError
from xlate.ingest.bundle import Bundle, ManifestEntry, is_bundle, load_manifest
from xlate.ingest.paths import ARTICLE_SUFFIXES, check_regular


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to translate, and its bundle manifest entry when it came from a bundle."""

    path: Path
    entry: ManifestEntry | None = None
    problem: str = ""  # why it cannot be read, found when the inputs were listed


@dataclass(frozen=True, slots=True)
class Inputs:
    files: tuple[InputFile, ...]
    memories: tuple[Path, ...]
    roots: tuple[Path, ...]  # folders and bundles, which no output folder may lie inside
    real_paths: frozenset[str] = frozenset()  # the files' real paths (never overwritten)


def collect_inputs(paths: Sequence[str | Path]) -> Inputs:
    """Article files named directly, found in folders, or listed by bundle manifests.

    A file found in a folder that cannot be read as one (a pipe, a device, a symbolic link
    loop or one leading outside the folder), and a subfolder that cannot be listed, are kept
    with their problem: each fails with its message, and the rest go on.
    """
    files: list[InputFile] = []
    memories: list[Path] = []
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if is_bundle(path):
            bundle = load_manifest(path)
            files += _bundle_files(bundle)
            memories += bundle.memories
            roots.append(path.resolve())
        elif path.is_dir():
            files += _folder_files(path)
            roots.append(path.resolve())
        else:
            # No root: an output folder may be beside the file, or be its folder (outputs
            # never take an input's name). A later run reads this file, not its folder.
            files.append(InputFile(path))
    kept, real = _once(files)
    return Inputs(kept, tuple(memories), tuple(roots), real)


def _once(files: Sequence[InputFile]) -> tuple[tuple[InputFile, ...], frozenset[str]]:
    """Each article once: a file named twice, or named and found in a folder given too, is
    read once (a bundle may list one file under several ids: those are several articles).
    Also the files' real paths."""
    seen: set[tuple[str, ManifestEntry | None]] = set()
    kept = []
    for item in files:
        # a manifest's files are real paths already (load_manifest resolved them)
        real = str(item.entry.file) if item.entry else os.path.realpath(item.path)
        key = (real, item.entry)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept), frozenset(real for real, _ in seen)


def _folder_files(folder: Path) -> list[InputFile]:
    """The article files under ``folder`` (hidden ones left out), sorted, each checked."""
    found: list[InputFile] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename is not None:
            where = Path(os.fsdecode(exc.filename))
            found.append(InputFile(where, problem=f"cannot read the folder: {exc.strerror}"))

    # Links to folders are not followed (a link loop is listed as a file, and refused).
    for top, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            path = Path(top, name)
            if name.startswith(".") or path.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            try:
                check_regular(path, folder)
            except InputError as exc:
                found.append(InputFile(path, problem=exc.problem))
            else:
                found.append(InputFile(path))
    return sorted(found, key=lambda item: item.path)


def _bundle_files(bundle: Bundle) -> list[InputFile]:
    return [InputFile(entry.file, entry) for entry in bundle.entries]
