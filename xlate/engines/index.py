"""Where Argos models come from: the package index, its addresses, and language names.

Importing this module imports nothing heavy (no argostranslate, whose settings module makes
folders on import; no dataclasses), so messages and ``--help`` can quote the addresses
cheaply. What the index offers, read online: :mod:`xlate.engines.available`.

- :data:`PACKAGE_INDEX` is the JSON index that argospm and ``xlate models install SRC TGT``
  read (argostranslate's ``settings.remote_package_index``; ARGOS_PACKAGE_INDEX moves it);
- :data:`PACKAGE_LIST` is the same index as a page a person browses, with a download link per
  package: the way to a model for a machine that is offline.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from xlate.errors import OFFLINE_STEPS as OFFLINE_STEPS
from xlate.errors import PACKAGE_LIST as PACKAGE_LIST
from xlate.errors import LanguageError

PACKAGE_INDEX_DEFAULT = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT = 15  # seconds to wait for the index


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
    from rapidfuzz import fuzz, process  # only when a language is mistyped

    names = {name.casefold(): code for code, name in known.items() if name != code}
    starts = [name for name in names if name.startswith(folded)]  # "eng": English
    if len(starts) == 1:
        nearest: str | None = starts[0]
    else:
        found = process.extractOne(folded, list(names), scorer=fuzz.ratio, score_cutoff=60)
        nearest = found[0] if found else None
    guess = f"did you mean {known[names[nearest]]} ({names[nearest]})? " if nearest else ""
    raise LanguageError(f"unknown language {word!r}; {guess}give a code or name: {listed}")
