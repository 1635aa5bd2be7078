"""The fast paths of a fact's diff pinned to the plain rules they replace: one word alignment
for the diff and the marks (:func:`compare_words`), marks cut into spans run by run, a
word's kind looked up once per word, dates looked for only where there is a digit.

Each plain rule below is the straightforward form (one piece per word, every changed word
judged, every sentence searched); the tests compare them on small cases and on real English:
WMT22's reference translations against the systems' translations of the same sentences
(renderings of one source, as members of a fact are) and ECB+ news.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import shared_data

from xlate.compare.diff import (
    _EDGE,
    _FULL_DATE,
    _MONTH_WORD,
    _NAME,
    _NEGATIONS,
    _NO_NAME_START,
    _ORDINAL,
    _WEEKDAY,
    Reference,
    _key,
    _key_and_kind,
    compare_words,
    full_dates,
    marks,
    word_diff,
    word_kind,
)
from xlate.compare.report import DiffOp, MarkKind, Span
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


# -- the plain rules -----------------------------------------------------------------------


def plain_word_diff(before: str, after: str) -> tuple[DiffOp, ...]:
    from rapidfuzz.distance import Levenshtein

    a, b = before.split(), after.split()
    return tuple(
        DiffOp(
            op.tag, " ".join(a[op.src_start : op.src_end]), " ".join(b[op.dest_start : op.dest_end])
        )
        for op in Levenshtein.opcodes(a, b)
    )


def plain_word_kind(word: str, first: bool = False) -> MarkKind:
    bare = word.strip(_EDGE)
    if not bare:
        return ""
    low = bare.lower()
    if low in _NEGATIONS or low.endswith(("n't", "n’t")):
        return "negation"
    if _ORDINAL.fullmatch(low) or (
        bare[0].isupper() and (_MONTH_WORD.fullmatch(bare) or _WEEKDAY.fullmatch(bare))
    ):
        return "date"
    if any(ch.isdigit() for ch in bare):
        return "number"
    if low in {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
               "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
               "seventy", "eighty", "ninety", "hundred", "dozen"}:  # fmt: skip
        return ""
    if not first and _NAME.fullmatch(bare):
        return "name"
    return ""


def plain_framing_words(
    reference: str, text: str, glossary: Glossary | None, wanted: frozenset[str] | None
) -> Iterable[int]:
    if glossary is None:
        return
    used = (
        frozenset(m.concept.id for m in glossary.scan(reference, "en") if m.concept.is_framing)
        if wanted is None
        else frozenset()
    )
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    for match in glossary.scan(text, "en"):
        concept = match.concept.id
        if match.concept.is_framing and concept not in used and (not wanted or concept in wanted):
            for i, start in enumerate(starts):
                end = start + len(text[start:].split(maxsplit=1)[0])
                if start < match.end and end > match.start:
                    yield i


def plain_name_runs(words: list[str]) -> list[list[int]]:
    """The names of a sentence as runs of word positions: capitalised words (not a
    quotation's first, nor a sentence's first when it is a word such as "The") and the small
    words between two of them ("of"); a word that ends with punctuation ends its run."""

    def joinable(k: int) -> bool:
        core = words[k].strip(_EDGE)
        first = k == 0 or words[k - 1][-1] in ':“«„"'
        if not (core and core[0].isupper() and words[k][0] not in '“«„"'):
            return False
        return not first or core.lower() not in _NO_NAME_START  # "United" yes, "The" no

    runs: list[list[int]] = []
    k = 0
    while k < len(words):
        if not joinable(k):
            k += 1
            continue
        run = [k]
        while words[run[-1]][-1] not in ",.;:!?)]”»\"'":
            nxt = run[-1] + 1
            if nxt < len(words) and joinable(nxt):
                run.append(nxt)
            elif (
                nxt + 1 < len(words)
                and words[nxt] in ("of", "the", "de", "von", "van", "al", "bin")
                and joinable(nxt + 1)
            ):
                run += [nxt, nxt + 1]
            else:
                break
        runs.append(run)
        k = run[-1] + 1
    return runs


def plain_opposites(ref_words: list[str], words: list[str]) -> list[int]:
    """The words standing, in a run of changed words, where the reference has a WordNet
    antonym of theirs that they lack, when both say "not" (or "non-") as often."""
    from rapidfuzz.distance import Levenshtein

    from xlate.compare.stems import antonyms, stem

    def plain_stem(word: str) -> str:
        bare = word.strip(_EDGE)
        return stem(bare) if bare.isalpha() and bare.islower() else ""

    def negations(ws: list[str]) -> int:
        return sum(_key(w) == _key("not") or w.lower().startswith("non-") for w in ws)

    if negations(ref_words) != negations(words):
        return []
    reference_stems = {plain_stem(w) for w in ref_words} - {""}
    runs: list[list[int]] = []  # consecutive steps that are not "equal", merged
    after_equal = True
    for op in Levenshtein.opcodes(ref_words, words):
        if op.tag == "equal":
            after_equal = True
            continue
        if after_equal:
            runs.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        else:
            runs[-1][1], runs[-1][3] = op.src_end, op.dest_end
        after_equal = False
    found = []
    for src_start, src_end, dest_start, dest_end in runs:
        replaced = {plain_stem(w) for w in ref_words[src_start:src_end]}
        for i in range(dest_start, dest_end):
            root = plain_stem(words[i])
            if root and root not in reference_stems and antonyms().get(root, set()) & replaced:
                found.append(i)
    return found


def plain_marks(
    reference: str,
    text: str,
    glossary: Glossary | None = None,
    framing: frozenset[str] | None = None,
) -> tuple[Span, ...]:
    """Every word judged, one piece per word and space, pieces of one kind merged."""
    from rapidfuzz.distance import Levenshtein

    ref_words, words = reference.split(), text.split()
    in_reference = {_key(w) for w in ref_words}

    def digits(word: str) -> str:  # a number as the reference's: "$60" and "60," alike
        core = word.strip(_EDGE).lstrip("$€£¥₽₩₹")
        return re.sub(r"(?<=\d)[,\u202f\u00a0](?=\d{3}(?!\d))", "", core)

    ref_numbers = {digits(w) for w in ref_words if re.search(r"\d", w)}
    # every value the text gives the reference gives, however written (values.py reads them)
    same_values = Reference.of(reference).gives_values_of(text)
    changed: set[int] = set()
    for op in Levenshtein.opcodes(ref_words, words):
        if op.tag != "equal":
            changed.update(range(op.dest_start, op.dest_end))
    kinds: list[MarkKind] = [
        plain_word_kind(w, first=i == 0 or words[i - 1][-1] in ':“«„"' or w[0] in '“«„"')
        if i in changed
        and _key(w) not in in_reference
        and not (plain_word_kind(w) == "number" and (digits(w) in ref_numbers or same_values))
        else ""
        for i, w in enumerate(words)
    ]
    for run in plain_name_runs(words):
        if any(kinds[k] == "name" for k in run):
            for k in run:
                kinds[k] = kinds[k] or "name"
    for i in plain_opposites(ref_words, words):
        kinds[i] = kinds[i] or "opposite"
    if framing is None or framing:
        for i in plain_framing_words(reference, text, glossary, framing):
            kinds[i] = "framing"
    pieces: list[tuple[str, MarkKind]] = []
    for i, (word, kind) in enumerate(zip(words, kinds, strict=True)):
        joined = i > 0 and kinds[i - 1] == kind
        if i:
            pieces.append((" ", kind if joined else ""))
        core = word.strip(_EDGE)
        if not kind or not core:
            pieces.append((word, kind))
            continue
        start = word.index(core)
        after = i + 1 < len(words) and kinds[i + 1] == kind
        pieces += [
            (word[:start], kind if joined else ""),
            (core, kind),
            (word[start + len(core) :], kind if after else ""),
        ]
    spans: list[Span] = []
    for piece, kind in pieces:
        if piece:
            if spans and spans[-1].kind == kind:
                spans[-1] = Span(spans[-1].text + piece, kind)
            else:
                spans.append(Span(piece, kind))
    return tuple(spans)


# -- small cases ---------------------------------------------------------------------------

PAIRS = [
    ("", ""),
    ("", "Lavrov said 12."),
    ("Lavrov said 12.", ""),
    ("Same words here.", "Same words here."),
    ("He said Rudenko did.", "He said A. V. Lavrov did."),  # one name span, space and all
    ("They met.", "They met on Monday, 12 November 2024."),  # date, number, date runs
    ("They met.", "Lavrov 12 Monday not: “Kyodo” — (TASS), 15."),  # kinds side by side
    ("x", "«Lavrov» (12) “not” —— ... ,Tokyo,"),  # punctuation around marks, and alone
    ("He said it.", "He said: “Tokyo will not lift them” — Kyodo News reported."),
    ("Nov. 12th", "November 12 and the 13th, 2024"),  # the same date in other words
    ("Moscow will respond.", "Moscow won't respond, it can’t."),
    ("1,000 people", "1 000 people and ２０ more, ½ of them"),
    (
        "Sanctions stay while the war in Ukraine continues.",
        "Sanctions stay while the special military operation continues.",
    ),
    ("the special military operation", "the special military operation in Ukraine"),
]


@pytest.mark.parametrize(("reference", "text"), PAIRS)
@pytest.mark.parametrize("with_glossary", [False, True])
def test_one_alignment_gives_the_plain_diff_and_marks(
    reference: str, text: str, with_glossary: bool, glossary: Glossary
) -> None:
    used = glossary if with_glossary else None
    for framing in (None, frozenset(), frozenset({"special-military-operation"})):
        diff, spans = compare_words(Reference.of(reference), text, used, framing=framing)
        assert diff == plain_word_diff(reference, text) == word_diff(reference, text)
        assert spans == plain_marks(reference, text, used, framing)
        assert marks(reference, text, used, framing=framing) == spans
    assert Reference.of(reference).unchanged() == plain_word_diff(reference, reference)


WORDS = [
    "", "—", "said", "said,", "Said", "(Lavrov)", "A.", "12", "12th", "12th,", "Nov.", "may",
    "May", "Monday", "monday", "not", "Not", "don't", "can’t", "²", "x²", "ｘ", "Ω", "ω",
    "élysée", "Élysée", "straße", "ǅemal", "ǆemal", "“Tokyo", "Tokyo”", "1,000", "$1.5bn",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_a_words_kind_looked_up_once_is_the_plain_kind(word: str) -> None:
    key, kind = _key_and_kind(word)
    assert key == _key(word)
    assert kind == plain_word_kind(word) == word_kind(word)
    assert word_kind(word, first=True) == plain_word_kind(word, first=True)
    assert ("" if kind == "name" else kind) == plain_word_kind(word, first=True)


def test_no_letter_is_a_digit() -> None:
    # word_kind's shortcut: a word of letters alone has no digit, so it is no number or date
    import sys

    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isalpha() and c.isdigit()]


# -- real English --------------------------------------------------------------------------


def _wmt22_pairs() -> list[tuple[str, str]]:
    """Each reference sentence of WMT22's ru-en and ja-en news with each system's rendering
    of the same source sentence."""
    pairs = []
    for pair in ("ru-en", "ja-en"):
        for line in shared_data("wmt22", f"{pair}.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            refs = [s for paragraph in doc["ref"] for s in paragraph]
            for hyp in doc["hyps"].values():
                said = [s for paragraph in hyp for s in paragraph]
                pairs += [(r, h) for r, h in zip(refs, said, strict=False) if r.strip()]
    return pairs


@pytest.mark.shared
def test_on_wmt22_renderings_the_diff_and_marks_are_the_plain_ones(glossary: Glossary) -> None:
    pairs = _wmt22_pairs()
    assert len(pairs) > 10_000
    marked = framed = 0
    for reference, text in pairs:
        diff, spans = compare_words(Reference.of(reference), text, glossary)
        assert diff == plain_word_diff(reference, text), (reference, text)
        assert spans == plain_marks(reference, text, glossary), (reference, text)
        assert Reference.of(text).unchanged() == plain_word_diff(text, text), text
        marked += any(s.kind for s in spans)
        framed += any(s.kind == "framing" for s in spans)
    assert marked > len(pairs) // 10 and framed > 0  # the marks were exercised


def _ecb_sentences() -> list[str]:
    path = shared_data("events", "ecbplus.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [str(s) for line in lines for s in json.loads(line)["sentences"]]


@pytest.mark.shared
def test_on_ecb_news_every_word_has_its_plain_kind() -> None:
    words = {w for s in _ecb_sentences() for w in s.split()}
    assert len(words) > 20_000
    for word in words:
        key, kind = _key_and_kind(word)
        assert (key, kind) == (_key(word), plain_word_kind(word)), word


@pytest.mark.shared
def test_on_ecb_news_every_date_found_has_a_digit() -> None:
    # full_dates looks for dates only in a sentence with a digit
    found = [m.group() for s in _ecb_sentences() for m in _FULL_DATE.finditer(s)]
    assert len(found) > 100
    assert all(re.search(r"\d", date) for date in found)
    assert full_dates("on the thirteenth of November", "2024-11-21") == []


# -- the JSON form -------------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_the_json_form_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    import gc

    from xlate.compare.report import Report, report_json

    report = Report((), (), {}, {}, (), (), {}, {})
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert report_json(report)["facts"] == []
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()


# -- the terminal's "lacks" column -----------------------------------------------------------


def test_the_lacks_cell_is_the_cells_of_its_facts_joined(glossary: Glossary) -> None:
    from rich.text import Text

    from xlate.compare.build import build_report
    from xlate.compare.prepare import prepare_outlets
    from xlate.engines.chain import build_chain
    from xlate.ingest.bundle import load_manifest
    from xlate.render.compare import lacks_listed
    from xlate.render.console import cell
    from xlate.render.terminal import _t_lacks

    samples = Path(__file__).resolve().parent.parent / "samples" / "japan-sanctions"
    chain = build_chain("memory", memories=load_manifest(samples).memories)
    outlets, _ = prepare_outlets([str(samples)], chain, glossary)
    report = build_report(outlets, glossary=glossary)
    bold = 0
    for outlet in report.outlets:
        plain = Text(", ").join(
            cell(f, "bold red" if most else "") for f, most in lacks_listed(report, outlet)
        )
        assert _t_lacks(report, outlet) == plain
        assert _t_lacks(report, outlet).plain == plain.plain
        bold += sum(most for _, most in lacks_listed(report, outlet))
    assert bold > 0  # a fact most outlets carry was styled


def test_a_marked_name_is_marked_whole_from_the_sentences_first_word() -> None:
    # a review: "United **Kingdom** officials", "New **Jersey**" at a sentence's start
    marked = marks("United States officials said it.", "United Kingdom officials said it.")
    assert [s.text for s in marked if s.kind] == ["United Kingdom"]
    assert [s.text for s in marks("New York is big.", "New Jersey is big.") if s.kind] == [
        "New Jersey"
    ]
    assert [s.text for s in marks("A city was hit.", "The United Kingdom was hit.") if s.kind] == [
        "United Kingdom"
    ]


def test_a_negation_is_marked_only_where_the_reference_says_none() -> None:
    # a trial: "Russia should **not** doubt" against the reference's "should have no doubt"
    said = marks("Russia should have no doubt of it.", "Russia should not doubt it.")
    assert not [s for s in said if s.kind == "negation"]
    said = marks("Russia will respond to it.", "Russia will not respond to it.")
    assert [s.text for s in said if s.kind == "negation"] == ["not"]


def test_whole_names_are_found_in_linear_time() -> None:
    # a review: 8,000 capitalised words took 17 s (each mark walked the whole run)
    spans = marks("x", " ".join(["Abc"] * 50_000))
    assert [s.kind for s in spans] == ["name"]


def test_a_marked_name_is_marked_whole() -> None:
    # a trial: "the United **Kingdom** and the United **States** of **America**"
    reference = "Ministers of the United States and Japan met on Sunday."
    text = "Ministers of the United Kingdom and the United States of America met on Sunday."
    marked = [s.text for s in marks(reference, text) if s.kind == "name"]
    assert marked == ["United Kingdom", "United States of America"]
    assert [s.text for s in marks(reference, "Officials of the Bank of Japan met.") if s.kind] == [
        "Bank of Japan"
    ]
