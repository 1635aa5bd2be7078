"""`xlate history`: saved versions of an article, read and translated as compare does, and what
changed between them; the bad inputs the issue names."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.cli.main import main
from xlate.engines.chain import build_chain
from xlate.history.run import history_paths
from xlate.history.versions import History, history_json

V1 = """Floods hit the north

Heavy flooding forced the evacuation of 12,000 residents along the northern river on Monday.

The governor, Anna Petrova, said the army would help.

Officials said the water was still rising. "We are doing everything we can," the mayor said.

A cargo train derailed near the border crossing, blocking the only railway line.
"""

V2 = """Floods hit the north, thousands evacuated

Heavy flooding forced the evacuation of 15,000 residents along the northern river on Monday.

A cargo train derailed near the border crossing, blocking the only railway line.

The governor, Maria Ivanova, said the army would help.

Officials said the water was still rising. "We are doing all we can," the mayor said.

Schools in the region will stay closed until Friday.
"""


def _save(path: Path, text: str, hour: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    stamp = datetime(2024, 11, 19, hour, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _history(*paths: Path) -> History:
    history, errors = history_paths([str(p) for p in paths], build_chain("identity"))
    assert errors == []
    return history


def _kinds(history: History) -> list[tuple[str, tuple[str, ...], bool]]:
    (article,) = history.articles
    (step,) = article.steps
    return [(c.kind, c.what, c.moved) for c in step.edit.changes]


def test_each_kind_of_edit_is_named(tmp_path: Path) -> None:
    # saved in the wrong order on the command line: the saved times put v1 first
    later = _save(tmp_path / "v2" / "story.txt", V2, 14)
    earlier = _save(tmp_path / "v1" / "story.txt", V1, 10)
    history = _history(later, earlier)
    assert [v.outlet.id for v in history.articles[0].versions] == ["v1/story", "v2/story"]
    assert _kinds(history) == [
        ("changed", ("number",), False),
        ("moved", (), False),  # the train paragraph moved up: not removed and added
        ("changed", ("name",), False),
        ("changed", ("quote",), False),
        ("added", (), False),
    ]
    step = history.articles[0].steps[0]
    assert step.edit.headline is not None and step.edit.headline.kind == "reworded"
    assert step.notice == "silent"  # no modification time, no "Updated" line


def test_identical_versions_are_no_change(tmp_path: Path) -> None:
    a = _save(tmp_path / "a" / "story.txt", V1, 10)
    b = _save(tmp_path / "b" / "story.txt", V1, 12)
    step = _history(a, b).articles[0].steps[0]
    assert step.edit.unchanged and step.notice == ""


def _json_version(path: Path, **fields: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_newer_modification_time_is_an_update_notice_and_the_url_groups(
    tmp_path: Path,
) -> None:
    url = "https://example.org/floods"
    a = _json_version(
        tmp_path / "first.json", url=url, title="Floods", text=V1, published="2024-11-19T08:00Z"
    )
    b = _json_version(
        tmp_path / "second.json",
        url=url,
        title="Floods",
        text=V1.replace("12,000", "15,000"),
        published="2024-11-19T08:00Z",
        modified="2024-11-19T12:30Z",
    )
    history = _history(b, a)
    (article,) = history.articles
    assert article.key == url
    assert [v.outlet.path for v in article.versions] == [str(a), str(b)]
    assert article.steps[0].notice == "notice"


def test_a_modification_before_publication_is_named(tmp_path: Path) -> None:
    a = _json_version(tmp_path / "x.json", url="u", title="T", text=V1, published="2024-11-19")
    b = _json_version(
        tmp_path / "y.json",
        url="u",
        title="T",
        text=V2,
        published="2024-11-19T10:00Z",
        modified="2024-11-18T10:00Z",
    )
    notes = _history(a, b).articles[0].notes
    assert any("before it was published" in n for n in notes), notes


def test_different_articles_under_one_url_are_not_diffed(tmp_path: Path) -> None:
    a = _json_version(tmp_path / "x.json", url="u", title="Floods", text=V1)
    other = "Markets\n\nShares in Tokyo closed higher on strong exporter earnings.\n\nThe yen fell."
    b = _json_version(tmp_path / "y.json", url="u", title="Markets rally", text=other)
    article = _history(a, b).articles[0]
    assert not article.steps[0].edit.same_article and not article.steps[0].edit.changes
    assert any("share too little" in n for n in article.notes)


def test_versions_in_two_languages_are_compared_in_english(tmp_path: Path) -> None:
    """The sample's Russian and English articles saved as one URL's versions: translated
    through the bundle's memory, compared in English, the languages named."""
    from xlate.ingest.bundle import load_manifest

    ru = (SAMPLES / "articles" / "vostochnoe-obozrenie.txt").read_text(encoding="cp1251")
    en = (SAMPLES / "articles" / "meridian-post.txt").read_text(encoding="utf-8")
    a = _json_version(tmp_path / "a.json", url="u", text=ru, language="ru", date="2024-11-19")
    b = _json_version(tmp_path / "b.json", url="u", text=en, language="en", date="2024-11-20")
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    history, errors = history_paths([str(a), str(b)], chain)
    assert errors == []
    notes = history.articles[0].notes
    assert any("2 languages (en, ru): compared in English" in n for n in notes), notes


def test_a_thousand_versions_of_one_article(tmp_path: Path) -> None:
    rows = [
        {
            "url": "u",
            "title": "Floods",
            "text": V1.replace("12,000", f"{12_000 + 100 * (n // 2):,}"),  # every other changes
            "published": "2024-11-19T08:00Z",
            "modified": (datetime(2024, 11, 19, 8, tzinfo=UTC) + timedelta(minutes=n)).isoformat(),
        }
        for n in range(1000)
    ]
    path = tmp_path / "versions.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    started = time.perf_counter()
    history = _history(path)
    (article,) = history.articles
    assert len(article.versions) == 1000 and len(article.steps) == 999
    changed = [s for s in article.steps if not s.edit.unchanged]
    assert len(changed) == 499  # every second version changed the number
    assert all(s.edit.changes[0].what == ("number",) for s in changed)
    assert all(s.notice == "notice" for s in changed)  # each modified later than the last
    assert time.perf_counter() - started < 120


@pytest.mark.parametrize("ext", ["txt", "json", "md", "html"])
def test_every_format(tmp_path: Path, ext: str) -> None:
    a = _save(tmp_path / "v1" / "story.txt", V1, 10)
    b = _save(tmp_path / "v2" / "story.txt", V2, 14)
    out = tmp_path / f"history.{ext}"
    code = main(
        ["history", str(a), str(b), "--engine", "identity", "--no-cache", "--out", str(out)]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    if ext == "json":
        data = json.loads(text)
        assert data["schema"] == "xlate-history/1"
        kinds = [c["kind"] for c in data["articles"][0]["edits"][0]["changes"]]
        assert kinds == ["changed", "moved", "changed", "changed", "added"]
    else:
        assert "without an update notice" in text
        assert "15,000" in text and "Maria Ivanova" in text
    if ext == "html":
        assert "<script" not in text


def test_out_in_a_folder_not_yet_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As compare and events do, history makes --out's folder rather than failing to write
    the report after reading and translating every version."""
    a = _save(tmp_path / "v1" / "story.txt", V1, 10)
    b = _save(tmp_path / "v2" / "story.txt", V2, 14)
    out = tmp_path / "reports" / "2024" / "history.md"
    code = main(
        ["history", str(a), str(b), "--engine", "identity", "--no-cache", "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert "Maria Ivanova" in out.read_text(encoding="utf-8")
    assert capsys.readouterr().err.endswith(f"wrote {out}\n")


def test_wrapped_sentences_stay_under_their_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _save(tmp_path / "v1" / "story.txt", V1, 10)
    b = _save(tmp_path / "v2" / "story.txt", V2, 14)
    argv = ["history", str(a), str(b), "--engine", "identity", "--no-cache", "--width", "60"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("      was: Heavy flooding"))
    # "was: Heavy flooding forced the evacuation of 12,000 residents along the northern
    # river on Monday." takes two lines at 60 columns: the second under the first's text
    assert lines[at + 1].startswith(" " * 11) and lines[at + 1][11] != " "
    assert all(len(line) <= 60 for line in lines)


def test_files_that_are_no_versions_of_one_article_are_told_how_versions_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # v1.txt and v2.txt in a folder: two names, so two articles of one version each; nothing
    # was compared, so the command fails
    _save(tmp_path / "in" / "v1.txt", V1, 10)
    _save(tmp_path / "in" / "v2.txt", V2, 14)
    assert main(["history", str(tmp_path / "in"), "--engine", "identity", "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("one version: nothing to compare") == 2
    assert (
        "xlate: no two of the 2 files are versions of one article: versions share a URL, "
        "else a file name (saved/v1/story.html, saved/v2/story.html); two files named with "
        "different URLs are two articles"
    ) in captured.err.splitlines()


def test_two_files_named_one_by_one_are_versions_whatever_their_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial: "history libya-monday.txt libya-tuesday.txt" said "one version: nothing to
    compare" twice and exited 0."""
    a = _save(tmp_path / "libya-monday.txt", V1, 10)
    b = _save(tmp_path / "libya-tuesday.txt", V2, 14)
    assert main(["history", str(a), str(b), "--engine", "identity", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "libya-monday → libya-tuesday" in out and "12,000" in out and "15,000" in out
    assert "read as versions of one article" in out
    # one file alone: nothing to compare, and the command says so by its exit code
    assert main(["history", str(a), "--engine", "identity", "--no-cache"]) == 1


def test_the_records_of_two_files_named_are_not_glued_into_one_article(tmp_path: Path) -> None:
    # a review: two .jsonl files of five unrelated records became "5 versions of one article"
    lines = [json.dumps({"title": f"Story {n}", "text": text}) for n, text in enumerate([V1, V2])]
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(lines[0], encoding="utf-8")
    paths = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    history, _ = history_paths(paths, build_chain("identity"), named=True)
    assert [len(a.versions) for a in history.articles] == [1, 1, 1]


def test_two_files_named_with_different_urls_stay_two_articles(tmp_path: Path) -> None:
    a = _json_version(tmp_path / "a.json", url="https://example.org/a", text=V1)
    b = _json_version(tmp_path / "b.json", url="https://example.org/b", text=V2)
    history, errors = history_paths([str(a), str(b)], build_chain("identity"), named=True)
    assert errors == [] and [len(x.versions) for x in history.articles] == [1, 1]


def test_json_of_a_history_round_trips(tmp_path: Path) -> None:
    a = _save(tmp_path / "v1" / "story.txt", V1, 10)
    b = _save(tmp_path / "v2" / "story.txt", V2, 14)
    data = history_json(_history(a, b))
    assert json.loads(json.dumps(data)) == data
    assert data["articles"][0]["versions"][0]["published"]["precision"] == "saved"


def test_too_many_versions_name_history_s_own_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The limit is compare's reader's, but history has no --max-articles to raise it."""
    paths = [str(_save(tmp_path / f"v{i}" / "story.txt", V1, 10 + i)) for i in range(3)]
    args = ["history", *paths, "--max-versions", "2", "--engine", "identity", "--no-cache"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "over 2 articles to compare (--max-versions 2; " in err
    assert "--max-articles" not in err


def test_a_sentence_limit_no_option_raises_names_no_option(tmp_path: Path) -> None:
    from xlate.compare.prepare import prepare_outlets
    from xlate.errors import LimitError

    a = _save(tmp_path / "v1" / "story.txt", V1, 10)
    with pytest.raises(LimitError) as info:
        prepare_outlets(
            [str(a)], build_chain("identity"), None, max_sentences=2, sentences_option=None
        )
    assert str(info.value).endswith(
        " sentences to compare, over the limit of 2; compare fewer or shorter articles"
    )


def test_the_json_signature_names_the_glossary(tmp_path: Path) -> None:
    """As compare's and events' do: the chain translates through the glossary's terms."""
    from xlate.glossary.load import default_glossary_path, load_glossary

    a = _save(tmp_path / "v1" / "story.txt", V1, 10)
    b = _save(tmp_path / "v2" / "story.txt", V2, 14)
    glossary, _ = load_glossary([default_glossary_path()])
    history, _ = history_paths([str(a), str(b)], build_chain("identity"), glossary=glossary)
    assert history_json(history)["signature"]["glossary"] == glossary.hash
    assert history_json(_history(a, b))["signature"]["glossary"] is None


def test_versions_read_from_translate_outputs_keep_their_inputs_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the outputs' own times are when they were translated: here in the other order
    older = _save(tmp_path / "v2" / "story.txt", V1, 9)
    newer = _save(tmp_path / "v1" / "story.txt", V2, 14)
    for source, out in ((newer, "out1"), (older, "out2")):
        argv = ["translate", str(source), "--out", str(tmp_path / out), "--no-cache"]
        assert main([*argv, "--engine", "identity"]) == 0
    outputs = [str(tmp_path / out / "story.en.json") for out in ("out1", "out2")]
    history, errors = history_paths(outputs, build_chain("identity"))
    assert errors == []
    [article] = history.articles
    assert [v.outlet.path for v in article.versions] == outputs[::-1]  # older input first


def test_a_number_written_in_words_that_changes_is_a_changed_number(tmp_path: Path) -> None:
    """A trial: a headline's "Two million euro jewellery heist" -> "Three million ..." was
    reported as merely reworded; the values are now read as the comparison reads them."""
    from xlate.compare.prepare import OutletSentence
    from xlate.history.changes import what_changed

    def said(text: str) -> OutletSentence:
        return OutletSentence("a", 0, text, text, "en", "", ())

    headline = "{} million euro jewellery heist in central Paris"
    assert what_changed(said(headline.format("Two")), said(headline.format("Three"))) == ("number",)
    assert what_changed(said("Officials say two fled"), said("Officials say four fled")) == (
        "number",
    )
    # a fourth trial: a number word after a wire dateline was a changed name
    dated = "Kyiv, Dec 12 - {} people were killed and {} injured in the blast."
    assert what_changed(
        said(dated.format("Three", "twelve")), said(dated.format("Seven", "twenty-one"))
    ) == ("number",)
    same = "The flood forced two million people to flee, officials say."
    assert what_changed(said(same), said(same.replace("say.", "said."))) == ()
    body = "Thieves rammed a car into the shop window on Monday. Police are looking for them.\n"
    for n, word in enumerate(("Two", "Three"), 1):
        (tmp_path / f"v{n}").mkdir()
        (tmp_path / f"v{n}" / "story.txt").write_text(
            f"{headline.format(word)}\n\n{body}", encoding="utf-8"
        )
    files = [str(tmp_path / f"v{n}" / "story.txt") for n in (1, 2)]
    history, _ = history_paths(files, build_chain("identity"))
    headline = history_json(history)["articles"][0]["edits"][0]["headline"]
    assert (headline["kind"], headline["what"]) == ("changed", ["number"])
