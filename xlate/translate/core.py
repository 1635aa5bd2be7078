"""The step ``xlate translate`` and ``xlate compare`` share: an article's sentences, each
detected and routed, translated by the engine chain, then checked (script, language,
glossary).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from xlate.detect.rules import UNDETERMINED, Detector
from xlate.engines import Engine
from xlate.engines.enforce import TermCheck, check_terms
from xlate.errors import EngineError
from xlate.glossary.match import Glossary
from xlate.model import Article, Detection, Sentence, Translation
from xlate.segment import split_sentences

# A sentence whose detected language differs from its article's replaces the article's only
# when detection is this sure (a quote in another language, not a name or a number).
SENTENCE_OVERRIDE_CONFIDENCE = 0.9


SENTENCE_OVERRIDE_MIN_CHARS = 20


# The engine of a sentence no engine covered: its "translation" is its source, flagged.
NO_ENGINE = "none"


@dataclass(slots=True)
class Segment:
    """One text to translate (a title or a sentence), its language, and what became of it."""

    text: str
    lang: str
    translation: Translation | None = None
    terms: list[TermCheck] = field(default_factory=list)
    note: str = ""  # why the text was left untranslated

    @property
    def untranslated(self) -> bool:
        """Whether the output is the source text, not a translation (no engine covered it,
        or the identity engine passed through text not in the target language)."""
        t = self.translation
        return t is not None and t.engine in (NO_ENGINE, "identity") and "untranslated" in t.flags


def untranslated_record(row: Mapping[str, Any]) -> bool:
    """Whether a sentence record of a JSON output holds its source text, not a translation
    (what :attr:`Segment.untranslated` says of the segment it was written from)."""
    flags = row.get("flags") or ()
    return row.get("engine") in (NO_ENGINE, "identity") and "untranslated" in flags


@dataclass(slots=True)
class Document:
    """An article on its way through translation: its sentences and their segments."""

    source: str
    article: Article
    output: Path
    language: str
    sentences: list[Sentence]
    segments: list[Segment]  # the title (if any) first, then one per sentence
    has_title: bool


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article segmented and its sentences (title first) routed to languages."""

    language: str
    sentences: list[Sentence]
    texts: list[str]
    langs: list[str]


def analyse(articles: Sequence[Article], detector: Detector) -> list[Analysis]:
    """Segment the articles and detect every sentence, in one detection batch."""
    split = [split_sentences(article.text) for article in articles]
    undeclared = [i for i, article in enumerate(articles) if not article.language]
    texts = [
        ([article.title] if article.title else []) + [s.text for s in sentences]
        for article, sentences in zip(articles, split, strict=True)
    ]
    found = iter(
        detector.detect_many(
            [articles[i].text for i in undeclared] + [t for group in texts for t in group]
        )
    )
    languages = {i: next(found).lang for i in undeclared}
    analyses = []
    for i, article in enumerate(articles):
        language = article.language or languages[i]
        langs = []
        for text in texts[i]:
            detection = next(found)
            langs.append(_sentence_language(text, detection, language))
        analyses.append(Analysis(language, split[i], texts[i], langs))
    return analyses


def make_document(source: str, article: Article, output: Path, analysis: Analysis) -> Document:
    """``article`` ready to translate: a segment per title and sentence, routed by ``analysis``."""
    segments = [Segment(t, lang) for t, lang in zip(analysis.texts, analysis.langs, strict=True)]
    return Document(
        source,
        article,
        output,
        analysis.language,
        analysis.sentences,
        segments,
        bool(article.title),
    )


def _sentence_language(text: str, found: Detection, article_lang: str) -> str:
    """The language a sentence is translated from: its article's, unless it clearly is not.

    A sentence overrides its article when it is long enough and confidently detected, and the
    evidence is strong: another script (a Russian quote in an English article) or a rule-based
    call within one (Ukrainian letters in a Russian article). The statistical model alone does
    not switch one sentence between languages of a script: it calls English sentences French.
    """
    if found.lang == UNDETERMINED:
        return UNDETERMINED
    strong = found.script not in _scripts_of(article_lang) or found.method == "script"
    if (
        found.lang != article_lang
        and found.confidence >= SENTENCE_OVERRIDE_CONFIDENCE
        and len(text) >= SENTENCE_OVERRIDE_MIN_CHARS
        and strong
    ):
        return found.lang
    return article_lang


def translate_segments(
    segments: Sequence[Segment], target: str, chain: Sequence[Engine], identity: Engine
) -> dict[tuple[str, str], str]:
    """Fill every ``segment.translation``; the hints for what no engine could translate.

    A segment no engine covers keeps its source text under the engine ``none``, flagged
    ``untranslated``, with the reason in ``segment.note``: never passed off as a translation.
    An engine that fails (no model, a model that cannot load) leaves its segments to the next.
    """
    groups: dict[str, list[Segment]] = {}
    for segment in segments:
        groups.setdefault(segment.lang, []).append(segment)
    hints: dict[tuple[str, str], str] = {}
    for lang, members in sorted(groups.items()):
        if lang in (target, UNDETERMINED):
            for seg, t in zip(
                members, identity.translate([m.text for m in members], lang, target), strict=True
            ):
                seg.translation = t
            continue
        remaining = members
        for engine in chain:
            if not remaining:
                break
            try:
                results = engine.translate([m.text for m in remaining], lang, target)
            except EngineError as exc:
                hints[(lang, target)] = str(exc)
                continue
            for seg, t in zip(remaining, results, strict=True):
                seg.translation = t
            remaining = [m for m in remaining if m.translation is None]
        if remaining and (lang, target) not in hints:
            hints[(lang, target)] = (
                f"no translation memory entry or model for {lang}→{target}; run "
                f"`xlate models install {lang} {target}`"
            )
        for seg in remaining:
            seg.translation = Translation(
                seg.text, seg.text, lang, target, NO_ENGINE, 0.0, flags=("untranslated",)
            )
            seg.note = hints[(lang, target)]
        for seg in members:
            if seg.untranslated and not seg.note:  # the identity engine passed it through
                seg.note = f"passed through, not translated: the text is {lang}, not {target}"
    return hints


def check_translations(segments: Sequence[Segment], target: str, detector: Detector) -> None:
    """Flag outputs that came back unchanged or in the wrong language.

    Every output is compared with its source; the language of machine and fuzzy-memory output
    is detected too. Exact matches from a translation memory are reviewed translations: they
    are not re-detected.
    """
    todo = []
    for segment in segments:
        t = segment.translation
        if t is None or t.engine in ("identity", NO_ENGINE):
            continue
        if " ".join(t.text.split()) == " ".join(t.source.split()):
            segment.translation = replace(t, flags=(*t.flags, "unchanged"))
        elif t.engine != "memory" or "fuzzy" in t.flags:
            todo.append(segment)
    found = detector.detect_many([s.translation.text for s in todo if s.translation])
    for segment, detection in zip(todo, found, strict=True):
        t = segment.translation
        assert t is not None
        flags = list(t.flags)
        if detection.lang == t.source_lang and detection.confidence >= 0.8:
            flags.append("untranslated")
        elif detection.lang not in (target, UNDETERMINED) and (
            detection.confidence >= 0.9 or detection.script not in _scripts_of(target)
        ):
            flags.append(f"wrong-language:{detection.lang}")
        if len(flags) != len(t.flags):
            segment.translation = replace(t, flags=tuple(flags))


@dataclass(frozen=True, slots=True)
class _Checks:
    detector: Detector
    glossary: Glossary | None
    strict_glossary: bool
    strict: bool = False  # fail an article with an untranslated sentence instead of writing it


def check_glossary(segments: Sequence[Segment], glossary: Glossary) -> None:
    """Check every translated sentence for the glossary concepts of its source.

    Pass-through text (already English) is the outlet's own wording and is not checked.
    """
    for segment in segments:
        t = segment.translation
        if (
            t is None
            or t.engine in ("identity", NO_ENGINE)
            or segment.lang not in ("ru", "ja", "en")
        ):
            continue
        matches = glossary.scan(segment.text, segment.lang)
        if matches:
            segment.terms = check_terms(glossary, matches, t.text, segment.lang)


_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "mn"})


def _scripts_of(lang: str) -> frozenset[str]:
    """The scripts a text in ``lang`` is mostly written in."""
    if lang == "ja":
        return frozenset({"Kana", "Han"})
    if lang == "zh":
        return frozenset({"Han"})
    if lang == "ko":
        return frozenset({"Hangul"})
    if lang in _CYRILLIC_LANGUAGES:
        return frozenset({"Cyrillic"})
    return frozenset({"Latin"})
