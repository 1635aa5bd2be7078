"""Paragraphs and sentences, with character offsets into the article text.

Rules (each has cases in ``tests/test_segment.py``):

- paragraphs are separated by blank lines. Inside a block of lines, every line is a paragraph
  (text saved one paragraph a line, a headline line above it) unless the block is
  hard-wrapped: most of its lines nearly fill the longest and end mid-sentence. A wrapped
  line ends its paragraph only when the next line's first word would have fitted on it and
  starts a sentence; other line breaks are folded (to a space, or to nothing between two CJK
  characters) in ``Sentence.text``. A line starting in lower case continues the one before;
- ``. ! ? …`` end a sentence when followed by white space and a new sentence, not after a known
  abbreviation (г., т.е., им., ул., U.S., Mr., Dec. ...), an initial (А. Руденко, Н.И. Пирогова)
  or a numbered item (1. …), and not before a lower-case word, a comma or a dash that goes on
  in lower case («Почему?» — спросил он); a dialogue dash that opens a new sentence (. — Это)
  does start one. A unit or number word after a number (5 млн., 300 м., 10 ч.) and an
  abbreviation closing a list (и т.д., и т.п., etc.) end a sentence before a capital letter;
  an English abbreviation that often ends a sentence (U.S., E.U., Co., Inc., p.m. ...) ends one
  before a word that mostly starts one (in the U.S. How / the U.S. State Department), one
  before a name never does (Mt. Fuji, St. Petersburg, Mr. Iwaya);
- a numbered or lettered list (1. / a. / (a) / 1) ...) that opens a paragraph, or follows a
  sentence or a colon in it, and runs its next items into it (1. The first item 2. The
  second item) is split before each next marker, as many lists as a paragraph holds;
- ``。 ！ ？`` end a sentence at once, except inside 「…」, 『…』 or （…） quotes whose closing
  bracket follows within ``LONG_QUOTE`` characters (a quotation that goes on, or is never
  closed, is sentences of its own), and ``。」`` before the next ``「`` ends one too; a closing
  bracket with no opening one is ignored. ``! ? …`` typed straight before Japanese end a
  sentence (not after a Latin letter, as in Yahoo!ニュース, and a period not: .Net, .ini);
  ``？ ！ ! ?`` in Japanese do not before a quotative と or って or an aside in brackets
  (笑), nor before a closing bracket after a space;
- closing quotes and brackets after the end mark belong to the sentence they close.

Every rule looks at most a few dozen characters back from an end mark, so segmentation time is
linear in the text (``benchmarks/segment_bench.py`` measures it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from xlate.model import Sentence

# Words that, followed by a period, do not end a sentence (compared lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st mt jr sr gen col lt sgt gov sen rep rev hon no vs etc approx dept est
    capt maj cmdr adm brig cpl pvt supt insp det messrs ft
    inc corp ltd co jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u u.s.a e.g i.e a.m p.m
    г гг т.е т.к т.д т.п им ул д кв пр р руб тыс млн млрд см проф акад ген св обл г-н г-жа
    н.э т.н
    """.split()
)
# Abbreviated units and number words: after a number and before a capital, the sentence ended
# (рост составил 5 млн. В прошлом году ...), unlike "в 2022 г. Россия" (a year, mid-sentence).
# Abbreviations that close a list, and so mostly a sentence: before a capital, it ended.
CLOSING_ABBREVIATIONS = frozenset("т.д т.п etc".split())
UNITS = frozenset("млн млрд трлн тыс руб долл м км см мм кг т ч мин сек га л".split())
# English abbreviations that often end a sentence as well as go on inside one: a country or
# city (the U.S. State Department / in the U.S. The effects), a company's suffix (Mitsubishi
# Corp. President / Pitt, Briggs & Co. It closed), a time (5 p.m. Friday / at 5 p.m. The
# police). Before a word that mostly starts a sentence (STARTERS), the sentence ended.
ENDS_BEFORE_STARTER = frozenset("u.s u.k u.n e.u u.s.a d.c inc corp ltd co jr sr a.m p.m".split())
STARTERS = frozenset(
    """
    the a an this that these those there here it its he she they we i you his her their our
    my your but and or so yet if when while after before as in on at for from by with without
    during since until although though because however meanwhile also then now still thus
    how what who whom why where which whose not no some many most all both each every other
    another such one two three four five six seven eight nine ten
    """.split()
)
# [。！？]+[」』）)]*|[.!?…]+["'”’»)\]]*, written to start at one class of end marks, which the
# regex engine skips ahead to (4 times faster than trying both branches at every character).
_END = re.compile(r"[。！？.!?…](?:(?<=[。！？])[。！？]*[」』）)]*|[.!?…]*[\"'”’»)\]]*)")
_OPENING = re.compile(r"\s*[「『]")
LONG_QUOTE = 30  # an end mark inside 「…」 with no closing one this near ends a sentence
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# What goes on a sentence rather than starting one: after a space, and (with closing quotes)
# straight after an end mark in Japanese text.
_GOES_ON = ",;:).…!?。！？、]"
_CLOSING = "」』）\"'”’»"
_CLOSER = re.compile(r"[」』）]")
_QUOTATIVE = re.compile(r"\s*(?:と[思言聞叫述答話考書感いかの迷、。]|って)")
_ASIDE = re.compile(r"\s*[(（]")  # ！ (笑) or ？（には見えない）: an aside goes on the sentence
_QUOTES = re.compile(r"[「『（」』）]")
_OPENERS = "「『（"
_CLOSERS = "」』）"
_LOOK_BEHIND = 40  # characters of the word before a period that the rules read
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
_NUMBER_BEFORE = re.compile(r"\d[\d\s.,]*\s$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_NEXT = re.compile(r"\s+(\S)")
_AFTER_DASH = re.compile(r"[—–-]\s+(\S)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_LINE_END = re.compile(r"[.!?…。！？:;][\"'”’»)\]」』）]*\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_FIRST_WORD = re.compile(r"\s*(\S+)")
# A line starting so continues the line before: a lower-case word, punctuation that follows.
_CONTINUES = re.compile(r"[a-zа-яё]|[,;:)\]」』）、。]")
_COLON = re.compile(r":(?=\s)")
LIST_ITEM_MAX = 2000  # characters a run-in list's item may hold: each looks no further ahead
FULL_LINE = 0.75  # a line at least this share of its block's longest is full (wrapped)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text``, white space trimmed."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield from _block(text, start, match.start())
        start = match.end()
    yield from _block(text, start, len(text))


def _block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The paragraphs of a block of lines with no blank line between them."""
    if text.find("\n", start, end) < 0:
        yield from _trimmed(text, start, end)
        return
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text, start, end)]
    lines = [(s, e) for s, e in lines if not text[s:e].isspace()]
    if not lines:
        return
    width = max(e - s for s, e in lines)
    full = [e - s >= width - _slack(text, e, width) for s, e in lines[:-1]]
    ended = [bool(_LINE_END.search(text, max(s, e - 8), e)) for s, e in lines[:-1]]
    # Hard-wrapped: most lines (but the last) nearly fill the width, and most end mid-sentence
    # (one full Japanese line above a shorter one is as likely two lines as a wrapped one).
    wrapped = (
        2 * sum(full) > len(full)
        and 2 * sum(ended) < len(ended)
        and (len(full) > 1 or not _CJK.match(text, lines[0][1] - 1))
    )
    cut = start
    for (s, e), (next_start, next_end) in itertools.pairwise(lines):
        word = _FIRST_WORD.match(text, next_start, next_end)
        if word is None or _CONTINUES.match(word.group(1)):
            continue
        if wrapped:
            # A wrapped line is full: the next line's first word would not have fitted on it.
            length = 2 if _CJK.match(word.group(1)) else len(word.group(1))
            if e - s + 1 + length > width:
                continue
        yield from _trimmed(text, cut, e)
        cut = e
    yield from _trimmed(text, cut, end)


def _slack(text: str, end: int, width: int) -> float:
    """How much shorter than ``width`` a wrapped line ending at ``end`` may be: a Japanese
    line wraps at any character, a line of words by a word."""
    return 2 if _CJK.match(text, end - 1) else (1 - FULL_LINE) * width


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
    boundaries = list(_boundaries(text, start, end))
    # A list opens the paragraph, follows a sentence or a colon ("Steps: 1. Open 2. Close"),
    # and a paragraph may hold several; each is run into it: each item a sentence, its
    # marker kept on it.
    colons = [m.end() for m in _COLON.finditer(text, start, end)]
    markers: set[int] = set()
    later: set[int] = set()
    past = start  # openings before this lie inside a list already found
    for opening in sorted({start, *boundaries, *colons}):
        items = _list_items(text, opening, end) if opening >= past else []
        if items:
            markers |= {stop for _, stop in items}
            later |= {at for at, _ in items[1:]}
            past = items[-1][1]
    if markers:
        boundaries = sorted({b for b in boundaries if b not in markers} | later)
    for boundary in boundaries:
        yield from _trimmed(text, cut, boundary)
        cut = boundary
    yield from _trimmed(text, cut, end)


# A numbered or lettered list's first marker, opening a paragraph: 1. 1) (1) a. a) (a) (A) A)
_FIRST_ITEM = re.compile(r"\s*(\()?(?:(1)|([a-z])|([A-Z])(?=\)))(\)|\.(?!\w))\s")


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the items of a list run into one paragraph start ("1. The first item 2. The
    second item"), and where each one's marker ends: item 1 (or a) at ``start``, each next
    marker (2, 3 ... or b, c ...) in the same form after a space; none when no second item
    follows."""
    first = _FIRST_ITEM.match(text, start, end)
    if first is None:
        return []
    opening, digit, letter, capital, closing = first.groups()
    opening = opening or ""
    if opening and closing != ")":
        return []
    items: list[tuple[int, int]] = [(first.start(), first.end(5))]
    pos, number = first.end(), 1
    while True:
        number += 1
        label = str(number) if digit else chr(ord(letter or capital) + number - 1)
        marker = re.compile(rf"\s({re.escape(opening + label + closing)})\s")
        found = marker.search(text, pos, min(end, pos + LIST_ITEM_MAX))
        if found is None or not label.isalnum():
            return items if len(items) > 1 else []
        items.append((found.start(1), found.end(1)))
        pos = found.end(1)


def _boundaries(text: str, start: int, end: int) -> Iterator[int]:
    """Where sentences end inside the paragraph ``text[start:end]``, in one pass."""
    depth = 0  # open Japanese quotes and brackets, counted up to each Japanese end mark
    quotes: Iterator[re.Match[str]] | None = None
    quote: re.Match[str] | None = None
    for match in _END.finditer(text, start, end):
        mark = match.group()
        if mark[0] in "。！？":
            mark_end = match.start() + len(mark.rstrip(_CLOSERS + ")"))
            if quotes is None:  # only text with a Japanese end mark needs them
                quotes = _QUOTES.finditer(text, start, end)
                quote = next(quotes, None)
            while quote is not None and quote.start() < mark_end:
                depth = depth + 1 if quote.group() in _OPENERS else max(0, depth - 1)
                quote = next(quotes, None)
            if depth and not _CLOSER.search(text, mark_end, min(end, mark_end + LONG_QUOTE)):
                depth = 0  # a quotation that goes on is sentences of its own (or never closed)
            closed = depth and depth <= mark.count("」") + mark.count("』") + mark.count("）")
            if mark[-1] in "？！" and (
                _QUOTATIVE.match(text, match.end(), end) or _ASIDE.match(text, match.end(), end)
            ):
                continue  # …のでは？と思った: the question is quoted; ！(笑) goes on
            if not depth or (closed and _OPENING.match(text, match.end(), end)):
                yield match.end()  # 。」 before the next 「: a quotation that is a sentence
        elif _latin_ends(text, match.start(), match.end(), end):
            yield match.end()


# An editor's note closing a bracket, as Russian papers write one and MT renders it:
# "(финансово-промышленные группы. — Прим. ред.)", "(... groups. - Ed.)".
_EDITOR_NOTE = re.compile(r"[—–-]+\s*(?:Ed\.|Eds\.|Editor's note|Прим\.\s*ред\.)\s*\)")


def _latin_ends(text: str, mark_start: int, pos: int, end: int) -> bool:
    """Whether the end mark ``text[mark_start:pos]`` ends a sentence."""
    if pos >= end:  # the paragraph's end: the sentence ends there anyway
        return False
    mark = text[mark_start:pos]
    japanese = _CJK_LETTER.match(text, mark_start - 1) is not None
    if (
        japanese
        and mark[-1] != "."
        and (_QUOTATIVE.match(text, pos, end) or _ASIDE.match(text, pos, end))
    ):
        return False  # 問題なし!! (笑), ゼルダじゃないのかよ！ って思った
    if pos < end and not text[pos].isspace() and japanese:
        # ！ typed as ! and … in Japanese (登場!次の, 優勝!#Person1#, のでしょうか…痛み), but
        # not a period before Latin (.Net, .ini) nor before closing punctuation
        if mark[-1] == "." and mark != "...":
            return False
        return text[pos] not in _GOES_ON + _CLOSING
    following = _NEXT.match(text, pos, end)
    if following is None:
        return False
    first = following.group(1)
    if first in "—–-":
        if _EDITOR_NOTE.match(text, following.start(1), end):
            return False  # "(financial and industrial groups. - Ed.)": the note goes on
        after = _AFTER_DASH.match(text, following.start(1), end)
        return after is not None and after.group(1).isupper()  # . — Это / ?» — спросил
    if first.islower() or first in _GOES_ON or first in _CLOSERS:  # lower case, … …, ! ?, 」
        return False
    if mark[0] == "." and len(mark.rstrip("\"'”’»)]")) == 1:
        window = max(0, mark_start - _LOOK_BEHIND)
        word = _WORD_BEFORE.search(text, window, mark_start)
        if word:
            token = word.group(1)
            lower = token.lower()
            if token.isdigit() and (word.start() == 0 or text[word.start() - 1] == "\n"):
                return False  # a numbered list: 1. 予兆, 2. Tokyo
            if lower in UNITS and _NUMBER_BEFORE.search(text, window, word.start()):
                return first.isupper()  # 5 млн. В прошлом году
            if lower in CLOSING_ABBREVIATIONS:
                return first.isupper()  # сахар, патока и т.д. Всё это углеводы
            last = lower.rsplit("-", 1)[-1]  # Russia-U.S. Relations: the word after a hyphen
            if last in ENDS_BEFORE_STARTER:
                return _starts_sentence(text, following.start(1), end)  # the U.S. How about
            if {lower, lower.rstrip("."), last} & ABBREVIATIONS:
                return False
            if len(token) == 1 and token.isalpha():  # an initial (А. Руденко) or г./с./д.
                return False
            if _INITIALS.match(token):  # Н.И. Пирогова
                return False
    return True


_WORD = re.compile(r"[^\W\d_]+")


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    """Whether the capitalised word at ``pos`` is one that mostly starts a sentence."""
    word = _WORD.match(text, pos, end)
    return word is not None and word.group().lower() in STARTERS


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
