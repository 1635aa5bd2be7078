"""Page furniture: summary buttons, previous/next links and the neighbouring headlines
after them, lines an outlet repeats in every article; removed and kept in
``Article.removed``. Also the paragraphs of a run of lines.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO

from xlate.limits import PARAGRAPH_CHARS
from xlate.model import Article

# Lines that are page furniture, in the languages xlate reads. Matched against a whole line.
BOILERPLATE = re.compile(
    r"""^(?:
        no\ time\ to\ read\?|get\ a\ summary|previous\ article|next\ article|read\ more|
        share(?:\ this(?:\ article)?)?|advertisement|related\ articles?|subscribe|
        don[’']t\ miss|most\ (?:read|popular|viewed|shared)(?:\ in\ [\w\ ]{1,40})?|
        # an agency credit: "With Post wires", "— With files from The Canadian Press"
        (?:[-—–]\s?)?with\ (?:[\w.]+\ ){0,3}wires?(?:\ services)?|
        (?:[-—–]\s?)?with\ files\ from\ .{1,60}(?<![.!?…。])|
        (?:main\ )?(?:image|photo|picture|video)\ (?:credit|source)s?\s?:.{0,100}|  # credits
        more\ from\ .{1,40}:\s.{1,150}(?<![.!?…。])|  # "More from GlobalPost: <headline>"
        # "READ MORE: <headline>": a headline, not a sentence ("More: Japan will also ban ...")
        (?:read\ more|more|related|see\ also|also\ read|читайте\ также|по\ теме)\s?:\s
        .{1,150}(?<![.!?…。])(?<![.!?…。]["”»])|
        (?:read\ more|more|related|see\ also|also\ read)\s?:|  # the label alone ("More:")
        # a source credit: "SOURCE: Al Jazeera News", "Source: Reuters" (a trial)
        (?:sources?|источник)\s?:\s.{1,60}(?<![.!?…。])|
        # the author's address and the site's accounts: "Email Tariq Malik at tmalik@...",
        # "Follow us on Twitter @Spacedotcom and on Facebook.", "Updated at 1:23 p.m."
        email\ [\w.\ ]{1,40}\ at\ \S+@\S+.{0,100}|
        follow\ (?:us|me|him|her)\ (?:on|at)\ (?:twitter|facebook|instagram|linkedin|
        telegram|youtube|tiktok|vk|x\b|@).{0,120}|
        (?:updated|published|posted)(?:\ at|\ on)?\ [\d:.\ ]{1,8}(?:[ap]\.?m\.?)?
        (?:\ [A-Z]{2,4})?\.?|
        # a copyright notice, the site's, not the article's: "© 2024 Example News", "Copyright
        # 2019 The Associated Press. All rights reserved."
        (?:©|\(c\)\ |copyright\ (?:©\ ?)?(?=\d{4}))\ ?.{0,100}|
        all\ rights\ reserved\.?|все\ права\ защищены\.?|
        related(?:\ (?:stories|content|news|posts|coverage))?|
        читайте\ также|поделиться.*|реклама|подписывайтесь.*|
        предыдущая\ статья|следующая\ статья|
        関連記事(?:[:：].{1,150}(?<![.!?…。]))?|前の記事|次の記事|広告|シェアする|
        # a teaser for another article, a headline tagged: "Plane passengers quarantined
        # [NEWS]" (a sentence with a tag, or a live blog's "[LIVE]" entry, is the text's)
        .{1,150}(?<![.!?…。])(?<![.!?…。]["”»])\s\[(?:NEWS|INSIGHT|WARNING|PICTURES|PICS|VIDEO|
        REVEALED|POLL|MAP|EXPLAINED|GRAPH|REACTION|PHOTOS|REVEAL|LATEST|REPORT|EXCLUSIVE|WATCH|
        ANALYSIS)\]
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


# After these, the next short line is a neighbouring article's headline.
_NAVIGATION = re.compile(
    r"^(?:previous article|next article|предыдущая статья|следующая статья|前の記事|次の記事)$",
    re.IGNORECASE,
)


SENTENCE_END = re.compile(r"[.!?。！？…»\"”」』]\s*$")


class Furniture:
    """Removes page furniture from lines as they pass, and keeps what it removed.

    With ``spill_after``, removed lines beyond that many go to a temporary file, so that a
    huge article full of furniture does not hold it all in memory; :meth:`lines` reads them
    back in order.
    """

    def __init__(self, spill_after: int | None = None) -> None:
        self.removed: list[str] = []
        self.count = 0
        self._spill_after = spill_after
        self._spilled: IO[str] | None = None

    def filter(self, lines: Iterable[str]) -> Iterator[str]:
        """``lines`` without furniture; blank lines come through as ``""``."""
        headline_expected = False
        for line in lines:
            stripped = line.strip()
            if not stripped:
                yield ""
                continue
            if BOILERPLATE.match(stripped):
                self._remove(stripped)
                headline_expected = bool(_NAVIGATION.match(stripped))
                continue
            if headline_expected and not SENTENCE_END.search(stripped) and len(stripped) < 160:
                self._remove(stripped)
                headline_expected = False
                continue
            headline_expected = False
            yield line.rstrip()

    def _remove(self, line: str) -> None:
        self.count += 1
        self.removed.append(line)
        if self._spill_after is not None and len(self.removed) >= self._spill_after:
            if self._spilled is None:
                # Closed by close(), which the stream's context manager calls.
                self._spilled = tempfile.TemporaryFile(  # noqa: SIM115
                    "w+", encoding="utf-8", newline="\n"
                )
            self._spilled.writelines(f"{removed}\n" for removed in self.removed)
            self.removed.clear()

    def lines(self) -> Iterator[str]:
        """Every removed line, in order (lines never hold a line break)."""
        if self._spilled is not None:
            self._spilled.seek(0)
            for line in self._spilled:
                yield line[:-1]
        yield from self.removed

    def close(self) -> None:
        if self._spilled is not None:
            self._spilled.close()


def strip_boilerplate(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """``lines`` without page furniture, and the furniture that was removed."""
    furniture = Furniture()
    kept = list(furniture.filter(lines))
    return kept, furniture.removed


def paragraph_blocks(lines: Iterable[str], max_chars: int = PARAGRAPH_CHARS) -> Iterator[str]:
    """Lines as paragraphs (runs of non-blank lines, stripped); wrapped lines stay as they are.

    A paragraph longer than ``max_chars`` (a file that is one line, hard-wrapped text with no
    blank line) is cut into paragraphs of at most ``max_chars`` (see :func:`_cut`), so that
    neither it nor the sentences, detections and translations of it need more memory.
    """
    block: list[str] = []
    size = 0
    for line in lines:
        stripped = line.strip()
        if stripped:
            block.append(stripped)
            size += len(stripped) + 1
            if size > max_chars:
                pieces = _cut("\n".join(block), max_chars)
                rest = next(pieces)
                for piece in pieces:  # one at a time: a 30 MB line is not copied at once
                    yield rest
                    rest = piece
                block, size = [rest], len(rest)
        elif block:
            yield "\n".join(block)
            block, size = [], 0
    if block:
        yield "\n".join(block)


# An end mark the segmenter takes as a sentence's end: after a word of five letters or more
# (no abbreviation: Mr., г., млн.), or ! ? …, before white space and a word that does not
# start in lower case; or a Japanese one, its closing brackets with it, before no quotative と.
_SENTENCE_CUT = re.compile(
    r"(?:[^\W\d_]{5}[.!?…]+|[!?…]+)[\"'”’»)\]]*(?=\s+[^\W_a-zа-яё])|[。！？]+[」』）]*(?![」』）]|と|って)"
)
_LOOK_AHEAD = 8  # characters past a cut that _SENTENCE_CUT reads


def _cut(text: str, max_chars: int) -> Iterator[str]:
    """``text`` in pieces of at most ``max_chars``, white space at the cuts dropped: the last
    piece is what remains (it may go on with the next line). Each cut is at the last sentence
    end that fits, else the last line break, else the last space, else at ``max_chars``."""
    start = 0
    while len(text) - start > max_chars:
        stop = start + max_chars
        end = 0
        for match in _SENTENCE_CUT.finditer(text, start, stop + _LOOK_AHEAD):
            if match.end() > stop:
                break
            end = match.end()
        if not end:
            end = text.rfind("\n", start + 1, stop + 1)
        if end <= start:
            end = text.rfind(" ", start + 1, stop + 1)
        if end <= start:
            end = stop
        yield text[start:end].rstrip()
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    yield text[start:]


def joined_paragraphs(lines: Iterable[str]) -> str:
    """Lines as paragraphs separated by one blank line."""
    return "\n\n".join(paragraph_blocks(lines))


def strip_repeated_lines(articles: list[Article], min_articles: int = 3) -> list[Article]:
    """Drop lines that recur in ``min_articles`` or more distinct articles of the same outlet.

    Such lines are an outlet's furniture (a slogan, a subscription plea) that the line patterns
    do not know. Only articles known to come from one outlet (its name from a manifest, JSON
    or the page's metadata) are compared: articles whose outlet is unknown (plain text) are
    left as they are, since a quote several outlets print word for word is not furniture.
    Copies of one article count once, and an article made only of such lines is left whole
    (it is a near-copy, not furniture). Removed lines are added to each article's ``removed``.
    """
    by_outlet: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        if article.outlet.strip():  # unknown outlets are not one outlet
            by_outlet.setdefault(article.outlet, []).append(i)
    result = list(articles)
    for indices in by_outlet.values():
        distinct = {articles[i].text for i in indices}
        if len(distinct) < min_articles:
            continue
        counts = Counter(
            line for text in distinct for line in {ln.strip() for ln in text.split("\n")}
        )
        repeated = {line for line, n in counts.items() if line and n >= min_articles}
        if repeated:
            for i in indices:
                result[i] = _without_lines(articles[i], repeated)
    return result


def _without_lines(article: Article, repeated: set[str]) -> Article:
    lines = article.text.split("\n")
    dropped = [ln.strip() for ln in lines if ln.strip() in repeated]
    content = [ln for ln in lines if ln.strip()]
    if not dropped or len(dropped) == len(content):
        return article  # nothing to drop, or nothing would be left
    kept = [ln for ln in lines if ln.strip() not in repeated]
    return replace(article, text=joined_paragraphs(kept), removed=article.removed + tuple(dropped))
