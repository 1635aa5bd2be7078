"""Quotations: the same words of one speaker as each outlet renders them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from xlate.compare.align import cluster
from xlate.compare.prepare import Outlet, quotes
from xlate.compare.report import Quote, Rendering, surname
from xlate.compare.terms import (
    ORIGINAL_RATIO,
    ORIGINAL_SHARED,
    QUOTE_RATIO,
    QUOTE_SHARED,
    Unit,
    normalise,
)

# Two renderings are one quote when their content words' token_set_ratio reaches
# QUOTE_THRESHOLD and their weighted terms (as the facts weigh them: stems, synonyms, numbers)
# overlap by QUOTE_SHARED_TERMS (Dice, in percent): token_set_ratio alone compares two quotes
# that share no word as sorted strings of characters, and two statements of one story reached
# 45. Two outlets that quote the same English words write them nearly word for word, so two
# renderings that are both the outlets' own English must reach ORIGINAL_THRESHOLD, or share
# ORIGINAL_SHARED_TERMS of their weighted terms (an altered quote: "small enough to avoid a
# decrease" for "large enough to cause an increase"). Figures: benchmarks/quotes_bench.py
# (WMT22 renderings, and ECB+ quote pairs judged by hand; docs/performance.md, "Quotes").
QUOTE_THRESHOLD = QUOTE_RATIO  # the floors live in terms.py: facts refuse by them too
QUOTE_SHARED_TERMS = QUOTE_SHARED
ORIGINAL_THRESHOLD = ORIGINAL_RATIO
ORIGINAL_SHARED_TERMS = ORIGINAL_SHARED


REPEATED = 90.0  # token_set_ratio of an outlet's two renderings of one quote (said again)
QUOTE_MIN_WORDS = 3  # shorter quotation marks are scare quotes ("pressure"), not quotes


# A speaker named beside a verb of saying in the quote's own English sentence ("..., said
# Professor Malik Peiris"; "Melnyk said"; "according to ..."): the capitalised words next to
# the verb, read a few words at a time (a bounded window: no pattern of names to backtrack).
_VERBS = (
    "said|says|added|stated|declared|noted|wrote|writes|warned|explained|insisted|stressed|told"
)
_SAYING = re.compile(rf"\b(?:(?P<verb>{_VERBS})|according\s+to)\b")
_WINDOW = 120  # characters read on each side of the verb
# A person who speaks unnamed: "he said", "said she", "the diplomat stressed", "the foreign
# minister told", "quoted him as saying", "according to her"; "— сказал он" in Russian (MT:
# "he said"). Never "told her" (the listener) nor "said her husband".
_PERSON = (
    r"(?:he|she|the\s+(?:[a-z-]+\s+){0,2}(?:diplomat|minister|president|spokesman"
    r"|spokeswoman|spokesperson|ambassador|envoy|official|chancellor|premier|secretary"
    r"|senator|governor|leader|chief|head|director|commissioner|chairman|chairwoman"
    r"|prime\s+minister))"
)
_UNNAMED = re.compile(
    rf"\b{_PERSON}\s+(?:also\s+|then\s+)?(?:{_VERBS})\b|\b(?:{_VERBS})\s+{_PERSON}\b"
    rf"|\b(?:{_PERSON}|him|her)\s+as\s+saying\b|\baccording\s+to\s+(?:{_PERSON}|him|her)\b",
    re.IGNORECASE,
)
_NAME_WORDS = 5  # "New York Governor Kathy Hochul"
_LINKS = frozenset({"of", "de", "von", "van", "al", "bin", "la", "le"})  # Ministry of Defence
# capitalised words that begin no speaker's name: pronouns, articles, the words that open a
# clause, days and months
_NO_SPEAKER = frozenset(
    "he she they it we i you the this that these those a an his her their its our officials "
    "but and or so yet when while after before as since because although though if then "
    "later earlier meanwhile also still now today yesterday tonight however instead in on "
    "at by for from with to into during under over about according speaking "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
_EDGES = "\"'“”‘’«»„()[],.;:!?"
# A name read back from the verb after one of these begins with a place or a body. After a
# sentence's opening one ("In Moscow Lavrov said", "At the UN Security Council Lavrov said")
# the speaker is its last part, from its last title or role on ("From Kyiv President
# Zelensky said"), else its last word; within a sentence ("a spokeswoman for Beaumont
# Hospital said", "a clerk at Kings County Hospital, said") the name is not the speaker.
_PLACE_BEFORE = frozenset(
    "in at from on during with to for by under over into near inside outside across".split()
)
# the prepositions of _PLACE_BEFORE whose object may be a person, not a place
_PERSON_AFTER = frozenset("under with for by to".split())
_ROLES = frozenset(
    "president minister mayor governor secretary spokesman spokeswoman spokesperson "
    "ambassador chancellor premier envoy senator congressman congresswoman general "
    "chief leader director commissioner chairman chairwoman chair king queen prince "
    "pope emperor".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
# words that may follow a speaker's name read forward ("said Amnesty International on
# Tuesday"; "said Rick McGuire of the ..."), where "said UN staff were" goes on with its clause
_AFTER_NAME = frozenset("on in at of from during after before who who's whose".split())
_OPENS = ":\"'“‘«„`"  # what opens a quotation after its verb
_CLOSING = re.compile(r"[\"'”’»]\W*$")  # a word that ends a quotation


def attributed_speaker(english: str) -> str:
    """The speaker an English sentence names beside a verb of saying, as written ("" when it
    names none, or says "he said")."""
    for m in _SAYING.finditer(english):
        before = english[max(0, m.start() - _WINDOW) : m.start()].split()
        after = english[m.end() : m.end() + _WINDOW].split()
        verb = m["verb"]
        if not verb:  # "according to X"
            name = _after_verb(before, after, verb)
        elif before and before[-1].endswith(",") and not _CLOSING.search(before[-1]):
            # "..., said Lt. Matt Harris, a spokesman."; "X, a doctor at the hospital, told";
            # "sold by Intel, said Chan."
            name = (
                _after_verb(before, after, verb)
                or _appositive(before)
                or _name_run(before[::-1], backwards=True)
            )
        else:  # "X said" first: in "Rudenko said Russia would ..." Rudenko spoke; then
            # '"...," said X' ("..., the news agency said": the agency said it)
            name = _name_run(before[::-1], backwards=True) or _after_verb(before, after, verb)
        if name:
            return name
    return ""


def _after_verb(before: Sequence[str], after: Sequence[str], verb: str | None) -> str:
    """The speaker named after the verb: '"...," said X', "according to X"; never after the
    subject ("the ministry said Russia would ..."), nor for "X told Y" (the listener
    follows), nor into a quote ('said: "We ...'). After a comma that ends no quote ("sold by
    Intel, said Chan."; "the top UN official in Gaza, said UN staff were ..."), only a name
    that ends there is the speaker."""
    quoted = not before or not verb or _CLOSING.search(before[-1])
    inverted = quoted or _ends(before[-1])
    if not inverted or verb == "told" or not after or after[0][:1] in _OPENS:
        return ""
    skip = _qualified_role(after)  # "said Oscar producer Laurence Mark" (a trial: "Oscar")
    while (  # '"...," said doctor Ema Suryani', "writes the Associated Press"
        skip < 3
        and skip + 1 < len(after)
        and (after[skip] in _ROLE_NOUNS or (skip == 0 and after[0] == "the"))
    ):
        skip += 1
    # after "the", only a name that ends there: "said the NYPD." (not "the Navy chief")
    return _name_run(after[skip:], closed=not quoted or after[0] == "the")


def _qualified_role(after: Sequence[str]) -> int:
    """How many words an organisation's role takes before the name after the verb: "Oscar
    producer", "Kremlin spokesman" (then the name, capitalised); 0 when there is none."""
    lead = 0
    while lead < 3 and lead < len(after) and after[lead][:1].isupper() and not _ends(after[lead]):
        lead += 1
    if (
        lead
        and lead + 1 < len(after)
        and after[lead] in _ROLE_NOUNS
        and after[lead + 1][:1].isupper()
    ):
        return lead + 1
    return 0


def _appositive(before: Sequence[str]) -> str:
    """The name ahead of a description set off by commas just before the verb ("Ema
    Suryani, a doctor at the hospital, told"; "Maria Zakharova, representing Russia's
    Ministry of Foreign Affairs, said"): the description opens as one does (an article, a
    role, "who ...") and holds no other comma; "" when there is none."""
    for k in range(len(before) - 2, max(-1, len(before) - _APPOSITIVE_WORDS - 2), -1):
        word = before[k]
        if _OPENING.search(word):
            return ""  # a quote's words, not a description
        if not word.endswith(",") or _CLOSING.search(word):
            continue
        opens = before[k + 1].rstrip(",")
        described = (
            opens.lower() in _DESCRIBES
            or opens.lower() in _ROLES
            or bool(_POSSESSIVE.search(opens))  # "Lavrov, Russia's foreign minister, said"
            or opens[:1].isdigit()  # "Lavrov, 74, told"
        )
        if not described:
            continue  # "Additionally, it should be noted"; "Andrei, it has been explained"
        if any(w.endswith(",") for w in before[k + 1 : -1]):
            return ""  # "Tokarev, chief of the UFD, in turn, said": more than one clause
        return _name_run(before[k::-1], backwards=True)
    return ""


# the words that make a role of several ("Foreign Minister", "Deputy Prime Minister")
_ROLE_WORDS = frozenset(
    "foreign prime deputy vice defence defense interior finance economy trade health "
    "first acting former senior chief press".split()
)
# a person's role written lowercase before the name after the verb ("said doctor Ema Suryani")
_ROLE_NOUNS = frozenset(
    "doctor professor spokesman spokeswoman spokesperson analyst expert lawyer "
    "attorney resident witness minister president governor secretary director chief "
    "commander economist researcher senator mayor producer administrator adviser advisor "
    "executive manager coach editor correspondent".split()
)
_APPOSITIVE_WORDS = 15  # the longest description read between a name and its verb
# the words a description of a person opens with: "a doctor", "the head of", "who runs",
# "at a news conference" (besides a role: "chairwoman of", see _ROLES)
_DESCRIBES = frozenset(
    "a an the who whose one another his her their its our himself herself also now then "
    "at in on from with for of via during after speaking representing former deputy head "
    "chief senior executive co-founder founder member owner publisher editor analyst "
    "attorney lawyer commander official professor doctor dr teacher partner strategist "
    "researcher scientist expert economist".split()
)
_OPENING = re.compile(r"^\W*[\"“‘«„`]")  # a word that opens a quotation

_TITLES = frozenset("mr mrs ms dr prof gen sen rep gov lt col capt st sgt jr".split())


def _abbreviation(word: str) -> bool:
    """A word whose full stop is an abbreviation's: a title (Mr.), an initial (J.), U.S."""
    core = word.rstrip(".")
    return word.endswith(".") and (core.lower() in _TITLES or len(core) == 1 or "." in core)


def _ends(word: str) -> bool:
    """Whether punctuation ends ``word`` (an abbreviation's full stop does not)."""
    return word[-1:] in _EDGES and not _abbreviation(word)


def _name_run(words: Sequence[str], *, backwards: bool = False, closed: bool = False) -> str:
    """The name the first words of ``words`` make (``backwards``: read from the verb back):
    capitalised words and the small words joining them, cut at punctuation, past the words
    that begin no name, after a possessive ("Russia's Lavrov": Lavrov); "" when none.
    ``closed``: read forward, the name must end at punctuation, at the end of ``words`` or
    before a word of :data:`_AFTER_NAME`."""
    run: list[str] = []
    marked = False  # the run ended at punctuation, not at a lowercase word
    for word in words:
        core = word.strip(_EDGES)
        ends = _ends(word)  # "Mr." and "U.S." go on
        # read back, punctuation after a word ends the name; next to the verb only a quote's
        # end does ('"No," said X': no name before the verb; "Tedros, the WHO's head, said")
        if backwards and ends and (run or _CLOSING.search(word)):
            marked = True
            break
        n = len(run)
        linking = core in _LINKS and run and n + 1 < len(words) and words[n + 1][:1].isupper()
        if not (core[:1].isupper() or linking):
            break
        run.append(word.strip(_EDGES.replace(".", "")) if not ends and word[-1:] == "." else core)
        if not backwards and ends:
            marked = True
            break
        if len(run) >= 2 * _NAME_WORDS:
            break
    if closed and not marked and len(run) < len(words) and words[len(run)] not in _AFTER_NAME:
        return ""
    listed = backwards and not marked and _listed(words[len(run) : len(run) + 3])
    before = [] if marked else [w.strip(_EDGES) for w in words[len(run) : len(run) + 2]]
    if backwards:
        run.reverse()
    if any(_POSSESSIVE.search(w) for w in run[-1:]):
        return ""  # "said Biden's spokesman": the spokesman spoke
    for k in range(len(run) - 1, -1, -1):  # what follows a possessive is the name
        if _POSSESSIVE.search(run[k]):
            run = run[k + 1 :]
            break
    for word in list(run):
        if not (word.lower() in _NO_SPEAKER or word in _LINKS):
            break
        before.insert(0, run.pop(0))  # "In" Moscow Lavrov: the nearest word first
    while run and run[-1] in _LINKS:
        run.pop()
    if not run or run[-1].lower() in _NO_SPEAKER:
        return ""
    if listed:
        return ""  # "Britain, France and Germany said": all of them, not Germany
    preposition = _preposition_ahead(before) if backwards else ""
    if preposition[:1].islower():  # "a spokeswoman for Beaumont Hospital said": not it
        return ""
    if preposition:  # "In Moscow Lavrov said": a place, then the speaker
        roles = [k for k, w in enumerate(run) if w.lower() in _ROLES]
        if roles and preposition.lower() in _PERSON_AFTER:
            return ""  # "Under President Putin Russia said": where his name ends is unknown
        start = roles[-1] if roles else len(run) - 1
        while start and run[start - 1].lower() in _ROLE_WORDS:  # "Foreign Minister ..."
            start -= 1
        run = run[start:]
    return " ".join(run[-_NAME_WORDS:])


def _listed(before: Sequence[str]) -> bool:
    """Whether the words before a name, as written (the nearest first), make it the last of
    a list of three or more ("Britain, France and Germany"), not the subject of a clause
    ("Deep Throat, and Woodward said") nor a name with "and" in it ("Procter and Gamble",
    "Bosnia and Herzegovina's minister")."""
    return (
        len(before) > 2
        and before[0] in ("and", "or")
        and before[1][:1].isupper()
        and not _ends(before[1])
        and before[2].endswith(",")
    )


def _preposition_ahead(before: Sequence[str]) -> str:
    """The preposition the words before a name (the nearest first) put ahead of it, itself
    or before an article ("In Moscow Lavrov", "at the UN Security Council Lavrov"); ""."""
    first, second = [*before[:2], "", ""][:2]
    if first.lower() in _PLACE_BEFORE:
        return first
    if first.lower() in ("the", "a", "an") and second.lower() in _PLACE_BEFORE:
        return second
    return ""


def _speaker(outlet: Outlet, index: int) -> str:
    """Who said the quote in the sentence at position ``index`` of ``outlet.sentences``: the
    name its English gives beside a verb of saying (the glossary's English name when that is
    a glossary person's), else the English name of the glossary person (or office) named in
    the sentence or the three before when the sentence's speaker is a person it does not
    name ("he said", "the diplomat said": the name came earlier); "" when none is (a quote
    a statement, a group or nobody said: 'the G7 called on Russia to "de-escalate"')."""
    sentence = outlet.sentences[index]
    named = attributed_speaker(sentence.english)
    if named:
        for match in sentence.concepts:
            english = match.concept.preferred.get("en") or match.concept.id
            if match.concept.type == "person" and surname(english) == surname(named):
                return english
        return named
    if not _UNNAMED.search(sentence.english):
        # 'the ministers called for "restraint"', 'the statement said the talks with Lavrov
        # were "constructive"': no one named here or earlier said it
        return ""
    for i in range(index, index - 4, -1):
        if 0 <= i < len(outlet.sentences):
            for kind in ("person", "office"):
                for match in outlet.sentences[i].concepts:
                    if match.concept.type == kind:
                        return match.concept.preferred.get("en") or match.concept.id
    return ""


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def quote_words(text: str) -> int:
    """Words in a quotation: spaced words, or two CJK characters to a word."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def _is_quote(text: str) -> bool:
    """A quotation of three words or more; shorter quotation marks are scare quotes, and a
    title in quotation marks is a name ("Ring of Fire", "Fewest Steps to the Moon")."""
    return quote_words(text) >= QUOTE_MIN_WORDS and not _TITLE.fullmatch(text.strip())


# a name in title case, up to six words: its longer words capitalised, no sentence's mark
_TITLE = re.compile(r"(?:[A-Z0-9][\w'’-]*|[a-z]{1,3})(?:\s+(?:[A-Z0-9][\w'’-]*|[a-z]{1,3})){1,5}")


def find_quotes(
    outlets: Sequence[Outlet], events: Sequence[Sequence[str]] | None = None
) -> tuple[Quote, ...]:
    """The quotes of ``outlets``, each with its renderings in every outlet that gives it.
    ``events``: the verdict's events (outlet ids); a quote then joins only renderings of one
    event's outlets (a trial: an Egyptian official's words and a Greek minister's, of two
    events of one pile, were one quote), and an outlet in no event shares none. Without
    events (``None``: a pile judged no event), a quote joins any outlets' renderings, which
    helps a reader judge whether the articles tell one story after all."""
    from rapidfuzz import fuzz, process

    items: list[Rendering] = []
    places: list[int] = []  # each rendering's place in its outlet, for the clustering
    original: list[bool] = []  # each rendering's sentence is its outlet's own English
    for outlet in outlets:
        for position, s in enumerate(outlet.sentences):  # a partial outlet's skip indexes
            long_source = [q for q in quotes(s.source) if _is_quote(q)]
            said = [q for q in quotes(s.english) if _is_quote(q)]
            for piece, english in enumerate(said or ((s.english,) if long_source else ())):
                # two pieces of one sentence may be one quote ('"We will," he said, "and
                # soon."'): consecutive places; quotes of two sentences never are (a trial:
                # a G7 statement and Borrell's words, in one outlet, were one quote)
                places.append(3 * position + min(piece, 1))
                original.append(s.lang == "en")
                source = next(iter(long_source), "")
                items.append(
                    Rendering(
                        outlet.id,
                        s.index,
                        english.strip().rstrip(",;:"),  # “..., guided by our interests,” he said
                        source,
                        _speaker(outlet, position),
                    )
                )
    if not items:
        return ()
    # each distinct wording compared once (a quote repeated by many outlets is common); a
    # dictionary, not np.unique, whose fixed-width array pads every text to the longest
    index: dict[str, int] = {}
    which = np.array([index.setdefault(normalise(r.english), len(index)) for r in items])
    texts = list(index)
    distinct = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.float32)
    firsts = np.unique(which, return_index=True)[1]
    shared = _shared_terms([items[k].english for k in firsts])
    # which pairs of wordings may be one quote, for translations and for two outlets' own
    # English, decided on the wordings (few) before the renderings (many) are paired
    translated_ok = shared >= QUOTE_SHARED_TERMS
    original_ok = (distinct >= ORIGINAL_THRESHOLD) | (shared >= ORIGINAL_SHARED_TERMS)
    del shared
    scores = distinct.astype(np.float64)[np.ix_(which, which)]
    both_original = np.logical_and.outer(original, original)
    ok = np.where(
        both_original, original_ok[np.ix_(which, which)], translated_ok[np.ix_(which, which)]
    )
    scores[~ok] = 0.0
    del ok, both_original
    same = np.array([r.outlet for r in items])
    for k in range(len(items)):  # an outlet that says a quote again (a headline, a recap)
        earlier = [j for j in range(k) if same[j] == same[k] and scores[j, k] >= REPEATED]
        if earlier:
            places[k] = places[earlier[0]] + 1  # may join its first rendering, as a neighbour
    scores[same[:, None] == same[None, :]] = -1.0
    if events is not None:
        event_of = {o: k for k, event in enumerate(events) for o in event}
        alone = {o.id: -1 - k for k, o in enumerate(outlets)}  # an outlet in no event
        where = np.array([event_of.get(r.outlet, alone[r.outlet]) for r in items])
        scores[where[:, None] != where[None, :]] = -1.0
    fake = [
        Unit(r.outlet, place, r.english, frozenset())
        for r, place in zip(items, places, strict=True)
    ]
    groups = cluster(fake, scores, QUOTE_THRESHOLD, QUOTE_THRESHOLD, by_terms=False)
    ordered = sorted(groups, key=lambda g: (-len(g), items[g[0]].outlet, items[g[0]].index))
    return tuple(
        Quote(f"Q{n}", _marked([items[i] for i in group], scores[np.ix_(group, group)]))
        for n, group in enumerate(ordered, 1)
    )


def _shared_terms(texts: Sequence[str]) -> np.ndarray:
    """How much each pair of ``texts`` says alike: the weight of the terms they share over
    their mean weight (Dice, in percent), the terms weighed as the facts weigh them."""
    from xlate.compare.terms import sentence_terms
    from xlate.compare.weights import shared_weights

    rows = [dict(sentence_terms(t)) for t in texts]
    own = np.array([sum(r.values()) for r in rows], dtype=np.float64)
    total = own[:, None] + own[None, :]
    shared = shared_weights(rows).astype(np.float64)
    alike = np.divide(200.0 * shared, total, out=np.zeros_like(total), where=total > 0)
    np.fill_diagonal(alike, 100.0)  # one text, in two outlets
    return alike


def _marked(renderings: list[Rendering], scores: np.ndarray) -> tuple[Rendering, ...]:
    """The renderings of one quote, each other one marked where it differs from the most
    typical (the one most like the others) in what matters: a number, a name, a negation,
    an opposite ("small enough to avoid a decrease" among four renderings of "large enough
    to cause an increase": a trial saw the altered quote unmarked in the Quotes section)."""
    if len(renderings) < 2:
        return tuple(renderings)
    from xlate.compare.diff import Reference, compare_words

    typical = int(np.argmax(np.where(scores < 0, 0.0, scores).sum(axis=1)))
    reference = Reference.of(renderings[typical].english)
    return tuple(
        r
        if k == typical
        else replace(r, marks=compare_words(reference, r.english, framing=frozenset())[1])
        for k, r in enumerate(renderings)
    )
