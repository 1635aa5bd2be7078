"""Language detection: Unicode-script evidence first, langdetect's model where script cannot decide.

Decision rules, in order (``tests/test_detect.py`` has cases for each):

1. No letters (empty, digits, emoji, symbols, URLs only) → ``und``, confidence 0.
2. Kana → ``ja``. Hangul → ``ko``.
3. Han without kana → ``ja`` or ``zh`` by evidence: characters only Japanese writes
   (shinjitai such as 経 済 関 対 発) against characters only Chinese writes (simplified
   这 们 说 经, traditional 這 們 說 經) and Chinese particles (的 了 是 吗 呢). No evidence
   either way (a headline such as 制裁) → ``han_default`` (``ja`` unless configured) at
   confidence 0.5.
4. Cyrillic: letters Russian lacks name the language (ї є ґ → uk, ў → be, ә ғ қ ң ұ һ → kk,
   ө ү → mn, ђ ћ → sr, ѓ ќ ѕ → mk; і decides uk or be by и and ы э ё); so do Bulgarian words
   (е, са, ще, във, ...), ъ before a consonant (Bulgarian), and doubled vowels (Mongolian).
   Otherwise ы э ё mark Russian; a text with none of these goes to the n-gram model restricted to
   ru/uk/bg/mk, and another language must win clearly on enough text to beat Russian.
5. Latin: two or more words only English writes (the, and, that, which, ...) → ``en``;
   otherwise the n-gram model restricted to common Latin-script languages, English unless
   another language wins clearly (short Latin snippets in these articles are mostly English).

``method`` is ``script`` for every rule-based answer (letters, and the cue words above).

The n-gram model is langdetect's: its profiles and smoothing, summed over every n-gram instead of
sampled at random (``xlate._ngram``), so answers are identical across runs and processes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.model import Detection

if TYPE_CHECKING:
    from xlate.detect.ngram import NgramScorer

UNDETERMINED = "und"

CYRILLIC_PROFILES = ("ru", "uk", "bg", "mk")
LATIN_PROFILES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi",
    "pl", "cs", "sk", "sl", "hr", "ro", "hu", "tr", "id", "vi", "lt", "lv", "et",
)  # fmt: skip
# A language other than the default must reach this posterior on this many n-grams to win.
# Cyrillic leans harder to Russian: langdetect's bg and uk profiles claim short Russian prose.
OVERRIDE_PROBABILITY = {"Latin": 0.95, "Cyrillic": 0.99}
OVERRIDE_MIN_NGRAMS = 60

# Letters Russian lacks (the rules in ``_marker_language`` say which language each names).
_MARKER_LETTERS = frozenset("їєґўәғқңұһөүђћѓќѕі")
_RUSSIAN_VOWELS = frozenset("ыэё")  # absent from uk, bg, mk, sr
_SERBIAN_OR_MACEDONIAN = frozenset("јљњџ")
_BULGARIAN_HARD_SIGN = re.compile(r"ъ(?:[бвгджзйклмнпрстфхцчшщ]|\b)")
# Russian writes э after vowels (поэтому, аэропорт); Mongolian after consonants (гэж, тэр).
_E_AFTER_CONSONANT = re.compile(r"[бвгджзклмнпрстфхцчшщ]э")
_MONGOLIAN_DOUBLE = re.compile(r"аа|(?<![скз])оо|уу|ээ|өө|үү")  # not Russian соо-, коо-, зоо-
# Legacy Mongolian typing puts Ukrainian ї/є for ү/ө; Ukrainian itself never writes ы or э.
_MONGOLIAN_STAND_INS = str.maketrans("їє", "үө")
# Frequent words that only one of the Cyrillic look-alikes writes (checked against the others).
_CUE_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        "что это он она они мне меня его её ее когда где уже если только ещё еще итак тебе тебя"
        " себя потом очень чтобы быть нет сказал хорошо теперь сейчас этот этой эти этого этом"
        " можно".split()
    ),
    "bg": frozenset(
        "е са ще във със към които която което това този тази тези се вече една едно две неща"
        " нещо няма има беше бяха когато защото също сега всички трябва може още днес тук си сме"
        " сте съм му ви кога обаче хора бил била било били нови".split()
    ),
    "uk": frozenset(
        "це що щоб чи хто як також треба бо ми вже нема немає дуже був була було були та".split()
    ),
    "be": frozenset("гэта гэты але што вось яшчэ калі таксама трэба ён яна яны ужо дзе ня".split()),
    "mn": frozenset(
        "нь энэ юм вэ гэж байна байх байгаа байсан болон гэсэн хэрэг юу тэр бид тэгвэл хэрэв"
        " манай танай маш".split()
    ),
    "mk": frozenset("што ги го од".split()),
}
# Frequent English words that no other common Latin-script language writes (not "of", "is",
# "was", "to", "for", "by", "her": Dutch, German, Czech or Scandinavian words too).
_ENGLISH_WORDS = frozenset(
    "the and that with this from have has were are which would will said their they been"
    " there what when who after about our your you its".split()
)
# With ј љ њ џ present, Russian is out and these words tell Macedonian from Serbian.
_MACEDONIAN_NOT_SERBIAN = frozenset("е што во со ги го ќе".split())
# Latin letters typed inside Cyrillic words (the look-alike a writer meant).
_LOOKALIKES = str.maketrans("aeopcxyiv", "аеорсхуіү")
_LATIN_IN_CYRILLIC = re.compile(r"(?<=[а-яёіїєґўөү])[aeopcxyiv]|[aeopcxyiv](?=[а-яёіїєґўөү])")
_WORD = re.compile(r"\w+")

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
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")


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
        texts = list(texts)
        outcomes = [self._by_script(text) for text in texts]
        decided = {i: o for i, o in enumerate(outcomes) if isinstance(o, Detection)}
        pending: dict[_Ask, list[int]] = {}
        for i, outcome in enumerate(outcomes):
            if isinstance(outcome, _Ask):
                pending.setdefault(outcome, []).append(i)
        for ask, indices in pending.items():
            scorer = _scorer(ask.profiles)
            probs, counts = scorer.probabilities([texts[i] for i in indices])
            for row, i in enumerate(indices):
                decided[i] = _choose(ask, scorer.langs, probs[row], counts[row])
        return [decided[i] for i in range(len(texts))]

    def _by_script(self, text: str) -> Detection | _Ask:
        counts = script_counts(text)
        letters = sum(counts.values())
        if not letters:
            return Detection(UNDETERMINED, 0.0, "", "none")
        if counts["Kana"]:
            return _share("ja", "Kana", counts["Kana"] + counts["Han"], letters)
        if counts["Hangul"] and counts["Hangul"] >= counts["Han"]:
            return _share("ko", "Hangul", counts["Hangul"] + counts["Han"], letters)
        if counts["Han"] and counts["Han"] >= 0.3 * letters:
            return self._han(text)
        script = max(counts, key=counts.__getitem__)
        if script == "Cyrillic":
            return self._cyrillic(text.lower())
        if script == "Latin":
            if len(set(_WORD.findall(text.lower())) & _ENGLISH_WORDS) >= 2:
                return Detection("en", 0.95, "Latin", "script")
            return _Ask(LATIN_PROFILES, self.config.latin_default, "Latin")
        return Detection(UNDETERMINED, 0.0, script, "none")

    def _han(self, text: str) -> Detection:
        chars = set(text)
        ja = len(chars & _JAPANESE_HAN)
        zh = len(chars & _CHINESE_HAN) + len(chars & _CHINESE_PARTICLES)
        if zh == ja:
            return Detection(self.config.han_default, 0.5, "Han", "script")
        lang = "zh" if zh > ja else "ja"
        return Detection(lang, round(min(0.99, 0.6 + 0.1 * abs(zh - ja)), 4), "Han", "script")

    def _cyrillic(self, lower: str) -> Detection | _Ask:
        if _LATIN_IN_CYRILLIC.search(lower):
            lower = _LATIN_IN_CYRILLIC.sub(lambda m: m.group().translate(_LOOKALIKES), lower)
        chars = set(lower)
        if chars & {"ї", "є"} and chars & {"ы", "э"}:
            lower = lower.translate(_MONGOLIAN_STAND_INS)
            chars = set(lower)
        words = set(_WORD.findall(lower))
        if not chars.isdisjoint(_MARKER_LETTERS):
            marked = {w for w in words if not _MARKER_LETTERS.isdisjoint(w)}
            if len(words & _CUE_WORDS["ru"]) > len(marked):
                # A foreign word or quote inside Russian prose (a name, a title in Ukrainian).
                return Detection("ru", 0.85, "Cyrillic", "script")
        marked_lang = _marker_language(chars, words)
        if marked_lang:
            return Detection(marked_lang, 0.95, "Cyrillic", "script")
        return self._cyrillic_words(lower, chars, words)

    def _cyrillic_words(self, lower: str, chars: set[str], words: set[str]) -> Detection | _Ask:
        """No marker letter: narrow the candidates by letters, then decide by cue words."""
        candidates = {"ru", "bg", "uk", "be", "mn", "mk"}
        if chars & _RUSSIAN_VOWELS:
            candidates &= {"ru", "be", "mn"}
        if _BULGARIAN_HARD_SIGN.search(lower) and "bg" in candidates:
            return Detection("bg", 0.9, "Cyrillic", "script")
        if len(_MONGOLIAN_DOUBLE.findall(lower)) >= 2 and "mn" in candidates:
            return Detection("mn", 0.8, "Cyrillic", "script")
        cues = sorted(((len(words & _CUE_WORDS[lang]), lang) for lang in candidates), reverse=True)
        (best, lang), (second, _) = cues[0], cues[1]
        if best > second:
            margin = best - second
            return Detection(lang, min(0.95, 0.7 + 0.1 * margin), "Cyrillic", "script")
        if chars & _RUSSIAN_VOWELS:
            if "mn" in candidates and len(_E_AFTER_CONSONANT.findall(lower)) >= 2:
                return Detection("mn", 0.7, "Cyrillic", "script")
            return Detection("ru", 0.9, "Cyrillic", "script")
        return _Ask(CYRILLIC_PROFILES, self.config.cyrillic_default, "Cyrillic")

    def detect_paragraphs(self, text: str) -> list[tuple[int, int, Detection]]:
        """``(start, end, detection)`` for each paragraph of ``text``."""
        from xlate.segment import paragraphs

        spans = list(paragraphs(text))
        found = self.detect_many([text[s:e] for s, e in spans])
        return [(s, e, d) for (s, e), d in zip(spans, found, strict=True)]


def _marker_language(chars: set[str], words: set[str]) -> str | None:
    """The language named by letters Russian lacks, by fixed rules in a fixed order."""
    if chars.isdisjoint(_MARKER_LETTERS) and chars.isdisjoint(_SERBIAN_OR_MACEDONIAN):
        return None
    if not chars.isdisjoint("әғқңұһ"):
        return "kk"
    if not chars.isdisjoint("өү"):
        return "kk" if "і" in chars else "mn"
    if "ў" in chars:
        return "be"
    if not chars.isdisjoint("їєґ"):
        return "uk"
    if not chars.isdisjoint("ђћ"):
        return "sr"
    if not chars.isdisjoint("ѓќѕ"):
        return "mk"
    if "і" in chars:
        return "be" if "и" not in chars and not chars.isdisjoint(_RUSSIAN_VOWELS) else "uk"
    return "mk" if words & _MACEDONIAN_NOT_SERBIAN and "је" not in words else "sr"


def _share(lang: str, script: str, own: int, letters: int) -> Detection:
    return Detection(lang, round(min(1.0, 0.5 + own / letters / 2), 4), script, "script")


def _choose(ask: _Ask, langs: tuple[str, ...], probs: Sequence[float], ngrams: int) -> Detection:
    if not ngrams:
        return Detection(ask.default, 0.5, ask.script, "script")
    best = max(range(len(langs)), key=lambda j: probs[j])
    lang, prob = langs[best], float(probs[best])
    threshold = OVERRIDE_PROBABILITY[ask.script]
    if lang != ask.default and (prob < threshold or ngrams < OVERRIDE_MIN_NGRAMS):
        lang, prob = ask.default, max(0.5, float(probs[langs.index(ask.default)]))
    return Detection(lang, round(prob, 4), ask.script, "both")


_DEFAULT = Detector()


def detect(text: str, config: DetectorConfig | None = None) -> Detection:
    """The language of ``text``; never raises (no letters → ``und``, confidence 0)."""
    return (_DEFAULT if config is None else Detector(config)).detect(text)


def detect_batch(texts: Sequence[str], config: DetectorConfig | None = None) -> list[Detection]:
    """The language of each of ``texts``, in order, scored as one batch."""
    return (_DEFAULT if config is None else Detector(config)).detect_many(texts)
