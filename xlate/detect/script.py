"""Which scripts a text is written in: letters per Unicode script, counted in one pass."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
        return "Kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "Han"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "Hangul"
    if 0x0400 <= code <= 0x052F:
        return "Cyrillic"
    if not ch.isalpha():
        return ""
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0xFF21 <= code <= 0xFF5A:
        return "Latin"
    import unicodedata

    name = unicodedata.name(ch, "")
    return name.split(" ")[0].title() if name else "Other"


_script_of = cache(_script)


_LETTER = re.compile(r"[^\W\d_]")
# The five scripts the rules know, each mapped to a one-character code by one str.translate
# pass (a C-level table lookup per character), then counted with str.count.
_SCRIPT_CODES = {
    "Cyrillic": "\x01",
    "Latin": "\x02",
    "Kana": "\x03",
    "Han": "\x04",
    "Hangul": "\x05",
}
_SCRIPT_RANGES = {
    "Cyrillic": [(0x0400, 0x052F)],
    "Latin": [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF), (0xFF21, 0xFF3A),
              (0xFF41, 0xFF5A)],
    "Kana": [(0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9D)],
    "Han": [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF)],
    "Hangul": [(0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F)],
}  # fmt: skip


@cache
def _script_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(code): None for code in _SCRIPT_CODES.values()}
    for name, ranges in _SCRIPT_RANGES.items():
        for low, high in ranges:
            for point in range(low, high + 1):
                if chr(point).isalpha():
                    table[point] = _SCRIPT_CODES[name]
    return table


def script_counts(text: str) -> Counter[str]:
    """Letters of ``text`` per Unicode script (URLs and e-mail addresses left out)."""
    if "://" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    coded = text.translate(_script_table())
    counts: Counter[str] = Counter()
    if text.isascii():  # its letters are all Latin (and translated in a C fast path)
        latin = coded.count(_SCRIPT_CODES["Latin"])
        if latin:
            counts["Latin"] = latin
        return counts
    for name, code in _SCRIPT_CODES.items():
        n = coded.count(code)
        if n:
            counts[name] = n
    if _LETTER.search(coded):  # letters of other scripts (Greek, Arabic, ...) remain
        for ch, n in Counter(_LETTER.findall(coded)).items():
            script = _script_of(ch)
            if script:
                counts[script] += n
    return counts
