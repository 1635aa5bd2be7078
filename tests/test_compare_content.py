"""What a reader of the comparison report sees: the event, names, headlines, summary, legend,
marks that matter, full dates, real quotes, complete "lacks"; and the compare command's
formats, messages, outlet ids, translate outputs as input and pager."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, shared_data

from xlate.cli.main import main
from xlate.compare.build import build_report
from xlate.compare.diff import fact_values, full_dates, marks
from xlate.compare.prepare import Outlet, prepare_outlets
from xlate.compare.quotes import quote_words
from xlate.compare.report import Member, Report, english_name, headline, native_name
from xlate.compare.summary import LEGEND
from xlate.compare.terms import dates_and_numbers
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.glossary.match import Glossary
from xlate.ingest.bundle import load_manifest
from xlate.ingest.pile import unique_ids
from xlate.render.console import make_console
from xlate.render.html import render_html
from xlate.render.markdown import render_markdown
from xlate.render.terminal import render_terminal

ARTICLES = SAMPLES / "articles"
MEMORY = SAMPLES / "memory.tmx"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


@pytest.fixture(scope="module")
def report(glossary: Glossary) -> Report:
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, errors = prepare_outlets([str(SAMPLES)], chain, glossary)
    assert errors == []
    manifest_event = load_manifest(SAMPLES).event
    return build_report(outlets, glossary=glossary, event=manifest_event)


def _terminal(report: Report, width: int = 100) -> str:
    buffer = io.StringIO()
    render_terminal(report, make_console(buffer, width=width, environ={"TERM": "dumb"}))
    return buffer.getvalue()


def _unwrapped(text: str) -> str:
    """Rendered text with line breaks, table borders and padding folded into single spaces."""
    return " ".join(re.sub(r"[│┃╭╮╰╯─━]", " ", text).split())


# -- the header: event, outlets' names, headlines ------------------------------------------------


def test_the_header_names_the_event_outlets_in_english_and_their_headlines(
    report: Report,
) -> None:
    assert report.event == load_manifest(SAMPLES).event and report.event_from == "manifest"
    hokuyo = next(o for o in report.outlets if o.id == "hokuyo-nippo")
    assert (english_name(hokuyo), native_name(hokuyo)) == ("Hokuyo Nippo", "北洋日報")
    assert headline(hokuyo).startswith('Russia to "react harshly" to Japan\'s sanctions')
    meridian = next(o for o in report.outlets if o.id == "meridian-post")
    assert native_name(meridian) == ""  # no native name beside an English one
    for text in (_terminal(report), render_markdown(report), render_html(report)):
        flat = _unwrapped(text)
        assert "Japan keeps its sanctions on Russia" in flat
        assert "2024-11-19 to 2024-11-21" in flat
        assert "Hokuyo Nippo" in flat and "北洋日報" in flat
        assert "Moscow vows harsh answer to Tokyo" in flat  # a headline


def test_without_a_manifest_the_most_typical_headline_names_the_event(
    glossary: Glossary,
) -> None:
    chain = build_chain("memory", memories=[MEMORY])
    paths = [str(ARTICLES / f) for f in ("meridian-post.txt", "pacific-ledger.json")]
    outlets, _ = prepare_outlets(paths, chain, glossary)
    report = build_report(outlets, glossary=glossary)
    assert report.event_from == "headline"
    assert report.event in {headline(o) for o in outlets}
    assert "most typical headline" in _terminal(report)


def test_the_summary_says_what_is_universal_who_is_alone_and_the_conflicts(
    report: Report,
) -> None:
    summary = report.summary
    assert "share 11 facts; 3 are in every outlet (F1, F2, F3)" in summary
    assert "Vostochnoe Obozrenie (4)" in summary  # alone on four sentences
    assert "Hokuyo Nippo says 13 November 2024, the other 5 say 12 November 2024" in summary


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_every_format_carries_the_legend(report: Report, fmt: str) -> None:
    text = {"terminal": _terminal, "md": render_markdown, "html": render_html}[fmt](report)
    flat = _unwrapped(text)
    for _, meaning in LEGEND:
        shown = html.escape(meaning) if fmt == "html" else meaning
        assert _unwrapped(shown) in flat, meaning


def test_lacks_lists_every_missing_fact_and_marks_those_most_outlets_carry(
    report: Report,
) -> None:
    for outlet in report.outlets:
        expected = tuple(f.id for f in report.facts if outlet.id not in f.outlets)
        assert report.lacks[outlet.id] == expected
        assert set(report.blind_spots[outlet.id]) <= set(expected)
    # Hokuyo Nippo lacks four facts, two of which most outlets carry: all four are listed.
    assert report.lacks["hokuyo-nippo"] == ("F5", "F6", "F8", "F11")
    assert "F5, F6, F8, F11" in _unwrapped(_terminal(report, 120))
    assert "lacks <b>F5</b>, <b>F6</b>, F8, F11" in render_html(report)


@pytest.mark.parametrize(
    ("listed", "shown", "more"),
    [
        (20, "F5, F6, F8, F11", ""),  # all four, no count
        (2, "F5, F6", "and 2 more"),
        (1, "F5", "and 3 more, 1 of them carried by most outlets"),  # F6 past the cut
    ],
)
def test_an_outlet_lacking_many_facts_lists_the_first_and_counts_the_rest(
    report: Report, listed: int, shown: str, more: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # of 10,000 sentences an outlet may lack a thousand facts: the renders list the most
    # widely carried (facts are numbered so) and say how many more; the JSON keeps all
    from xlate.render import compare as shared

    monkeypatch.setattr(shared, "LACKS_LISTED", listed)
    tail = f", {more}" if more else ""
    assert f"{shown}{tail} |" in render_markdown(report).replace("*", "")
    assert f"lacks {shown}{tail}</" in re.sub(r"</?[bi]>", "", render_html(report))
    terminal = _unwrapped(_terminal(report, 160)).split("Timeline: who said it first")[0]
    assert f"{shown}{tail}" in terminal
    assert f"{shown}, F" not in terminal  # nothing past the cut listed by name


def test_names_and_framing_is_cut_into_tables_that_fit_the_width(report: Report) -> None:
    # with many outlets one table leaves the concept column no room: the outlets' columns
    # go into as many tables as they need, each with the concepts
    wide, narrow = _terminal(report, 120), _terminal(report, 52)
    framing = narrow[narrow.index("Names and framing") :]
    assert wide.count("┃ concept") == 1
    assert framing.count("┃ concept") >= 2  # six outlets do not fit beside the concepts
    assert max(len(line) for line in framing.splitlines()) <= 52
    names = [row.english or row.concept for row in report.concepts]
    assert all(_unwrapped(framing).count(n) >= 2 for n in names if len(n) < 12)


# -- marks: only the differences that matter ---------------------------------------------------

MARK_CASES = [
    (
        "Iwaya said on November 12 that it holds.",
        "Iwaya said on the 13th that it holds.",
        [("date", "13th")],
    ),
    ("Iwaya said on November 12.", "Iwaya said on Nov. 12.", []),  # the same date
    ("Iwaya said on November 12.", "Iwaya said on the 12th.", []),
    ("Japan will lift the sanctions.", "Japan will not lift the sanctions.", [("negation", "not")]),
    (
        "Japan won't lift them.",
        "Japan will lift them.",
        [],
    ),  # a negation dropped shows in the other
    ("He said Rudenko did.", "He said Lavrov did.", [("name", "Lavrov")]),
    ("Rudenko said it.", "Lavrov said it.", []),  # a sentence's first word is not judged
    ("Moscow will respond harshly.", "Moscow will react firmly, it said.", []),  # rewording
    ("Rudenko said 12 people.", "Rudenko said 15 people.", [("number", "15")]),
    ("They met on Monday.", "They met on Tuesday.", [("date", "Tuesday")]),
    ("Rudenko said it.", "Russia's envoy A. Rudenko said it.", [("name", "A")]),
    ("He told TASS.", "He told Kyodo News, a rival.", [("name", "Kyodo News")]),
]


@pytest.mark.parametrize(("reference", "text", "expected"), MARK_CASES)
def test_marks_flag_names_numbers_dates_and_negations_only(
    reference: str, text: str, expected: list[tuple[str, str]]
) -> None:
    spans = marks(reference, text)
    assert "".join(s.text for s in spans) == " ".join(text.split())
    assert [(s.kind, s.text) for s in spans if s.kind] == expected


def test_a_framing_term_the_reference_does_not_use_is_marked(glossary: Glossary) -> None:
    spans = marks(
        "Sanctions stay while the war in Ukraine continues.",
        "Sanctions stay while the special military operation continues.",
        glossary,
    )
    assert [(s.kind, s.text) for s in spans if s.kind] == [
        ("framing", "special military operation")
    ]


def test_most_changed_words_of_the_sample_are_not_highlighted(report: Report) -> None:
    # The old rendering highlighted every changed word (most words of most sentences).
    changed = marked = 0
    for fact in report.facts:
        for m in fact.members:
            changed += sum(len(op.after.split()) for op in m.diff if op.tag != "equal")
            marked += sum(len(s.text.split()) for s in m.marks if s.kind)
    assert 0 < marked < 0.25 * changed, (marked, changed)


# -- conflicts with full dates ---------------------------------------------------------------

DATE_CASES = [
    ("on the 13th", "2024-11-21", "2024-11-13", "13 November 2024 (“the 13th”)"),
    ("on the 25th", "2024-11-21", "2024-10-25", "25 October 2024 (“the 25th”)"),
    ("on the 30th", "2024-01-05", "2023-12-30", "30 December 2023 (“the 30th”)"),
    ("on Nov. 12", "2024-11-19", "2024-11-12", "12 November 2024"),
    ("on 12 November 2023", "2024-01-01", "2023-11-12", "12 November 2023"),
    ("on December 30", "2024-01-02", "2023-12-30", "30 December 2023"),
    ("on the 13th", "", "day:13", "the 13th"),
    ("on March 3", "", "--03-03", "3 March"),
]


@pytest.mark.parametrize(("text", "published", "key", "shown"), DATE_CASES)
def test_conflicting_dates_are_given_in_full(
    text: str, published: str, key: str, shown: str
) -> None:
    assert full_dates(text, published) == [(key, shown)]


# -- quotes ------------------------------------------------------------------------------------

QUOTE_WORDS = [
    ("pressure", 1),
    ("unfriendly country", 2),
    ("厳しく対応", 2),
    ("we will respond harshly", 4),
    ("今後も厳しく対応していく", 6),
]


@pytest.mark.parametrize(("text", "words"), QUOTE_WORDS)
def test_quote_length_counts_cjk_characters_two_to_a_word(text: str, words: int) -> None:
    assert quote_words(text) == words


def test_scare_quotes_are_not_quotes_and_speakers_have_names(report: Report) -> None:
    renderings = [r for q in report.quotes for r in q.renderings]
    assert renderings and all(quote_words(r.english) >= 3 for r in renderings)
    assert "pressure" not in {r.english for r in renderings}
    assert "(unknown)" not in _terminal(report) and "(rudenko)" not in _terminal(report)
    assert "said by Andrey Rudenko" in _terminal(report)


# -- outlet ids --------------------------------------------------------------------------------

ID_CASES = [
    (
        [("/x/a/article.txt", "article"), ("/x/b/article.txt", "article")],
        ["a/article", "b/article"],
    ),
    (
        [("/x/one/articles/s.html", "s"), ("/x/two/articles/s.html", "s")],
        ["one/articles/s", "two/articles/s"],
    ),
    ([("/x/d/a.txt", "a"), ("/x/d/a.txt", "a")], ["d/a", "d/a#2"]),
    ([("/x/a.txt", "a"), ("/x/b.txt", "b")], ["a", "b"]),
    # a made name another article has already (a JSON id may hold a slash) is numbered
    (
        [("/x/a/x.txt", "x"), ("/x/b/x.txt", "x"), ("/x/c.json", "a/x")],
        ["a/x#2", "b/x", "a/x"],
    ),
    (
        [("/x/d/a.txt", "a"), ("/x/d/a.txt", "a"), ("/x/e.json", "d/a#2")],
        ["d/a", "d/a#2#2", "d/a#2"],
    ),
]


@pytest.mark.parametrize(("items", "expected"), ID_CASES)
def test_ids_are_made_unique_from_the_path(
    items: list[tuple[str, str]], expected: list[str]
) -> None:
    assert unique_ids(items) == expected
    assert len(set(expected)) == len(items)


def _json_report(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["compare", *args, "--format", "json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_same_named_files_in_different_folders_are_different_outlets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder, name in (("a", "meridian-post.txt"), ("b", "vostochnoe-obozrenie.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(ARTICLES / name, tmp_path / folder / "article.txt")
    data = _json_report([str(tmp_path / "a"), str(tmp_path / "b"), "--memory", str(MEMORY)], capsys)
    outlets = data["outlets"]
    assert isinstance(outlets, list)
    assert [o["id"] for o in outlets] == ["a/article", "b/article"]
    assert data["facts"]  # they share facts, as the originals do


def test_two_bundles_with_the_same_ids_stay_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("one", "two"):
        shutil.copytree(SAMPLES, tmp_path / name)
    data = _json_report([str(tmp_path / "one"), str(tmp_path / "two")], capsys)
    ids = [o["id"] for o in data["outlets"]]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids)) == 12
    assert "one/articles/hokuyo-nippo" in ids and "two/articles/hokuyo-nippo" in ids
    assert data["event"]["text"] == load_manifest(SAMPLES).event  # type: ignore[index]


# -- the command ------------------------------------------------------------------------------

FORMAT_CASES = [
    ("report.json", lambda t: json.loads(t)["schema"] == "xlate-compare/1"),
    ("report.md", lambda t: t.startswith("# Japan keeps")),
    ("report.HTML", lambda t: t.startswith("<!DOCTYPE html>")),
    ("report.txt", lambda t: "Shared facts" in t and "<" not in t.splitlines()[0]),
]


@pytest.mark.parametrize(("name", "check"), FORMAT_CASES)
def test_the_format_follows_the_out_files_extension(
    tmp_path: Path, name: str, check: object
) -> None:
    out = tmp_path / name
    assert main(["compare", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
    assert callable(check) and check(out.read_text(encoding="utf-8"))


def test_format_given_wins_over_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["compare", str(SAMPLES), "--out", str(out), "--format", "md", "--no-cache"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "no" / "such", ": no such file or folder"),
        (lambda p: p, ": no article files in this folder"),
    ],
)
def test_a_missing_path_or_a_folder_without_articles_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    assert callable(make)
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    path = make(tmp_path)
    assert main(["compare", str(path), "--no-cache"]) == 1  # nothing else to compare
    err = capsys.readouterr().err
    assert f"{path}{message}" in err
    assert "unsupported file type" not in err


def test_a_folder_without_articles_among_others_is_passed_over_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert main(["compare", str(tmp_path), str(SAMPLES), "--format", "json", "--no-cache"]) == 0
    captured = capsys.readouterr()
    passed = json.loads(captured.out)["passed_over"]
    assert {"path": f"{tmp_path}/", "reason": "no article files in it"} in passed
    assert "passed over 2: notes.csv unsupported, " in captured.err


def test_translate_outputs_are_compared_without_translating_again(
    tmp_path: Path, report: Report, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "translated"
    assert main(["translate", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
    assert (out / "xlate-report.json").is_file()
    capsys.readouterr()
    # --engine argos with no model installed: any sentence sent to translation would fail.
    data = _json_report([str(out), "--engine", "argos"], capsys)
    facts = {
        tuple(sorted((m["outlet"], m["index"]) for m in f["members"]))  # type: ignore[index]
        for f in data["facts"]  # type: ignore[attr-defined]
    }
    expected = {tuple(sorted((m.outlet, m.index) for m in f.members)) for f in report.facts}
    assert facts == expected
    names = {o["name_english"] for o in data["outlets"]}  # type: ignore[attr-defined]
    assert "Hokuyo Nippo" in names


def test_a_broken_translate_output_is_named_and_the_rest_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "translated"
    assert main(["translate", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
    broken = out / "toto-shinpo.en.json"
    data = json.loads(broken.read_text(encoding="utf-8"))
    del data["sentences"][0]["translation"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["compare", str(out), "--format", "json", "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert f"{broken}: not a complete xlate translation" in captured.err
    assert len(json.loads(captured.out)["outlets"]) == 5


def test_untranslated_records_of_a_translate_output_are_left_out_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A partial translate output keeps its uncovered sentences' source text under engine
    "none": compare must not take that Russian or Japanese text for English."""
    out = tmp_path / "translated"
    assert main(["translate", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
    partial = out / "toto-shinpo.en.json"
    data = json.loads(partial.read_text(encoding="utf-8"))
    for row in data["sentences"][:2]:
        row.update(translation=row["source"], engine="none", flags=["untranslated"])
    partial.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    report = _json_report([str(out), "--engine", "argos"], capsys)
    [outlet] = [o for o in report["outlets"] if o["id"] == data["article"]["id"]]  # type: ignore[index, attr-defined]
    assert outlet["partial"] is True and outlet["untranslated"] == 2
    assert outlet["sentences"] == len(data["sentences"]) - 2
    sources = {m["english"] for f in report["facts"] for m in f["members"]}  # type: ignore[index, attr-defined]
    assert not {row["source"] for row in data["sentences"][:2]} & sources


# -- the pager ---------------------------------------------------------------------------------


def _in_a_terminal(
    tmp_path: Path,
    *args: str,
    env: dict[str, str],
    command: str = "compare",
    rows: int = 40,
    paths: tuple[Path, ...] = (SAMPLES,),
) -> tuple[str, str]:
    """Run a command (compare, on the sample) with stdout on a pseudo-terminal 100 columns
    wide; what the pager got (the PAGER writes its input to a file) and what reached the
    terminal."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    paged = tmp_path / "paged.txt"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    full_env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "PYTHONPATH": str(ROOT),
        "PAGER": shlex.join([sys.executable, "-c", WRITE_STDIN, str(paged)]),
        **env,
    }
    cmd = [sys.executable, "-m", "xlate", command, *map(str, paths), "--no-cache", *args]
    proc = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.PIPE, env=full_env)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    os.close(master)
    return (paged.read_text(encoding="utf-8") if paged.exists() else ""), shown.decode(
        "utf-8", "replace"
    )


WRITE_STDIN = "import sys; open(sys.argv[1], 'w', encoding='utf-8').write(sys.stdin.read())"
COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m")


def test_a_tall_report_opens_in_the_pager_with_colours(tmp_path: Path) -> None:
    paged, shown = _in_a_terminal(tmp_path, env={})
    assert "Shared facts" in paged and "Shared facts" not in shown
    assert COLOUR.search(paged)


def test_no_color_pages_without_colours(tmp_path: Path) -> None:
    paged, _ = _in_a_terminal(tmp_path, env={"NO_COLOR": "1"})
    assert "Shared facts" in paged and not COLOUR.search(paged)


def test_no_pager_prints_straight_to_the_terminal(tmp_path: Path) -> None:
    paged, shown = _in_a_terminal(tmp_path, "--no-pager", env={})
    assert paged == "" and "Shared facts" in shown


def test_a_tall_events_listing_pages_as_the_report_does(tmp_path: Path) -> None:
    # a trial: `xlate events ... --no-pager` was refused, compare's option
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    paged, shown = _in_a_terminal(tmp_path / "a", env={}, command="events", rows=8)
    assert "E1" in paged and "E1" not in shown
    paged, shown = _in_a_terminal(tmp_path / "b", "--no-pager", env={}, command="events", rows=8)
    assert paged == "" and "E1" in shown


def test_a_tall_history_pages_as_the_report_does(tmp_path: Path) -> None:
    # a trial: `xlate history ... --no-pager` was refused ("did you mean --no-cache?")
    versions = []
    for n, said in enumerate(["rose by 3%", "fell by 4%"], 1):
        (tmp_path / f"v{n}").mkdir()
        versions.append(tmp_path / f"v{n}" / "story.txt")
        versions[-1].write_text(
            f"Exports {said} in May, the ministry said. Officials met on Monday.\n",
            encoding="utf-8",
        )
    for option, where in (("--engine=identity", "paged"), ("--no-pager", "shown")):
        (tmp_path / where).mkdir()
        paged, shown = _in_a_terminal(
            tmp_path / where, option, "--engine", "identity", env={}, command="history",
            rows=4, paths=tuple(versions),
        )  # fmt: skip
        assert ("fell by 4%" in paged) == (where == "paged")
        assert ("fell by 4%" in shown) == (where == "shown")


@pytest.mark.parametrize("name", ["markdown", "Markdown", "MD"])
def test_format_takes_markdown_as_out_takes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # a trial: --out x.markdown was taken, --format markdown refused
    from xlate.cli.main import main

    out = tmp_path / "x.txt"
    assert main(["events", str(SAMPLES), "--format", name, "--out", str(out), "--no-cache"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("command", ["compare", "events"])
def test_an_item_of_a_feed_left_out_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A trial: "left out: feed.rss: no sentence could be translated" where one of its two
    items was left out and the other compared."""
    from xlate.cli.main import main

    items = [
        ("Japan keeps sanctions", "Japan will keep its sanctions on Russia, the minister said."),
        ("岩屋外相、対ロ制裁を継続", "岩屋外相は火曜日、対ロシア制裁を継続すると述べた。"),
    ]
    feed = "".join(
        f"<item><title>{t}</title><link>https://wire.example/{k}</link>"
        f"<description><![CDATA[<p>{d}</p><p>{d}</p>]]></description></item>"
        for k, (t, d) in enumerate(items)
    )
    (tmp_path / "feed.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{feed}</channel></rss>',
        encoding="utf-8",
    )
    other = str(SAMPLES / "articles" / "meridian-post.txt")
    argv = [command, str(tmp_path / "feed.rss"), other, "--engine", "identity", "--no-cache"]
    assert main([*argv, "--format", "json"]) == 1
    [left] = json.loads(capsys.readouterr().out)["left_out"]
    assert left["reason"].startswith("article feed-2 (岩屋外相、対ロ制裁を継続): no sentence")
    if command == "events":  # its headline counted the article as a file left out
        shown = [command, str(tmp_path / "feed.rss"), other, "--engine", "identity"]
        assert main([*shown, "--no-cache", "--no-pager", "--width", "200"]) == 1
        assert "0 in no event, 1 article left out" in capsys.readouterr().out


def test_an_outlet_in_no_event_shows_no_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial: an outlet in no event showed "0%" and nothing it lacks, as if it lacked
    nothing; it is "in no event" in every format's table."""
    from xlate.cli.main import main

    other = tmp_path / "floods.txt"
    other.write_text(
        "Heavy rain flooded several districts of Manila on Monday, officials said.\n\n"
        "Thousands of residents were moved to shelters as rivers rose overnight.\n\n"
        "Schools in the capital were closed until Wednesday, the ministry said.\n",
        encoding="utf-8",
    )
    for fmt, row in (("md", "| floods | en |  | in no event |"), ("terminal", "in no event")):
        out = tmp_path / f"report.{'md' if fmt == 'md' else 'txt'}"
        argv = ["compare", str(SAMPLES), str(other), "--no-cache", "--out", str(out)]
        assert main([*argv, "--format", fmt, "--width", "100"]) == 0
        rows = [line for line in out.read_text(encoding="utf-8").splitlines() if "floods" in line]
        assert any(row in line for line in rows), rows
    page = tmp_path / "report.html"
    assert main(["compare", str(SAMPLES), str(other), "--no-cache", "--out", str(page)]) == 0
    assert "in no event" in page.read_text(encoding="utf-8")


def test_a_conflict_groups_the_outlets_that_agree(report: Report) -> None:
    said = "A: 13 November 2024 (“the 13th”); B, C, D, E, F: 12 November 2024 (E: “the 12th”)"
    assert said in _unwrapped(_terminal(report, 120))
    assert said in render_markdown(report)


def _ecb_reports(glossary: Glossary, tmp_path: Path, count: int) -> list[Report]:
    """Reports on ``count`` real ECB+ events (four English documents each, one per outlet)."""
    docs: dict[str, list[dict[str, object]]] = {}
    with shared_data("events", "ecbplus.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            docs.setdefault(doc["subtopic"], []).append(doc)
    reports = []
    for sub in sorted(docs)[::6][:count]:
        folder = tmp_path / sub
        folder.mkdir()
        for doc in docs[sub][:4]:
            text = " ".join(str(s) for s in doc["sentences"])  # type: ignore[attr-defined]
            (folder / f"{doc['doc']}.txt").write_text(text + "\n", encoding="utf-8")
        outlets, _ = prepare_outlets([str(folder)], build_chain("identity"), glossary)
        reports.append(build_report(outlets, glossary=glossary))
    return reports


@pytest.mark.shared
def test_on_real_news_few_changed_words_are_marked_and_the_summary_stays_short(
    glossary: Glossary, tmp_path: Path
) -> None:
    changed = marked = 0
    for report in _ecb_reports(glossary, tmp_path, 15):
        assert len(report.summary) < 700, report.summary
        for fact in report.facts:
            for m in fact.members:
                changed += sum(len(op.after.split()) for op in m.diff if op.tag != "equal")
                marked += sum(len(s.text.split()) for s in m.marks if s.kind)
    assert 0 < marked < 0.25 * changed, (marked, changed)


@pytest.mark.parametrize("pager", ['less "-R', " ", "/no/such/pager"])
def test_a_pager_that_cannot_run_leaves_the_report_on_stdout(
    pager: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from io import StringIO

    from xlate.render.pager import page as _page

    monkeypatch.setenv("PAGER", pager)
    out = StringIO()
    _page("the report\n", out)
    assert out.getvalue() == "the report\n"


# -- conflicts: one number written two ways is one number ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10,000 troops", {"10000"}),
        ("10000 troops", {"10000"}),
        ("1,234,567 people", {"1234567"}),
        ("10 000 people", {"10000"}),  # Russian grouping kept by MT
        ("10\u00a0000 people", {"10000"}),
        ("10\u202f000 people", {"10000"}),
        ("a $1.5bn package", {"1.5"}),
        ("1,5 million", {"1.5"}),
        ("a 200km range", {"200"}),
        ("on November 12, 2024, 5 died", {"day:12", "2024", "5"}),
    ],
)
def test_numbers_are_normalised_for_comparison(text: str, expected: set[str]) -> None:
    assert dates_and_numbers(text) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Police said 10,000 people marched.", "Police said 10000 people marched.", {}),
        ("Police said 10,000 people marched.", "Police said 10 000 people marched.", {}),
        ("It costs $1,234,567.", "It costs 1 234 567 dollars.", {}),
        ("A 200km range.", "A range of 200 km.", {}),
        (
            "Police said 10,000 people marched.",
            "Police said 12,000 people marched.",
            {"number": {"a": ["10,000"], "b": ["12,000"]}},
        ),
        ("A $1.5bn package.", "A $2bn package.", {"money (USD)": {"a": ["$1.5bn"], "b": ["$2bn"]}}),
        # the issue's: the same fact, different numbers, each a value of the same kind
        (
            "Agents found 17 undocumented immigrants in a truck yesterday.",
            "Agents found 18 illegal Mexican immigrants in a truck on Wednesday.",
            {"number": {"a": ["17"], "b": ["18"]}},
        ),
        (
            "It will cost $2.3bn.",
            "It will cost $4.4bn.",
            {"money (USD)": {"a": ["$2.3bn"], "b": ["$4.4bn"]}},
        ),
        (
            "Sales rose 5% in 2022.",
            "Sales rose 7 percent in 2022.",
            {"percent": {"a": ["5%"], "b": ["7 percent"]}},
        ),
        (
            "The law of 2021 stands.",
            "The law of 2022 stands.",
            {"year": {"a": ["2021"], "b": ["2022"]}},
        ),
        # a slot with a value both give and one each gives otherwise: those two conflict
        (
            "It gave five thousand dollars, then 20 thousand dollars.",
            "It gave five thousand dollars, then 21 thousand dollars.",
            {"money (USD)": {"a": ["20 thousand dollars"], "b": ["21 thousand dollars"]}},
        ),
        (
            "The Swedish 18-year-old studies in England.",
            "The Swedish 19 year old studies in England.",
            {"age": {"a": ["18-year-old"], "b": ["19 year old"]}},
        ),
        # the same value written otherwise: no conflict
        ("Police made four arrests.", "Police made 4 arrests.", {}),
        ("It is the No. 2 carrier.", "It is the second-biggest carrier.", {}),
        ("It will cost $2.3bn.", "It will cost 2.3 billion dollars.", {}),
        ("It will cost $2.3bn.", "It will cost 2.3 billion.", {}),
        # a number on one side only, or beside a shared one, is extra detail
        ("A glazed doughnut has 4 grams of fat.", "A glazed doughnut is fatty.", {}),
        ("The 2 ships and 3 planes left.", "The 3 planes left.", {}),
        ("It has 4 grams of fat, 2 of them saturated.", "It has 4 grams of fat.", {}),
    ],
)
def test_conflicts_are_only_values_of_a_kind_that_differ(
    first: str, second: str, expected: dict[str, dict[str, list[str]]]
) -> None:
    members = [Member("a", 0, first, first, "en"), Member("b", 0, second, second, "en")]
    assert fact_values(members)[0] == expected  # the conflicts; [1] is the extra detail


@pytest.mark.parametrize(
    ("first", "second", "extra"),
    [
        (
            "A glazed doughnut has 4 grams of fat.",
            "A glazed doughnut is fatty.",
            {"a": ["4 grams"]},
        ),
        ("The 2 ships and 3 planes left.", "The 3 planes left.", {"a": ["2"]}),
        ("It is 200km long, built in 2019.", "It is 200 km long.", {"a": ["2019"]}),
        ("Talks between the two countries stalled.", "Talks stalled.", {}),  # not a count
        ("It will cost $2.3bn.", "It will cost $4.4bn.", {}),  # a conflict, not extra detail
        ("5G phones sold well.", "Phones sold well.", {}),  # a name, not 5 grams
        # a trial: "F one", where the other outlet wrote "a man"
        ("Police said one man was arrested.", "Police said a man was arrested.", {}),
        ("Police said 1 man was arrested.", "Police said a man was arrested.", {"a": ["1"]}),
    ],
)
def test_a_value_one_side_only_gives_is_extra_detail(
    first: str, second: str, extra: dict[str, list[str]]
) -> None:
    members = [Member("a", 0, first, first, "en"), Member("b", 0, second, second, "en")]
    assert fact_values(members)[1] == extra


def test_quotes_take_memory_by_their_own_length_not_the_longest_ones() -> None:
    """A 200,000-character sentence quoted in its source (a paragraph with no sentence end)
    among 300 short quotes: the wordings compared once each, without padding every one to
    the longest (np.unique's fixed-width array took 240 MB here)."""
    import tracemalloc

    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.quotes import find_quotes

    def outlet(name: str, texts: list[tuple[str, str]]) -> Outlet:
        sentences = tuple(
            OutletSentence(name, k, source, english, "ru", "memory", ())
            for k, (source, english) in enumerate(texts)
        )
        return Outlet(name, name, "ru", "", "", "", sentences)

    said = [
        (f"«Мы ответим жёстко, {k}», — заявил он.", f'"We will respond harshly {k}," he said.')
        for k in range(150)
    ]
    long = ("«Москва продолжит отвечать на шаги Токио», — сказал он.", "word " * 40_000)
    outlets = [outlet("a", [long, *said]), outlet("b", said)]
    tracemalloc.start()
    found = find_quotes(outlets)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(found) >= 150  # each quote of a found in b
    assert peak < 60 * 2**20, f"{peak / 2**20:.0f} MB"


def test_quotes_are_grouped_by_their_wording_not_by_the_fact_rules() -> None:
    """Quotes cluster on fuzzy ratios of their words: the term rules of facts (no link on one
    shared thing, the second look) do not apply to them."""
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.quotes import find_quotes

    def outlet(name: str, source: str, english: str) -> Outlet:
        sentence = OutletSentence(name, 0, source, english, "ru", "memory", ())
        return Outlet(name, name, "ru", "", "", "", (sentence,))

    found = find_quotes(
        [
            outlet("a", "«Это провокация», — сказал он.", '"This is a provocation," he said.'),
            outlet(
                "b", "«Это их провокация», — сказал он.", '"It is a provocation by them," he said.'
            ),
        ]
    )
    assert [sorted(r.outlet for r in q.renderings) for q in found] == [["a", "b"]]


def _quoting(lang: str, *said: str) -> list[list[str]]:
    """The outlets of each quote found, one outlet per quote given, its sentence in ``lang``
    (``en``: the outlet's own English; else a translation)."""
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.quotes import find_quotes

    outlets = [
        Outlet(name, name, lang, "", "", "", (OutletSentence(name, 0, q, q, lang, "memory", ()),))
        for name, q in zip("abcdef", said, strict=False)
    ]
    return [sorted(r.outlet for r in q.renderings) for q in find_quotes(outlets)]


@pytest.mark.parametrize(
    ("lang", "a", "b", "joined"),
    [
        # a trial on ECB+: two English outlets quoting two people on one story were one quote;
        # outlets quoting the same English words write them nearly word for word
        (
            "en",
            '"We are thrilled to welcome her as the host of this year\'s show," he said.',
            '"I am so excited to be hosting the show this year, it is a dream," she said.',
            False,
        ),
        (
            "en",
            '"The team played hard all night and never gave up on the game," he said.',
            '"We knew the game would be hard, but the fans never stopped cheering," he said.',
            False,
        ),
        (
            "en",
            '"We will not accept any attempt to change borders by force," he said.',
            '"We will never accept any attempt to change the borders by force," he said.',
            True,
        ),
        (  # an altered quote is still the quote, for the report to mark
            "en",
            '"It should be large enough to cause an increase in support for Ukraine," he said.',
            '"It should be small enough to avoid a decrease in support for Ukraine," he said.',
            True,
        ),
        # translations: token_set_ratio alone compared two quotes that share no word as
        # strings of characters (45 here)
        (
            "ru",
            '"There was nobody in the streets at all," she said.',
            '"We will stand until the end of the strike," he said.',
            False,
        ),
        (
            "ru",
            '"This is a provocation, and we will respond," he said.',
            '"It is a provocation by them, and there will be a response," he said.',
            True,
        ),
    ],
)
def test_quotes_join_on_shared_words_and_english_ones_nearly_word_for_word(
    lang: str, a: str, b: str, joined: bool
) -> None:
    assert _quoting(lang, a, b) == ([["a", "b"]] if joined else [["a"], ["b"]])


@pytest.mark.parametrize(
    ("a", "b", "original", "apart"),
    [
        # a trial: one official's three different quotes, one an outlet, were one fact
        (
            '"We have a need to bring on more providers," said NASA official Steve Clarke.',
            '"Buying rides to the Moon is how we do science now," NASA official Steve Clarke said.',
            True,
            True,
        ),
        (  # one statement, two outlets' words
            '"We will not accept any attempt to change borders by force," the minister said.',
            '"We will never accept any attempt to change the borders by force," he said.',
            True,
            False,
        ),
        (  # translations quote one statement in other words
            '"This is a provocation, and we will respond," the minister said.',
            '"It is a provocation by them, and there will be a response," he said.',
            False,
            False,
        ),
        ("The minister spoke on Monday.", '"We will respond," the minister said.', True, False),
    ],
)
def test_sentences_that_quote_different_statements_are_no_fact(
    a: str, b: str, original: bool, apart: bool
) -> None:
    from xlate.compare.prepare import quotes
    from xlate.compare.terms import Unit, quotes_apart

    ua = Unit("a", 0, a, frozenset(), quotes(a), original)
    ub = Unit("b", 0, b, frozenset(), quotes(b), original)
    assert quotes_apart(ua, ub) is apart


def test_an_officials_two_quotes_in_two_outlets_are_two_facts() -> None:
    from xlate.compare.prepare import OutletSentence

    said = {
        "a": [
            '"We have a need to bring on more providers for lunar deliveries," said NASA '
            "associate administrator Steve Clarke on Monday.",
            "NASA added five companies to its lunar delivery program on Monday.",
        ],
        "b": [
            '"Buying rides to the Moon is how we will do our science now," said NASA '
            "associate administrator Steve Clarke on Monday.",
            "NASA added five companies to its program of lunar deliveries on Monday.",
        ],
    }
    outlets = [
        Outlet(o, o, "en", "", "", "", tuple(
            OutletSentence(o, i, t, t, "en", "", ()) for i, t in enumerate(texts)
        ))
        for o, texts in said.items()
    ]  # fmt: skip
    facts = [{(m.outlet, m.index) for m in f.members} for f in build_report(outlets).facts]
    assert any({("a", 1), ("b", 1)} <= f for f in facts)
    assert not any({("a", 0), ("b", 0)} <= f for f in facts)  # the two quotes: no fact


def test_two_quotes_of_one_outlet_on_one_subject_stay_two_quotes() -> None:
    """A trial on WMT22 (a G7 statement and Borrell's words, five renderings of each):
    "Q1: 5 outlets, speakers differ" held both quotes, two of each outlet."""
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.quotes import find_quotes

    renderings = [
        (
            '"Russia should have no doubt that further military aggression against Ukraine '
            'will have serious consequences," the statement said.',
            "Borrell said the ministers were \"united in their condemnation of Russia's "
            'military build-up and aggressive rhetoric towards Ukraine."',
        ),
        (
            '"Russia should not doubt that further military aggression against Ukraine will '
            'have serious implications," the statement said.',
            'Borrell said they were "the only one in their condemnation of Russian armed '
            'reinforcement and aggressive rhetoric against Ukraine."',
        ),
    ]
    outlets = [
        Outlet(
            name,
            name,
            "en",
            "",
            "",
            "",
            # MT renderings of Russian (WMT22): translations, not the outlets' own English
            tuple(OutletSentence(name, i, s, s, "ru", "memory", ()) for i, s in enumerate(pair)),
        )
        for name, pair in zip("ab", renderings, strict=True)
    ]
    found = find_quotes(outlets)
    assert [(q.outlets, len(q.renderings)) for q in found] == [(("a", "b"), 2), (("a", "b"), 2)]
    assert {r.english[:6] for r in found[0].renderings} != {
        r.english[:6] for r in found[1].renderings
    }


def test_a_quote_an_outlet_renders_twice_counts_that_outlet_once() -> None:
    # a trial: "Q1: 3 outlets" in a pile of two, one of them quoting the words twice
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.quotes import find_quotes

    said = '"We will not accept any attempt to change borders by force," the minister said.'
    again = 'As he put it, "we will not accept any attempt to change borders by force."'
    a = Outlet(
        "a",
        "a",
        "en",
        "",
        "",
        "",
        tuple(
            OutletSentence("a", i, s, s, "en", "identity", ()) for i, s in enumerate([said, again])
        ),
    )
    b = Outlet(
        "b", "b", "en", "", "", "", (OutletSentence("b", 0, said, said, "en", "identity", ()),)
    )
    [quote] = find_quotes([a, b])
    assert len(quote.renderings) == 3 and quote.outlets == ("a", "b")
    from xlate.render.markdown import render_markdown

    assert "### Q1: 2 outlets," in render_markdown(build_report([a, b]))


def test_quotes_join_only_renderings_of_one_events_outlets() -> None:
    # a trial: an Egyptian official's "as soon as we understand exactly what happened" and a
    # Greek minister's words, of two events of one pile, were one quote
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.quotes import find_quotes

    said = '"We will not accept any attempt to change borders by force," the minister said.'

    def outlet(name: str) -> Outlet:
        sentence = OutletSentence(name, 0, said, said, "en", "identity", ())
        return Outlet(name, name, "en", "", "", "", (sentence,))

    pile = [outlet(o) for o in "abcd"]
    assert [q.outlets for q in find_quotes(pile)] == [("a", "b", "c", "d")]
    two = find_quotes(pile, [("a", "b"), ("c", "d")])
    assert sorted(q.outlets for q in two) == [("a", "b"), ("c", "d")]
    alone = find_quotes(pile, [("a", "b", "c")])  # d is in no event: its quote is its own
    assert sorted(q.outlets for q in alone) == [("a", "b", "c"), ("d",)]
    assert [q.outlets for q in find_quotes(pile, [])] == [("a",), ("b",), ("c",), ("d",)]


@pytest.mark.parametrize(
    ("english", "speaker"),
    [
        ('"It spreads fast," said Professor Malik Peiris, a virologist.', "Professor Malik Peiris"),
        ('"Russia was occupying," Melnyk said.', "Melnyk"),
        ('"We will respond," he said on Tuesday.', ""),  # the name came earlier
        ('"No comment," said Tuesday\'s statement.', ""),
        ('"A b c d," U.S. President Joe Biden said.', "U.S. President Joe Biden"),
        ('The ministers echoed Biden\'s call "to de-escalate the crisis now".', ""),
        # a review: the words that open a clause, a possessive, "of", acronyms, titles
        ('But Melnyk said "we were occupied".', "Melnyk"),
        ('On Tuesday Lavrov said "we will respond".', "Lavrov"),
        ('Russia\'s Lavrov said "we will respond".', "Lavrov"),
        ('The Ministry of Defence said "no troops moved".', "Ministry of Defence"),
        ('New York Governor Kathy Hochul said "we are ready".', "New York Governor Kathy Hochul"),
        ('"Talks are over," NATO said.', "NATO"),
        ('"Talks are over," said Mr. Putin.', "Mr. Putin"),
        ('"Talks are over," said Biden\'s spokesman.', ""),
        ('"Talks are over," Lavrov told Blinken.', "Lavrov"),  # not the listener
        ('Rudenko said Russia would "continue to respond firmly".', "Rudenko"),  # the sample
        # a trial: the quote's own last word, a place ahead of the name, a clause's subject
        ('"We will not accept it, Mr. Blinken," said Lavrov in Moscow.', "Lavrov"),
        ('"No," said Lavrov.', "Lavrov"),
        ('In Moscow Lavrov said "we will respond".', "Lavrov"),
        ('At the UN Security Council Nebenzia said "we will respond".', "Nebenzia"),
        ('From Kyiv President Zelensky said "we hold the line".', "President Zelensky"),
        ('In Moscow Foreign Minister Sergei Lavrov said "no".', "Foreign Minister Sergei Lavrov"),
        ('A spokeswoman for City Hospital said "three were hurt".', ""),
        # a review: a person after the opening preposition, a list of speakers
        ('Under President Putin Russia said "we will respond".', ""),
        ('Under Putin Russia said "we will respond".', "Russia"),
        ('"The deal holds," Britain, France and Germany, the three signatories, said.', ""),
        ('"The deal holds," Britain, France and Germany said.', ""),
        ('He denied it, and Woodward said "I will not reveal the source".', "Woodward"),
        # a review: names with "and" in them, and a clause after a name and a comma
        (
            '"We will talk," Bosnia and Herzegovina\'s Foreign Minister Elmedin Konakovic said.',
            "Foreign Minister Elmedin Konakovic",
        ),
        ('He was Deep Throat, and Woodward said "I will not reveal it".', "Woodward"),
        ('The ministry said Russia would "respond in kind".', ""),
        ('Officials said: "We are ready to talk."', ""),
        ('"Gas will flow," the top EU official in Kyiv, said EU staff.', ""),
        ('"Gas will flow," the envoy in Kyiv, said Josep Borrell.', "Josep Borrell"),
        (
            "Troops fired on crowds in 100 cities, said Amnesty International on Tuesday.",
            "Amnesty International",
        ),
        # a trial: the name ahead of a description set off by commas, not the description's
        (
            '"Fifty were hurt," Ema Suryani, a doctor at the main hospital, told reporters.',
            "Ema Suryani",
        ),
        (
            'Maria Zakharova, representing the Foreign Ministry, said "the G7 erred".',
            "Maria Zakharova",
        ),
        ('The man was in Inner Mongolia, the news agency said, "and is isolated".', ""),
        ('Additionally, it should be noted that "the talks failed".', ""),
        # a review: a possessive or an age opens a description too
        (
            '"We will respond to the sanctions," Sergei Lavrov, Russia\'s foreign minister, said.',
            "Sergei Lavrov",
        ),
        ('Sergei Lavrov, 74, told reporters "we will respond".', "Sergei Lavrov"),
        # a trial: a lowercase role before the name after the verb; "writes"
        ('"Fifty were hurt," said doctor Ema Suryani to AFP.', "Ema Suryani"),
        ('"The case is isolated," writes the Associated Press.', "Associated Press"),
        (
            'She had "drugs" in her car, said Lt. Matt Harris, a police spokesman.',
            "Lt. Matt Harris",
        ),
        (
            '"Kind, gentle, loved the Lord, and she is home now," said Lois Scholz.',
            "Lois Scholz",
        ),
        ('The WHO head, Tedros Ghebreyesus, said "it spreads fast".', "Tedros Ghebreyesus"),
        # a trial: "said by Oscar"; an organisation's role before the name is not the name
        ('"We are thrilled," said Oscar producer Laurence Mark.', "Laurence Mark"),
        ('"We will respond," said Kremlin spokesman Dmitry Peskov on Tuesday.', "Dmitry Peskov"),
        ('"It was fun," said Amnesty International on Tuesday.', "Amnesty International"),
    ],
)
def test_a_quotes_own_sentence_names_its_speaker(english: str, speaker: str) -> None:
    from xlate.compare.quotes import attributed_speaker

    assert attributed_speaker(english) == speaker


def test_a_long_run_of_capitals_finds_no_speaker_in_linear_time() -> None:
    # a review: the name pattern backtracked, 4,000 characters of "AbCd" took 40 s
    from xlate.compare.quotes import attributed_speaker

    assert attributed_speaker("AbCd" * 25_000) == ""
    assert attributed_speaker('"We will not yield," said ' + "Ab " * 30_000) == "Ab Ab Ab Ab Ab"


def _tagged_outlet(name: str, texts: list[str]) -> tuple[Outlet, Glossary]:
    """An English outlet of ``texts``, its sentences tagged with the bundled glossary."""
    from xlate.compare.prepare import OutletSentence

    glossary = load_glossary([default_glossary_path()])[0]
    sentences = tuple(
        OutletSentence(name, i, t, t, "en", "identity", tuple(glossary.scan(t, "en")))
        for i, t in enumerate(texts)
    )
    return Outlet(name, name, "en", "", "", "", sentences), glossary


def test_the_speaker_named_at_the_quote_wins_over_a_glossary_name_before_it() -> None:
    # a trial: Melnyk's words were shown as Olaf Scholz's, named two sentences earlier
    from xlate.compare.quotes import find_quotes

    texts = [
        "Olaf Scholz met Joe Biden in Washington.",
        '"Russia was occupying our land for years," Melnyk said.',
        '"We stand with Ukraine and its people," Biden told reporters.',
    ]
    (a, glossary), (b, _) = _tagged_outlet("a", texts), _tagged_outlet("b", texts)
    quotes = find_quotes([a, b])
    speakers = {q.renderings[0].english[:12]: q.renderings[0].speaker for q in quotes}
    assert speakers["Russia was o"] == "Melnyk"
    biden = next(c for c in glossary.concepts if "Biden" in (c.preferred.get("en") or ""))
    assert speakers["We stand wit"] == biden.preferred["en"]  # the glossary's form of the name
    assert all(q.same_speaker for q in quotes)


def test_a_quote_nobody_is_said_to_say_is_given_to_no_one_named_earlier() -> None:
    # a trial: the G7 ministers' call "to de-escalate ..." was "said by Joe Biden", named
    # a sentence earlier; a statement's words were given to the Secretary of State
    from xlate.compare.quotes import _speaker

    texts = [
        "Joe Biden spoke with Olaf Scholz on Monday.",
        '"We will respond firmly to any sanctions," he said.',
        '"Our interests alone guide us," the agency quoted the diplomat as saying.',
        '"We will not tolerate new sanctions," an official told her.',  # her: the listener
        'The G7 ministers called on Russia "to de-escalate and pursue diplomatic channels".',
        'The statement said the navy had "seized a substantial cache of arms".',
        'The statement said the talks with Lavrov had been "constructive and useful".',
    ]
    outlet, glossary = _tagged_outlet("a", texts)
    biden = next(c for c in glossary.concepts if "Biden" in (c.preferred.get("en") or ""))
    assert _speaker(outlet, 1) == _speaker(outlet, 2) == biden.preferred["en"]
    assert [_speaker(outlet, i) for i in (3, 4, 5, 6)] == ["", "", "", ""]


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        (  # a trial: "A says three; C says 50, the other says five": which other?
            {"a": ["three"], "c": ["50"], "d": ["five"]},
            "Conflict in F5 (number): A says three; C says 50; D says five.",
        ),
        (
            {"a": ["13 November"], "b": ["12 November"], "c": ["12 November"]},
            "Conflict in F5 (date): A says 13 November, the other 2 say 12 November.",
        ),
        (
            {"a": ["5"], "b": ["5"], "c": ["6"], "d": ["6"], "e": ["6"]},
            "Conflict in F5 (number): A and B say 5, the other 3 say 6.",
        ),
        (  # a review: a tie is no majority either
            {"a": ["three"], "b": ["three"], "c": ["five"], "d": ["five"]},
            "Conflict in F5 (number): A and B say three; C and D say five.",
        ),
        (  # a trial: "says 4:43 a.m.." ended the sentence twice
            {"a": ["7:48 a.m."], "b": ["4:43 a.m."]},
            "Conflict in F5 (number): A says 7:48 a.m.; B says 4:43 a.m.",
        ),
    ],
)
def test_a_conflict_names_every_outlet_when_no_value_has_most(
    values: dict[str, list[str]], sentence: str
) -> None:
    from xlate.compare.summary import _conflict_sentence

    kind = "date" if "November" in str(values) else "number"
    names = {o: o.upper() for o in values}
    assert _conflict_sentence("F5", kind, values, names) == sentence


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a trial: the words between two titles, and between two scare quotes, were quotes
        (
            'He starred in the "X-Men" franchise, including the upcoming "Wolverine" film, '
            'and as a vampire hunter in "Van Helsing".',
            ("Wolverine", "Van Helsing"),
        ),
        ('Early results: 3.51% voted "for" independence and 96.49% "against".', ()),
        ('По данным, "за" независимость проголосовали 3,51%, "против" - 96,49%.', ()),
        ('He said: "We will win, whatever it costs."', ("We will win, whatever it costs.",)),
        ("«Мы победим», — сказал он. 「日本は」「強い国だ」と述べた", ("Мы победим", "強い国だ")),
    ],
)
def test_quotation_marks_pair_left_to_right_whatever_their_length(
    text: str, said: tuple[str, ...]
) -> None:
    from xlate.compare.prepare import quotes

    assert quotes(text) == said


@pytest.mark.parametrize(
    ("speakers", "same"),
    [
        (["U.S. Attorney James Kennedy Jr.", "Kennedy"], True),  # a trial: "speakers differ"
        (["Zoghlin", ""], True),  # a name and none: nothing says they differ
        (["", ""], True),
        (["Sergey Lavrov", "Maria Zakharova"], False),
        (["Edward J. Markey D-Mass", "Markey"], True),
    ],
)
def test_a_quotes_speakers_agree_unless_two_names_differ(speakers: list[str], same: bool) -> None:
    from xlate.compare.report import Quote, Rendering

    said = zip("ab", speakers, strict=True)
    quote = Quote("Q1", tuple(Rendering(o, 0, "words", "", s) for o, s in said))
    assert quote.same_speaker is same


def test_a_title_in_quotation_marks_is_a_name_not_a_quote() -> None:
    # a trial: the scare-quoted "Ring of Fire" was a quote of 6 outlets, speaker not named
    from xlate.compare.quotes import _is_quote

    assert not _is_quote("Ring of Fire") and not _is_quote("Fewest Steps to the Moon")
    assert _is_quote("we will respond harshly") and _is_quote("I am here")


def test_a_forbidden_rendering_is_a_row_of_the_names_table() -> None:
    """A trial: three outlets writing "Kiev" were counted nowhere in the names table, which
    showed Kyiv only for the two outlets writing it."""
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.report import report_json
    from xlate.glossary.load import default_glossary_path, load_glossary

    glossary = load_glossary([default_glossary_path()])[0]
    text = "Such a development will deepen the crisis that {} may face in 2023."

    def outlet(name: str, city: str) -> Outlet:
        english = text.format(city)
        found = tuple(glossary.scan(english, "en"))
        sentence = OutletSentence(name, 0, english, english, "en", "identity", found)
        return Outlet(name, name, "en", "", "", "", (sentence,))

    pile = [outlet("a", "Kyiv"), outlet("b", "Kyiv"), outlet("c", "Kiev"), outlet("d", "kiev")]
    report = build_report(pile, glossary=glossary)
    rows = {(r.concept, r.forbidden): dict(r.counts) for r in report.concepts}
    assert rows[("kyiv", "")] == {"a": 1, "b": 1}
    assert rows[("kyiv", "Kiev")] == {"c": 1, "d": 1}
    # the forbidden form's row comes right after its concept's, whatever the counts
    order = [(r.concept, r.forbidden) for r in report.concepts]
    assert order[order.index(("kyiv", "")) + 1] == ("kyiv", "Kiev")
    [kiev] = [c for c in report_json(report)["concepts"] if c["forbidden"]]
    assert (kiev["english"], kiev["forbidden"]) == ("Kyiv", "Kiev")
    from xlate.render.markdown import render_markdown

    assert "Kiev (forbidden form)" in render_markdown(report)


@pytest.mark.parametrize(
    ("reference", "text", "opposites"),
    [
        (  # a trial: the altered quote of five renderings went unmarked
            "Sanctions should be large enough to cause an increase in support for the army.",
            "Sanctions should be small enough to avoid a decrease in support for the army.",
            ["small", "decrease"],
        ),
        ("The cold air stayed above the town.", "The cold air stayed below the town.", ["below"]),
        (  # a fourth trial: a replacement and a deletion side by side, one changed run
            "The Russian side has more than once rejected any possibility of an attack.",
            "The Russian side has repeatedly accepted any likelihood of an attack.",
            ["accepted"],
        ),
        # the same meaning: a negation says it the other way (WMT22 renderings)
        ("The slave who is not aware of his condition.", "A slave unaware of his condition.", []),
        ("Since then I have disliked holidays.", "Since then I do not like holidays.", []),
        # a word whose antonym the reference says elsewhere, not in its place
        ("A small spring is inside a big one.", "A smaller spring is inside the large one.", []),
        # function words are no opposites ("here" / "there", "on" / "off")
        ("There is no wave effect.", "Here is no wave effect.", []),
    ],
)
def test_a_word_where_the_reference_has_its_opposite_is_marked(
    reference: str, text: str, opposites: list[str]
) -> None:
    assert [s.text for s in marks(reference, text) if s.kind == "opposite"] == opposites


@pytest.mark.parametrize(
    ("reference", "text", "marked"),
    [
        # a trial: equal values in other words were starred as other numbers
        ("Japan pledged $60 million in aid.", "Japan pledged 60 million dollars in aid.", []),
        ("Exports reached 2,500 tonnes.", "Exports reached 2500 tonnes.", []),
        ("Japan pledged $60 million in aid.", "Japan pledged $70 million in aid.", ["$70"]),
        # a review: other values of the same digits are other numbers
        ("Turnout was 60% in May.", "Turnout was $60 in May.", ["$60"]),
        ("The G7 met in May.", "The 7 met in May.", ["7"]),
        ("It ended 1-0 on Monday.", "It ended 10 on Monday.", ["10"]),
        ("It began at 20:00 on Monday.", "It began at 2000 on Monday.", ["2000"]),
        # a third trial: one value written otherwise
        ("Japan pledged $60 million in aid.", "Japan pledged $60m in aid.", []),
        ("Japan pledged $60 million in aid.", "Japan pledged $60,000,000 in aid.", []),
        ("About 1,500 tonnes were sent.", "Around 1.5 thousand tonnes were sent.", []),
        ("Japan pledged $60 million in aid.", "Japan pledged $60 million and 5 ships.", ["5"]),
    ],
)
def test_a_number_is_marked_only_when_its_value_is_another(
    reference: str, text: str, marked: list[str]
) -> None:
    assert [s.text for s in marks(reference, text) if s.kind == "number"] == marked


def test_a_name_of_what_both_sentences_name_is_not_marked(glossary: Glossary) -> None:
    """A trial: "US" against "United States" was starred as another name five times, where
    the names table counted both as one concept."""
    from xlate.compare.prepare import OutletSentence

    said = [
        "The United States will send more aid to Kyiv, officials said on Monday.",
        "The US will send more aid to Kyiv, officials said on Monday.",
        "The US will send more aid to Kiev, officials said on Monday.",
    ]

    def outlet(name: str, english: str) -> Outlet:
        tagged = tuple(glossary.scan(english, "en"))
        sentence = OutletSentence(name, 0, english, english, "en", "", tagged)
        return Outlet(name, name, "en", "", "", "", (sentence,))

    report = build_report([outlet(o, e) for o, e in zip("abc", said, strict=True)])
    [fact] = report.facts
    names = {m.outlet: [s.text for s in m.marks if s.kind == "name"] for m in fact.members}
    assert sorted(names.values()) == [[], [], ["Kiev"]]  # a forbidden form is no such name


def test_an_altered_quote_shows_its_opposites_in_every_format() -> None:
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.report import report_json
    from xlate.render.markdown import render_markdown

    said = '"The sanctions must be large enough to cause an increase in support," the deputy said.'
    other = said.replace("large", "small").replace("cause an increase", "avoid a decrease")

    def outlet(name: str, english: str) -> Outlet:
        return Outlet(
            name, name, "en", "", "", "", (OutletSentence(name, 0, english, english, "en", "", ()),)
        )

    report = build_report([outlet("a", said), outlet("b", said), outlet("c", other)])
    [fact] = report.facts
    [changed] = [m for m in fact.members if m.outlet == "c"]
    assert [s.text for s in changed.marks if s.kind == "opposite"] == ["small", "decrease"]
    row = next(m for m in report_json(report)["facts"][0]["members"] if m["outlet"] == "c")
    assert ["opposite", "small"] in row["marks"]
    assert "**small**" in render_markdown(report)


@pytest.mark.parametrize(
    ("english", "forbidden"),
    [
        ("The Ukraine war goes on, officials said.", []),  # "the war" (a review)
        ("He flew to the Ukraine, he said.", ["the Ukraine"]),
        ("The Ukraine is a country.", ["the Ukraine"]),
        ("Students at Peking University protested.", []),  # a longer name
        ("The talks in Peking ended.", ["Peking"]),
        ("Kiev's mayor spoke.", ["Kiev"]),
        ("Diners lined up for Peking duck.", []),  # the glossary's not_in: a dish
        ("The menu offered chicken Kiev.", []),
        ("Peking duck was served in Peking.", ["Peking"]),  # the city, once
        ("İİİİİİİ Diners lined up for Peking duck.", []),  # a review: "İ" lowers to two
        ("PEKING DUCK was on the menu.", []),
    ],
)
def test_a_forbidden_form_counts_only_as_the_name_it_stands_for(
    english: str, forbidden: list[str]
) -> None:
    from xlate.compare.build import _forbidden_rows
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.glossary.load import default_glossary_path, load_glossary

    glossary = load_glossary([default_glossary_path()])[0]
    sentence = OutletSentence("a", 0, english, english, "en", "", ())
    outlet = Outlet("a", "a", "en", "", "", "", (sentence,))
    assert [r.forbidden for r in _forbidden_rows([outlet], glossary)] == forbidden


@pytest.mark.parametrize("command", ["compare", "events"])
def test_an_article_beside_its_translate_output_is_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A trial: a folder holding articles and, copied beside them, their translate outputs
    was compared as twice the outlets, each "repeating" itself nearly verbatim."""
    pile = tmp_path / "pile"
    pile.mkdir()
    names = ["hokuyo-nippo.txt", "meridian-post.txt", "vostochnoe-obozrenie.txt"]
    for name in names:
        shutil.copy(SAMPLES / "articles" / name, pile / name)
    memory = ["--memory", str(SAMPLES / "memory.tmx"), "--no-cache"]
    assert main(["translate", str(pile), "--out", str(tmp_path / "out"), *memory]) == 0
    for output in (tmp_path / "out").iterdir():
        shutil.copy(output, pile / output.name)
    capsys.readouterr()
    assert main([command, str(pile), "--format", "json", *memory]) == 0
    data = json.loads(capsys.readouterr().out)
    passed = {Path(x["path"]).name: x["reason"] for x in data["passed_over"]}
    assert passed == dict.fromkeys(names, "its xlate output is read instead")
    if command == "compare":
        assert len(data["outlets"]) == 3


def test_a_quote_rendered_otherwise_is_marked_in_the_quotes_section() -> None:
    """A fourth trial: the Quotes section listed "small enough to avoid ... a decrease" beside
    four renderings of "large enough to cause ... an increase" with no mark."""
    from xlate.compare.prepare import Outlet, OutletSentence
    from xlate.compare.report import report_json
    from xlate.render.html import render_html
    from xlate.render.markdown import render_markdown

    said = (
        '"The event should be large enough to cause an increase in support for Ukraine," '
        "Denisenko said."
    )
    other = said.replace("large", "small").replace("cause an increase", "avoid a decrease")
    context = [
        "The former deputy listed four scenarios for the president in 2022.",
        "Zelensky may be left without the support of the West, he said.",
    ]

    def outlet(name: str) -> Outlet:
        texts = [other if name == "e" else said, *context]
        sentences = tuple(OutletSentence(name, i, t, t, "en", "", ()) for i, t in enumerate(texts))
        return Outlet(name, name, "en", "", "", "", sentences)

    report = build_report([outlet(o) for o in "abcde"])
    [quote] = report.quotes
    marked = {r.outlet: [s.text for s in r.marks if s.kind] for r in quote.renderings}
    assert marked == {"a": [], "b": [], "c": [], "d": [], "e": ["small", "decrease"]}
    rows = report_json(report)["quotes"][0]["renderings"]
    assert [r["marks"] for r in rows if r["outlet"] == "e"] == [
        [["opposite", "small"], ["opposite", "decrease"]]
    ]
    assert "avoid a **decrease** in support" in render_markdown(report).split("## Quotes")[1]
    assert '<mark class="opposite">small</mark>' in render_html(report).split("Quotes")[-1]
