"""The same-event verdict: every format says whether the articles report one event."""

from __future__ import annotations

import io
import itertools
import json
import os
from collections.abc import Collection, Sequence
from dataclasses import replace

import pytest
from conftest import ROOT, SAMPLES, shared_data
from evaluate_align import ecb_outlet, ecb_two_event_piles, load_jsonl

from xlate.compare.align import OutletPair, events_of, outlet_pairs
from xlate.compare.build import build_report
from xlate.compare.prepare import Outlet, OutletSentence, prepare_outlets
from xlate.compare.report import Event, Report, Verdict, report_json, verdict_text
from xlate.compare.terms import Unit
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary
from xlate.ingest.bundle import load_manifest
from xlate.render.console import make_console
from xlate.render.html import render_html
from xlate.render.markdown import render_markdown
from xlate.render.terminal import render_terminal

GOLDEN = ROOT / "tests" / "golden"

# An article about another event altogether (a city marathon), in the shape compare reads.
MARATHON = [
    "Kenyan runner Grace Wanjiru won the Lisbon marathon on Sunday in 2 hours 21 minutes.",
    "Wanjiru broke away from the leading group after 30 kilometres.",
    "Heavy rain fell over the course for most of the morning.",
    "Organisers said 28,000 runners started, a record for the race.",
    "Last year's winner, Almaz Tesfaye, finished fourth after a fall near the river.",
    "The city closed several bridges to traffic until the afternoon.",
    "Wanjiru said she would now prepare for the world championships in Budapest.",
    "The men's race was won by Portugal's Rui Pedrosa in a course record.",
]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


@pytest.fixture(scope="module")
def sample_outlets(glossary: Glossary) -> list[Outlet]:
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, errors = prepare_outlets([str(SAMPLES)], chain, glossary)
    assert errors == []
    return outlets


def marathon(glossary: Glossary) -> Outlet:
    sentences = tuple(
        OutletSentence("zz-marathon", i, s, s, "en", "identity", tuple(glossary.scan(s, "en")))
        for i, s in enumerate(MARATHON)
    )
    return Outlet("zz-marathon", "Lisbon Sports Daily", "en", "2024-11-20", "", "", sentences)


@pytest.fixture(scope="module")
def unrelated(glossary: Glossary, sample_outlets: list[Outlet]) -> Report:
    meridian = next(o for o in sample_outlets if o.id == "meridian-post")
    return build_report([meridian, marathon(glossary)], glossary=glossary)


@pytest.fixture(scope="module")
def one_astray(glossary: Glossary, sample_outlets: list[Outlet]) -> Report:
    return build_report([*sample_outlets, marathon(glossary)], glossary=glossary)


def _terminal(report: Report, width: int = 80) -> str:
    buffer = io.StringIO()
    render_terminal(report, make_console(buffer, width=width, environ={"TERM": "dumb"}))
    return buffer.getvalue()


def _formats(report: Report) -> dict[str, str]:
    return {
        "terminal": _terminal(report),
        # without the signature (version and glossary hash change with every release)
        "json": json.dumps(
            {k: v for k, v in report_json(report).items() if k != "signature"},
            ensure_ascii=False,
            indent=1,
        ),
        "md": render_markdown(report),
        "html": render_html(report),
    }


def test_the_sample_bundle_is_one_event(glossary: Glossary, sample_outlets: list[Outlet]) -> None:
    report = build_report(sample_outlets, glossary=glossary)
    assert report.verdict.same_event
    assert report.verdict.unrelated == ()
    assert len(report.verdict.outlets) == 6
    for text in _formats(report).values():
        assert "One event: every outlet shares facts with the others." in " ".join(text.split())


def test_unrelated_articles_are_said_to_be_so_and_list_no_facts(unrelated: Report) -> None:
    assert not unrelated.verdict.same_event
    assert unrelated.facts == ()
    assert all(not ms for ms in unrelated.exclusives.values())
    for name, text in _formats(unrelated).items():
        assert "Not one event" in text, name
        assert "Shared facts" not in text, name
        assert "Only one outlet says" not in text, name
    data = report_json(unrelated)
    assert data["verdict"]["same_event"] is False and data["facts"] == []


def test_an_outlet_sharing_nothing_is_named(one_astray: Report) -> None:
    verdict = one_astray.verdict
    assert verdict.same_event
    assert verdict.unrelated == ("zz-marathon",)
    assert all("zz-marathon" not in f.outlets for f in one_astray.facts)
    # nor does it lack the event's facts: a trial's 48 pages listed 36 such outlets under
    # every fact ("not in A, B, F, ...", cut at 80 columns)
    assert all("zz-marathon" not in f.missing for f in one_astray.facts)
    assert one_astray.lacks["zz-marathon"] == ()
    # the summary counts the event's outlets (a trial: "The 4 outlets share 2 facts; 2 are
    # in every outlet" beside two outlets at 0%)
    assert one_astray.summary.startswith(
        f"The 6 outlets of the event share {len(one_astray.facts)} facts; "
    )
    assert "in every outlet" not in one_astray.summary
    expected = "G shares no fact with the other outlets; is it about this event?"
    for name, text in _formats(one_astray).items():
        if name == "json":
            assert "Lisbon Sports Daily shares no fact" in text
        else:
            assert expected in " ".join(text.split()), name


def test_the_verdict_ignores_input_order(glossary: Glossary, sample_outlets: list[Outlet]) -> None:
    outlets = [*sample_outlets, marathon(glossary)]
    expected = report_json(build_report(outlets, glossary=glossary))
    assert report_json(build_report(outlets[::-1], glossary=glossary)) == expected


@pytest.mark.parametrize("fmt", ["terminal", "json", "md", "html"])
def test_the_unrelated_report_matches_its_golden_file(unrelated: Report, fmt: str) -> None:
    text = _formats(unrelated)[fmt]
    golden = GOLDEN / ("compare-unrelated." + ("txt" if fmt == "terminal" else fmt))
    if os.environ.get("XLATE_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# A second article about the marathon, in other words: with MARATHON, a second event.
MARATHON_AGAIN = [
    "Grace Wanjiru of Kenya won the Lisbon marathon on Sunday, finishing in 2 hours 21 minutes.",
    "The Kenyan pulled away from the leaders after 30 kilometres and was never caught.",
    "A record 28,000 runners started the race, the organisers said.",
    "Almaz Tesfaye, who won last year, fell near the river and finished fourth.",
    "Wanjiru said her next goal was the world championships in Budapest.",
]


def marathon_again(glossary: Glossary) -> Outlet:
    sentences = tuple(
        OutletSentence("zz-runners", i, s, s, "en", "identity", tuple(glossary.scan(s, "en")))
        for i, s in enumerate(MARATHON_AGAIN)
    )
    title = "Wanjiru wins in Lisbon"
    return Outlet("zz-runners", "Runners Weekly", "en", "2024-11-21", title, title, sentences)


@pytest.fixture(scope="module")
def two_events(glossary: Glossary, sample_outlets: list[Outlet]) -> Report:
    race = [marathon(glossary), marathon_again(glossary)]
    return build_report([*sample_outlets, *race], glossary=glossary)


def test_a_pile_of_two_events_is_reported_as_two(two_events: Report) -> None:
    verdict = two_events.verdict
    assert not verdict.same_event
    assert [e.outlets for e in verdict.events] == [
        verdict.events[0].outlets,
        ("zz-marathon", "zz-runners"),
    ]
    assert len(verdict.events[0].outlets) == 6 and verdict.unrelated == ()
    sanctions, race = verdict.events
    assert sanctions.facts and race.facts  # both events' facts are listed
    ids = [f.id for f in two_events.facts]
    assert ids == [*sanctions.facts, *race.facts]  # each event's facts together, in order
    for fact in two_events.facts:
        inside = set(race.outlets) if fact.id in race.facts else set(sanctions.outlets)
        assert set(fact.outlets) <= inside
        assert set(fact.missing) <= inside  # no outlet lacks another event's fact
    assert race.headline == "Wanjiru wins in Lisbon"  # the only headline of its outlets
    # coverage counts each outlet's own event's facts
    assert two_events.coverage["zz-runners"] == 1.0
    assert 0 < two_events.coverage["meridian-post"] < 1
    assert two_events.event == ""  # no one headline stands for two events


def test_two_events_are_named_in_every_format(two_events: Report) -> None:
    race = two_events.verdict.events[1]
    span = f"{race.facts[0]} to {race.facts[-1]}" if len(race.facts) > 2 else race.facts[-1]
    for name, text in _formats(two_events).items():
        flat = " ".join(text.split())
        assert "Two events, told apart by what their articles share:" in flat, name
        assert "report \u201cWanjiru wins in Lisbon\u201d" in flat, name
        assert span in flat, name
        assert "is they" not in flat, name
        if name != "json":
            assert "G and H report" in flat, name
            assert "Event 2: \u201cWanjiru wins in Lisbon\u201d, told by G, H" in flat, name
    data = report_json(two_events)["verdict"]
    assert data["same_event"] is False
    assert [e["outlets"] for e in data["events"]][1] == ["zz-marathon", "zz-runners"]
    assert data["events"][1]["facts"] == list(race.facts)
    summary = two_events.summary
    assert summary.startswith("The 8 outlets report 2 events. In the first event,")
    assert "In the second event, Lisbon Sports Daily and Runners Weekly share" in summary


def test_an_event_without_a_headline_is_named_by_its_first_fact(
    glossary: Glossary, sample_outlets: list[Outlet]
) -> None:
    """A trial's pile of articles saved without headlines read "an event without a headline"
    for each event: an event is named by its most widely carried fact instead."""
    from dataclasses import replace

    untitled = replace(marathon_again(glossary), title="", title_english="")
    report = build_report([*sample_outlets, marathon(glossary), untitled], glossary=glossary)
    race = report.verdict.events[1]
    first = next(f for f in report.facts if f.id == race.facts[0])
    assert (race.headline, race.named_by) == (first.representative.english, "fact")
    named = report_json(report)["verdict"]["events"][1]
    assert (named["named_by"], named["name"], named["headline"]) == ("fact", race.headline, "")
    assert report_json(report)["verdict"]["events"][0]["named_by"] == "headline"
    flat = " ".join(_terminal(report).split())
    assert f"\u201c{race.headline}\u201d (no headline, named by its first fact" in flat


E = [Event(("a", "b"), "Fire at the port", ("F1", "F2", "F3")), Event(("c", "d"), "", ("F4",))]


@pytest.mark.parametrize(
    ("events", "unrelated", "expected"),
    [
        ((), (), "Not one event: these articles share no more"),
        (E[:1], (), "One event: every outlet shares facts with the others."),
        (
            E[:1],
            ("c",),
            "One event, told by 2 outlets: c shares no fact with the other outlets; "
            "is it about this event?",
        ),
        (
            E[:1],
            ("c", "d"),
            "One event, told by 2 outlets: c and d share no fact with the other outlets; "
            "are they about this event?",
        ),
        (
            E,
            (),
            "Two events, told apart by what their articles share: a and b report "
            "\u201cFire at the port\u201d (3 shared facts: F1 to F3); c and d report an event "
            "without a headline (1 shared fact: F4).",
        ),
        (E, ("e",), "(1 shared fact: F4). e shares no fact with either event."),
        (
            [E[0], Event(("c", "d"), "Three buildings burned.", ("F4",), "fact")],
            (),
            "c and d report \u201cThree buildings burned.\u201d (no headline, named by its "
            "first fact; 1 shared fact: F4).",
        ),
        (
            [*E, Event(("e", "f", "g"), "Vote", ("F5", "F6"))],
            ("h", "i"),
            "Three events, told apart by what their articles share: a and b report "
            "\u201cFire at the port\u201d (3 shared facts: F1 to F3); c and d report an event "
            "without a headline (1 shared fact: F4); e, f and g report \u201cVote\u201d "
            "(2 shared facts: F5 and F6). h and i share no fact with any of them.",
        ),
    ],
)
def test_the_verdict_reads_as_plain_grammatical_text(
    events: list[Event], unrelated: tuple[str, ...], expected: str
) -> None:
    text = verdict_text(Verdict(tuple(events), unrelated, _pairs(events)), lambda o: o)
    assert expected in text


def _pairs(events: Sequence[Event], factless: Collection[str] = ()) -> tuple[OutletPair, ...]:
    """Each two outlets of an event sharing its facts; an outlet of ``factless`` shares none
    (its article is alike the others')."""
    return tuple(
        OutletPair(a, b, 0 if {a, b} & set(factless) else len(e.facts), 0.001, (), True)
        for e in events
        for a, b in itertools.combinations(e.outlets, 2)
    )


@pytest.mark.parametrize(
    ("outlets", "factless", "unrelated", "expected"),
    [
        (
            ("a", "b"),
            ("a", "b"),
            (),
            "One event: a and b share no fact, but their articles are alike as a whole.",
        ),
        (
            ("a", "b", "c"),
            ("c",),
            (),
            "One event: c shares no fact with the other outlets, but its article is like "
            "theirs as a whole.",
        ),
        (
            ("a", "b", "c", "d"),
            ("c", "d"),
            ("e",),
            "One event, told by 4 outlets: e shares no fact with the other outlets; is it "
            "about this event? c and d share no fact with the other outlets, but their "
            "articles are like the others' as a whole.",
        ),
    ],
)
def test_the_verdict_names_outlets_joined_by_their_articles_alone(
    outlets: tuple[str, ...], factless: tuple[str, ...], unrelated: tuple[str, ...], expected: str
) -> None:
    event = Event(outlets, "Fire at the port", ("F1",) if len(factless) < len(outlets) else ())
    verdict = Verdict((event,), unrelated, _pairs([event], factless))
    assert verdict_text(verdict, lambda o: o) == expected
    two = Verdict((event, Event(("x", "y"), "Vote", ())), (), _pairs([event], factless))
    assert "x and y report \u201cVote\u201d (no shared fact; their articles are alike as a " in (
        verdict_text(two, lambda o: o)
    )


@pytest.mark.shared
def test_two_event_piles_of_ecb_are_two_events(glossary: Glossary) -> None:
    """Two documents of one ECB+ event and two of another topic's: wherever each event's two
    documents are found to be one event on their own, the pile is found to be two events, each
    with its facts, and no fact joins documents of different events."""
    docs = load_jsonl(shared_data("events", "ecbplus.jsonl"))
    piles = ecb_two_event_piles(docs, 20, similar=False)
    told = 0
    for first, second in piles:
        outlets = [ecb_outlet(d, glossary) for d in (*first, *second)]
        alone = [build_report(outlets[k : k + 2], glossary=glossary) for k in (0, 2)]
        if not all(r.verdict.same_event for r in alone):
            continue
        told += 1
        report = build_report(outlets, glossary=glossary)
        truth = {tuple(sorted(str(d["doc"]) for d in pair)) for pair in (first, second)}
        assert {e.outlets for e in report.verdict.events} == truth
        facts_of = {e.outlets: e.facts for e in report.verdict.events}
        for r in alone:  # an event's facts in the pile are those its outlets share alone
            assert len(facts_of[r.verdict.events[0].outlets]) == len(r.facts)
        for fact in report.facts:
            assert any(set(fact.outlets) <= set(pair) for pair in truth)
        for quote in report.quotes:  # no quote joins outlets of two events either
            assert any(set(quote.outlets) <= set(pair) for pair in truth)
    assert told >= 5  # enough piles to mean something


def test_a_sentence_two_outlets_write_word_for_word_is_said_by_both(glossary: Glossary) -> None:
    # a trial: "How about you?" in two outlets (no fact to link) was listed as said by
    # each alone
    def outlet(name: str, extra: list[str]) -> Outlet:
        texts = [*MARATHON[:5], "How about you?", *extra]
        sentences = tuple(
            OutletSentence(name, i, s, s, "en", "identity", tuple(glossary.scan(s, "en")))
            for i, s in enumerate(texts)
        )
        return Outlet(name, name, "en", "2024-11-20", "", "", sentences)

    only_a = "The mayor of Lisbon handed Wanjiru a silver cup at the finish."
    report = build_report(
        [outlet("a", [only_a]), outlet("b", ["How About You ?"])], glossary=glossary
    )
    said = {o: [m.english for m in members] for o, members in report.exclusives.items()}
    assert said == {"a": [only_a], "b": []}


def test_a_long_list_of_outlets_lacking_a_fact_is_counted_not_cut(
    glossary: Glossary, sample_outlets: list[Outlet]
) -> None:
    """A panel's subtitle is cut at its width: a trial read "not in A, B, F, ..., AC,─╯"."""
    from dataclasses import replace

    from rich.console import Console

    from xlate.render.terminal import _t_fact

    report = build_report(sample_outlets, glossary=glossary)
    fact = report.facts[-1]
    absent = tuple(f"outlet-{n}" for n in range(30))
    keys = {o.id: o.id for o in report.outlets} | {o: f"A{n}" for n, o in enumerate(absent)}
    panel = _t_fact(replace(fact, missing=absent), report, keys, False)
    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None).print(panel)
    last = buffer.getvalue().splitlines()[-1]
    assert last.startswith("╰─ not in 30 outlets of its event ─") and last.endswith("╯")
    short = _t_fact(replace(fact, missing=absent[:3]), report, keys, False)
    assert short.subtitle == "not in A0, A1, A2"


@pytest.mark.shared
def test_two_articles_of_one_ecb_event_in_other_sentences_are_one_event(
    glossary: Glossary,
) -> None:
    """ECB+ documents of one event that share no fact the alignment links more often than
    chance are still one event when their articles are alike as a whole (as `xlate events`
    groups them); documents of different topics never are alike."""
    docs = load_jsonl(shared_data("events", "ecbplus.jsonl"))
    by_event: dict[str, list[dict]] = {}
    for d in docs:
        by_event.setdefault(str(d["subtopic"]), []).append(d)
    rescued = 0
    for _, pair in sorted(by_event.items()):
        if len(pair) < 2:
            continue
        report = build_report([ecb_outlet(d, glossary) for d in pair[:2]], glossary=glossary)
        (evidence,) = report.verdict.pairs
        if evidence.alike and not evidence.significant:
            rescued += 1
            assert report.verdict.same_event
            assert "alike as a whole" in verdict_text(report.verdict, lambda o: o)
            assert report_json(report)["verdict"]["pairs"][0]["alike"] is True
    assert rescued >= 3  # enough such pairs to mean something
    topics = sorted({str(d["topic"]) for d in docs})
    first = {t: next(d for d in docs if str(d["topic"]) == t) for t in topics}
    for a, b in itertools.pairwise(topics):
        outlets = [ecb_outlet(first[t], glossary) for t in (a, b)]
        assert not build_report(outlets, glossary=glossary).verdict.pairs[0].alike, (a, b)


def test_with_several_events_an_outlet_in_one_by_its_article_alone_is_named() -> None:
    """A review: "30_10, 30_3 and 30_7 report ... (1 shared fact: F5)" where 30_3 shared no
    fact; it is now named as in its event by its article alone."""
    fire = Event(("a", "b", "c"), "Fire at the port", ("F1",))
    vote = Event(("d", "e"), "Vote", ("F2",))
    verdict = Verdict((fire, vote), (), (*_pairs([fire], ("c",)), *_pairs([vote])))
    assert "\u201cFire at the port\u201d (1 shared fact: F1; c by its article alone)" in (
        verdict_text(verdict, lambda o: o)
    )


def test_articles_in_two_groups_are_two_events_though_they_share_a_few_facts() -> None:
    """Outlets whose articles `xlate events` puts in two groups of several articles report
    two events even where a pair of them shares more facts than chance (two earthquakes'
    magnitude and background); alike articles need no shared fact; an outlet in no group
    joins by its facts."""
    items = [Unit(o, k, f"{o} {k}", frozenset()) for o in "abcde" for k in range(2)]
    facts = [[0, 4], [1, 5], [0, 8]]  # a and c share two facts; a and e one
    pairs = outlet_pairs(items, facts, [("a", "b"), ("c", "d")])
    evidence = {(p.a, p.b): p for p in pairs}
    assert evidence["a", "c"].significant and evidence["a", "c"].apart
    assert not evidence["a", "c"].joined
    assert evidence["a", "b"].alike and evidence["a", "b"].joined and not evidence["a", "b"].facts
    assert (
        not evidence["a", "e"].apart and evidence["a", "e"].joined == evidence["a", "e"].significant
    )
    assert events_of(items, facts, pairs) == [("a", "b", "e"), ("c", "d")]
    # without the groups, the facts join a and c: one event
    assert events_of(items, facts, outlet_pairs(items, facts)) == [("a", "c", "e")]


@pytest.mark.shared
def test_two_similar_ecb_events_that_share_background_are_two_events(glossary: Glossary) -> None:
    """ECB+ piles of one topic's two events (two earthquakes) whose shared facts alone join
    documents of both: where `xlate events` groups each event's documents together, the
    report gives the two events."""
    docs = load_jsonl(shared_data("events", "ecbplus.jsonl"))
    split = 0
    for first, second in ecb_two_event_piles(docs, 40, similar=True):
        outlets = [ecb_outlet(d, glossary) for d in (*first, *second)]
        event = {str(d["doc"]): k for k, pair in enumerate((first, second)) for d in pair}
        report = build_report(outlets, glossary=glossary)
        by_facts = [replace(p, alike=False, apart=False) for p in report.verdict.pairs]
        joined = events_of([], [], by_facts)
        if any(len({event[o] for o in e}) == 2 for e in joined):
            found = [{event[o] for o in e.outlets} for e in report.verdict.events]
            split += len(found) == 2 and all(len(k) == 1 for k in found)
    assert split >= 3
