"""Russian and its Cyrillic look-alikes (uk, bg, be, sr, mk, kk, mn) told apart by rules.

The rules and their order are rule 6 of ``xlate.detect.rules``; each was measured on real
Russian before it was kept (``benchmarks/detect_bench.py`` counts how often each fires).
"""

from __future__ import annotations

import re

from xlate.model import Detection

# Letters Russian lacks (the rules in ``_marker_language`` say which language each names).
_MARKER_LETTERS = frozenset("їєґўәғқңұһөүђћѓќѕі")
_RUSSIAN_VOWELS = frozenset("ыэё")  # absent from uk, bg, mk, sr
_SERBIAN_OR_MACEDONIAN = frozenset("јљњџ")
_BULGARIAN_HARD_SIGN = re.compile(r"ъ[бвгджзйклмнпрстфхцчшщ]")
# Russian writes э after vowels (поэтому, аэропорт); Mongolian after consonants (гэж, тэр).
# The Mongolian genitive (Монголын, улсын, зургийн): no Russian word ends so but сын.
# It is \w{2,}(?:ын|ийн)\b written to start at ы or и, which the regex engine skips ahead to
# (5 times faster: \w{2,} was tried at every letter).
_MONGOLIAN_GENITIVE = re.compile(r"[ыи](?:(?<=\w\wы)н|(?<=\w\wи)йн)\b")
# Not words of any language: case suffixes of numerals (38-го, 20-е, 1990-х), initials and
# abbreviations of one letter (Е. Иванов, т. е.), a capital letter standing alone ("Е").
_NOT_WORDS = re.compile(r"(?<=\d)-(?i:[а-яё]{1,3})\b|\b[а-яёА-ЯЁ]\.|\b[А-ЯЁ]\b")
# One of these occurs wherever a branch of _NOT_WORDS matches; each is found fast (a digit, a
# period, a capital letter), so the sub runs only on the one sentence in six that has one.
_NOT_WORDS_HINTS = (
    re.compile(r"\d-"),
    re.compile(r"\.(?<=\b[а-яёА-ЯЁ]\.)"),
    re.compile(r"[А-ЯЁ](?<!\w[А-ЯЁ])\b"),
)
# Word endings Russian writes and Bulgarian, Macedonian and Serbian do not (measured on real
# sentences of all four): reflexive -тся, infinitive -ть/-ать, -его, -ешь/-ишь, -ют, -ью, -ые.
_RUSSIAN_ENDING = re.compile(r"\w(?:тся|ть|его|ешь|ишь|ют|ью|ые)\b")
_E_AFTER_CONSONANT = re.compile(r"[бвгджзклмнпрстфхцчшщ]э")
# оо only at a word's end: Russian writes it inside words (вооружённые, правоохранительных,
# пообещал, Тихоокеанский), Mongolian at their ends too (доо, оролцоо).
_MONGOLIAN_DOUBLE = re.compile(r"аа|уу|ээ|өө|үү|оо\b")
# Legacy Mongolian typing puts Ukrainian ї/є for ү/ө; Ukrainian itself never writes ы or э.
_MONGOLIAN_STAND_INS = str.maketrans("їє", "үө")
# Frequent words that only one of the Cyrillic look-alikes writes (checked against the others).
_CUE_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        "что это он она они мне меня его её ее когда где уже если только ещё еще итак тебе тебя"
        " себя потом очень чтобы быть нет сказал хорошо теперь сейчас этот этой эти этого этом"
        " можно кто тоже туда который которые которых".split()
    ),
    "bg": frozenset(
        "е са ще във със към които която което това този тази тези се вече една едно неща нещо"
        " няма беше бяха когато защото също сега всички трябва може още днес тук сме сте съм му"
        " ви кога обаче хора бил била било били нови като през който повече толкова затова"
        " един".split()
    ),
    "uk": frozenset(
        "це що щоб чи хто як також треба бо ми вже нема немає дуже був була було були ось"
        " якщо чому вони".split()
    ),
    "be": frozenset("гэта гэты але што вось яшчэ калі таксама трэба ён яна яны ужо дзе ня".split()),
    "mn": frozenset(
        "нь энэ юм вэ гэж байна байх байгаа байсан болон гэсэн хэрэг юу тэр бид тэгвэл хэрэв"
        " манай танай маш бол бас тухай минь болно маань".split()
    ),
    "mk": frozenset("што ги го од сите како кон беа тогаш".split()),
}
# Words with the Bulgarian or Macedonian definite article (градът, британският, селото,
# книгата, хората, лихвите, градот): about 15 words in 100 of their sentences. Russian never
# ends a word in -ът or -ият, rarely in -ото or -ето (золото, вето); often in -ата and -ята
# (сертификата, ребята: the model then weighs the line), and in -ите and -от (the imperatives
# of UI strings, Укажите, Введите; этот), which count only two together.
_BULGARIAN_ARTICLE = re.compile(r"\w\w(?:ът|ият)\b")
_ARTICLE = re.compile(r"\w\w(?:ото|ето)\b")
_ARTICLE_OR_RUSSIAN = re.compile(r"\w\w(?:ата|ята)\b")
_ARTICLE_OR_IMPERATIVE = re.compile(r"\w\w(?:ите|от)\b")
# Frequent Bulgarian (some also Macedonian) words that no Russian text of the langid and WMT22
# sets writes (36,000 words), beyond the cue words (which tell the look-alikes apart too).
_BULGARIAN_MORE = frozenset(
    "аз мен си най кой тя ние вие тях каза бъде бъдат ако преди където какво човек място"
    " година години според нямаше такива някой някои дори хайде вашия".split()
)
_BULGARIAN_WORDS = _CUE_WORDS["bg"] | _BULGARIAN_MORE
_LOOKALIKES_AND_RUSSIAN = frozenset({"ru", "bg", "uk", "be", "mn", "mk"})
_WRITE_RUSSIAN_VOWELS = frozenset({"ru", "be", "mn"})  # of those, the ones that write ы э ё
# With ј љ њ џ present, Russian is out and these words tell Macedonian from Serbian.
_MACEDONIAN_NOT_SERBIAN = frozenset("е што во со ги го ќе".split())
# Latin letters typed inside Cyrillic words (the look-alike a writer meant).
_LOOKALIKES = str.maketrans("aeopcxyiv", "аеорсхуіү")
_LATIN_IN_CYRILLIC = re.compile(  # after or before a Cyrillic letter, found from the Latin one
    r"[aeopcxyiv](?:(?<=[а-яёіїєґўөү][aeopcxyiv])|(?=[а-яёіїєґўөү]))"
)
# Letters that make the rules of ``_marker_language`` answer: Russian lacks them.
_MARKED = re.compile("[їєґўәғқңұһөүђћѓќѕіјљњџ]")
_WORD = re.compile(r"\w+")
# A short line (this many Cyrillic words or fewer) is too short for the n-gram model, which
# took short Russian UI strings for bg or mk ("Версия сервера: , версия библиотеки: ."): it
# is Bulgarian or Macedonian only on evidence Russian cannot have (``_short_line``), else
# Russian, the language xlate exists for.
SHORT_LINE_WORDS = 8
_CYRILLIC_WORD = re.compile(r"[а-яёъ]{2,}")


def cyrillic(text: str) -> Detection | None:
    """The language of a text written in Cyrillic by the rules, or None: only the n-gram
    model can tell (rule 6 of ``xlate.detect.rules``)."""
    words_only = text
    if any(hint.search(text) for hint in _NOT_WORDS_HINTS):
        words_only = _NOT_WORDS.sub(" ", text)
    lower = words_only.lower()
    if _LATIN_IN_CYRILLIC.search(lower):
        lower = _LATIN_IN_CYRILLIC.sub(lambda m: m.group().translate(_LOOKALIKES), lower)
    if ("ї" in lower or "є" in lower) and ("ы" in lower or "э" in lower):
        lower = lower.translate(_MONGOLIAN_STAND_INS)
    words = set(_WORD.findall(lower))
    if _MARKED.search(lower):  # rare in Russian: the set of letters only then
        chars = set(lower)
        if not chars.isdisjoint(_MARKER_LETTERS):
            marked = {w for w in words if not _MARKER_LETTERS.isdisjoint(w)}
            if len(words & _CUE_WORDS["ru"]) > len(marked):
                # A foreign word or quote inside Russian prose (a name, a title in Ukrainian).
                return Detection("ru", 0.85, "Cyrillic", "script")
        marked_lang = _marker_language(chars, words)
        if marked_lang:
            return Detection(marked_lang, 0.95, "Cyrillic", "script")
    return _cyrillic_words(text, lower, words)


def _cyrillic_words(text: str, lower: str, words: set[str]) -> Detection | None:
    """No marker letter: narrow the candidates by letters, then decide by cue words."""
    russian_vowels = "ы" in lower or "э" in lower or "ё" in lower
    candidates = _WRITE_RUSSIAN_VOWELS if russian_vowels else _LOOKALIKES_AND_RUSSIAN
    if "bg" in candidates and "ъ" in lower and _BULGARIAN_HARD_SIGN.search(lower):
        return Detection("bg", 0.9, "Cyrillic", "script")
    if len(_MONGOLIAN_DOUBLE.findall(lower)) >= 2 or (
        ("ын" in lower or "ийн" in lower) and _MONGOLIAN_GENITIVE.search(lower)
    ):
        return Detection("mn", 0.8, "Cyrillic", "script")
    cues = sorted(((len(words & _CUE_WORDS[lang]), lang) for lang in candidates), reverse=True)
    (best, lang), (second, _) = cues[0], cues[1]
    if best > second:
        margin = best - second
        return Detection(lang, round(min(0.95, 0.7 + 0.1 * margin), 4), "Cyrillic", "script")
    if russian_vowels:
        # Not in abbreviations (ВШЭ, ЧМЭЗ); each match holds one э, so two are needed.
        if text.count("э") + text.count("Э") >= 2:
            lowercase = " ".join(w for w in _WORD.findall(text) if not w.isupper()).lower()
            if len(_E_AFTER_CONSONANT.findall(lowercase)) >= 2:
                return Detection("mn", 0.7, "Cyrillic", "script")
        return Detection("ru", 0.9, "Cyrillic", "script")
    if _RUSSIAN_ENDING.search(lower):
        return Detection("ru", 0.8, "Cyrillic", "script")
    return _short_line(lower, words)


def _short_line(lower: str, words: set[str]) -> Detection | None:
    """A short line the rules before left open (no cue words, or a tie): Bulgarian or
    Macedonian by the evidence Russian cannot have, their function words and the definite
    article (-ът, -ият bg; -ото, -ето either); Russian without any; the model where the two
    weigh alike, or where only endings Russian shares speak (one -ата, two -ите)."""
    if len(_CYRILLIC_WORD.findall(lower)) > SHORT_LINE_WORDS:
        return None
    bulgarian = len(words & _BULGARIAN_WORDS) + len(_BULGARIAN_ARTICLE.findall(lower))
    macedonian = len(words & _CUE_WORDS["mk"])
    either = len(_ARTICLE.findall(lower))
    if bulgarian > macedonian:
        return Detection("bg", 0.75, "Cyrillic", "script")
    if macedonian > bulgarian:
        return Detection("mk", 0.75, "Cyrillic", "script")
    if (
        bulgarian
        or either
        or _ARTICLE_OR_RUSSIAN.search(lower)
        or len(_ARTICLE_OR_IMPERATIVE.findall(lower)) >= 2
    ):
        return None
    return Detection("ru", 0.7, "Cyrillic", "script")


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
