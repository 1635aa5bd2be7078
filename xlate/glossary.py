"""The diplomatic glossary: concepts, their forms in en/ru/ja, and finding them in text.

A glossary is a TOML file of ``[[concept]]`` tables (``glossaries/diplomatic.toml`` documents
the format in its header). Matching, per language (the README's "Matching" has the reasons,
each found on real news):

- Russian and English: word tokens compared by Snowball stem, so every case and number of a
  term matches (санкции, санкций, санкциям; МИДа; sanctions), within limits (:func:`_fits`):
  acronyms by case, names with a capital, a stem equal to a whole word only for a noun's case
  ending, short stems only before vowel endings. Irregular forms (Ивая, genitive Иваи) are
  variants.
- Japanese: no word boundaries; the longest form starting at each position wins, so a form
  never matches inside a longer form of another concept (外務省 inside 中国外務省); a single
  kanji only where it abbreviates a country (:func:`_abbreviation`), a name never from inside
  a kanji word, a katakana or Latin name only as a whole word.
- All: full-width Latin and digits folded (NFKC, offsets kept); a concept's ``ambiguous``
  forms claimed only with its ``context`` nearby, else marked ambiguous (never enforced);
  ``not_in`` phrases block a form.
- Overlapping matches resolve to the longest span; every match keeps its character span.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from xlate.errors import FormatError

LANGUAGES = ("en", "ru", "ja")
TYPES = frozenset(
    {"person", "office", "organisation", "place", "sanction-term", "framing", "other"}
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_WORD = re.compile(r"\w+(?:-\w+)*")  # hyphens join words; a possessive 's does not
_CONCEPT_HEADER = re.compile(r"^\s*\[\[concept\]\]\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    type: str
    preferred: dict[str, str]
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    en_from: dict[str, str] = field(default_factory=dict)
    note: str = ""
    do_not_translate: bool = False
    source: str = ""  # file:line where the concept is defined
    # forms that name the concept only with context (a surname that is also a place or word)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    context: tuple[str, ...] = ()  # concept ids whose mention nearby confirms an ambiguous form
    not_in: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrases that block a match

    def forms(self, lang: str) -> tuple[str, ...]:
        """Every form that names this concept in ``lang``: preferred first, then variants."""
        preferred = self.preferred.get(lang)
        return ((preferred,) if preferred else ()) + self.variants.get(lang, ())

    def english_for(self, source_lang: str) -> str:
        """The English a translation from ``source_lang`` must use (side-specific if set)."""
        return self.en_from.get(source_lang) or self.preferred.get("en", "")

    @property
    def is_framing(self) -> bool:
        return self.type == "framing"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "preferred": self.preferred,
            "variants": {k: list(v) for k, v in self.variants.items()},
            "forbidden": {k: list(v) for k, v in self.forbidden.items()},
            "en_from": self.en_from,
            "note": self.note,
            "do_not_translate": self.do_not_translate,
            **({"ambiguous": {k: list(v) for k, v in self.ambiguous.items()}}
               if self.ambiguous else {}),
            **({"context": list(self.context)} if self.context else {}),
            **({"not_in": {k: list(v) for k, v in self.not_in.items()}} if self.not_in else {}),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    lang: str
    surface: str
    start: int
    end: int
    # an ambiguous form without its context: reported, never enforced or checked
    ambiguous: bool = False

    def to_dict(self) -> dict[str, Any]:
        row = {
            "concept": self.concept.id,
            "type": self.concept.type,
            "en": self.concept.preferred.get("en", ""),
            "lang": self.lang,
            "surface": self.surface,
            "start": self.start,
            "end": self.end,
        }
        if self.ambiguous:
            row["ambiguous"] = True
        return row


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect of a glossary file, located at ``where`` (file:line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# -- loading ------------------------------------------------------------------------------------


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _per_language(table: Any, where: str, name: str, problems: list[Problem]) -> dict[str, Any]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        problems.append(Problem(where, f"{name} must be a table of languages"))
        return {}
    unknown = sorted(set(table) - set(LANGUAGES))
    if unknown:
        problems.append(Problem(where, f"{name} has unknown language(s): {', '.join(unknown)}"))
    return {k: v for k, v in table.items() if k in LANGUAGES}


def _forms_table(
    raw: dict[str, Any], name: str, cid: str, where: str, problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    """A ``variants``- or ``forbidden``-style table: language -> list of forms."""
    table: dict[str, tuple[str, ...]] = {}
    for lang, value in _per_language(raw.get(name), where, f"{cid}: {name}", problems).items():
        forms = _strings(value)
        if forms is None:
            problems.append(Problem(where, f"{cid}: {name}.{lang} must be a list of strings"))
        else:
            table[lang] = forms
    return table


def _concept(raw: Any, where: str, problems: list[Problem]) -> Concept | None:
    if not isinstance(raw, dict):
        problems.append(Problem(where, "a [[concept]] must be a table"))
        return None
    cid = raw.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        problems.append(Problem(where, f"bad or missing id {cid!r} (lower-case, digits, '-')"))
        return None
    kind = raw.get("type")
    if kind not in TYPES:
        problems.append(
            Problem(where, f"{cid}: bad type {kind!r}; one of: {', '.join(sorted(TYPES))}")
        )
    preferred = {lang: raw[lang] for lang in LANGUAGES if isinstance(raw.get(lang), str)}
    if not preferred.get("en"):
        problems.append(Problem(where, f"{cid}: missing preferred English form (en = ...)"))
    if not (preferred.get("ru") or preferred.get("ja")):
        problems.append(Problem(where, f"{cid}: needs a preferred ru or ja form"))
    variants = _forms_table(raw, "variants", cid, where, problems)
    forbidden = _forms_table(raw, "forbidden", cid, where, problems)
    ambiguous = _forms_table(raw, "ambiguous", cid, where, problems)
    not_in = _forms_table(raw, "not_in", cid, where, problems)
    context = _strings(raw.get("context", []))
    if context is None:
        problems.append(Problem(where, f"{cid}: context must be a list of concept ids"))
    en_from = _per_language(raw.get("en_from"), where, f"{cid}: en_from", problems)
    for lang in LANGUAGES:
        forms = ((preferred[lang],) if lang in preferred else ()) + variants.get(lang, ())
        if len(set(forms)) != len(forms):
            repeated = sorted({f for f in forms if forms.count(f) > 1})
            problems.append(Problem(where, f"{cid}: {lang} form {repeated[0]!r} is listed twice"))
        for form in ambiguous.get(lang, ()):
            if form not in forms:
                problems.append(Problem(where, f"{cid}: ambiguous {lang} form {form!r} is no form"))
    known = {
        "id",
        "type",
        "note",
        "variants",
        "forbidden",
        "en_from",
        "do_not_translate",
        "ambiguous",
        "context",
        "not_in",
        *LANGUAGES,
    }
    extra = sorted(set(raw) - known)
    if extra:
        problems.append(Problem(where, f"{cid}: unknown field(s): {', '.join(extra)}"))
    return Concept(
        id=cid,
        type=kind if isinstance(kind, str) else "other",
        preferred=preferred,
        variants=variants,
        forbidden=forbidden,
        en_from={k: v for k, v in en_from.items() if isinstance(v, str)},
        note=str(raw.get("note", "")),
        do_not_translate=bool(raw.get("do_not_translate", False)),
        source=where,
        ambiguous=ambiguous,
        context=context or (),
        not_in=not_in,
    )


def parse_glossary(
    text: str, name: str, *, check_forms: bool = True
) -> tuple[list[Concept], list[Problem]]:
    """Concepts of a glossary file's text, and the problems found, each with file:line.

    ``check_forms`` also looks for one form claimed by two concepts (it stems every form:
    most of the cost of loading a large glossary).
    """
    import rtoml  # a Rust TOML parser: ten times faster than tomllib on a large glossary

    try:
        data = rtoml.loads(text)
    except ValueError as exc:
        return [], [Problem(name, f"not valid TOML: {exc}")]
    raws = data.get("concept", [])
    if not isinstance(raws, list):
        return [], [Problem(name, "expected [[concept]] tables")]
    lines = [n for n, line in enumerate(text.splitlines(), 1) if _CONCEPT_HEADER.match(line)]
    problems: list[Problem] = []
    concepts = []
    for i, raw in enumerate(raws):
        where = f"{name}:{lines[i]}" if i < len(lines) else name
        concept = _concept(raw, where, problems)
        if concept is not None:
            concepts.append(concept)
    if check_forms:
        problems += _conflicts(concepts)
    return concepts, problems


def _conflicts(concepts: Sequence[Concept]) -> list[Problem]:
    """Duplicate ids, and one form claimed by two concepts in one language."""
    problems = []
    seen: dict[str, Concept] = {}
    claimed: dict[tuple[str, str], Concept] = {}
    for concept in concepts:
        if concept.id in seen:
            problems.append(
                Problem(
                    concept.source,
                    f"duplicate id {concept.id!r} (first at {seen[concept.id].source})",
                )
            )
        seen.setdefault(concept.id, concept)
        for lang in LANGUAGES:
            for form in concept.forms(lang):
                key = (lang, _match_key(form, lang))
                other = claimed.get(key)
                if other is not None and other.id != concept.id:
                    problems.append(
                        Problem(
                            concept.source,
                            f"{concept.id}: {lang} form {form!r} is also a form of "
                            f"{other.id!r} ({other.source})",
                        )
                    )
                claimed.setdefault(key, concept)
    for concept in concepts:
        unknown = [cid for cid in concept.context if cid not in seen]
        if unknown:
            problems.append(
                Problem(concept.source, f"{concept.id}: context names unknown id {unknown[0]!r}")
            )
    return problems


def _match_key(form: str, lang: str) -> str:
    if lang == "ja":
        return fold_width(form)
    return " ".join(_stem(lang, token.lower()) for token in _WORD.findall(form))


class Glossary:
    """Loaded concepts, with their matchers built on first use per language."""

    def __init__(self, concepts: Sequence[Concept], digest: str, paths: Sequence[str] = ()):
        self.concepts = tuple(concepts)
        self.digest = digest
        self.paths = tuple(paths)
        self._by_id = {c.id: c for c in self.concepts}
        self._matchers: dict[str, _WordMatcher | _JapaneseMatcher] = {}

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    @property
    def hash(self) -> str:
        """A short digest of the glossary's content (for cache keys and report signatures)."""
        return self.digest[:16]

    def lookup(self, term: str) -> list[Concept]:
        """The concepts ``term`` is a form of, in any language (inflected forms too)."""
        term = term.strip()
        found = [c for c in self.concepts if any(term in c.forms(lang) for lang in LANGUAGES)]
        for lang in LANGUAGES:
            for match in self.scan(term, lang, overlapping=True, ambiguous=True):
                whole = match.start == 0 and match.end == len(term)
                if whole and match.concept not in found:
                    found.append(match.concept)
        return found

    def scan(
        self, text: str, lang: str, *, overlapping: bool = False, ambiguous: bool = False
    ) -> list[Match]:
        """The concepts named in ``text`` (written in ``lang``): longest spans, no overlap.

        ``overlapping=True`` returns every form found, including those inside longer ones
        (peace treaty inside peace treaty talks): what a check of a translation needs.
        ``ambiguous=True`` also returns the ambiguous forms that lack their context (a
        surname that is also a place, Остин; a bare 政府), marked ``ambiguous``: they are
        reported, never enforced or checked.
        """
        matches = _settle(text, lang, self.matcher(lang).scan(text, overlapping))
        return matches if ambiguous else [m for m in matches if not m.ambiguous]

    def matcher(self, lang: str) -> _WordMatcher | _JapaneseMatcher:
        """The compiled matcher of ``lang``: built once per glossary, on first use."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            if lang == "ja":
                matcher = _JapaneseMatcher(self)
            elif lang in ("ru", "en"):
                matcher = _WordMatcher(self, lang)
            else:
                raise ValueError(f"the glossary matches ru, ja and en, not {lang!r}")
            self._matchers[lang] = matcher
        return matcher


def load_glossary(
    paths: Iterable[str | Path], *, check_forms: bool = True
) -> tuple[Glossary, list[Problem]]:
    """Every concept of ``paths`` and the problems found; a file that cannot be read raises.

    ``check_forms=False`` skips the search for forms shared by two concepts (see
    :func:`parse_glossary`); ``xlate glossary check`` always runs it.
    """
    concepts: list[Concept] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    names = []
    for path in paths:
        path = Path(path)
        try:
            data = path.read_bytes()
            text = data.decode("utf-8")
        except OSError as exc:
            raise FormatError(path, f"cannot read: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise FormatError(path, f"not UTF-8 at byte {exc.start}") from None
        digest.update(data)
        found, trouble = parse_glossary(text, str(path), check_forms=check_forms)
        concepts += found
        problems += trouble
        names.append(str(path))
    if len(names) > 1 and check_forms:
        problems = [p for p in problems if "duplicate id" not in p.message] + _conflicts(concepts)
    return Glossary(tuple(concepts), digest.hexdigest(), tuple(names)), problems


def default_glossary_path() -> Path:
    """The bundled diplomatic glossary, shipped inside the package.

    ``xlate/data/diplomatic.toml`` is a link to ``glossaries/diplomatic.toml`` (the copy people
    read and edit); a wheel carries the file itself, so an installed xlate finds it too.
    """
    return Path(__file__).parent / "data" / "diplomatic.toml"


# -- matching -----------------------------------------------------------------------------------

_WIDE = re.compile(r"[\u3000\uff00-\uffef]")


@cache
def _width_table() -> dict[int, str]:
    table = {}
    for code in (0x3000, *range(0xFF00, 0xFFF0)):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and signs (ＮＡＴＯ, Ｇ７) and half-width katakana as
    NFKC writes them, one character for one, so that every offset into ``text`` stays valid."""
    if _WIDE.search(text) is None:
        return text
    return text.translate(_width_table())


@cache
def _stemmer(lang: str) -> Any:
    import Stemmer  # PyStemmer: the Snowball project's stemmers, compiled

    return Stemmer.Stemmer({"ru": "russian", "en": "english"}[lang])


_STEMS: dict[tuple[str, str], str] = {}


def _stem(lang: str, word: str) -> str:
    """The Snowball stem of a lower-case word (memoised: news text repeats its words)."""
    key = (lang, word)
    stem = _STEMS.get(key)
    if stem is None:
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        stem = _STEMS[key] = _stemmer(lang).stemWord(word)
    return stem


@dataclass(frozen=True, slots=True, eq=False)  # compared by identity: a fast dictionary key
class _FormWord:
    """One word of a glossary form, and how a text's word may match it."""

    exact: str  # as the glossary writes it
    word: str  # lower-case
    stem: str
    acronym: bool  # all capitals (СВО, МИД, NATO, G7, U.S.): case-sensitive, a whole word
    proper: bool  # capitalised (Киев, Japan): the text's word must be capitalised too
    base: str = ""  # a person's name: what every inflection starts with (Медведев-а, Захаров-ой)
    keys: frozenset[str] = frozenset()  # word and stem: a text's stem must be one to fit


def _form_word(lang: str, token: str, kind: str = "other") -> _FormWord:
    """``kind``: the concept's type. The names of people and places are proper nouns, and so
    is a Russian capitalised word of the other kinds (Запад, the West; запад, the west) but
    not of an institution, written either way (Минобороны, минобороны); English capitalises
    adjectives at will (Western, western)."""
    lower = token.lower()
    acronym = token == token.upper() and lower != token
    named = kind in ("person", "place") or (lang == "ru" and kind not in _INSTITUTIONS)
    proper = not acronym and token[:1].isupper() and named
    base = lower.rstrip("аеёиоуыэюяйь") if kind == "person" and proper and lang == "ru" else ""
    stem = _stem(lang, lower)
    return _FormWord(token, lower, stem, acronym, proper, base, frozenset({lower, stem}))


_INSTITUTIONS = frozenset({"organisation", "office"})
_RU_ENDING = re.compile(r"[а-яё]{1,3}")  # a case ending written after an acronym: МИДа, МИДом
_Token = tuple[int, int, str, str, str]  # start, end, as written, lower-case, stem
_SHORTEST_CROSS = 4  # a stem may equal the other's whole word only from four letters
_RU_VOWELS = frozenset("аеёиоуыэюяь")
# what a verb adds to a stem it shares with a noun (посол-ить, посол-ил): never a case
_RU_VERB_ENDINGS = frozenset(
    "ить ать ять еть уть ыть ти ться тся ся сь ил ила ило или ал ала ало али ял яла яло яли "
    "ел ела ело ели ишь ешь ует уют".split()
)
# the endings a noun's other cases add to its nominative (Киев-у, режим-а, полуостров-ом)
_RU_CASE_ENDINGS = frozenset("а у е ы и ю я ом ой ою ам ами ах ов ей ем ею ям ями ях ью".split())


def _shared_stem(stem: str, word: str, other: str, lang: str) -> bool:
    """Whether two words that share ``stem`` are forms of one word. A stem of three letters
    holds only when both words go on from it with a case ending, a vowel (Ливия, Ливии; Вена,
    Вене), or one word is the other and such an ending (Иран, Ирана): Иваи and Ивана share
    ива, Иван too, and are other names. Shorter stems never do."""
    if len(stem) != 3 or lang != "ru":
        return len(stem) >= 3
    if all(w[3:4] in _RU_VOWELS or w == stem for w in (word, other)):
        return True
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and long[len(short) : len(short) + 1] in _RU_VOWELS


def _fits(form: _FormWord, token: _Token, lang: str) -> bool:
    """Whether a text's word is an inflection of a form's word."""
    _, _, written, word, stem = token
    if form.acronym:
        if written == form.exact:
            return True
        return (
            lang == "ru"
            and written.startswith(form.exact)
            and _RU_ENDING.fullmatch(written, len(form.exact)) is not None
        )
    if form.base and not word.startswith(form.base):
        return False  # Медведи (bears) share Медведев's stem, not its name
    if word == form.word:
        return True
    if lang == "ru" and word[len(stem) :] in _RU_VERB_ENDINGS:
        return False  # посолить stems to посол: a verb, not an ambassador
    if stem == form.stem and _shared_stem(stem, word, form.word, lang):
        return True
    # Snowball over-stems some nominatives (Киев -> ки, режим -> реж) while the other cases
    # stem to the word itself (Киеву -> киев, режима -> режим): the text's stem may equal the
    # form's whole word, never a short one (своих -> сво is not СВО). The converse (a text's
    # whole word equal to the form's stem) is not allowed: Герман is not Германия, умер not
    # Умеров; irregular forms are variants instead (Курил, Египта).
    if stem != form.word or len(form.word) < _SHORTEST_CROSS:
        return False
    if lang == "ru" and word[len(form.word) :] not in _RU_CASE_ENDINGS:
        return False  # only a noun's case endings (Киев-у, режим-а), nothing else
    return not form.proper or written[:1].isupper()


def _named(seq: Sequence[_FormWord], tokens: Sequence[_Token], i: int) -> bool:
    """A name (a form with capitalised words) is written with a capital in the text too, on
    one of those words at least (southern Kurils; свой is not Свой)."""
    proper = [k for k, form in enumerate(seq) if form.proper]
    return not proper or any(tokens[i + k][2][:1].isupper() for k in proper)


_Entry = tuple[tuple[_FormWord, ...], "Concept", str]  # a form's words, its concept, the form
_NONE: tuple[_Entry, ...] = ()  # no form starts here (shared, and not tracked by the collector)


class _WordMatcher:
    """Russian or English: word sequences compared word by word (see :func:`_fits`)."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        index: dict[str, list[_Entry]] = {}
        for concept in glossary.concepts:
            for form in concept.forms(lang):
                words = _WORD.findall(fold_width(form))
                seq = tuple(_form_word(lang, word, concept.type) for word in words)
                if seq:
                    for key in {seq[0].word, seq[0].stem}:
                        index.setdefault(key, []).append((seq, concept, form))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.index = index
        # a text's lower-case word -> its stem and the forms that can start at it (news text
        # repeats a small vocabulary: one look-up per word)
        self._vocabulary: dict[str, tuple[str, Sequence[_Entry]]] = {}
        self._fits: dict[tuple[str, _FormWord], bool] = {}  # (text word, form word) -> fits

    def scan(self, text: str, overlapping: bool = False) -> list[_Found]:
        lang, vocabulary = self.lang, self._vocabulary
        tokens: list[_Token] = []
        starts: list[tuple[int, Sequence[_Entry]]] = []  # tokens where a form may start
        for m in _WORD.finditer(fold_width(text)):
            written = m.group()
            word = written.lower()
            known = vocabulary.get(word)
            if known is None:
                if len(vocabulary) > 500_000:
                    vocabulary.clear()
                stem = _stem(lang, word)
                known = vocabulary[word] = (stem, self._merge(word, stem))
            if known[1]:
                starts.append((len(tokens), known[1]))
            tokens.append((m.start(), m.end(), written, word, known[0]))
        found = []
        count = len(tokens)
        for i, candidates in starts:
            start = tokens[i][0]
            for seq, concept, form in candidates:
                size = len(seq)
                if i + size > count:
                    continue
                if size > 1:  # most forms of several words fail on the second: test it here
                    second, following = seq[1], tokens[i + 1]
                    if following[3] != second.word and following[4] not in second.keys:
                        continue
                if self._all_fit(seq, tokens, i):
                    end = tokens[i + size - 1][1]
                    found.append((Match(concept, lang, text[start:end], start, end), form))
                    if not overlapping:
                        break  # the longest form starting here
        return found if overlapping else _owned(text, _without_overlaps(found))

    def _all_fit(self, seq: Sequence[_FormWord], tokens: Sequence[_Token], i: int) -> bool:
        """Whether the text's words from ``i`` on are the form's words (memoised by word)."""
        fits = self._fits
        for k, form in enumerate(seq):
            token = tokens[i + k]
            if token[3] != form.word and token[4] not in form.keys:
                return False  # the quick test: neither the word nor its stem can fit
            key = (token[2], form)
            fit = fits.get(key)
            if fit is None:
                if len(fits) > 500_000:
                    fits.clear()
                fit = fits[key] = _fits(form, token, self.lang)
            if not fit:
                return False
        return _named(seq, tokens, i)

    def _merge(self, word: str, stem: str) -> Sequence[_Entry]:
        """The forms that can start at a token, longest first, each once."""
        by_word, by_stem = self.index.get(word, _NONE), self.index.get(stem, _NONE)
        if not by_stem or by_stem is by_word:
            return by_word
        if not by_word:
            return by_stem
        unique = {id(entry[0]): entry for entry in [*by_word, *by_stem]}
        return sorted(unique.values(), key=lambda entry: -len(entry[0]))


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


def _owned(text: str, found: list[_Found]) -> list[_Found]:
    """Without a bare Russian institution that the next word gives to another country: МИД
    alone is Russia's in Russian press, МИД Польши is Poland's."""
    kept = []
    for k, (match, form) in enumerate(found):
        after = found[k + 1][0] if k + 1 < len(found) else None
        if (
            after is not None
            and match.concept.id.startswith("ru-")
            and len(_WORD.findall(form)) == 1
            and after.concept.type == "place"
            and after.concept.id != "russia"
            and not text[match.end : after.start].strip()
        ):
            continue
        kept.append((match, form))
    return kept


class _JapaneseMatcher:
    """Japanese: the longest form starting at each position, by a first-character index."""

    def __init__(self, glossary: Glossary) -> None:
        index: dict[str, list[tuple[str, Concept]]] = {}
        for concept in glossary.concepts:
            for form in concept.forms("ja"):
                form = fold_width(form)
                if form:
                    index.setdefault(form[0], []).append((form, concept))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.index = index
        self.letters = frozenset(form for form in index if any(len(f) == 1 for f, _ in index[form]))

    def scan(self, text: str, overlapping: bool = False) -> list[_Found]:
        folded = fold_width(text)
        found: list[_Found] = []
        pending: list[_Found] = []  # abbreviations that need a foreign mention nearby
        ends: dict[int, Concept] = {}  # where a match ended, and its concept
        i = 0
        while i < len(folded):
            step = 1
            for form, concept in self.index.get(folded[i], ()):
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
            i += step
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


_Found = tuple[Match, str]  # a match and the glossary form it matched


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Longest spans win; the result is in text order."""
    chosen: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for item in sorted(found, key=lambda f: (-(f[0].end - f[0].start), f[0].start)):
        match = item[0]
        if all(match.end <= s or match.start >= e for s, e in taken):
            chosen.append(item)
            taken.append((match.start, match.end))
    return sorted(chosen, key=lambda f: f[0].start)


def _settle(text: str, lang: str, found: list[_Found]) -> list[Match]:
    """Drop matches inside a phrase that blocks them (``not_in``); mark an ``ambiguous`` form
    as such unless the same text names the concept otherwise, or one of its ``context``."""
    if not found:
        return []
    kept = found
    if any(m.concept.not_in for m, _ in found):
        lowered = text.lower()
        kept = [
            (match, form)
            for match, form in found
            if not _blocked(lowered, match, match.concept.not_in.get(lang, ()))
        ]
    if not any(m.concept.ambiguous for m, _ in kept):
        return [match for match, _ in kept]
    confirmed = {m.concept.id for m, form in kept if form not in m.concept.ambiguous.get(lang, ())}
    settled = []
    for match, form in kept:
        concept = match.concept
        if (
            form in concept.ambiguous.get(lang, ())
            and concept.id not in confirmed
            and not confirmed.intersection(concept.context)
        ):
            match = replace(match, ambiguous=True)
        settled.append(match)
    return settled


def _blocked(lowered: str, match: Match, phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        phrase = phrase.lower()
        start = lowered.find(phrase, max(0, match.start - len(phrase)))
        while start != -1 and start < match.end:
            if start + len(phrase) > match.start:
                return True
            start = lowered.find(phrase, start + 1)
    return False
