"""The events as JSON, and one bundle per event for ``xlate compare``."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xlate.grouping.model import SCHEMA, Document, EventArticle, Events
from xlate.ingest.decode import is_repaired_utf8
from xlate.ingest.paths import article_suffix

# -- outputs -------------------------------------------------------------------------------------


def events_json(result: Events) -> dict[str, Any]:
    """The stable JSON form (schema ``xlate-events/1``)."""

    def article(a: EventArticle) -> dict[str, Any]:
        return {
            "id": a.id,
            "path": a.path,
            "outlet": a.outlet,
            "language": a.language,
            "date": a.date,
            "title": a.title,
            "title_english": a.title_english,
            "untranslated": a.untranslated,
        }

    return {
        "schema": SCHEMA,
        "signature": {
            **result.signature,
            "threshold": round(result.threshold, 4),
            "null_threshold": round(result.null_threshold, 4),
            "settings": result.settings.to_dict(),
        },
        "events": [
            {
                "id": e.id,
                "label": e.label,
                "first": e.first,
                "last": e.last,
                "outlets": list(e.outlets),
                "languages": list(e.languages),
                "cohesion": e.cohesion,
                "articles": [article(a) for a in e.articles],
            }
            for e in result.events
        ],
        "unassigned": [article(a) for a in result.unassigned],
        "left_out": [x.to_dict() for x in result.left_out],
        **(
            {"passed_over": [x.to_dict() for x in result.passed_over]} if result.passed_over else {}
        ),
    }


def bundle_names(result: Events) -> dict[str, str]:
    """A folder name per event: its id and the first words of its label (``E1-japan-keeps``)."""
    names = {}
    for e in result.events:
        words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", e.label).lower())
        slug = "-".join(words[:6])[:48].strip("-")
        names[e.id] = f"{e.id}-{slug}" if slug else e.id
    return names


def write_bundles(result: Events, folder: Path) -> list[Path]:
    """One event bundle per event under ``folder`` (manifest, copies of the articles' files,
    the inputs' translation memories), ready for ``xlate compare``. Nothing is overwritten: an
    existing bundle folder is refused before anything is written.

    All or nothing: the bundles are written in a hidden folder beside them and renamed into
    place once every one is whole; a failure (a full disk, an input deleted meanwhile) or
    SIGINT/SIGTERM removes what was written, so a rerun finds no half-written bundle.
    """
    from xlate.errors import InputError

    names = bundle_names(result)
    for name in names.values():
        if (folder / name).exists():
            raise InputError(
                folder / name, "already exists; choose another --compare-dir (nothing written)"
            )
    staging: Path | None = None
    placed: list[Path] = []
    try:
        with _terminated_as_exit():
            folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".xlate-bundles-", suffix=".part", dir=folder))
            for staged in _write_bundles(result, staging, names):
                os.rename(staged, folder / staged.name)  # an empty folder made meanwhile: replaced
                placed.append(folder / staged.name)
            return placed
    except BaseException as exc:
        for done in placed:
            shutil.rmtree(done, ignore_errors=True)
        if isinstance(exc, OSError):
            named = str(exc.filename or "")
            where = folder if not named or named.startswith(str(staging)) else named
            reason = exc.strerror or exc
            raise InputError(where, f"cannot write the bundles (none written): {reason}") from None
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit while the block runs (as SIGINT raises KeyboardInterrupt), so
    that cleanup runs; the handler before is restored after. Only the main thread can."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    before = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _write_bundles(result: Events, folder: Path, names: dict[str, str]) -> list[Path]:
    by_id = {d.id: d for d in result.documents}
    written = []
    for e in result.events:
        root = folder / names[e.id]
        (root / "articles").mkdir(parents=True)
        entries = []
        used: set[str] = set()
        for a in e.articles:
            doc = by_id[a.id]
            file = Path("articles") / _file_name(doc, used)
            if doc.shares_file:
                fields = {
                    "id": doc.id,
                    "title": doc.title,
                    "date": doc.date,
                    "url": doc.url,
                    "outlet": doc.outlet,
                    "language": doc.language,
                    "text": doc.text,
                }
                (root / file).write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
            else:
                shutil.copyfile(doc.path, root / file)
            entry = {
                "id": doc.id,
                "file": file.as_posix(),
                "outlet": doc.outlet or doc.id,
                "language": doc.language,
                "date": doc.date,
                "title": doc.title,
                "url": doc.url,
            }
            if doc.outlet_en:
                entry["outlet_en"] = doc.outlet_en
            if doc.encoding and not doc.shares_file and not is_repaired_utf8(doc.encoding):
                entry["encoding"] = doc.encoding
            entries.append({k: v for k, v in entry.items() if v})
        for k, memory in enumerate(result.memories, 1):
            shutil.copyfile(memory, root / f"memory-{k}.tmx")
        manifest = {"xlate_bundle": 1, "event": e.label, "articles": entries}
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        (root / "manifest.json").write_text(text, encoding="utf-8")
        written.append(root)
    return written


_NAME_BYTES = 120  # room left for "-N" and a suffix


def _file_name(doc: Document, used: set[str]) -> str:
    """The article's id as a safe file name, with its file's suffix (``.json`` when it was one
    of several articles of its file), unique among ``used`` (which it joins)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in doc.id).strip(".")
    # A name is at most 255 bytes: 100 Japanese characters are 300 (UTF-8); cut whole ones.
    safe = safe.encode("utf-8")[:_NAME_BYTES].decode("utf-8", errors="ignore")
    suffix = ".json" if doc.shares_file else article_suffix(Path(doc.path))
    name, k = f"{safe or 'article'}{suffix}", 1
    while name.lower() in used:
        k += 1
        name = f"{safe or 'article'}-{k}{suffix}"
    used.add(name.lower())
    return name
