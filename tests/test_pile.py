"""The pile reader: one walk of what the user names, one rule for ids, and nothing passed over
silently, the same in ``translate``, ``compare`` and ``events``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from xlate.cli.main import main
from xlate.errors import InputError
from xlate.ingest.pile import PassedOver, passed_over_line, read_pile, unique_ids

DISTRACTORS = ROOT / "samples" / "distractors"
ARTICLES = SAMPLES / "articles"


def _page(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        "<html><head><title>Harbour news</title></head><body><article>"
        f"{paragraphs}</article></body></html>"
    )


def _make_pile(root: Path) -> Path:
    """A folder as a user saves one: two sites with an index.txt each, a "Webpage, complete"
    save, a bundle inside, files xlate does not read, and an empty article."""
    pile = root / "pile"
    for site, source in (("site-a", "meridian-post.txt"), ("site-b", "island-dispatch.txt")):
        (pile / site).mkdir(parents=True)
        folder = ARTICLES if (ARTICLES / source).exists() else DISTRACTORS / "articles"
        shutil.copy(folder / source, pile / site / "index.txt")
    herald = (DISTRACTORS / "articles" / "harbour-herald.txt").read_text(encoding="utf-8")
    (pile / "page.html").write_text(_page(herald), encoding="utf-8")
    (pile / "page_files").mkdir()
    (pile / "page_files" / "ad_frame.htm").write_text("<p>Buy now</p>", encoding="utf-8")
    (pile / "page_files" / "saved_resource.html").write_text("<p>x</p>", encoding="utf-8")
    shutil.copytree(SAMPLES, pile / "events" / "japan-sanctions")
    (pile / "a.odt").write_bytes(b"PK\x03\x04 not read")
    (pile / "b.odt").write_bytes(b"PK\x03\x04 not read")
    (pile / "notes.xyz").write_text("notes", encoding="utf-8")
    (pile / "empty.txt").write_bytes(b"")
    return pile


PASSED = [
    {"path": "page_files/", "reason": "resources of page.html"},
    {"path": "a.odt", "reason": ".odt unsupported"},
    {"path": "b.odt", "reason": ".odt unsupported"},
    {"path": "notes.xyz", "reason": ".xyz unsupported"},
]
IDS = {
    "site-a/index",
    "site-b/index",
    "page",
    *("severny-vestnik", "vostochnoe-obozrenie", "toto-shinpo", "hokuyo-nippo"),
    *("meridian-post", "pacific-ledger"),
}


def _relative(passed: list[dict[str, str]], pile: Path) -> list[dict[str, str]]:
    return [x | {"path": x["path"].removeprefix(f"{pile}/")} for x in passed]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_same_pile_gives_the_same_ids_and_left_out_list_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pile = _make_pile(tmp_path)
    engine = ["--engine", "memory", "--no-cache", "--no-glossary"]
    line = (
        "xlate: passed over 4: page_files/ (resources of page.html), 2 .odt unsupported, "
        "notes.xyz unsupported"
    )

    code, _, err = _run(["translate", str(pile), "--out", str(tmp_path / "out"), *engine], capsys)
    report = json.loads((tmp_path / "out" / "xlate-report.json").read_text(encoding="utf-8"))
    assert code == 1  # empty.txt failed
    assert line in err.splitlines()
    assert _relative(report["passed_over"], pile) == PASSED
    done = {f["article"] for f in report["files"] if f["status"] != "failed"}
    assert done == IDS
    failed = [f["file"] for f in report["files"] if f["status"] == "failed"]
    assert failed == [str(pile / "empty.txt")]

    code, out, err = _run(["compare", str(pile), "--format", "json", *engine], capsys)
    compared = json.loads(out)
    assert code == 1
    assert line in err.splitlines()
    assert _relative(compared["passed_over"], pile) == PASSED
    assert {o["id"] for o in compared["outlets"]} == IDS
    assert [x["file"] for x in compared["left_out"]] == failed
    assert compared["event"]["text"].startswith("Japan keeps its sanctions on Russia")
    _, markdown, _ = _run(["compare", str(pile), "--format", "md", *engine], capsys)
    # one line each (paths escaped for Markdown)
    assert "/notes.xyz (.xyz unsupported)\n" in markdown
    assert "/page\\_files/ (resources of page.html)\n" in markdown

    code, out, err = _run(["events", str(pile), "--format", "json", *engine], capsys)
    grouped = json.loads(out)
    assert code == 1
    assert line in err.splitlines()
    assert _relative(grouped["passed_over"], pile) == PASSED
    articles = [a for e in grouped["events"] for a in e["articles"]] + grouped["unassigned"]
    assert {a["id"] for a in articles} == IDS
    assert f"xlate: error: {pile / 'empty.txt'}: empty file" in err.splitlines()


def test_a_folder_holding_bundles_reads_each_bundle_never_its_manifest(tmp_path: Path) -> None:
    """What ``xlate events --compare-dir`` writes: a folder of bundles (issue 28, item 18)."""
    for bundle in (SAMPLES, DISTRACTORS):
        shutil.copytree(bundle, tmp_path / "events" / bundle.name)
    pile = read_pile([tmp_path / "events"])
    assert all(f.path.name != "manifest.json" for f in pile.files)
    assert [f.entry.id for f in pile.files if f.entry] == [
        *("nansei-times", "island-dispatch", "stolichny-kurier", "harbour-herald"),
        *("severny-vestnik", "vostochnoe-obozrenie", "toto-shinpo", "hokuyo-nippo"),
        *("meridian-post", "pacific-ledger"),
    ]
    assert [m.name for m in pile.memories] == ["memory.tmx", "memory.tmx"]
    assert pile.passed_over == ()
    assert len(pile.events) == 2


def test_a_broken_bundle_in_a_folder_fails_alone(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "good")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "manifest.json").write_text("{", encoding="utf-8")
    pile = read_pile([tmp_path])
    [broken] = [f for f in pile.files if f.problem]
    assert broken.path == tmp_path / "bad" / "manifest.json"
    assert broken.problem.startswith("bundle not read: not valid UTF-8 JSON")
    assert len([f for f in pile.files if f.entry]) == 6


def test_a_bundles_files_its_manifest_does_not_list_are_named(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "b")
    (tmp_path / "b" / "articles" / "draft.txt").write_text("draft", encoding="utf-8")
    pile = read_pile([tmp_path / "b"])
    assert pile.passed_over == (
        PassedOver(
            str(tmp_path / "b" / "articles" / "draft.txt"),
            f"not listed in {tmp_path / 'b' / 'manifest.json'}",
        ),
    )


def test_hidden_files_and_folders_are_named_too(tmp_path: Path) -> None:
    shutil.copy(ARTICLES / "meridian-post.txt", tmp_path / "a.txt")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    pile = read_pile([tmp_path])
    assert [f.path.name for f in pile.files] == ["a.txt"]
    assert passed_over_line(pile.passed_over) == "passed over 2: 2 hidden"


def test_an_office_lock_file_is_passed_over_not_failed(tmp_path: Path) -> None:
    """A trial: Word's "~$x.docx" beside an open x.docx failed as a damaged document (exit 1)."""
    shutil.copy(ARTICLES / "meridian-post.txt", tmp_path / "a.txt")
    (tmp_path / "~$report.docx").write_bytes(b"\x0bJ. Smith" + b"\0" * 150)
    pile = read_pile([tmp_path])
    assert [f.path.name for f in pile.files] == ["a.txt"]
    assert (
        passed_over_line(pile.passed_over) == "passed over 1: ~$report.docx (an Office lock file)"
    )


def test_links_to_folders_are_named_not_dropped(tmp_path: Path) -> None:
    """A trial: a link to a folder of 4 articles and a link loop appeared nowhere."""
    pile_dir, elsewhere = tmp_path / "pile", tmp_path / "elsewhere"
    pile_dir.mkdir()
    elsewhere.mkdir()
    shutil.copy(ARTICLES / "meridian-post.txt", pile_dir / "a.txt")
    shutil.copy(ARTICLES / "meridian-post.txt", elsewhere / "b.txt")
    (pile_dir / "linkdir").symlink_to(elsewhere, target_is_directory=True)
    (pile_dir / "self").symlink_to(".", target_is_directory=True)
    pile = read_pile([pile_dir])
    assert [f.path.name for f in pile.files] == ["a.txt"]
    assert [(Path(x.path).name, x.reason) for x in pile.passed_over] == [
        ("linkdir", "a link to a folder, not followed (name the folder itself to read it)"),
        ("self", "a link to a folder, not followed (name the folder itself to read it)"),
    ]


@pytest.mark.parametrize(
    ("names", "passed"),
    [
        (["page.htm", "page_files/x.html"], ["page_files/"]),
        (["page_files/x.html"], []),  # no page beside it: an ordinary folder
        (["other.html", "page_files/x.html"], []),
    ],
)
def test_a_saved_pages_resources_are_passed_over(
    tmp_path: Path, names: list[str], passed: list[str]
) -> None:
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>text</p>", encoding="utf-8")
    pile = read_pile([tmp_path])
    assert [Path(x.path).name + "/" for x in pile.passed_over] == passed


def test_a_missing_path_or_a_folder_without_articles_is_named_before_anything_runs(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="no such file or folder"):
        read_pile([tmp_path / "gone.txt"]).require_articles()
    with pytest.raises(InputError, match="no article files in this folder") as caught:
        read_pile([tmp_path]).require_articles()
    assert str(caught.value).endswith("; passed over 1: notes.xyz unsupported")


def test_translate_on_a_bundles_articles_folder_uses_the_bundles_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 29: the sample's articles/ translate through the memory.tmx one folder up."""
    bundle = tmp_path / "japan-sanctions"
    shutil.copytree(SAMPLES, bundle)
    out = tmp_path / "out"
    code, _, err = _run(
        ["translate", str(bundle / "articles"), "--out", str(out), "--engine", "memory"], capsys
    )
    assert code == 0, err
    assert f"{bundle / 'articles'} belongs to the bundle {bundle}: read with its manifest" in err
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    assert {f["status"] for f in report["files"]} == {"ok"}
    assert sum(f["engines"].get("memory", 0) for f in report["files"]) > 30
    # the manifest's metadata too, as when the bundle is named
    vestnik = json.loads((out / "severny-vestnik.en.json").read_text(encoding="utf-8"))
    assert vestnik["article"]["outlet"] == "Северный вестник"


def test_a_broken_manifest_above_the_articles_is_said_and_the_files_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "b"
    shutil.copytree(SAMPLES, bundle)
    (bundle / "manifest.json").write_text("{", encoding="utf-8")
    article = bundle / "articles" / "meridian-post.txt"
    code, _, err = _run(
        ["translate", str(article), "--out", str(tmp_path / "out"), "--engine", "identity"],
        capsys,
    )
    assert code == 0, err
    assert f"xlate: {article} belongs to the bundle {bundle}, whose manifest cannot be read" in err
    assert f"run `xlate translate {bundle}` once it is fixed, or pass --memory" in err


@pytest.mark.parametrize("out_format", ["md", "txt"])
@pytest.mark.parametrize("command", ["compare", "events", "translate"])
def test_translate_outputs_in_markdown_or_text_are_refused_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out_format: str, command: str
) -> None:
    """Issue 29: never read as new articles (outlet "hokuyo-nippo.en", no dates)."""
    out = tmp_path / "out"
    made = _run(["translate", str(SAMPLES), "--out", str(out), "--format", out_format], capsys)
    assert made[0] == 0
    named = [str(out)] if command != "translate" else [str(out / f"meridian-post.en.{out_format}")]
    extra = ["--out", str(tmp_path / "again")] if command == "translate" else []
    args = ["--engine", "identity", "--no-cache"]
    code, _, err = _run([command, *named, *extra, *args], capsys)
    assert code == 1
    kind = "Markdown" if out_format == "md" else "text"
    hint = (
        f"meridian-post.en.{out_format}: an `xlate translate` output in {kind}, not an article: "
        "give the articles, or their translations in JSON (`xlate translate --format json`)"
    )
    assert hint in err
    assert "hokuyo-nippo.en" not in err.replace(f"hokuyo-nippo.en.{out_format}", "")


@pytest.mark.parametrize("command", ["compare", "events"])
def test_a_path_that_does_not_exist_is_left_out_and_the_rest_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A trial: one mistyped path stopped compare and events with no report, where translate
    and detect went on past it. It is left out, said, and the exit code is 1."""
    gone = tmp_path / "gone.txt"
    code, out, err = _run([command, str(SAMPLES), str(gone), "--format", "json"], capsys)
    assert code == 1
    assert f"xlate: error: {gone}: no such file or folder" in err
    data = json.loads(out)
    assert {"file": str(gone), "reason": "no such file or folder"} in data["left_out"]


def test_a_missing_path_named_twice_beside_a_file_stops_nothing(tmp_path: Path) -> None:
    """A review: `translate ./gone.txt gone.txt a.txt` stopped with "no such file or folder"
    (two names of one missing file outnumbered the one file read)."""
    shutil.copy(ARTICLES / "meridian-post.txt", tmp_path / "a.txt")
    gone = tmp_path / "gone.txt"
    pile = read_pile([gone, f"{tmp_path}/./gone.txt", tmp_path / "a.txt"])
    pile.require_articles()  # no error: a.txt is there to read


@pytest.mark.parametrize("command", ["compare", "events", "translate"])
def test_only_paths_that_do_not_exist_stop_a_command_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    out = ["--out", str(tmp_path / "out")] if command == "translate" else []
    code, stdout, err = _run([command, str(tmp_path / "gone.txt"), *out], capsys)
    assert code == 1 and stdout == ""
    assert err == f"xlate: error: {tmp_path / 'gone.txt'}: no such file or folder\n"


def test_files_named_one_by_one_in_a_bundle_load_it_once(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    shutil.copytree(SAMPLES, bundle)
    files = sorted((bundle / "articles").iterdir())
    pile = read_pile(files)
    assert [f.entry.id for f in pile.files if f.entry] == [f.stem for f in files]
    assert len(pile.notes) == 1 and pile.notes[0].startswith(f"{files[0]} belongs to the bundle")
    assert pile.memories == (bundle / "memory.tmx",)


def test_a_rerun_keeps_the_id_an_output_was_written_under(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Adding site-b/index.txt renames site-a's article in a new pile (site-a/index), but
    translate into the same folder keeps its output's id, and skips it."""
    src, out = tmp_path / "in", tmp_path / "out"
    args = ["--out", str(out), "--engine", "identity", "--no-cache"]
    (src / "site-a").mkdir(parents=True)
    shutil.copy(ARTICLES / "meridian-post.txt", src / "site-a" / "index.txt")
    assert _run(["translate", str(src), *args], capsys)[0] == 0
    (src / "site-b").mkdir()
    shutil.copy(DISTRACTORS / "articles" / "island-dispatch.txt", src / "site-b" / "index.txt")
    assert _run(["translate", str(src), *args], capsys)[0] == 0
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    rows = {Path(r["file"]).parent.name: (r["article"], r["status"]) for r in report["files"]}
    assert rows == {"site-a": ("index", "skipped"), "site-b": ("site-b/index", "ok")}
    assert [p.name for p in sorted(out.glob("*.en.json"))] == [
        "index.en.json",
        "site-b_index.en.json",
    ]


def test_a_file_added_beside_same_named_ones_renames_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial: adding x/story.html beside x/story.txt and x/story.md gave story.md's id to
    the new page, so both older files were translated again under new names, and events saw
    each of them twice. The older files keep their ids (skipped); the new one is numbered."""
    src, out = tmp_path / "in", tmp_path / "out"
    args = ["--out", str(out), "--engine", "identity", "--no-cache"]
    (src / "x").mkdir(parents=True)
    (src / "y").mkdir()
    shutil.copy(ARTICLES / "meridian-post.txt", src / "x" / "story.txt")
    shutil.copy(ARTICLES / "pacific-ledger.json", src / "x" / "story.json")
    shutil.copy(DISTRACTORS / "articles" / "island-dispatch.txt", src / "y" / "story.txt")
    assert _run(["translate", str(src), *args], capsys)[0] == 0
    before = sorted(p.name for p in out.glob("*.en.json"))
    shutil.copy(ARTICLES / "severny-vestnik.html", src / "x" / "story.html")
    # the same settings (another engine would make every output again)
    assert _run(["translate", str(src), *args], capsys)[0] in (0, 1)
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    status = {
        Path(r["file"]).name + "@" + Path(r["file"]).parent.name: r["status"]
        for r in report["files"]
    }
    assert status["story.txt@x"] == status["story.json@x"] == status["story.txt@y"] == "skipped"
    assert status["story.html@x"] != "skipped"
    after = sorted(p.name for p in out.glob("*.en.json"))
    assert set(before) < set(after) and len(after) == len(before) + 1
    articles = [r["article"] for r in report["files"]]
    assert len(set(articles)) == len(articles)


def test_files_of_one_folder_and_one_stem_are_told_apart_by_their_names() -> None:
    """A trial: feed.atom, feed.rss and feed.xml in one folder gave "pile/feed-1",
    "pile/feed#2-1" ... that no one could tell apart."""
    ids = unique_ids(
        [("pile/feed.atom", "feed-1"), ("pile/feed.rss", "feed-1"), ("pile/feed.xml", "feed-1")]
    )
    assert ids == ["pile/feed.atom-1", "pile/feed.rss-1", "pile/feed.xml-1"]
    assert unique_ids([("p/story.html", "story"), ("p/story.txt", "story")]) == [
        "p/story.html",
        "p/story.txt",
    ]
    assert unique_ids([("d/x.txt", "x"), ("d/x.txt", "x")]) == ["d/x", "d/x#2"]  # one file
