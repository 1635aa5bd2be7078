"""Short lines cut from the WMT22 documents (issue #30): the detector's test of 3-8 word lines.

Every sentence of ``../shared/data/wmt22/{ru,ja}-en.jsonl`` (all domains), in file order: the
Russian and Japanese sources and the English references of both files. The k-th sentence of a
language gives one line of n = 3 + k % 6 words: its first n words (Russian, English; sentences
shorter than n words give none) or, Japanese having no spaces, its first 2n characters (a
Japanese word averages about two). A line counts only where at least half its letters are of
its language's script (Cyrillic; kana and kanji; Latin): a product code or an English title cut
from a Japanese post (#Product1#, FINAL FA) is no Japanese line. Lines of a quarter of the
documents (every fourth in file order) are held out: the detector's short-line rules were
written without looking at them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

SCRIPT = {
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "en": re.compile(r"[A-Za-z]"),
}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Line:
    lang: str
    text: str
    held_out: bool


def _sentences(folder: Path, lang: str) -> list[tuple[str, bool]]:
    files = [(f"{lang}-en.jsonl", "src")] if lang != "en" else [
        ("ru-en.jsonl", "ref"), ("ja-en.jsonl", "ref")]  # fmt: skip
    found = []
    for name, side in files:
        with (folder / name).open(encoding="utf-8") as lines:
            for d, line in enumerate(lines):
                doc = json.loads(line)
                found += [(s, d % 4 == 3) for para in doc[side] for s in para]
    return found


def short_lines(folder: Path, lang: str) -> list[Line]:
    """The short lines of ``lang`` (ru, ja or en) cut from the WMT22 files in ``folder``."""
    lines = []
    for k, (sentence, held) in enumerate(_sentences(folder, lang)):
        n = 3 + k % 6
        if lang == "ja":
            text = sentence.strip()[: 2 * n] if len(sentence.strip()) >= 2 * n else ""
        else:
            words = sentence.split()
            text = " ".join(words[:n]) if len(words) >= n else ""
        letters = len(_LETTER.findall(text))
        if letters and 2 * len(SCRIPT[lang].findall(text)) >= letters:
            lines.append(Line(lang, text, held))
    return lines
