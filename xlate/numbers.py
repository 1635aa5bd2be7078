"""Numbers as news writes them, in ASCII digits: 1,000, 1.000, 1 000 and １０００ are 1000.

Below the stages that read numbers: the aligner's terms (:mod:`xlate.compare.terms`) and
the events' evidence (:mod:`xlate.grouping`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Digits with separators: 1,000 / 1.000 / 1 000 (Russian groups thousands with a space, which
# MT often keeps) / 1,5. A unit or letter may follow (200km, $1.5bn).
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")


def numbers_at(text: str) -> Iterator[tuple[int, str]]:
    """Each number of ``text`` in ASCII digits, with where it starts: 1,000, 1.000, 1 000 and
    １０００ are 1000; 1.5 and 1,5 are 1.5; 200km is 200."""
    for m in _NUMBER.finditer(text):
        number = m.group()
        if number.isascii() and number.isdigit():  # plain digits: nothing to normalise
            yield m.start(), number
            continue
        number = unicodedata.normalize("NFKC", number)
        if _THOUSANDS.fullmatch(number):
            yield m.start(), re.sub(r"[.,\s]", "", number)
        else:
            for part in number.split():
                yield m.start(), part.replace(",", ".")


def numbers(text: str, min_digits: int = 2) -> list[str]:
    """The numbers of ``text`` with at least ``min_digits`` digits, normalised as
    :func:`numbers_at` does, in order."""
    return [n for _, n in numbers_at(text) if sum(c.isdigit() for c in n) >= min_digits]
