"""Cross-outlet comparison: alignment quality, invariance, schema, renders, the command."""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES
from evaluate_align import fact_precision_recall, load_facts

from xlate.cli.main import main
from xlate.compare.build import build_report
from xlate.compare.prepare import prepare_outlets
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
FACTS = load_facts(ROOT / "tests" / "data" / "japan-sanctions-facts.json")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


@pytest.fixture(scope="module")
def report(glossary: Glossary) -> Report:
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, errors = prepare_outlets([str(SAMPLES)], chain, glossary)
    assert errors == []
    return build_report(outlets, glossary=glossary, event=load_manifest(SAMPLES).event)


def test_alignment_finds_the_annotated_facts_precisely(report: Report) -> None:
    precision, _ = fact_precision_recall(report, FACTS)
    assert precision >= 0.9, precision


def test_alignment_finds_most_annotated_facts(report: Report) -> None:
    _, recall = fact_precision_recall(report, FACTS)
    assert recall >= 0.8, recall


def test_the_outlets_differences_show(report: Report) -> None:
    by_member = {(m.outlet, m.index): f for f in report.facts for m in f.members}
    iwaya = by_member[("toto-shinpo", 0)]  # "on the 12th"; 北洋日報 says the 13th
    # Full dates: the month and year the Japanese "13日" leaves out come from the article's date.
    assert iwaya.conflicts["date"]["hokuyo-nippo"] == ("13 November 2024 (“the 13th”)",)
    assert iwaya.conflicts["date"]["toto-shinpo"] == ("12 November 2024 (“the 12th”)",)
    assert iwaya.conflicts["date"]["meridian-post"] == ("12 November 2024",)
    north_korea = by_member[("severny-vestnik", 6)]
    assert "pacific-ledger" in north_korea.missing  # the outlet that omits the North Korea angle
    assert north_korea.id in report.blind_spots["pacific-ledger"]
    [quote] = [q for q in report.quotes if len(q.renderings) == 6]
    assert {r.speaker for r in quote.renderings} == {"Andrey Rudenko"}  # by name, not id
    framing = {c.concept: c.counts for c in report.concepts if c.framing}
    assert set(framing["unfriendly-countries"]) == {
        "meridian-post",
        "severny-vestnik",
        "toto-shinpo",
    }
    assert "hostile" in framing and "pressure" in framing
    exclusive = {(m.outlet, m.index) for ms in report.exclusives.values() for m in ms}
    assert ("vostochnoe-obozrenie", 9) in exclusive  # only it explains the unsigned treaty


def test_a_word_diff_marks_what_a_member_changed(report: Report) -> None:
    fact = next(f for f in report.facts if len(f.members) >= 6)
    for member in fact.members:
        rebuilt = " ".join(op.after for op in member.diff if op.after)
        assert rebuilt == " ".join(member.english.split())


def test_input_order_never_changes_the_report(glossary: Glossary) -> None:
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, _ = prepare_outlets([str(SAMPLES)], chain, glossary)
    expected = report_json(build_report(outlets, glossary=glossary))
    for seed in range(3):
        shuffled = outlets[:]
        random.Random(seed).shuffle(shuffled)
        assert report_json(build_report(shuffled, glossary=glossary)) == expected


def test_a_report_is_built_without_switching_the_collector(
    glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from xlate.compare import build

    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, _ = prepare_outlets([str(SAMPLES)], chain, glossary)
    seen: list[bool] = []
    clustering = build.cluster

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return clustering(*args, **kwargs)

    monkeypatch.setattr(build, "cluster", watched)
    assert gc.isenabled()
    report = build_report(outlets, glossary=glossary)
    assert seen and all(seen)  # a library call leaves the process's collector alone
    assert gc.isenabled() and report.facts


def _naive_score(a: object, b: object) -> float:
    """The score of one pair, term by term: shared weight (each term's mean weight on both
    sides, quoted words again) over the geometric mean of the sentences' own weights."""
    from xlate.compare import terms

    (pa, qa), (pb, qb) = terms.unit_terms(a), terms.unit_terms(b)  # type: ignore[arg-type]
    shared = sum((pa[t] + pb[t]) / 2 for t in pa.keys() & pb.keys())
    shared += sum((qa[t] + qb[t]) / 2 for t in qa.keys() & qb.keys())
    own_a = max(sum(pa.values()), terms.MIN_INFORMATION)
    own_b = max(sum(pb.values()), terms.MIN_INFORMATION)
    return 100.0 * shared / (own_a * own_b) ** 0.5


def test_every_cross_outlet_pair_gets_its_score_whatever_the_order(glossary: Glossary) -> None:
    from evaluate_align import score_matrix

    from xlate.compare.prepare import units

    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, _ = prepare_outlets([str(SAMPLES)], chain, glossary)
    shuffled = units(outlets)
    random.Random(7).shuffle(shuffled)
    scores = score_matrix(shuffled)
    for i, a in enumerate(shuffled):
        for j, b in enumerate(shuffled):
            if a.outlet == b.outlet:
                assert scores[i, j] == -1.0
                continue
            assert scores[i, j] == pytest.approx(_naive_score(a, b), abs=1e-3), (a, b)


@pytest.mark.parametrize(
    ("common", "rare"),
    [
        ("the president said", "Rudenko"),
        ("the government", "Iwaya"),
        ("country", "2022"),
        ("government", "on 12 November"),
    ],
)
def test_rare_words_names_and_numbers_weigh_more_than_common_words(common: str, rare: str) -> None:
    from xlate.compare.terms import sentence_terms

    def weight(text: str) -> float:
        return sum(w for _, w in sentence_terms(text))

    assert weight(rare) > 1.9 * weight(common) > 0  # a number weighs as a rare word


def test_json_schema(report: Report) -> None:
    data = report_json(report)
    assert data["schema"] == "xlate-compare/1"
    assert set(data) == {
        "schema",
        "signature",
        "event",
        "summary",
        "verdict",
        "outlets",
        "facts",
        "exclusives",
        "blind_spots",
        "quotes",
        "concepts",
        "left_out",
        "timeline",
    }
    assert set(data["signature"]) == {"xlate", "schema", "engines", "glossary", "alignment"}
    for fact in data["facts"]:
        assert set(fact) == {
            "id",
            "representative",
            "outlets",
            "missing",
            "members",
            "conflicts",
            "extra_detail",
        }
        assert len(fact["outlets"]) >= 2
        for member in fact["members"]:
            assert set(member) == {
                "outlet",
                "index",
                "english",
                "source",
                "lang",
                "diff",
                "marks",
            }
    json.dumps(data)  # serialisable as it is


def _terminal(report: Report, width: int, show_source: bool = False) -> str:
    buffer = io.StringIO()
    render_terminal(
        report, make_console(buffer, width=width, environ={"TERM": "dumb"}), show_source=show_source
    )
    return buffer.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_render_matches_the_golden_file(report: Report, width: int) -> None:
    text = _terminal(report, width)
    golden = GOLDEN / f"compare-{width}.txt"
    if os.environ.get("XLATE_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text  # no colour when not a terminal


def test_show_source_adds_the_original_sentences(report: Report) -> None:
    assert "Руденко" not in _terminal(report, 120)
    assert "Руденко" in _terminal(report, 120, show_source=True)


HOSTILE = (
    "Он сказал: \x1b]0;owned\x07 [bold red]ВНИМАНИЕ[/] <script>alert(1)</script> \u202etxt.exe"
)


def test_hostile_article_text_stays_inert_in_every_format(
    report: Report, glossary: Glossary
) -> None:
    from dataclasses import replace

    outlet = report.outlets[3]
    sentence = replace(outlet.sentences[0], english=HOSTILE, source=HOSTILE)
    tampered = replace(outlet, sentences=(sentence, *outlet.sentences[1:]))
    outlets = [tampered if o.id == outlet.id else o for o in report.outlets]
    bad = build_report(outlets, glossary=glossary)
    for text in (
        _terminal(bad, 120, True),
        render_markdown(bad, show_source=True),
        render_html(bad, show_source=True),
    ):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "<script>" not in render_html(bad, show_source=True)
    assert "[bold red]" in _terminal(bad, 120, True)  # shown as text, not interpreted


def test_compare_command_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(SAMPLES), "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["outlets"]) == 6
    for fmt in ("md", "html"):
        out = tmp_path / f"r.{fmt}"
        assert (
            main(["compare", str(SAMPLES), "--format", fmt, "--out", str(out), "--no-cache"]) == 0
        )
        assert "Shared facts" in out.read_text(encoding="utf-8")


def test_compare_needs_two_articles(capsys: pytest.CaptureFixture[str]) -> None:
    one = SAMPLES / "articles" / "meridian-post.txt"
    assert main(["compare", str(one), "--no-cache"]) == 1
    assert "need at least two readable articles" in capsys.readouterr().err


def test_compare_reports_a_bad_file_and_compares_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    a, b = SAMPLES / "articles" / "meridian-post.txt", SAMPLES / "articles" / "pacific-ledger.json"
    assert main(["compare", str(a), str(b), str(empty), "--format", "json", "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["outlets"]) == 2
    assert f"{empty}: empty file" in captured.err


def test_too_many_articles_are_refused_with_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(SAMPLES), "--max-articles", "3", "--no-cache"]) == 1
    # counted in articles, as the files are read (one rule: a .jsonl file may hold many)
    assert "over 3 articles to compare (--max-articles 3; " in capsys.readouterr().err


def test_too_many_sentences_are_refused_before_any_translation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # --engine argos with no model installed: reaching translation would fail differently.
    args = ["compare", str(SAMPLES), "--max-sentences", "40", "--engine", "argos", "--no-cache"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "61 sentences to compare, over --max-sentences 40" in err
    assert "not translated" not in err


@pytest.mark.parametrize(
    "args", [["--fuzzy", "150"], ["--no-glossary", "--glossary", "g.toml"], ["--engine", "nmt"]]
)
def test_compare_checks_engine_options_as_translate_does(args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["compare", str(SAMPLES), "--no-cache", *args])
    assert info.value.code == 2


COVERED = (
    "Заместитель министра иностранных дел России Андрей Руденко заявил ТАСС, что Москва "
    "будет и впредь жёстко реагировать на недружественные действия Японии.\n\n"
    "По его словам, ответные меры будут определяться исключительно национальными "
    "интересами России.\n\n"
)
NOT_IN_MEMORY = "Кремль пока не комментирует это заявление японской стороны.\n"


@pytest.mark.parametrize("fmt", ["json", "md", "html", "terminal"])
def test_compare_lists_left_out_and_partial_outlets_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "partial.txt").write_text(COVERED + NOT_IN_MEMORY, encoding="utf-8")
    (tmp_path / "uncovered.txt").write_text(NOT_IN_MEMORY, encoding="utf-8")
    articles = SAMPLES / "articles"
    paths = [str(articles / "meridian-post.txt"), str(articles / "pacific-ledger.json")]
    paths += [str(tmp_path / n) for n in ("empty.txt", "partial.txt", "uncovered.txt")]
    memory = ["--engine", "memory", "--memory", str(SAMPLES / "memory.tmx")]
    out = tmp_path / f"report.{fmt}"
    args = ["compare", *paths, *memory, "--format", fmt, "--out", str(out), "--width", "200"]
    assert main(args) == 1  # two inputs were left out
    capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["left_out"] == [
            {"file": str(tmp_path / "empty.txt"), "reason": "empty file"},
            {
                "file": str(tmp_path / "uncovered.txt"),
                "reason": "no sentence could be translated; no translation memory entry for "
                "ru→en (--engine memory asks no model; --engine auto also uses an installed one)",
            },
        ]
        partial = {
            o["id"]: (o["partial"], o["untranslated"], o["sentences"]) for o in data["outlets"]
        }
        assert partial["partial"] == (True, 1, 2)
        assert partial["meridian-post"] == (False, 0, 10)
        return
    shown = " ".join(text.replace("\\", "").split())  # markdown escapes, wrapped lines
    assert "Left out and partial" in shown
    assert f"left out: {tmp_path / 'empty.txt'}: empty file" in shown
    assert f"left out: {tmp_path / 'uncovered.txt'}: no sentence could be translated" in shown
    assert "compared on 2 of 3 sentences (1 untranslated)" in shown


def test_a_partial_outlet_is_compared_on_its_translated_sentences(
    tmp_path: Path, glossary: Glossary
) -> None:
    (tmp_path / "partial.txt").write_text(COVERED + NOT_IN_MEMORY, encoding="utf-8")
    chain = build_chain("memory", memories=[SAMPLES / "memory.tmx"])
    [outlet], errors = prepare_outlets([str(tmp_path / "partial.txt")], chain, glossary)
    assert errors == []
    assert (outlet.partial, outlet.untranslated) == (True, 1)
    assert [s.index for s in outlet.sentences] == [0, 1]
    assert all(s.engine == "memory" and s.english != s.source for s in outlet.sentences)


def test_the_json_form_shares_nothing_mutable_with_the_report(report: Report) -> None:
    data = report_json(report)
    data["signature"]["engines"] = ["changed"]
    for fact in data["facts"]:
        for values in fact["conflicts"].values():
            values.clear()
    assert report_json(report) != data
    assert any(f.conflicts for f in report.facts)  # the sample has a date conflict to keep


def test_left_out_lines_wrap_under_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from xlate.cli.main import main

    monkeypatch.setenv("COLUMNS", "80")
    broken = tmp_path / "broken-memo-saved-from-the-ministry-website.docx"
    broken.write_bytes(b"PK\x03\x04garbage")
    articles = [SAMPLES / "articles" / n for n in ("meridian-post.txt", "pacific-ledger.json")]
    argv = ["compare", *map(str, articles), str(broken), "--engine", "identity", "--no-cache"]
    assert main([*argv, "--no-pager"]) == 1
    lines = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  left out: "))
    assert lines[at + 1].startswith(" " * 12) and lines[at + 1][12] != " "  # under the text
