"""Language detection: Unicode-script evidence first, langdetect's model where script cannot decide.

Decision rules, in order (``tests/test_detect.py`` has cases for each; each rule's precision was
measured on real Russian, ``benchmarks/detect_bench.py``):

1. No letters (empty, digits, emoji, symbols, URLs only) → ``und``, confidence 0.
2. A text over ``VOTE_CHARS`` is an article: its first ``VOTE_PIECES`` sentences and lines are
   detected alone and vote by length; ru, ja and en win unless another language outweighs the
   best of them ``VOTE_LEAN`` times.
3. The script that carries the text (``_main_script``): a CJK character weighs ``CJK_WEIGHT``
   letters; mixed with another script, Latin counts only its lower-case words (brands, names
   and codes are capitalised), beside CJK none without a word of prose (of, the, is: code and
   Japanese, "getpgrp が失敗しました", is Japanese), and Cyrillic only its words of two letters
   or more.
4. Kana → ``ja``. Hangul → ``ko``.
5. Han without kana → ``ja`` or ``zh`` by evidence: characters only Japanese writes
   (shinjitai such as 経 済 関 対 発) against characters only Chinese writes (simplified
   这 们 说 经, traditional 這 們 說 經) and Chinese particles (的 了 是 吗 呢). No evidence
   either way (a headline such as 制裁) → ``han_default`` (``ja`` unless configured) at
   confidence 0.5.
6. Cyrillic (``xlate.detect.cyrillic``; numeral suffixes such as 20-е and 38-го, initials
   and lone capitals dropped, Latin look-alikes read as Cyrillic): letters Russian lacks name
   the language (ї є ґ → uk, ў → be, ә ғ қ ң ұ һ → kk, ө ү → mn, ђ ћ → sr, ѓ ќ ѕ → mk; і
   decides uk or be by и and ы э ё; ј љ њ џ sr or mk by words) unless Russian cue words
   outnumber the marked words; then, without ы э ё, ъ before a consonant or at a word's end →
   bg; two Mongolian double vowels (оо only at a word's end) or the genitive -ын/-ийн → mn;
   cue words only one of the look-alikes writes; ы э ё → ru (mn with э after a consonant
   twice, acronyms aside); a Russian-only ending (-тся, -ть, ...) → ru; a short line
   (``SHORT_LINE_WORDS`` Cyrillic words or fewer) → bg or mk only on evidence Russian cannot
   have (their function words, the article -ът/-ият; the model for -ото/-ето, one -ата, two
   -ите), else ru; otherwise the n-gram
   model over ru/uk/bg/mk on the Cyrillic words, where another language must reach
   ``OVERRIDE_PROBABILITY`` on ``OVERRIDE_MIN_NGRAMS`` n-grams to beat Russian.
7. Latin: two or more words only English writes (the, and, that, which, ...) → ``en``;
   otherwise the n-gram model over common Latin-script languages, where another language must
   win as clearly and also show one of its frequent words, or letters beyond a-z in two words
   (in one at ``LATIN_CERTAIN``).
8. Another script names its language (``SCRIPT_LANGUAGES``: Greek → el, Hebrew → he, ...);
   Arabic script (ar, fa, ur) and Devanagari (hi, mr, ne) ask the n-gram model.

``method`` is ``script`` when the rules alone answered, ``both`` when the model was consulted,
``none`` when there was nothing to detect.

The n-gram model is langdetect's: its profiles and smoothing, summed over every n-gram instead of
sampled at random (``xlate.detect.ngram``), so answers are identical across runs and processes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from xlate.detect.cyrillic import cyrillic
from xlate.detect.script import script_counts
from xlate.limits import LANGUAGES
from xlate.model import Detection, DetectionMethod

if TYPE_CHECKING:
    from xlate.detect.ngram import NgramScorer

UNDETERMINED = "und"

CYRILLIC_PROFILES = ("ru", "uk", "bg", "mk")
LATIN_PROFILES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi",
    "pl", "cs", "sk", "sl", "hr", "ro", "hu", "tr", "id", "vi", "lt", "lv", "et",
)  # fmt: skip
# Scripts that name one language (its ISO 639-1 code; the model is never asked of them): a
# Greek or Hebrew text is routed to a model of its language, or said to have none, never
# passed through as if it were English (a trial). Two scripts are shared by several
# languages langdetect knows: the model decides between them, leaning to the most written.
SCRIPT_LANGUAGES = {
    "Greek": "el", "Hebrew": "he", "Thai": "th", "Georgian": "ka", "Armenian": "hy",
    "Bengali": "bn", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml",
    "Gujarati": "gu", "Gurmukhi": "pa", "Khmer": "km", "Lao": "lo", "Myanmar": "my",
    "Sinhala": "si", "Ethiopic": "am",
}  # fmt: skip
ARABIC_PROFILES = ("ar", "fa", "ur")
DEVANAGARI_PROFILES = ("hi", "mr", "ne")
# Every language the rules or the model can answer (--to accepts them as targets).
DETECTED_LANGUAGES = frozenset(
    [*LATIN_PROFILES, *CYRILLIC_PROFILES, *SCRIPT_LANGUAGES.values(), *ARABIC_PROFILES,
     *DEVANAGARI_PROFILES, "ja", "zh", "ko", "be", "sr", "kk", "mn"]
)  # fmt: skip
# A language other than the default must reach this posterior on this many n-grams to win.
# Cyrillic leans harder to Russian: langdetect's bg and uk profiles claim short Russian prose.
OVERRIDE_PROBABILITY = {"Latin": 0.95, "Cyrillic": 0.99, "Arabic": 0.95, "Devanagari": 0.95}
OVERRIDE_MIN_NGRAMS = 60
LATIN_CERTAIN = 0.999  # the model's certainty that lets one accented word stand for a language
# A text longer than this is an article: it is detected sentence by sentence (its first
# VOTE_PIECES sentences or lines), and the sentences vote by length.
VOTE_CHARS = 300
VOTE_PIECES = 40
VOTE_LEAN = 2
ROUTED = LANGUAGES  # the languages xlate exists for win close calls

# Frequent English words that no other common Latin-script language writes (not "of", "is",
# "was", "to", "for", "by", "her": Dutch, German, Czech or Scandinavian words too).
_ENGLISH_WORDS = frozenset(
    "the and that with this from have has were are which would will said their they been"
    " there what when who after about our your you its".split()
)
# Frequent words of the Latin-script languages that English does not write: the statistical
# model may take a text away from English only with one of these or a letter beyond a-z.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "de": "das und ist nicht ein eine mit dem den zu auf sich auch wir ich im bei nach wird"
        " hat sind oder aber für über",
        "fr": "les et est une des du au aux pas que qui dans sur avec ses sont mais cette contre"
        " nous vous il elle",
        "es": "y es una del que por con se como pero muy sus contra sobre entre también está son",
        "it": "il gli e è una di del della che con sono si",
        "pt": "os e é um uma da dos das que não com em se",
        "nl": "het een en niet met zijn op voor dat ook wij ik tegen wordt worden naar bij maar"
        " heeft deze",
        "sv": "och är en ett det att som inte med för på av jag vi mot från har",
        "da": "og er en et det som ikke med på af jeg vi",
        "no": "og er en et det som ikke med på av jeg vi",
        "fi": "ja ei se että ovat mutta kanssa tai kun",
        "pl": "jest nie z na że się jak dla ale wobec oraz przez który będzie",
        "cs": "je v se na že s z jak ale",
        "sk": "je v sa na že s z ako ale",
        "sl": "je v se na da za so z ki tudi",
        "hr": "je u se na da za su s koji što",
        "ro": "și este în pe cu din nu care pentru",
        "hu": "az és egy hogy nem meg",
        "tr": "ve bir bu da için ile çok ne",
        "id": "yang ini itu dengan untuk dari tidak ke terhadap akan juga pada dalam oleh atau",
        "vi": "và của là có không những được cho",
        "lt": "ir yra kad su į ne tai",
        "lv": "ir ka ar uz",
        "et": "ja et ei ka mis",
    }.items()
}
# Beside CJK, Latin words count as prose only with one of these: without, they are code,
# commands and options ("initialize job control: getpgrp が失敗しました", "用法: gsettings").
_PROSE_WORDS = _ENGLISH_WORDS | frozenset(
    "of to in is a an on for by it be not as at or was".split()
)
_WORD = re.compile(r"\w+")
_LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z\u00c0-\u024f]+(?![\w-])")
CJK_WEIGHT = 3
_LATIN_BEYOND_ASCII = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u052f]+")

# Han characters that one of Japanese and Chinese writes and the other does not.
_JAPANESE_HAN = frozenset(
    "経済関対発総県駅広歳図伝変売読様帰戦権転続営単鉄労録価働気証検険験応圧囲浜沢渋獣児剤亜悪"
    "円塩拡覚勧巻歓観陥顔偽戯犠拠挙暁駆勲恵渓継軽撃倹剣圏厳効鉱黒穀砕斎雑桟賛歯実釈収従縦粛処"
    "緒諸奨焼乗浄剰畳縄壌嬢譲醸寝粋酔髄瀬斉摂専銭繊荘捜挿巣層騒増臓蔵帯滝択弾遅鋳勅鎮逓稲闘徳"
    "弐悩脳覇廃拝髪抜払仏併塀辺舗歩豊毎満黙訳薬揺謡頼覧竜猟塁霊齢両緑涙庁聴辞"
)
_CHINESE_HAN = frozenset(
    "这们说对时为发经现实还进关过吗么没给让谁呢吧啊哪该认识谢请问题听见觉东车书师长门开间头马"
    "鸟鱼龙语话记几级边达运远连选适样个怎应变习议论设计费贵买卖钱银铁钟错际传动热结统众亿历岁"
    "务办员图场坚块报处备复够奖妇娱婴宁宠审这們說這對會發經實還關與來嗎麼沒讓樣學歷歲辦國圖聲"
    "處夠獎眾傳鐵錢賣"
)
_CHINESE_PARTICLES = frozenset("的了是吗呢吧啊她也")
# A sentence or line, for voting (a rough cut: only the weights matter).
_PIECE = re.compile(r"[^\n]+?(?:[.!?…]+(?=\s)|[。！？]+|$)", re.MULTILINE)


# The answers for pieces of a text, by their (start, end) in it.
Answers = dict[tuple[int, int], Detection]


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    """What the detector answers when the evidence is thin."""

    han_default: str = "ja"
    latin_default: str = "en"
    cyrillic_default: str = "ru"


@dataclass(frozen=True, slots=True)
class _Ask:
    """The script could not decide: ask the n-gram model of ``profiles``, leaning to ``default``."""

    profiles: tuple[str, ...]
    default: str
    script: str


@cache
def _scorer(profiles: tuple[str, ...]) -> NgramScorer:
    from xlate.detect.ngram import NgramScorer

    return NgramScorer(profiles, _table_cache(profiles))


def _table_cache(profiles: tuple[str, ...]) -> Path | None:
    """Where the n-gram tables of ``profiles`` are kept, keyed by the profile files themselves
    (name, size, time: another langdetect gets other tables), read without importing it."""
    import hashlib
    import importlib.util
    import os

    if os.environ.get("XLATE_NO_TABLE_CACHE"):
        return None
    from platformdirs import user_cache_dir

    spec = importlib.util.find_spec("langdetect")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "profiles"
    try:
        stats = [(name, (folder / name).stat()) for name in profiles]
    except OSError:
        return None  # the scorer reports the missing profile
    key = hashlib.sha256(
        "|".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats).encode()
    ).hexdigest()
    return Path(user_cache_dir("xlate")) / f"ngram-{key[:16]}.npz"


class Detector:
    """Detects languages by fixed rules and a deterministic n-gram model; safe to reuse."""

    def __init__(self, config: DetectorConfig | None = None) -> None:
        self.config = config or DetectorConfig()

    def detect(self, text: str) -> Detection:
        return self.detect_many([text])[0]

    def detect_many(self, texts: Iterable[str]) -> list[Detection]:
        # With nothing settled, every text has its answer.
        return cast(list[Detection], self._many(list(texts), None))

    def detect_unsettled(
        self, texts: Sequence[str], settled: Sequence[frozenset[str]]
    ) -> list[Detection | None]:
        """What :meth:`detect_many` answers for each of ``texts``, except ``None`` for a text
        that only the n-gram model could place when its script is among ``settled[i]``: the
        scripts in which the caller already knows the text's language (its article's), where
        the model's answer would change nothing. Such texts are not scored at all."""
        return self._many(list(texts), settled)

    def detect_articles(self, texts: Sequence[str]) -> list[tuple[Detection, Answers]]:
        """What :meth:`detect_many` answers for each of ``texts``, and the answers of the
        pieces (sentences and lines) it weighed for a text over ``VOTE_CHARS``, by their span
        in the text: those of at most ``VOTE_CHARS`` characters, which are what detect_many
        answers for such a piece alone (a caller that cut the same sentence need not detect
        it again)."""
        answers: list[Answers] = [{} for _ in texts]
        found = cast(list[Detection], self._many(list(texts), None, answers))
        return list(zip(found, answers, strict=True))

    def _many(
        self,
        texts: list[str],
        settled: Sequence[frozenset[str]] | None,
        answers: list[Answers] | None = None,
    ) -> list[Detection | None]:
        spans = {i: group for i, t in enumerate(texts) if len(group := _piece_spans(t)) > 1}
        if not spans:
            return self._outcomes(texts, settled)
        flat = [(i, start, end) for i, group in spans.items() for start, end in group]
        pieces = self._detect_each([texts[i][start:end] for i, start, end in flat])
        if answers is not None:
            for (i, start, end), piece in zip(flat, pieces, strict=True):
                if end - start <= VOTE_CHARS:
                    answers[i][(start, end)] = piece
        found = iter(pieces)
        rest = [i for i in range(len(texts)) if i not in spans]
        whole = self._outcomes(
            [texts[i] for i in rest], None if settled is None else [settled[i] for i in rest]
        )[::-1]
        return [
            _vote([texts[i][s:e] for s, e in voted], [next(found) for _ in voted])
            if (voted := spans.get(i))
            else whole.pop()
            for i in range(len(texts))
        ]

    def _detect_each(self, texts: list[str]) -> list[Detection]:
        """Each text detected as one piece."""
        return cast(list[Detection], self._outcomes(texts, None))

    def _outcomes(
        self, texts: list[str], settled: Sequence[frozenset[str]] | None
    ) -> list[Detection | None]:
        """Each text detected as one piece; ``None`` for a text left to the model whose script
        is among its ``settled`` scripts."""
        outcomes = [self._by_script(text) for text in texts]
        found: list[Detection | None] = [None] * len(texts)
        pending: dict[_Ask, list[int]] = {}
        for i, outcome in enumerate(outcomes):
            if isinstance(outcome, Detection):
                found[i] = outcome
            elif settled is None or outcome.script not in settled[i]:
                pending.setdefault(outcome, []).append(i)
        for ask, indices in pending.items():
            scorer = _scorer(ask.profiles)
            scored = [_own_script(texts[i], ask.script) for i in indices]
            probs, counts = scorer.probabilities(scored)
            for row, i in enumerate(indices):
                found[i] = _choose(ask, scorer.langs, probs[row], counts[row], texts[i])
        return found

    def _by_script(self, text: str) -> Detection | _Ask:
        counts = script_counts(text)
        if not counts:  # no letters (it holds only scripts with some)
            return Detection(UNDETERMINED, 0.0, "", "none")
        script = next(iter(counts)) if len(counts) == 1 else _main_script(text, counts)
        if script == "Kana":
            return _share("ja", "Kana", counts["Kana"] + counts["Han"], sum(counts.values()))
        if script == "Hangul":
            return _share("ko", "Hangul", counts["Hangul"] + counts["Han"], sum(counts.values()))
        if script == "Han":
            return self._han(text)
        if script == "Cyrillic":
            return self._cyrillic(text)
        if script == "Latin":
            if len(set(_WORD.findall(text.lower())) & _ENGLISH_WORDS) >= 2:
                return Detection("en", 0.95, "Latin", "script")
            return _Ask(LATIN_PROFILES, self.config.latin_default, "Latin")
        if script in SCRIPT_LANGUAGES:
            return _share(SCRIPT_LANGUAGES[script], script, counts[script], sum(counts.values()))
        if script == "Arabic":
            return _Ask(ARABIC_PROFILES, "ar", script)
        if script == "Devanagari":
            return _Ask(DEVANAGARI_PROFILES, "hi", script)
        return Detection(UNDETERMINED, 0.0, script, "none")

    def _han(self, text: str) -> Detection:
        chars = set(text)
        ja = len(chars & _JAPANESE_HAN)
        zh = len(chars & _CHINESE_HAN) + len(chars & _CHINESE_PARTICLES)
        if zh == ja:
            return Detection(self.config.han_default, 0.5, "Han", "script")
        lang = "zh" if zh > ja else "ja"
        return Detection(lang, round(min(0.99, 0.6 + 0.1 * abs(zh - ja)), 4), "Han", "script")

    def _cyrillic(self, text: str) -> Detection | _Ask:
        found = cyrillic(text)
        if found is None:
            return _Ask(CYRILLIC_PROFILES, self.config.cyrillic_default, "Cyrillic")
        return found

    def detect_paragraphs(self, text: str) -> list[tuple[int, int, Detection]]:
        """``(start, end, detection)`` for each paragraph of ``text``."""
        from xlate.segment import paragraphs

        spans = list(paragraphs(text))
        found = self.detect_many([text[s:e] for s, e in spans])
        return [(s, e, d) for (s, e), d in zip(spans, found, strict=True)]


def _main_script(text: str, counts: Counter[str]) -> str:
    """The script that carries the text's language.

    A CJK character counts as ``CJK_WEIGHT`` letters (one says as much as a short Latin word).
    When Latin shares the text with another script, only its lower-case words count for it:
    capitalised and upper-case Latin words (brands, names, codes: Pirelli, HDMI, Promtex) are
    what Russian and Japanese text borrows, not a sign that the text is English; and only
    Cyrillic words of two letters or more count for Cyrillic. (A text of one script is
    written in it: ``_by_script`` does not ask.)
    """
    cjk = counts["Kana"] + counts["Han"] + counts["Hangul"]
    if counts["Kana"]:
        own = "Kana"
    elif counts["Hangul"] and counts["Hangul"] >= counts["Han"]:
        own = "Hangul"
    else:
        own = "Han"
    weights = {name: n for name, n in counts.items() if name not in ("Kana", "Han", "Hangul")}
    if cjk:
        weights[own] = CJK_WEIGHT * cjk
    if "Latin" in weights and len(weights) > 1:
        lower = [w for w in _LATIN_WORD.findall(text) if w.islower()]
        if cjk and _PROSE_WORDS.isdisjoint(lower):  # code beside CJK prose (getpgrp が失敗)
            lower = []
        weights["Latin"] = sum(len(w) for w in lower)
        if "Cyrillic" in weights:  # not a lone х of 105х195
            weights["Cyrillic"] = sum(len(w) for w in _CYRILLIC_WORD.findall(text) if len(w) > 1)
    best = max(weights, key=weights.__getitem__)
    if not weights[best]:  # only names and codes: the script with the most letters
        return max(counts, key=counts.__getitem__)
    return best


def _own_script(text: str, script: str) -> str:
    """What the n-gram model scores: for Cyrillic, only the Cyrillic words (a Russian product
    line's Latin brand names would otherwise outweigh its Russian)."""
    if script != "Cyrillic":
        return text
    return " ".join(_CYRILLIC_WORD.findall(text))


def _latin_evidence(text: str, lang: str, prob: float) -> bool:
    """Whether ``text`` shows something of ``lang`` that English lacks: one of its frequent
    words, or letters beyond a-z (ä é ñ ø ł ...) in two words, or in one word when the model
    is all but certain (English borrows a word or two: café, résumé)."""
    words = _WORD.findall(text.lower())
    if not _FUNCTION_WORDS.get(lang, frozenset()).isdisjoint(words):
        return True
    marked = sum(1 for word in set(words) if _LATIN_BEYOND_ASCII.search(word))
    return marked >= 2 or (marked == 1 and prob >= LATIN_CERTAIN)


def _piece_spans(text: str) -> list[tuple[int, int]]:
    """Where the first sentences of a text longer than ``VOTE_CHARS`` are, white space
    trimmed (one piece, the whole text, for a shorter one)."""
    if len(text) <= VOTE_CHARS:
        return [(0, len(text))]
    spans = []
    for match in _PIECE.finditer(text):
        piece = match.group()
        trimmed = piece.strip()
        if trimmed:
            start = match.start() + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(trimmed)))
            if len(spans) == VOTE_PIECES:
                break
    return spans


def _vote(pieces: list[str], found: list[Detection]) -> Detection:
    """An article's language: its sentences' answers weighed by their length, leaning to the
    languages xlate exists for (ru, ja, en), which another must outweigh ``VOTE_LEAN`` times."""
    weights: Counter[str] = Counter()
    for piece, detection in zip(pieces, found, strict=True):
        if detection.lang != UNDETERMINED:
            weights[detection.lang] += len(piece)
    if not weights:
        return found[0]
    ranked = weights.most_common()
    lang, weight = ranked[0]
    routed = [(w, code) for code, w in ranked if code in ROUTED]
    if lang not in ROUTED and routed and routed[0][0] * VOTE_LEAN >= weight:
        weight, lang = routed[0]
    members = [d for d in found if d.lang == lang]
    method: DetectionMethod = "both" if any(d.method == "both" for d in members) else "script"
    script = Counter(d.script for d in members).most_common(1)[0][0]
    confidence = round(max(0.5, weight / sum(weights.values())), 4)
    return Detection(lang, confidence, script, method)


def _share(lang: str, script: str, own: int, letters: int) -> Detection:
    return Detection(lang, round(min(1.0, 0.5 + own / letters / 2), 4), script, "script")


def _choose(
    ask: _Ask, langs: tuple[str, ...], probs: Sequence[float], ngrams: int, text: str
) -> Detection:
    if not ngrams:
        return Detection(ask.default, 0.5, ask.script, "script")
    best = max(range(len(langs)), key=lambda j: probs[j])
    lang, prob = langs[best], float(probs[best])
    threshold = OVERRIDE_PROBABILITY[ask.script]
    if lang != ask.default and (
        prob < threshold
        or ngrams < OVERRIDE_MIN_NGRAMS
        or (ask.script == "Latin" and not _latin_evidence(text, lang, prob))
    ):
        lang, prob = ask.default, max(0.5, float(probs[langs.index(ask.default)]))
    return Detection(lang, round(prob, 4), ask.script, "both")


_DEFAULT = Detector()


def detect(text: str, config: DetectorConfig | None = None) -> Detection:
    """The language of ``text``; never raises (no letters → ``und``, confidence 0)."""
    return (_DEFAULT if config is None else Detector(config)).detect(text)
