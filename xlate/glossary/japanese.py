"""Japanese matching: no word boundaries, so the longest form starting at each position wins,
a single kanji only where it abbreviates a country, a name never from inside a kanji word."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlate.glossary.concepts import Concept, Found, Match, fold_width

# Japanese: where a single character abbreviates a country (日米, 露外務省, 訪中, 米フロリダ州)
_PAIR_ONLY = frozenset("日朝ロ")  # only beside another abbreviation or after a prefix
_PREFIXES = frozenset("対訪駐在反親離")  # 対米, 訪中, 駐日, 在韓, 反米, 親露, 離日
_SUFFIXES = tuple(
    "政府 政権 国務 国防 大統領 副大統領 首相 外相 国防相 外務 議会 上院 下院 連邦 軍 海軍 陸軍 "
    "空軍 海兵隊 兵 艦 紙 誌 当局 高官 首脳 側 大使 総領事 領事 企業 国債 株 市場 経済 金融 "
    "中央銀行 中銀 財務 商務 司法 国民 国内 民主党 共和党 情報 特殊部隊 主導 同盟 関係 首都 "
    "東部 西部 南部 北部 中西部 北東部 南東部 北西部 南西部 両国 共同 外交 会談 協議 交渉 合意 "
    "貿易 対立 摩擦 安保 連携 協力 戦略 制裁 大手 領 国境".split()
)
# 中 is "middle", "during" in most words (中間, 中東部, 中でも): alone, only before these
_CHINA_SUFFIXES = tuple("政府 政権 外相 外務 国防 当局 首脳 大使 高官 軍 国家主席 共産党".split())
_PARTICLES = frozenset("はがのともにでを、・ ")
# a name written in kanji does not start inside a word: the kanji before it must end another
# match or be one of these prefixes (前首相, 在東京, 西日本)
_NAME_PREFIXES = frozenset("対訪駐在反親離前元現新東西南北")
_NAME_TYPES = frozenset({"person", "organisation", "place"})


def _kanji(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch in "々〆ヶ"


_NUMERALS = frozenset("0123456789〇一二三四五六七八九十百千")


# words of time that end in 日, 月 or 年: a name may follow them (昨日米国が, 同日岸田首相は)
_TIME_WORDS = frozenset(
    "昨日 同日 今日 本日 前日 翌日 毎日 当日 先日 後日 連日 終日 平日 休日 祝日 初日 即日 "
    "今月 先月 来月 同月 毎月 翌月 前月 昨年 今年 来年 同年 毎年 前年 翌年 例年 去年".split()
)


def _counted(text: str, i: int) -> bool:
    """Whether the character at ``i`` ends a date or a word of time (12日, 3月, 昨日, 今年)."""
    return (
        i > 0
        and text[i] in "日月年"
        and (text[i - 1] in _NUMERALS or text[i - 1 : i + 1] in _TIME_WORDS)
    )


def _starts_word(text: str, i: int) -> bool:
    """Whether a word can start at ``i``: no kanji before it, save a date's 日, 月 or 年."""
    return i == 0 or not _kanji(text[i - 1]) or _counted(text, i - 1)


def _katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def _katakana_or_latin(ch: str) -> bool:
    return _katakana(ch) or ("a" <= ch.lower() <= "z")


def _abbreviation(text: str, i: int, letters: frozenset[str]) -> str:
    """Whether the single character at ``i`` abbreviates a country: yes, no or context
    (followed by a particle: 米は names the US in a sentence about abroad, rice otherwise)."""
    first, last = i, i + 1
    while first > 0 and text[first - 1] in letters:
        first -= 1
    if text[first] == "日" and _counted(text, first):
        if first == i:
            return "no"  # 12日: a day
        first += 1  # 12日米国: the day, then the US
    while last < len(text) and text[last] in letters:
        last += 1
    run, before, after = text[first:last], text[first - 1 : first], text[last : last + 6]
    if len(set(run)) != len(run) or (
        _katakana(text[i]) and (_katakana(text[i - 1 : i]) or _katakana(text[i + 1 : i + 2]))
    ):
        return "no"  # ロ beside katakana is in a word (ロビン), not Russia
    prefixed = bool(before) and (
        before in _PREFIXES or (before, run[0]) in (("来", "日"), ("全", "米"))
    )
    if not prefixed and not _starts_word(text, first):
        return "no"  # 披露, 県産米, 南米
    suffixed = after.startswith(_SUFFIXES)
    if len(run) > 1:
        if "中米" in run:
            return "no"  # Central America
        if prefixed or suffixed or after.startswith("間"):
            return "yes"  # 米中間の対立: between the US and China
        if "日中" in run or "中日" in run:
            return "no"  # daytime; the Chunichi (newspaper, team)
        return "yes" if not after or not _kanji(after[0]) else "no"
    char = run
    if prefixed:
        return "yes"
    if char in _PAIR_ONLY:
        return "no"
    if char == "中":
        return "yes" if after.startswith(_CHINA_SUFFIXES) else "no"  # 中でも, 中間, 中東部
    if suffixed:
        return "yes"
    if after and _katakana_or_latin(after[0]):
        return "yes"  # 米フロリダ州, 露ガスプロム, 米CNN
    return "context" if not after or after[0] in _PARTICLES else "no"


def _domestic(concept: Concept) -> bool:
    """Japan's own concepts (a bare 政府 or 外務省 in Japanese press is Japan's)."""
    return concept.id.startswith("jp-") or concept.id in ("japan", "tokyo")


class JapaneseMatcher:
    """Japanese: the longest form starting at each position, by a first-character index."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        index: dict[str, list[tuple[str, Concept]]] = {}
        for concept in concepts:
            for form in concept.forms("ja"):
                form = fold_width(form)
                if form:
                    index.setdefault(form[0], []).append((form, concept))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.index = index
        self.letters = frozenset(form for form in index if any(len(f) == 1 for f, _ in index[form]))
        # where a form may start: the scan jumps from one such character to the next (a
        # glossary may have no Japanese forms at all)
        first = "".join(re.escape(c) for c in sorted(index))
        self._starts = re.compile(f"[{first}]") if first else None

    def find(self, text: str, concepts: frozenset[str]) -> list[Found]:
        """Every form of ``concepts`` (ids) in ``text``, inside longer ones too: picked from
        the whole overlapping :meth:`scan`, as an abbreviation's match hangs on the other
        concepts found."""
        return [f for f in self.scan(text, overlapping=True) if f[0].concept.id in concepts]

    def scan(self, text: str, overlapping: bool = False) -> list[Found]:
        index, starts = self.index, self._starts
        if starts is None:
            return []  # no Japanese forms in this glossary
        folded = fold_width(text)
        found: list[Found] = []
        pending: list[Found] = []  # abbreviations that need a foreign mention nearby
        ends: dict[int, Concept] = {}  # where a match ended, and its concept
        at = starts.search(folded)
        while at is not None:
            i, step = at.start(), 1
            for form, concept in index[folded[i]]:
                if not folded.startswith(form, i):
                    continue
                verdict = self._verdict(folded, i, form, concept, ends)
                if verdict == "no":
                    continue
                end = i + len(form)
                match = (Match(concept, "ja", text[i:end], i, end), form)
                (pending if verdict == "context" else found).append(match)
                ends[end] = concept
                if not overlapping:
                    step = len(form)  # the longest form starting here
                    break
            at = starts.search(folded, i + step)
        if pending and any(not _domestic(m.concept) for m, _ in found):
            found = sorted(found + pending, key=lambda f: f[0].start)
        return found

    def _verdict(
        self, text: str, i: int, form: str, concept: Concept, ends: dict[int, Concept]
    ) -> str:
        before = text[i - 1 : i]
        if form.isascii() and form[0].isalnum():
            # a Latin form is a whole word: EU is not inside EUR, nor G7 inside G77
            after = text[i + len(form) : i + len(form) + 1]
            return "no" if (before.isascii() and before.isalnum()) or (
                after.isascii() and after.isalnum()) else "yes"  # fmt: skip
        if len(form) == 1:
            return _abbreviation(text, i, self.letters)
        after = text[i + len(form) : i + len(form) + 1]
        if (_katakana(form[0]) and _katakana(before)) or (_katakana(form[-1]) and _katakana(after)):
            return "no"  # a katakana name is a whole word: インド is not inside インドネシア
        if _domestic(concept) and i in ends and not _domestic(ends[i]):
            return "no"  # 韓国政府, 中国外務省: another country's institution
        if (
            concept.type in _NAME_TYPES
            and not _starts_word(text, i)
            and i not in ends
            and before not in _NAME_PREFIXES
        ):
            return "no"  # 全国連携 is not 国連, 小林氏 not 林氏, 連邦政府 not Japan's
        return "yes"
