"""The sample event bundle and the manifest format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.errors import BundleError
from xlate.glossary.tmx import read_tmx
from xlate.ingest.bundle import load_manifest, read_bundle
from xlate.segment import split_sentences


def test_manifest_lists_every_article_file() -> None:
    bundle = load_manifest(SAMPLES)
    listed = {entry.file for entry in bundle.entries}
    on_disk = {p.resolve() for p in (SAMPLES / "articles").iterdir()}
    assert listed == on_disk


def test_bundle_has_two_articles_per_language_from_distinct_outlets() -> None:
    bundle = load_manifest(SAMPLES)
    languages = sorted(entry.language for entry in bundle.entries)
    assert languages == ["en", "en", "ja", "ja", "ru", "ru"]
    assert len({entry.outlet for entry in bundle.entries}) == 6


def test_every_article_decodes_and_has_8_to_20_sentences() -> None:
    articles, errors = read_bundle(load_manifest(SAMPLES))
    assert errors == []
    assert len(articles) == 6
    for article in articles:
        assert 8 <= len(split_sentences(article.text)) <= 20, article.id
        assert "\ufffd" not in article.text, article.id


LEGACY = [("vostochnoe-obozrenie", "cp1251"), ("hokuyo-nippo", "cp932")]


@pytest.mark.parametrize(("article_id", "encoding"), LEGACY)
def test_legacy_encodings_are_detected(article_id: str, encoding: str) -> None:
    articles, _ = read_bundle(load_manifest(SAMPLES))
    found = {a.id: a.encoding for a in articles}
    assert found[article_id] == encoding


def test_saved_page_noise_is_removed_and_listed() -> None:
    articles = {a.id: a for a in read_bundle(load_manifest(SAMPLES))[0]}
    meridian = articles["meridian-post"]
    assert "Get a summary" in meridian.removed
    assert "Next Article" in meridian.removed
    assert "Regional Council Debates Winter Road Maintenance Budget" in meridian.removed
    assert "summary" not in meridian.text
    html = articles["severny-vestnik"]
    assert "Читайте также" not in html.text
    assert "dataLayer" not in html.text
    assert "Все права защищены" not in html.text


def test_memory_is_well_formed_and_reviewed_both_ways() -> None:
    units = read_tmx(SAMPLES / "memory.tmx")
    pairs = {(u.source_lang, u.target_lang) for u in units}
    assert pairs == {("ru", "en"), ("en", "ru"), ("ja", "en"), ("en", "ja")}
    assert all(u.source.strip() and u.target.strip() for u in units)


def test_memory_covers_every_sentence_the_pipeline_extracts() -> None:
    memory = {(u.source_lang, u.source) for u in read_tmx(SAMPLES / "memory.tmx")}
    articles, _ = read_bundle(load_manifest(SAMPLES))
    missing = [
        (a.id, s.text)
        for a in articles
        if a.language != "en"
        for s in split_sentences(a.text)
        if (a.language, s.text) not in memory
    ]
    assert missing == []
    titles = [(a.language, a.title) for a in articles if a.language != "en"]
    assert [t for t in titles if t not in memory] == []


def _write_bundle(root: Path, articles: list[dict[str, str]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.json").write_text(json.dumps({"articles": articles}), encoding="utf-8")
    return root


BAD_ENTRIES = [
    ({"id": "a", "file": "../outside.txt", "outlet": "X", "language": "en"}, "outside the bundle"),
    ({"id": "a", "file": "missing.txt", "outlet": "X", "language": "en"}, "does not exist"),
    ({"id": "a", "file": "a.txt", "language": "en"}, "missing outlet"),
    ({"id": "a", "file": "a.txt", "outlet": "X", "language": "Russian"}, "not an ISO 639"),
    ({"id": "a", "file": "a\u0000.txt", "outlet": "X", "language": "en"}, "NUL character"),
]


@pytest.mark.parametrize(("entry", "message"), BAD_ENTRIES)
def test_a_bad_entry_fails_alone_with_its_reason(
    tmp_path: Path, entry: dict[str, str], message: str
) -> None:
    """One article's bad entry is its own failure (issue 28, case 13): the bundle's other
    articles are still read."""
    (tmp_path / "outside.txt").write_text("Outside.", encoding="utf-8")
    good = {"id": "b", "file": "b.txt", "outlet": "Y", "language": "en"}
    root = _write_bundle(tmp_path / "bundle", [entry, good])
    (root / "a.txt").write_text("A sentence.", encoding="utf-8")
    (root / "b.txt").write_text("Another sentence.", encoding="utf-8")
    bundle = load_manifest(root)
    assert [e.id for e in bundle.entries] == ["b"]
    [(path, problem)] = bundle.problems
    assert path == root / "manifest.json"
    assert problem.startswith("article 1: ") and message in problem


def test_an_id_given_twice_refuses_the_manifest(tmp_path: Path) -> None:
    articles = [
        {"id": "a", "file": "a.txt", "outlet": "X", "language": "en"},
        {"id": "a", "file": "a.txt", "outlet": "Y", "language": "en"},
    ]
    root = _write_bundle(tmp_path / "bundle", articles)
    (root / "a.txt").write_text("A sentence.", encoding="utf-8")
    with pytest.raises(BundleError, match="appears twice") as info:
        load_manifest(root)
    assert "manifest.json" in str(info.value)


def test_a_bad_entry_fails_alone_in_a_translate_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xlate.cli.main import main

    good = {"id": "b", "file": "b.txt", "outlet": "Y", "language": "en"}
    bad = {"id": "a", "file": "a\u0000.txt", "outlet": "X", "language": "en"}
    root = _write_bundle(tmp_path / "bundle", [bad, good])
    (root / "b.txt").write_text("Another sentence.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["translate", str(root), "--out", str(out), "--engine", "identity"]) == 1
    assert (out / "b.en.json").is_file()
    assert "manifest.json: article 1: file 'a\\x00.txt' holds a NUL character" in (
        capsys.readouterr().err
    )


def test_manifest_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BundleError, match=r"manifest\.json: not valid UTF-8 JSON"):
        load_manifest(tmp_path)
