"""Paragraphs and sentences, with character offsets into the article text.

Rules (each has cases in ``tests/test_segment.py``):

- paragraphs are separated by blank lines; single line breaks inside one are hard wraps and are
  folded (to a space, or to nothing between two CJK characters) in ``Sentence.text``;
- ``. ! ? …`` end a sentence when followed by white space and a new sentence, not after a known
  abbreviation (г., т.е., им., ул., U.S., Mr., Dec. ...) or an initial (А. Руденко, A. Rudenko),
  and not before a lower-case word, a comma or a dialogue dash;
- ``。 ！ ？`` end a sentence at once, except inside 「…」, 『…』 or （…） quotes;
- closing quotes and brackets after the end mark belong to the sentence they close.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xlate.model import Sentence

# Words that, followed by a period, do not end a sentence (compared lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr gen col lt sgt gov sen rep rev hon no vs etc approx dept est
    inc corp ltd co jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u u.s.a e.g i.e a.m p.m
    г гг т.е т.к т.д т.п им ул д кв пр р руб тыс млн млрд см проф акад ген св обл г-н г-жа
    н.э т.н
    """.split()
)
_LATIN_END = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_CJK_END = re.compile(r"[。！？]+[」』）)]*")
_OPENERS = "「『（"
_CLOSERS = "」』）"
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text``, white space trimmed."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order; ``text[s.start:s.end]`` is the sentence as written."""
    result: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        for start, end in _sentence_spans(text, p_start, p_end):
            result.append(Sentence(len(result), number, start, end, fold(text[start:end])))
    return result


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cut = start
    for boundary in _boundaries(text, start, end):
        yield from _trimmed(text, cut, boundary)
        cut = boundary
    yield from _trimmed(text, cut, end)


def _boundaries(text: str, start: int, end: int) -> Iterator[int]:
    para = text[start:end]
    candidates = sorted(
        [
            (m.end(), m.start() + len(m.group().rstrip(_CLOSERS + ")")), "cjk")
            for m in _CJK_END.finditer(para)
        ]
        + [
            (m.end(), m.end(), "latin")
            for m in _LATIN_END.finditer(para)
            if not _CJK_END.match(m.group())
        ]
    )
    for pos, mark_end, kind in candidates:
        if kind == "cjk" and _quote_depth(para[:mark_end]):
            continue  # the end mark is inside 「…」, 『…』 or （…）
        if kind == "cjk" or _latin_ends(para, pos):
            yield start + pos


def _quote_depth(text: str) -> int:
    return sum(text.count(c) for c in _OPENERS) - sum(text.count(c) for c in _CLOSERS)


def _latin_ends(para: str, pos: int) -> bool:
    rest = para[pos:]
    if not rest or not rest[0].isspace():
        return False
    following = rest.lstrip()
    if not following:
        return False
    first = following[0]
    if first.islower() or first in ",;:—–-)":
        return False
    mark = re.search(r"[.!?…]+[\"'”’»)\]]*$", para[:pos])
    assert mark is not None
    if mark.group().startswith(".") and len(mark.group().rstrip("\"'”’»)]")) == 1:
        word = _WORD_BEFORE.search(para[: mark.start()])
        if word:
            token = word.group(1).lower()
            if token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS:
                return False
            if len(token) == 1 and token.isalpha():  # an initial: А. Руденко, A. Rudenko
                return False
    return True


def fold(text: str) -> str:
    """``text`` with hard line breaks joined: a space, or nothing between CJK characters."""
    if "\n" not in text:
        return text
    parts = re.split(r"[ \t]*\n[ \t]*", text)
    out = parts[0]
    for part in parts[1:]:
        if out and part and _CJK.match(out[-1]) and _CJK.match(part[0]):
            out += part
        else:
            out += " " + part
    return out
