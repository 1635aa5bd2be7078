"""The story's timeline in `xlate compare`: synthetic piles with known times, aligned by the
real aligner, must name every fact's first outlet; dates alone tie; saved file times stand in,
marked; the section is in all four formats and the HTML graphic fits a phone."""

from __future__ import annotations

import json
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.compare.build import build_report
from xlate.compare.prepare import Outlet, OutletSentence
from xlate.compare.report import Report, report_json
from xlate.compare.timeline import lag_text, parse_time, published

# Facts as distinct English sentences: an outlet carrying a fact says it in these words.
FACTS = [
    "The finance ministry froze the accounts of fourteen regional banks on Tuesday morning.",
    "Opposition lawmakers walked out of the parliamentary session in protest over the budget.",
    "Heavy flooding forced the evacuation of twelve thousand residents along the northern river.",
    "The central bank raised its key interest rate by half a percentage point to curb inflation.",
    "Negotiators from both delegations agreed to resume talks on the fishing quota next spring.",
    "A cargo train derailed near the border crossing, blocking the only railway line for days.",
    "The health agency recalled three batches of a popular cough syrup after lab tests failed.",
    "Striking dock workers rejected the latest wage offer and vowed to extend the walkout.",
]


def _outlet(name: str, facts: list[int], when: str, *, path: str = "", date: str = "") -> Outlet:
    sentences = tuple(
        OutletSentence(name, n, FACTS[f], FACTS[f], "en", "identity", ())
        for n, f in enumerate(facts)
    )
    extra: dict[str, object] = {"published": when} if when else {}
    return Outlet(name, name, "en", date, "", "", sentences, path, extra)


def _firsts(report: Report) -> dict[int, tuple[str, ...]]:
    """The timeline's first outlets by the index of the fact's sentence in FACTS."""
    assert report.timeline is not None
    by_id = {f.id: FACTS.index(f.representative.english) for f in report.facts}
    return {by_id[row.fact]: row.first for row in report.timeline.facts}


def test_times_with_zones_name_the_first_outlet() -> None:
    outlets = [
        _outlet("west", [0, 1, 2], "2024-11-19T10:00:00Z"),
        _outlet("east", [0, 3], "2024-11-19T09:30:00+09:00"),  # 00:30 UTC: the earliest
        _outlet("south", [0, 1, 3], "2024-11-19T05:00:00+00:00"),
        _outlet("north", [0, 1, 2, 3], "2024-11-19T08:00:00-05:00"),  # 13:00 UTC
    ]
    report = build_report(outlets)
    assert _firsts(report) == {0: ("east",), 1: ("south",), 2: ("west",), 3: ("east",)}
    assert report.timeline is not None
    row = next(r for r in report.timeline.facts if r.first == ("west",))
    assert [(r.outlet, r.after) for r in row.reports] == [("west", "first"), ("north", "+3 h")]


@pytest.mark.parametrize("seed", range(6))
def test_random_piles_with_known_times(seed: int) -> None:
    rng = random.Random(seed)
    start = datetime(2024, 11, 19, tzinfo=UTC)
    times = {
        f"outlet{n}": start + timedelta(minutes=rng.randrange(0, 3 * 24 * 60)) for n in range(5)
    }
    carried: dict[str, list[int]] = {o: [] for o in times}
    for fact in range(len(FACTS)):
        for o in rng.sample(sorted(times), rng.randrange(2, 6)):
            carried[o].append(fact)
    outlets = [_outlet(o, carried[o], t.isoformat()) for o, t in times.items() if carried[o]]
    expected = {
        fact: (min((o for o in times if fact in carried[o]), key=times.__getitem__),)
        for fact in range(len(FACTS))
    }
    assert _firsts(build_report(outlets)) == expected


def test_dates_alone_tie_outlets_of_one_day() -> None:
    outlets = [
        _outlet("a", [0, 1], "", date="2024-11-19"),
        _outlet("b", [0, 1], "", date="2024-11-19"),
        _outlet("c", [0], "", date="2024-11-21"),
    ]
    report = build_report(outlets)
    assert _firsts(report) == {0: ("a", "b"), 1: ("a", "b")}
    assert report.timeline is not None and report.timeline.dates_only
    row = report.timeline.facts[0]
    assert [r.after for r in row.reports] == ["first", "first", "+2 days"]


def test_saved_file_time_stands_in_and_is_marked(tmp_path: Path) -> None:
    early, late = tmp_path / "early.txt", tmp_path / "late.txt"
    for path, day in ((early, 10), (late, 12)):
        path.write_text("x", encoding="utf-8")
        stamp = datetime(2024, 11, day, 6, tzinfo=UTC).timestamp()
        os.utime(path, (stamp, stamp))
    outlets = [
        _outlet("late", [0, 1], "", path=str(late)),
        _outlet("early", [0, 1], "", path=str(early)),
        _outlet("nowhen", [0, 1], ""),  # no time and no file: never first, listed last
    ]
    report = build_report(outlets)
    assert _firsts(report) == {0: ("early",), 1: ("early",)}
    assert report.timeline is not None
    found = report.timeline.published["early"]
    assert found is not None and found.precision == "saved"
    assert found.shown() == "2024-11-10 06:00 UTC (file saved)"
    assert report.timeline.facts[0].reports[-1].outlet == "nowhen"
    assert report.timeline.facts[0].reports[-1].after == "time unknown"
    # a trial: with no publication time at all, "first" is said to mean saved first
    from xlate.render.timeline import timeline_notes

    notes = timeline_notes(report.timeline, {o: o for o in ("late", "early", "nowhen")})
    assert any("“first” means saved first" in n for n in notes)
    assert not any("stands in" in n for n in notes)


@pytest.mark.parametrize("text", ["", "soon", "2024-13-45", "45.13.2024"])
def test_what_is_not_a_time_is_none(text: str) -> None:
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("19.11.2024", "2024-11-19"),
        ("2024年11月21日", "2024-11-21"),
        ("19 ноября 2024", "2024-11-19"),
        ("2024-11-19T25:00", "2024-11-19"),  # a broken time: its day is still known
    ],
)
def test_dates_in_other_forms_are_days(text: str, day: str) -> None:
    found = parse_time(text)
    assert found is not None and found[1] == "date" and found[0].date().isoformat() == day


def test_a_time_field_wins_over_the_date() -> None:
    outlet = _outlet("a", [0], "2024-11-19T23:30:00-02:00", date="2024-11-19")
    found = published(outlet)
    assert found is not None and found.precision == "time" and found.source == "published"
    assert found.day.isoformat() == "2024-11-20"  # 01:30 UTC the next day


@pytest.mark.parametrize(
    ("first", "later", "said"),
    [
        ("2024-11-19", "2024-11-19T15:00:00Z", "same day"),
        ("2024-11-19T10:00:00Z", "2024-11-19T10:00:00Z", "same time"),
        ("2024-11-19T10:00:00Z", "2024-11-19T10:45:00Z", "+45 min"),
        ("2024-11-19T10:00:00Z", "2024-11-21T12:05:00Z", "+2 d 2 h 5 min"),
        ("2024-11-19", "2024-11-20", "+1 day"),
        ("2024-11-19", "2024-11-22T00:10:00+03:00", "+2 days"),  # 21:10 UTC on the 21st
        ("19 November 2024", "2024年11月22日", "+3 days"),
    ],
)
def test_lags_in_words(first: str, later: str, said: str) -> None:
    assert parse_time(first) is not None and parse_time(later) is not None
    outlet_a = _outlet("a", [0], first)
    outlet_b = _outlet("b", [0], later)
    assert lag_text(published(outlet_a), published(outlet_b)) == said


def test_near_verbatim_wording_names_the_earlier_outlet_as_source() -> None:
    reworded = "Lawmakers of the opposition left parliament's session, protesting the budget plan."
    outlets = [
        _outlet("copier", [1], "2024-11-19T12:00:00Z"),
        _outlet("origin", [1], "2024-11-19T08:00:00Z"),
        Outlet(
            "other",
            "other",
            "en",
            "",
            "",
            "",
            (OutletSentence("other", 0, reworded, reworded, "en", "identity", ()),),
            "",
            {"published": "2024-11-19T09:00:00Z"},
        ),
    ]
    report = build_report(outlets)
    assert report.timeline is not None and len(report.facts) == 1
    assert [(e.outlet, e.source, e.order) for e in report.timeline.echoes] == [
        ("copier", "origin", "earlier")
    ]


def test_a_quote_two_outlets_give_word_for_word_is_no_echo() -> None:
    # a trial: two outlets quoting one speaker were "A repeats C"; the words are the speaker's
    said = '"We will keep our sanctions in place for as long as the war goes on," Iwaya said.'
    outlets = [
        Outlet(
            name,
            name,
            "en",
            "",
            "",
            "",
            (OutletSentence(name, 0, said, said, "en", "identity", ()),),
            "",
            {"published": when},
        )
        for name, when in (("a", "2024-11-19T08:00:00Z"), ("b", "2024-11-19T12:00:00Z"))
    ]
    report = build_report(outlets)
    assert report.timeline is not None and len(report.facts) == 1
    assert report.timeline.echoes == ()


def test_near_verbatim_lines_wrap_under_their_text() -> None:
    import io

    from xlate.render.console import make_console
    from xlate.render.timeline import terminal_timeline

    outlets = [
        _outlet("the-copying-outlet", [1], "2024-11-19T12:00:00Z"),
        _outlet("the-original-outlet", [1], "2024-11-19T08:00:00Z"),
    ]
    report = build_report(outlets)
    keys = {o.id: o.id for o in outlets}
    buffer = io.StringIO()
    make_console(buffer, width=60, environ={"TERM": "dumb"}).print(terminal_timeline(report, keys))
    lines = buffer.getvalue().splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  F1: the-copying-outlet"))
    assert lines[at + 1].startswith(" " * 6) and lines[at + 1][6] != " "  # under "the-copying"


def test_times_within_one_minute_are_tied_as_shown(tmp_path: Path) -> None:
    # Two pages saved seconds apart: both shown "10:00 UTC (file saved)", so neither is
    # the other's source, and both are first.
    outlets = []
    for name, second in (("saved-first", 5), ("saved-later", 40)):
        path = tmp_path / f"{name}.txt"
        path.write_text(FACTS[0])
        stamp = datetime(2024, 11, 19, 10, 0, second, tzinfo=UTC).timestamp()
        os.utime(path, (stamp, stamp))
        outlets.append(_outlet(name, [0], "", path=str(path)))
    report = build_report(outlets)
    assert report.timeline is not None
    assert [row.first for row in report.timeline.facts] == [("saved-first", "saved-later")]
    assert [e.order for e in report.timeline.echoes] == ["same day"]
    times = [published(o) for o in outlets]
    assert {p.shown() for p in times if p} == {"2024-11-19 10:00 UTC (file saved)"}
    assert lag_text(times[0], times[1]) == "same time"


def _saved(tmp_path: Path, name: str, facts: list[int], when: datetime) -> Outlet:
    path = tmp_path / f"{name}.txt"
    path.write_text(FACTS[facts[0]])
    os.utime(path, (when.timestamp(), when.timestamp()))
    return _outlet(name, facts, "", path=str(path))


def test_a_saved_time_after_a_publication_says_nothing_of_which_came_first(
    tmp_path: Path,
) -> None:
    # a trial: a file saved in 2026 beside an article dated 2021 gave "G published first,
    # the likely source"; saved then, the article may have been published any time before
    outlets = [
        _outlet("dated", [0], "", date="2021-12-07"),
        _saved(tmp_path, "saved", [0], datetime(2026, 12, 7, 14, 13, tzinfo=UTC)),
    ]
    report = build_report(outlets)
    assert report.timeline is not None
    assert [e.order for e in report.timeline.echoes] == ["unknown"]
    # a second trial: outlets with a saved time only were listed "first" beside 2013 dates
    assert [(r.outlet, r.after) for r in report.timeline.facts[0].reports] == [
        ("dated", "first"),
        ("saved", "time unknown"),
    ]
    # saved before the other was published, it was published before it too
    early = _saved(tmp_path, "early", [0], datetime(2021, 12, 1, tzinfo=UTC))
    report = build_report([outlets[0], early])
    assert report.timeline is not None
    assert report.timeline.facts[0].first == ("early",)
    assert [e.order for e in report.timeline.echoes] == ["earlier"]


def test_times_of_one_minute_share_one_place_and_one_label_in_the_graphic(
    tmp_path: Path,
) -> None:
    # a trial: three files saved within one second were spread over the whole axis, under
    # three labels "14:13 UTC", and each hollow dot had two fill attributes
    import re

    from xlate.render.html import render_html

    at = datetime(2026, 12, 7, 14, 13, 1, tzinfo=UTC)
    outlets = [
        _saved(tmp_path, name, [0, 1], at + timedelta(milliseconds=300 * k))
        for k, name in enumerate(("a", "b", "c"))
    ]
    svg = re.search(r"<svg.*?</svg>", render_html(build_report(outlets)), re.S)
    assert svg is not None
    assert len(set(re.findall(r'<circle cx="([\d.]+)"', svg.group()))) == 1
    assert svg.group().count(">14:13 UTC<") == 1
    for circle in re.findall(r"<circle [^>]*>", svg.group()):
        assert circle.count("fill=") == 1, circle


# -- the sample bundle, in every format ----------------------------------------------------------


def test_the_sample_report_has_its_timeline_in_every_format(tmp_path: Path) -> None:
    from xlate.cli.main import main

    outs = {}
    for ext in ("txt", "json", "md", "html"):
        out = tmp_path / f"report.{ext}"
        assert main(["compare", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
        outs[ext] = out.read_text(encoding="utf-8")
    assert "Timeline: who said it first" in outs["txt"]
    assert "## Timeline: who said it first" in outs["md"]
    assert '<section id="timeline" class="timeline">' in outs["html"] and "<svg" in outs["html"]
    data = json.loads(outs["json"])
    firsts = {row["fact"]: row["first"] for row in data["timeline"]["facts"]}
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    day = {a["id"]: a["date"] for a in manifest["articles"]}
    for fact in data["facts"]:  # the first outlets are those of the earliest day carrying it
        earliest = min(day[o] for o in fact["outlets"])
        assert sorted(firsts[fact["id"]]) == sorted(
            o for o in fact["outlets"] if day[o] == earliest
        )
    # the Pacific Ledger's scraper JSON gives its time of publication, 06:15 UTC
    assert data["timeline"]["dates_only"] is False


@pytest.mark.parametrize("ext", ["txt", "json", "md", "html"])
def test_the_timeline_alone(tmp_path: Path, ext: str) -> None:
    from xlate.cli.main import main

    out = tmp_path / f"timeline.{ext}"
    assert main(["compare", str(SAMPLES), "--timeline", "--out", str(out), "--no-cache"]) == 0
    text = out.read_text(encoding="utf-8")
    if ext == "json":
        assert sorted(json.loads(text)) == ["event", "schema", "signature", "timeline"]
    else:
        assert "Timeline: who said it first" in text
        assert "Shared facts" not in text and "Quotes" not in text


def test_the_timeline_json_round_trips() -> None:
    report = build_report(
        [_outlet("a", [0], "2024-11-19T10:00:00Z"), _outlet("b", [0], "2024-11-19")]
    )
    data = report_json(report)["timeline"]
    assert data["published"]["a"] == {
        "when": "2024-11-19T10:00:00+00:00",
        "precision": "time",
        "from": "published",
    }
    assert data["published"]["b"]["when"] == "2024-11-19"
    assert sorted(data["facts"][0]["first"]) == ["a", "b"]  # a day only is not after 10:00


def test_many_firsts_are_counted_past_the_listed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    from xlate.render import timeline as shown

    report = build_report(
        [_outlet("a", [0, 1, 2, 3], "2024-11-19T08:00Z"), _outlet("b", [0, 1, 2, 3], "2024-11-20")]
    )
    assert report.timeline is not None
    monkeypatch.setattr(shown, "FIRSTS_LISTED", 2)
    assert shown.firsts_text(report.timeline, "a") == "4 (F1, F2 and 2 more)"
    assert shown.firsts_text(report.timeline, "b") == "0"


def test_a_pages_own_publication_time_orders_the_outlets(tmp_path: Path) -> None:
    """The time a saved page gives (article:published_time, with its zone) reaches the
    timeline through the reader's Article.published: the earlier page is first by the hour."""
    import saved_pages

    from xlate.cli.main import main

    pages = tmp_path / "pages"
    pages.mkdir()
    for name, site, when in (
        ("ledger", "Pacific Ledger", "2024-11-19T09:30:00+09:00"),  # 00:30 UTC
        ("post", "Meridian Post", "2024-11-19T02:00:00+00:00"),  # the same day, later
    ):
        head = (
            f'<meta property="og:site_name" content="{site}">'
            f'<meta property="article:published_time" content="{when}">'
        )
        (pages / f"{name}.html").write_text(saved_pages.article_html(head=head), "utf-8")
    out = tmp_path / "report.json"  # beside the pages: never inside an input folder
    args = ["compare", str(pages), "--engine", "identity", "--no-cache", "--out", str(out)]
    assert main(args) == 0
    timeline = json.loads(out.read_text(encoding="utf-8"))["timeline"]
    assert {p["from"] for p in timeline["published"].values()} == {"published"}
    assert {p["precision"] for p in timeline["published"].values()} == {"time"}
    assert timeline["dates_only"] is False
    assert timeline["facts"] and all(f["first"] == ["ledger"] for f in timeline["facts"])


def test_a_pair_of_outlets_is_named_once_an_echo_per_fact() -> None:
    # a trial: "F2: F repeats A nearly verbatim (95%)", then the same pair again (100%)
    from xlate.compare.report import Fact, Member
    from xlate.compare.timeline import echoes

    text = FACTS[1]
    close = text.replace("walked out of", "walked out from")
    members = (
        Member("a", 0, text, text, "en"),
        Member("f", 0, text, text, "en"),
        Member("f", 1, close, close, "en"),
    )
    fact = Fact("F2", members[0], members, ("a", "f"), ())
    found = echoes(fact, {})
    assert [(e.outlet, e.source, round(e.ratio)) for e in found] == [("f", "a", 100)]


def test_translated_outputs_keep_their_inputs_saved_times(tmp_path: Path) -> None:
    """A trial: compare on a folder of translate outputs dated both articles by the time
    they were translated ("2026-12-07 19:02 UTC (file saved)", lag "—")."""
    from xlate.cli.main import main
    from xlate.compare.prepare import prepare_outlets
    from xlate.engines.chain import build_chain

    src = tmp_path / "in"
    src.mkdir()
    text = "Japan keeps its sanctions on Russia, the foreign minister said on Tuesday.\n"
    for name, day in (("a", 1), ("b", 3)):
        path = src / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        stamp = datetime(2022, 1, day, 10, tzinfo=UTC).timestamp()
        os.utime(path, (stamp, stamp))
    assert main(["translate", str(src), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    outlets, errors = prepare_outlets([str(tmp_path / "out")], build_chain("identity"), None)
    assert errors == []
    shown = {o.id: published(o) for o in outlets}
    assert {k: v.shown() for k, v in shown.items() if v} == {
        "a": "2022-01-01 10:00 UTC (file saved)",
        "b": "2022-01-03 10:00 UTC (file saved)",
    }
