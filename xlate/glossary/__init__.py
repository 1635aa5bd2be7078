"""The diplomatic glossary and translation memories as files.

``concepts`` holds the glossary's values (concepts, matches, a file's problems); ``match``
a glossary's scan (the rules listed there); ``words`` finds
their terms in Russian (inflection by stems) and English; ``japanese`` in Japanese, which has
no spaces; ``load`` reads and checks glossary
files; ``exchange`` converts them to and from CSV term pairs and TBX; ``tmx`` reads and writes
TMX memories; ``data/`` ships the bundled glossary (a link to the top-level
``glossaries/diplomatic.toml`` people read); ``paths`` says where the bundled glossary and
the user's own are.

The languages and concept types are here, importing only the import-free limits, for
``--help`` to offer.
"""

from xlate.limits import SOURCE_LANGUAGES, TARGET_LANGUAGE

# English first: the order of a concept's forms in glossary files and in JSON
LANGUAGES = (TARGET_LANGUAGE, *SOURCE_LANGUAGES)
TYPES = frozenset(
    {"person", "office", "organisation", "place", "sanction-term", "framing", "other"}
)
