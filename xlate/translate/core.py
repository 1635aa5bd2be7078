"""The step ``xlate translate`` and ``xlate compare`` share: an article's sentences, each
detected and routed, translated by the engine chain, then checked (script, language,
glossary).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from xlate.detect.rules import UNDETERMINED, Answers, Detector
from xlate.detect.script import script_counts
from xlate.engines import Engine
from xlate.engines.enforce import TermCheck, check_terms
from xlate.errors import EngineError, no_model_message
from xlate.glossary.match import Glossary
from xlate.limits import LANGUAGES
from xlate.model import LOW_CONFIDENCE, Article, Detection, Sentence, Translation
from xlate.segment import split_sentences

# A sentence whose detected language differs from its article's replaces the article's only
# when detection is this sure (a quote in another language, not a name or a number).
SENTENCE_OVERRIDE_CONFIDENCE = 0.9


SENTENCE_OVERRIDE_MIN_CHARS = 20
# In another script than its article's, the sentence cannot be in the article's language: the
# call among that script's languages needs only this much (the script method calls a plain
# Russian sentence Russian at 0.7 to 0.8)
SCRIPT_OVERRIDE_CONFIDENCE = 0.5


# The engine of a sentence no engine covered: its "translation" is its source, flagged.
NO_ENGINE = "none"


@dataclass(frozen=True, slots=True)
class Segment:
    """One text to translate (a title or a sentence), its language, and what became of it.

    Each stage returns new segments: translated (:meth:`translated`), then checked
    (:meth:`checked`).
    """

    text: str
    lang: str
    translation: Translation | None = None
    terms: tuple[TermCheck, ...] = ()
    note: str = ""  # why the text was left untranslated

    def translated(self, translation: Translation | None, note: str | None = None) -> Segment:
        """This segment with ``translation`` (and ``note``, if given): what ``replace`` gives,
        built directly (it runs for every sentence of a batch)."""
        note = self.note if note is None else note
        return Segment(self.text, self.lang, translation, self.terms, note)

    def checked(self, terms: tuple[TermCheck, ...]) -> Segment:
        """This segment with the glossary checks of its translation (as :meth:`translated`)."""
        return Segment(self.text, self.lang, self.translation, terms, self.note)

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


@dataclass(frozen=True, slots=True)
class Document:
    """An article on its way through translation: its sentences and their segments."""

    source: str
    article: Article
    output: Path
    language: str
    sentences: tuple[Sentence, ...]
    segments: tuple[Segment, ...]  # the title (if any) first, then one per sentence
    has_title: bool


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article segmented and its sentences (title first) routed to languages."""

    language: str
    sentences: tuple[Sentence, ...]
    texts: tuple[str, ...]  # the title (if any) first, then one per sentence
    langs: tuple[str, ...]  # the language each text is translated from


def analyse(articles: Sequence[Article], detector: Detector) -> list[Analysis]:
    """Segment the articles and detect every sentence: the articles of no declared language in
    one detection batch, then every title and sentence in another, where the n-gram model is
    not asked about a text whose script is its article's (it could not change its language;
    a sentence over VOTE_CHARS is still cut into pieces that vote, each detected in full),
    and a sentence that an article's vote detected already (the same span) is not detected
    again."""
    split = [split_sentences(article.text) for article in articles]
    undeclared = [i for i, article in enumerate(articles) if not article.language]
    voted = detector.detect_articles([articles[i].text for i in undeclared]) if undeclared else []
    languages = [article.language for article in articles]
    answered: dict[int, Answers] = {}
    for i, (vote, answers) in zip(undeclared, voted, strict=True):
        languages[i], answered[i] = vote.lang, answers
    texts = [
        ([article.title] if article.title else []) + [s.text for s in sentences]
        for article, sentences in zip(articles, split, strict=True)
    ]
    known: list[Detection | None] = []  # each text's answer from its article's vote, if any
    todo: list[str] = []
    settled: list[frozenset[str]] = []  # the scripts each text's article settles
    for i, article in enumerate(articles):
        answers = answered.get(i, {})
        spans = [None] * bool(article.title) + [(s.start, s.end) for s in split[i]]
        for text, span in zip(texts[i], spans, strict=True):
            known.append(answers.get(span) if span else None)
            if known[-1] is None:
                todo.append(text)
                settled.append(_scripts_of(languages[i]))
    found = iter(detector.detect_unsettled(todo, settled))
    in_order = iter(known)
    analyses = []
    for i, language in enumerate(languages):
        langs = []
        for text in texts[i]:
            answer = next(in_order)
            detection = next(found) if answer is None else answer
            langs.append(
                language if detection is None else _sentence_language(text, detection, language)
            )
        analyses.append(Analysis(language, tuple(split[i]), tuple(texts[i]), tuple(langs)))
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
        tuple(segments),
        bool(article.title),
    )


def with_segments(docs: Sequence[Document], segments: Sequence[Segment]) -> list[Document]:
    """``docs`` with their segments replaced by ``segments``, taken in order (the segments of
    every document, one after another, as a stage returned them)."""
    assert len(segments) == sum(len(doc.segments) for doc in docs)
    done = []
    start = 0
    for doc in docs:
        end = start + len(doc.segments)
        done.append(replace(doc, segments=tuple(segments[start:end])))
        start = end
    return done


def _sentence_language(text: str, found: Detection, article_lang: str) -> str:
    """The language a sentence is translated from: its article's, unless it clearly is not.

    A sentence overrides its article when it is long enough and confidently detected, and the
    evidence is strong: another script (a Russian quote in an English article) or a rule-based
    call within one (Ukrainian letters in a Russian article). The statistical model alone does
    not switch one sentence between languages of a script: it calls English sentences French.
    """
    if found.lang == UNDETERMINED:
        return UNDETERMINED
    if found.lang == article_lang:
        return article_lang
    if found.script in _RULING and found.script not in _scripts_of(article_lang):
        # Cyrillic, kana, Han or Hangul rule the article's language out however short the
        # sentence is (a trial: "Санкции сохранятся." and "制裁は継続。" in an English article
        # went through as English, untranslated and unflagged), when the sentence holds two
        # letters of it or more; a short Latin line may be any language's ("G7", "Tokyo"),
        # and a Greek letter is a symbol ("35 μg/m³", a review): they stay their article's
        counts = script_counts(text)
        if sum(counts[s] for s in _RULING) >= 2:
            return found.lang
    if len(text) < SENTENCE_OVERRIDE_MIN_CHARS:
        return article_lang
    if found.script not in _scripts_of(article_lang):
        # another script rules the article's language out: the call between the languages of
        # that script needs no more than SCRIPT_OVERRIDE_CONFIDENCE (a Russian paragraph in
        # an English article is called Russian at 0.8)
        return found.lang if found.confidence >= SCRIPT_OVERRIDE_CONFIDENCE else article_lang
    if found.confidence >= SENTENCE_OVERRIDE_CONFIDENCE and found.method == "script":
        return found.lang
    return article_lang


def translate_segments(
    segments: Sequence[Segment], target: str, chain: Sequence[Engine], identity: Engine
) -> tuple[list[Segment], dict[tuple[str, str], str]]:
    """``segments`` translated, in their order; and the hints for what no engine could translate.

    A segment no engine covers keeps its source text under the engine ``none``, flagged
    ``untranslated``, with the reason in ``segment.note``: never passed off as a translation.
    An engine that fails (no model, a model that cannot load) leaves its segments to the next.
    """
    groups: dict[str, list[int]] = {}
    for i, segment in enumerate(segments):
        groups.setdefault(segment.lang, []).append(i)
    done: dict[int, Segment] = {}
    hints: dict[tuple[str, str], str] = {}
    for lang, members in sorted(groups.items()):
        texts = [segments[i].text for i in members]
        if lang in (target, UNDETERMINED):
            found = identity.translate(texts, lang, target)
            for i, t in zip(members, found, strict=True):
                done[i] = segments[i].translated(t)
            continue
        translations, hint = _through_chain(texts, lang, target, chain)
        if hint:
            hints[(lang, target)] = hint
        for i, t in zip(members, translations, strict=True):
            done[i] = _translated(segments[i], t, hint, target)
    return [done[i] for i in range(len(segments))], hints


def _through_chain(
    texts: Sequence[str], lang: str, target: str, chain: Sequence[Engine]
) -> tuple[list[Translation], str]:
    """``texts`` (all in ``lang``) through the engines in turn, each given what the ones before
    left; what none covers is its source under the engine ``none``. The hint is the last
    engine's error, or what to install when no engine failed but some text is left."""
    found: list[Translation | None] = [None] * len(texts)
    hint = ""
    for engine in chain:
        todo = [i for i, t in enumerate(found) if t is None]
        if not todo:
            break
        try:
            results = engine.translate([texts[i] for i in todo], lang, target)
        except EngineError as exc:
            hint = str(exc)
            continue
        for i, t in zip(todo, results, strict=True):
            found[i] = t
    if any(t is None for t in found) and not hint:
        if any(getattr(e, "name", "") != "memory" for e in chain):
            hint = f"no translation memory entry and {no_model_message(lang, target)}"
        else:  # --engine memory: no model would be asked (a trial read "no model installed")
            hint = (
                f"no translation memory entry for {lang}→{target} (--engine memory asks no "
                "model; --engine auto also uses an installed one)"
            )
    translations = []
    for text, t in zip(texts, found, strict=True):
        if t is None:  # no engine covered it: its source, flagged
            t = Translation(text, text, lang, target, NO_ENGINE, 0.0, flags=("untranslated",))
        translations.append(t)
    return translations, hint


def _translated(segment: Segment, translation: Translation, hint: str, target: str) -> Segment:
    """``segment`` with the translation an engine of the chain gave it (or its source under the
    engine ``none``), and the reason when the output is not a translation."""
    done = segment.translated(translation)
    if translation.engine == NO_ENGINE:
        return segment.translated(translation, note=hint)
    if done.untranslated and not done.note:  # the identity engine passed it through
        note = f"passed through, not translated: the text is {segment.lang}, not {target}"
        return segment.translated(translation, note=note)
    return done


def check_translations(
    segments: Sequence[Segment], target: str, detector: Detector
) -> list[Segment]:
    """``segments`` with outputs that came back unchanged or in the wrong language flagged.

    Every output is compared with its source; the language of machine and fuzzy-memory output
    is detected too. Exact matches from a translation memory are reviewed translations: they
    are not re-detected.
    """
    checked = list(segments)
    todo: list[tuple[int, Translation]] = []
    for i, segment in enumerate(segments):
        t = segment.translation
        if t is None or t.engine in ("identity", NO_ENGINE):
            continue
        if " ".join(t.text.split()) == " ".join(t.source.split()):
            checked[i] = _flagged(segment, t, "unchanged")
        elif t.engine != "memory" or "fuzzy" in t.flags:
            todo.append((i, t))
    found = detector.detect_many([t.text for _, t in todo])
    for (i, t), detection in zip(todo, found, strict=True):
        if detection.lang == t.source_lang and detection.confidence >= 0.8:
            checked[i] = _flagged(segments[i], t, "untranslated")
        elif detection.lang not in (target, UNDETERMINED) and (
            detection.confidence >= 0.9 or detection.script not in _scripts_of(target)
        ):
            checked[i] = _flagged(segments[i], t, f"wrong-language:{detection.lang}")
    return checked


# A model's lower tail is read from this many scored sentences at least; a shorter article
# gets no default threshold (a fence drawn through three points flags noise).
MIN_SCORED = 8
FENCE = 1.5  # Tukey's: below Q1 - 1.5 * (Q3 - Q1) is an outlier of the model's own scores


def confidence_floor(confidences: Sequence[float]) -> float | None:
    """The default threshold of one model on the text at hand: the lower fence of its own
    scores (Q1 - 1.5 IQR), ``None`` with fewer than :data:`MIN_SCORED` of them."""
    if len(confidences) < MIN_SCORED:
        return None
    import statistics

    q1, _, q3 = statistics.quantiles(confidences, n=4, method="inclusive")
    return q1 - FENCE * (q3 - q1)


def flag_low_confidence(
    segments: Sequence[Segment], min_confidence: float | None = None
) -> list[Segment]:
    """``segments`` (one article's) with machine translations below their model's threshold
    flagged ``low-confidence``: ``min_confidence`` when given, else each model's
    :func:`confidence_floor` over this article's sentences it translated."""
    by_model: dict[str, list[float]] = {}
    for segment in segments:
        t = segment.translation
        if t is not None and t.confidence is not None:
            by_model.setdefault(t.model, []).append(t.confidence)
    floors = {
        model: confidence_floor(found) if min_confidence is None else min_confidence
        for model, found in by_model.items()
    }
    flagged = list(segments)
    for i, segment in enumerate(segments):
        t = segment.translation
        if t is None or t.confidence is None:
            continue
        floor = floors[t.model]
        if floor is not None and t.confidence < floor:
            flagged[i] = _flagged(segment, t, LOW_CONFIDENCE)
    return flagged


def _flagged(segment: Segment, translation: Translation, flag: str) -> Segment:
    return replace(segment, translation=replace(translation, flags=(*translation.flags, flag)))


@dataclass(frozen=True, slots=True)
class Checks:
    detector: Detector
    glossary: Glossary | None
    strict_glossary: bool
    strict: bool = False  # fail an article with an untranslated sentence instead of writing it


def check_glossary(segments: Sequence[Segment], glossary: Glossary) -> list[Segment]:
    """``segments`` with every translated sentence checked for the glossary concepts of its
    source (``terms``); a term not kept flags its sentence (``term-missing:libya``,
    ``term-forbidden:kyiv``) unless a placeholder's loss flagged it already
    (``term-lost:libya``), in both glossary modes (a trial's inline run counted none).

    Pass-through text (already English) is the outlet's own wording and is not checked.
    """
    checked = []
    for segment in segments:
        t = segment.translation
        if t is not None and t.engine not in ("identity", NO_ENGINE) and segment.lang in LANGUAGES:
            matches = glossary.scan(segment.text, segment.lang)
            if matches:
                terms = tuple(check_terms(glossary, matches, t.text, segment.lang))
                flags = tuple(
                    dict.fromkeys(
                        f"term-{c.status}:{c.concept}"
                        for c in terms
                        if c.status != "kept" and f"term-lost:{c.concept}" not in t.flags
                    )
                )
                if flags:
                    segment = segment.translated(replace(t, flags=t.flags + flags))
                segment = segment.checked(terms)
        checked.append(segment)
    return checked


_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "mn"})


_SCRIPTS = {
    "ja": frozenset({"Kana", "Han"}),
    "zh": frozenset({"Han"}),
    "ko": frozenset({"Hangul"}),
    **dict.fromkeys(_CYRILLIC_LANGUAGES, frozenset({"Cyrillic"})),
}
_LATIN = frozenset({"Latin"})
# scripts whose letters rule a Latin article's language out, however short the sentence
_RULING = frozenset({"Cyrillic", "Kana", "Han", "Hangul"})


def _scripts_of(lang: str) -> frozenset[str]:
    """The scripts a text in ``lang`` is mostly written in."""
    return _SCRIPTS.get(lang, _LATIN)
