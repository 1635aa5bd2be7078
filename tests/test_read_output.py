"""One reader of `xlate translate`'s outputs for `xlate compare` and `xlate events`: an output
is known by its name or by its content, whatever a tool or a user did to either."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.cli.main import main
from xlate.errors import InputError
from xlate.grouping.prepare import translated
from xlate.translate import outputs
from xlate.translate.outputs import read_output


@pytest.fixture(scope="module")
def translated_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("translated")
    assert main(["translate", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
    return out


def _compared_outlets(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["compare", str(folder), "--format", "json", "--no-cache"]) == 0
    return sorted(o["id"] for o in json.loads(capsys.readouterr().out)["outlets"])


def test_outputs_renamed_or_rewritten_are_still_read_as_translations(
    translated_bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_written = _compared_outlets(translated_bundle, capsys)
    folder = tmp_path / "kept"
    shutil.copytree(translated_bundle, folder)
    # renamed by a user: known by its content
    (folder / "toto-shinpo.en.json").rename(folder / "toto.json")
    # rewritten by a tool with its keys sorted ("xlate" no longer first): known by its name
    rewritten = folder / "hokuyo-nippo.en.json"
    rewritten.write_text(json.dumps(json.loads(rewritten.read_text("utf-8")), sort_keys=True))
    assert isinstance(read_output(folder / "toto.json"), dict)
    assert isinstance(read_output(rewritten), dict)
    assert read_output(folder / "xlate-report.json") == "report"
    assert _compared_outlets(folder, capsys) == as_written
    assert len(translated(folder / "toto.json", None) or []) == 1  # xlate events reads it too
    assert translated(folder / "xlate-report.json", None) == []


def test_other_json_is_left_to_the_article_reader(tmp_path: Path) -> None:
    article = tmp_path / "scraped.json"
    article.write_text(json.dumps({"title": "T", "text": "Body."}), encoding="utf-8")
    not_json = tmp_path / "broken.en.json"
    not_json.write_text("{not json", encoding="utf-8")
    deep = tmp_path / "deep.json"  # opens as an output would, then nests past any parser
    deep.write_text('{"xlate": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    assert read_output(article) is None
    assert read_output(not_json) is None
    assert read_output(deep) is None  # left to the article reader, which says what is wrong
    assert read_output(SAMPLES / "articles" / "meridian-post.txt") is None


def test_an_output_over_the_size_limit_is_refused_by_name(
    translated_bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "DEFAULT_MAX_BYTES", 100)
    path = translated_bundle / "toto-shinpo.en.json"
    with pytest.raises(InputError, match=r"toto-shinpo\.en\.json: over 100 bytes; not read"):
        read_output(path)
