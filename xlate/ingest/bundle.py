"""Event bundles: a folder with ``manifest.json``, the saved articles and translation memories.

The manifest (documented in docs/inputs.md, "Event bundles")::

    {
      "xlate_bundle": 1,
      "event": "one line naming the event",
      "articles": [
        {"id": "severny-vestnik", "file": "articles/severny-vestnik.html",
         "outlet": "Северный вестник", "outlet_en": "Severny Vestnik", "language": "ru",
         "date": "2024-11-19", "title": "...", "url": "https://...", "encoding": "cp1251"}
      ]
    }

``id``, ``file``, ``outlet`` and ``language`` are required; ``encoding`` is optional (detected
otherwise). Every ``.tmx`` file in the bundle folder is a translation memory for it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from xlate.errors import BundleError, InputError, XlateError
from xlate.ingest.decode import is_repaired_utf8
from xlate.ingest.formats import read_articles, readable
from xlate.ingest.paths import read_bounded
from xlate.limits import MAX_MANIFEST_BYTES
from xlate.model import Article, frozen

MANIFEST = "manifest.json"
_REQUIRED = ("id", "file", "outlet", "language")
_LANG = re.compile(r"^[a-z]{2,3}$")
_KIND, _LIMIT = "a bundle manifest", "for a manifest"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    id: str
    file: Path
    outlet: str
    language: str
    date: str = ""
    title: str = ""
    url: str = ""
    outlet_en: str = ""
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Bundle:
    root: Path
    event: str
    entries: tuple[ManifestEntry, ...]
    memories: tuple[Path, ...]
    # the manifest's articles that could not be taken, each failing alone: (file, problem)
    problems: tuple[tuple[Path, str], ...] = ()


def is_bundle(path: Path) -> bool:
    """Whether ``path`` is a folder with a manifest (of any kind: a manifest that is a pipe
    or a link loop is refused by :func:`load_manifest`, not read as an article)."""
    return path.is_dir() and os.path.lexists(path / MANIFEST)


def load_manifest(root: str | Path) -> Bundle:
    """The bundle at ``root``, its manifest validated: every file inside the bundle and present."""
    root = Path(root)
    manifest_path = root / MANIFEST
    try:
        # Not a pipe, a device or a link loop (reading would not end), nor a file too large.
        raw = read_bounded(manifest_path, MAX_MANIFEST_BYTES, kind=_KIND, limit=_LIMIT)
        data = json.loads(raw.decode("utf-8"))
    except InputError as exc:
        raise BundleError(str(exc)) from None
    except (ValueError, RecursionError) as exc:  # bad JSON or UTF-8, too deep, huge integers
        raise BundleError(f"{manifest_path}: not valid UTF-8 JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise BundleError(f'{manifest_path}: expected an object with an "articles" list')
    real_root = os.path.realpath(root)
    entries: list[ManifestEntry] = []
    problems: list[tuple[Path, str]] = []
    for i, item in enumerate(data["articles"], 1):
        try:  # one article's bad entry fails that article alone; the rest are read
            entries.append(_entry(manifest_path, root, real_root, i, item))
        except BundleError as exc:
            problems.append((manifest_path, str(exc).removeprefix(f"{manifest_path}: ")))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise BundleError(f"{manifest_path}: article id {entry.id!r} appears twice")
        seen.add(entry.id)
    memories = tuple(sorted(p for p in root.glob("*.tmx") if p.is_file()))
    return Bundle(root, str(data.get("event", "")), tuple(entries), memories, tuple(problems))


def _entry(
    manifest_path: Path, root: Path, real_root: str, number: int, item: Any
) -> ManifestEntry:
    where = f"{manifest_path}: article {number}"
    if not isinstance(item, dict):
        raise BundleError(f"{where}: expected an object")
    missing = [key for key in _REQUIRED if not isinstance(item.get(key), str) or not item[key]]
    if missing:
        raise BundleError(f"{where}: missing {', '.join(missing)}")
    if not _LANG.match(item["language"]):
        raise BundleError(f"{where}: language {item['language']!r} is not an ISO 639 code")
    if "\0" in item["file"]:
        raise BundleError(f"{where}: file {item['file']!r} holds a NUL character")
    encoding = _encoding(item.get("encoding"))
    file = Path(os.path.realpath(root / item["file"]))  # a link loop: no exception here
    if not file.is_relative_to(real_root):
        raise BundleError(f"{where}: file {item['file']!r} points outside the bundle")
    if not file.is_file():
        raise BundleError(f"{where}: file {item['file']!r} does not exist")
    return ManifestEntry(
        id=item["id"],
        file=file,
        outlet=item["outlet"],
        language=item["language"],
        date=str(item.get("date", "")),
        title=str(item.get("title", "")),
        url=str(item.get("url", "")),
        outlet_en=str(item.get("outlet_en", "")),
        encoding=encoding,
    )


def _encoding(encoding: object) -> str | None:
    """A manifest's ``encoding`` as a name for the reader, which refuses one that is no
    codec for text (``5``, ``undefined``) for this file only; None to detect it. The
    ``utf-8 (N invalid byte(s) replaced)`` that detection reports (and older bundles wrote)
    is UTF-8 repaired: detection repairs it again."""
    if encoding is None or encoding == "":
        return None
    if not isinstance(encoding, str):  # refused by the reader, for this file only
        return json.dumps(encoding)
    return None if is_repaired_utf8(encoding) else encoding


def apply_entry(entry: ManifestEntry, articles: list[Article]) -> list[Article]:
    """``articles`` read from ``entry.file`` with the manifest's metadata, which wins."""
    extra = {"outlet_en": entry.outlet_en} if entry.outlet_en else {}
    return [
        replace(
            article,
            id=entry.id if len(articles) == 1 else f"{entry.id}-{article.id}",
            outlet=entry.outlet,
            language=entry.language,
            date=entry.date or article.date,
            title=entry.title or article.title,
            url=entry.url or article.url,
            extra=frozen({**article.extra, **extra}),
        )
        for article in articles
    ]


def read_bundle(bundle: Bundle) -> tuple[list[Article], list[XlateError]]:
    """The bundle's articles with manifest metadata applied, and the files that failed."""
    articles: list[Article] = []
    errors: list[XlateError] = []
    for entry in bundle.entries:
        try:
            read = apply_entry(entry, read_articles(entry.file, encoding=entry.encoding))
        except XlateError as exc:
            errors.append(exc)
            continue
        good, bad = readable(read)
        articles += good
        errors += bad
    return articles, errors
