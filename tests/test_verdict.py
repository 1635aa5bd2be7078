"""The same-event verdict: every format says whether the articles report one event."""

from __future__ import annotations

import io
import json
import os

import pytest
from conftest import ROOT, SAMPLES

from xlate.compare.build import build_report
from xlate.compare.prepare import Outlet, OutletSentence, prepare_outlets
from xlate.compare.report import Report, report_json
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
