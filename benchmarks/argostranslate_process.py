"""One article through argostranslate's own call path, as a whole process of its own.

    python benchmarks/argostranslate_process.py SENTENCES.json

The baseline that ``argos_batching_bench.py`` times from spawn to exit for its one-article
case: Python's start-up, ``import argostranslate.translate`` (its sentence splitters pull in
stanza, spaCy and torch), the installed package found and its translation built as
``get_translation_from_codes`` builds it (its translator, with the threads of the
``ARGOS_*`` variables the caller sets, is created on first use), then the article through
``translate()``. Nothing of xlate is imported.

The one stand-in: argostranslate's sentence splitter for a package without one downloads a
model, which cannot run offline, so the article's own sentences (the JSON list of strings in
SENTENCES.json) are handed to it, joined with spaces as the article's text. Prints the
translation.
"""

from __future__ import annotations

import json
import sys

import argostranslate.translate


class GivenSentences:
    """A sentence splitter that returns the article's own sentences."""

    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences

    def split_sentences(self, text: str) -> list[str]:
        return self.sentences


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        sentences = json.load(handle)
    translation = argostranslate.translate.get_translation_from_codes("ru", "en")
    translation.underlying.sentencizer = GivenSentences(sentences)  # a CachedTranslation's
    print(translation.translate(" ".join(sentences)))


if __name__ == "__main__":
    main()
