"""What the Argos package index offers: its packages read from the index online
(``xlate models available``, and the names ``xlate models install`` accepts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xlate.engines.index import INDEX_TIMEOUT, LANGUAGES, OFFLINE_STEPS, index_url
from xlate.errors import FormatError, NetworkError


@dataclass(frozen=True, slots=True)
class AvailableModel:
    """One translation package of the index."""

    source: str
    target: str
    source_name: str
    target_name: str
    version: str
    link: str

    def to_dict(self) -> dict[str, str]:
        return {
            "from": self.source,
            "to": self.target,
            "from_name": self.source_name,
            "to_name": self.target_name,
            "version": self.version,
            "link": self.link,
        }


def parse_index(raw: bytes, where: str) -> list[AvailableModel]:
    """The translation packages an index file lists, sorted by pair and version."""
    import json

    try:
        entries = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FormatError(where, f"not a package index (invalid JSON: {exc})") from None
    if not isinstance(entries, list):
        raise FormatError(where, "not a package index (expected a JSON list of packages)")
    models = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        source, target = entry.get("from_code"), entry.get("to_code")
        if not (isinstance(source, str) and isinstance(target, str)):
            continue
        links = entry.get("links") or [""]
        models.append(
            AvailableModel(
                source=source,
                target=target,
                source_name=str(entry.get("from_name", LANGUAGES.get(source, source))),
                target_name=str(entry.get("to_name", LANGUAGES.get(target, target))),
                version=str(entry.get("package_version", "")),
                link=str(links[0]) if isinstance(links, list) and links else "",
            )
        )
    return sorted(models, key=lambda m: (m.source, m.target, m.version))


Fetch = Callable[[str, float], bytes]


def _urlopen(url: str, timeout: float) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=timeout) as response:
        data: bytes = response.read()
    return data


def fetch_index(url: str | None = None, fetch: Fetch = _urlopen) -> tuple[bytes, str]:
    """The index's bytes and address; :class:`NetworkError` saying where it is when offline."""
    import urllib.error

    url = url or index_url()
    try:
        return fetch(url, INDEX_TIMEOUT), url
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NetworkError(
            f"cannot reach the Argos package index {url} ({reason}); offline, {OFFLINE_STEPS}"
        ) from None


def available_models(url: str | None = None, fetch: Fetch = _urlopen) -> list[AvailableModel]:
    """The translation packages the Argos index offers now (online)."""
    raw, where = fetch_index(url, fetch)
    return parse_index(raw, where)


def index_languages(models: list[AvailableModel]) -> dict[str, str]:
    """:data:`LANGUAGES` with every language an index names added."""
    known = dict(LANGUAGES)
    for m in models:
        known.setdefault(m.source, m.source_name)
        known.setdefault(m.target, m.target_name)
    return known
