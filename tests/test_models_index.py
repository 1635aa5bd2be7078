"""Getting a model: the package index's addresses in every message, `xlate models available`
online (a real index served on the loopback) and offline, and language names."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from xlate.cli.main import main
from xlate.detect.route import route
from xlate.engines.available import available_models
from xlate.engines.index import PACKAGE_LIST, index_url, language_code
from xlate.errors import LanguageError, ModelPackageError, NetworkError, NoModelError
from xlate.model import Detection

INDEX_JSON = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"


def _entry(source: str, target: str, link: str) -> dict[str, object]:
    """One package as the Argos index writes it (argospm-index's index.json)."""
    names = {"ru": "Russian", "en": "English", "ja": "Japanese", "de": "German"}
    return {
        "package_version": "1.9",
        "argos_version": "1.9.0",
        "from_code": source,
        "from_name": names[source],
        "to_code": target,
        "to_name": names[target],
        "type": "translate",
        "links": [link],
    }


@pytest.fixture
def served(tmp_path: Path, tiny_packages: dict[str, Path]) -> Iterator[str]:
    """A package index on the loopback, offering the tiny ru→en package and a ja→en entry
    (whose file it does not have), as ARGOS_PACKAGE_INDEX names it."""
    root = tmp_path / "index"
    root.mkdir()
    (root / "ru_en.argosmodel").write_bytes(tiny_packages["ru-en"].read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        _entry("ru", "en", base + "ru_en.argosmodel"),
        _entry("ja", "en", base + "ja_en.argosmodel"),
        {"type": "sbd", "from_code": "ru", "to_code": "ru", "links": []},
    ]
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    mp = pytest.MonkeyPatch()
    mp.setenv("ARGOS_PACKAGE_INDEX", base)
    try:
        yield base
    finally:
        mp.undo()
        server.shutdown()
        server.server_close()


def test_the_default_index_is_argospms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX")
    assert index_url() == INDEX_JSON


def test_available_lists_what_the_served_index_offers(
    served: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["models", "available", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["from"], r["to"], r["from_name"], r["version"]) for r in rows] == [
        ("ja", "en", "Japanese", "1.9"),
        ("ru", "en", "Russian", "1.9"),
    ]
    assert rows[1]["link"] == served + "ru_en.argosmodel"
    assert main(["models", "available"]) == 0
    out = capsys.readouterr().out
    assert "ru→en" in out and "Russian → English" in out and "ja→en" in out


def test_available_offline_says_where_the_index_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "available"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot reach the Argos package index http://127.0.0.1:9/index.json" in err
    assert PACKAGE_LIST in err and "`xlate models install FILE.argosmodel`" in err


def test_an_index_that_is_not_json_is_named(tmp_path: Path) -> None:
    from xlate.errors import FormatError

    with pytest.raises(FormatError, match=r"http://x/index.json: not a package index"):
        available_models("http://x/index.json", fetch=lambda url, timeout: b"<html>")


def test_install_by_language_names_downloads_from_the_index(
    served: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole online way, into a packages folder of its own (the session's stays as is)."""
    from argostranslate import settings

    from xlate.engines import packages

    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", folder)
    monkeypatch.setattr(settings, "package_dirs", [folder])
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "index.json")
    try:
        assert main(["models", "install", "Russian", "english"]) == 0
        assert "installed ru→en" in capsys.readouterr().out
        assert [(m.source, m.target) for m in packages.installed_models()] == [("ru", "en")]
    finally:
        packages.forget_installed()  # the session's folder is back: its pairs are read anew


def test_a_pair_the_index_lacks_is_refused_with_the_way_on(served: str) -> None:
    from xlate.engines.packages import install_pair

    with pytest.raises(ModelPackageError, match=r"offers no de→ja package.*models available"):
        install_pair("german", "ja")


LANGUAGE_WORDS = [("ru", "ru"), ("russian", "ru"), ("Japanese", "ja"), ("ENGLISH", "en")]


@pytest.mark.parametrize(("word", "code"), LANGUAGE_WORDS)
def test_language_names_and_codes(word: str, code: str) -> None:
    assert language_code(word) == code


def test_an_unknown_language_is_refused_with_the_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(LanguageError, match=r"unknown language 'klingon'.*ru \(Russian\)"):
        language_code("klingon")
    # offline too, before any word of the network
    assert main(["models", "install", "klingon", "en"]) == 1
    assert "unknown language 'klingon'" in capsys.readouterr().err


def test_one_language_alone_asks_for_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["models", "install", "russian"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage: xlate models install" in err
    assert "give two languages (`xlate models install ru en`)" in err


def test_offline_install_names_the_list_and_the_two_steps() -> None:
    from xlate.engines.packages import install_pair

    with pytest.raises(NetworkError) as info:
        install_pair("russian", "english")
    assert PACKAGE_LIST in str(info.value)
    assert "`xlate models install FILE.argosmodel`" in str(info.value)


def test_models_help_gives_both_addresses_and_both_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["models", "--help"])
    out = capsys.readouterr().out
    assert PACKAGE_LIST in out and "http://127.0.0.1:9/index.json" in out
    assert "download the .argosmodel" in out and "xlate models install FILE.argosmodel" in out


def test_no_model_messages_give_the_download_address() -> None:
    message = str(NoModelError("ru", "en"))
    assert message.startswith("no model installed for ru→en; run `xlate models install ru en`")
    assert PACKAGE_LIST in message


@pytest.mark.parametrize("lang", ["ru", "ja", "fr"])
def test_detect_routes_every_language_alike_without_a_model(lang: str) -> None:
    chosen = route(Detection(lang, 0.9, "", "script"), "en", covered=lambda s, t: False)
    assert chosen.action == "no-model"
    assert str(chosen) == str(NoModelError(lang, "en"))
    assert f"`xlate models install {lang} en`" in str(chosen)
    assert route(Detection(lang, 0.9, "", "script"), "en", lambda s, t: True).action == (
        "translate"
    )


@pytest.mark.parametrize("installed", [False, True])
def test_detect_routes_a_russian_article_by_the_models_installed(
    installed: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tiny_packages: dict[str, Path],
) -> None:
    """A packages folder of the test's own: empty, or with the tiny ru→en model."""
    from argostranslate import settings

    from xlate.engines import packages

    folder = tmp_path / "packages"
    folder.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", folder)
    monkeypatch.setattr(settings, "package_dirs", [folder])
    packages.forget_installed()
    try:
        if installed:
            packages.install_file(tiny_packages["ru-en"])
        article = tmp_path / "a.txt"
        article.write_text("Министерство иностранных дел России сделало заявление.", "utf-8")
        assert main(["detect", "--json", str(article)]) == 0
        (row,) = json.loads(capsys.readouterr().out)["articles"]
        assert row["lang"] == "ru"
        if installed:
            assert row["route"] == "translate ru→en"
        else:
            assert row["route"] == str(NoModelError("ru", "en"))
    finally:
        monkeypatch.undo()
        packages.forget_installed()


def test_the_detect_table_gives_the_no_model_message_once(tmp_path: Path) -> None:
    from io import StringIO

    from xlate.detect.survey import survey
    from xlate.render.console import make_console
    from xlate.render.detect import detect_table

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Die Regierung hält an den Sanktionen fest.", "utf-8")
    files = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    rows, _ = survey(files, covered=lambda s, t: False)
    buffer = StringIO()
    detect_table(rows, make_console(buffer, width=200))
    shown = " ".join(buffer.getvalue().split())
    assert shown.count("no model installed for de→en (below)") == 2
    assert shown.count(str(NoModelError("de", "en"))) == 1
