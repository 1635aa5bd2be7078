"""Names in context: what the words around a form say it names (issue #30).

A name can stand for another thing of the same name: Остин after в is the city, «Вашингтона»
after нападающий the hockey team, Медведев after хутор a village, 政府 after 韓国政府 Korea's
government. The rules live in the glossary's data, per concept (``glossaries/diplomatic.toml``
documents the fields; docs/glossary.md "Names in context" says them in plain words):

- ``not_after``: words just before the form (Russian and English: any inflection, by Snowball
  stem; Japanese: the characters just before it) that make it name something else: в Остине,
  хутора Медведев.
- ``not_before``: words just after the form (past a comma) that do the same: Остине, штат
  Техас; ワシントン州.
- ``not_quoted_after``: nouns up to three words before a quoted form (team, ship, newspaper,
  operation): Нападающий «Вашингтона», корвет «Минск».
- ``elsewhere``: concept ids (other countries and their governments) that, named in the text
  more often than the concept and its ``context``, say an ambiguous form is theirs: 政府 in a
  story about Korea (韓国政府, 韓国) is Korea's government, not Japan's.

:func:`in_context` drops the matches these rules say name something else.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from xlate.glossary.concepts import Match

QUOTES_OPEN = "«\"“„'「『"  # the characters that open a quotation
_WORDS = re.compile(r"\w+")
_BEFORE_WORDS = 3  # how many words before an opening quote may hold its noun


@cache
def _stemmer(lang: str) -> Any:
    import Stemmer  # PyStemmer: the Snowball stemmers

    return Stemmer.Stemmer({"ru": "russian", "en": "english"}[lang], 0)


@lru_cache(maxsize=65536)
def stem(lang: str, word: str) -> str:
    """The Snowball stem of ``word`` lower-cased (ru, en); a Japanese word as it is."""
    if lang == "ja":
        return word
    stemmed: str = _stemmer(lang).stemWord(word.lower())
    return stemmed


def named_elsewhere(text: str, lang: str, match: Match) -> bool:
    """Whether the words around ``match`` say it names something else (its concept's
    ``not_after``, ``not_before`` and ``not_quoted_after`` rules)."""
    concept = match.concept
    return (
        _word_before(text, lang, match.start, concept.not_after.get(lang, ()))
        or _word_after(text, lang, match.end, concept.not_before.get(lang, ()))
        or _quoted_after(text, lang, match, concept.not_quoted_after.get(lang, ()))
    )


def _word_before(text: str, lang: str, start: int, words: Sequence[str]) -> bool:
    if not words:
        return False
    if lang == "ja":
        return any(text.endswith(word, 0, start) for word in words)
    before = _WORDS.findall(text[max(0, start - 40) : start])
    if not before or text[start - 1 : start] not in (" ", "\u00a0"):
        return False
    return stem(lang, before[-1]) in {stem(lang, w) for w in words}


def _word_after(text: str, lang: str, end: int, words: Sequence[str]) -> bool:
    if not words:
        return False
    if lang == "ja":
        return any(text.startswith(word, end) for word in words)
    rest = text[end : end + 40]
    head = re.match(r"\w*[,\s]\s*(\w+)", rest)  # the form's own ending, a comma or space
    return head is not None and stem(lang, head.group(1)) in {stem(lang, w) for w in words}


def _quoted_after(text: str, lang: str, match: Match, nouns: Sequence[str]) -> bool:
    """The form opens a quotation («Вашингтона», «Минск») and one of ``nouns`` stands up to
    three words before the opening quote."""
    if not nouns or match.start == 0 or text[match.start - 1] not in QUOTES_OPEN:
        return False
    before = text[max(0, match.start - 1 - 80) : match.start - 1]
    if lang == "ja":
        return any(noun in before[-12:] for noun in nouns)
    words = _WORDS.findall(before)[-_BEFORE_WORDS:]
    stems = {stem(lang, n) for n in nouns}
    return any(stem(lang, w) in stems for w in words)


def in_context(text: str, lang: str, found: Sequence[tuple[Match, str]]) -> list[tuple[Match, str]]:
    """``found`` (matches and the form each matched) without those whose context says they
    name something else: the words around them, or for an ambiguous form the concepts of its
    ``elsewhere``, named in the text more often than the concept and its ``context``."""
    named = Counter(m.concept.id for m, form in found
                    if form not in m.concept.ambiguous.get(lang, ()))  # fmt: skip
    kept = []
    for match, form in found:
        concept = match.concept
        if named_elsewhere(text, lang, match) or (
            concept.elsewhere
            and form in concept.ambiguous.get(lang, ())
            and sum(named[cid] for cid in concept.elsewhere)
            > named[concept.id] + sum(named[cid] for cid in concept.context)
        ):
            continue
        kept.append((match, form))
    return kept
