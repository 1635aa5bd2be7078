"""Where Argos models come from: the package index, its addresses, and language names.

Importing this module imports nothing heavy (no argostranslate, whose settings module makes
folders on import), so messages and ``--help`` can quote the addresses cheaply.

- :data:`PACKAGE_INDEX` is the JSON index that argospm and ``xlate models install SRC TGT``
  read (argostranslate's ``settings.remote_package_index``; ARGOS_PACKAGE_INDEX moves it);
- :data:`PACKAGE_LIST` is the same index as a page a person browses, with a download link per
  package: the way to a model for a machine that is offline.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from xlate.errors import FormatError, LanguageError, NetworkError

PACKAGE_INDEX_DEFAULT = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
PACKAGE_LIST = "https://www.argosopentech.com/argospm/index/"
INDEX_TIMEOUT = 15  # seconds to wait for the index

# The two steps for a machine without the network, quoted by every "no model" message.
OFFLINE_STEPS = (
    f"download the model's .argosmodel file from {PACKAGE_LIST} and run "
    "`xlate models install FILE.argosmodel`"
)


def index_url(environ: Mapping[str, str] | None = None) -> str:
    """The JSON package index, as argostranslate computes it (ARGOS_PACKAGE_INDEX + index.json)."""
    env = os.environ if environ is None else environ
    return env.get("ARGOS_PACKAGE_INDEX", PACKAGE_INDEX_DEFAULT) + "index.json"


# The languages of the Argos index (ISO 639 codes as its packages write them) and their English
# names: `xlate models install russian english` is read as ru en, and offline a word that is
# neither is refused with this list. An index fetched online adds whatever it names.
LANGUAGES: dict[str, str] = {
    "ar": "Arabic",
    "az": "Azerbaijani",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ky": "Kyrgyz",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "ms": "Malay",
    "nb": "Norwegian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "pt_BR": "Brazilian Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "zt": "Chinese (traditional)",
}


def language_code(word: str, known: Mapping[str, str] = LANGUAGES) -> str:
    """The code ``word`` names: a code (``ru``) or an English name in any case (``Russian``).

    ``known`` maps codes to names; a word that is neither raises :class:`LanguageError` listing
    them, so that a typo never reaches the network or the file system."""
    folded = word.strip().casefold()
    for code, name in known.items():
        if folded in (code.casefold(), name.casefold()):
            return code
    listed = ", ".join(f"{code} ({name})" for code, name in sorted(known.items()))
    raise LanguageError(f"unknown language {word!r}; give a code or name: {listed}")


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
