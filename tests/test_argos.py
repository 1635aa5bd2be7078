"""The Argos engine and model management, on real tiny Argos packages.

The packages have random weights, so their output means nothing: these tests assert structure
(one output per sentence, order, determinism, batching, pivots, errors), never wording.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from xlate.cli.main import main
from xlate.engines.argos import ArgosEngine, ArgosOptions, ThreadPlan, thread_plan
from xlate.engines.packages import check_archive, install_pair, installed_models
from xlate.errors import ModelPackageError, NetworkError, NoModelError

pytestmark = pytest.mark.argos

SENTENCES = [
    "Япония сохранит санкции против России.",
    "Москва будет жёстко реагировать на антироссийские шаги.",
    "18 ноября СМИ сообщили об ужесточении санкций.",
    "Руденко курирует отношения со странами Азии.",
    "В Токио подчёркивают, что решения принимаются самостоятельно.",
]


def test_installed_package_is_listed(
    installed_argos: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["models", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    pairs = {(m["from"], m["to"], m["version"]) for m in listed}
    assert {("ru", "en", "0.0.1"), ("en", "de", "0.0.1")} <= pairs
    assert all(m["size"] > 100_000 for m in listed)


def test_one_output_per_sentence_in_order_and_deterministic(
    installed_argos: dict[str, Path],
) -> None:
    engine = ArgosEngine(ArgosOptions(max_decoding_length=40))
    first = engine.translate(SENTENCES, "ru", "en")
    again = ArgosEngine(ArgosOptions(max_decoding_length=40)).translate(SENTENCES, "ru", "en")
    assert [t.source for t in first if t] == SENTENCES
    assert first == again
    assert {t.model for t in first if t} == {"translate-ru_en@0.0.1"}
    assert len({t.text for t in first if t}) > 1  # outputs depend on the input


def test_batching_gives_the_same_output_as_one_by_one(installed_argos: dict[str, Path]) -> None:
    engine = ArgosEngine(ArgosOptions(max_decoding_length=40, batch_size=2))
    batched = [t.text for t in engine.translate(SENTENCES, "ru", "en") if t]
    single = [t.text for s in SENTENCES for t in engine.translate([s], "ru", "en") if t]
    assert batched == single


def test_pivot_through_english_is_used_and_said(installed_argos: dict[str, Path]) -> None:
    engine = ArgosEngine(ArgosOptions(max_decoding_length=40))
    [t] = engine.translate(SENTENCES[:1], "ru", "de")
    assert t is not None
    assert t.model == "translate-ru_en@0.0.1 + translate-en_de@0.0.1"
    assert t.flags == ("pivot-en",)


def test_missing_pair_names_the_install_command(installed_argos: dict[str, Path]) -> None:
    with pytest.raises(NoModelError, match=r"run `xlate models install ja en`"):
        ArgosEngine().translate(["制裁"], "ja", "en")


def test_argos_engine_never_imports_torch_or_stanza(installed_argos: dict[str, Path]) -> None:
    script = (
        "import sys; from xlate.engines.argos import ArgosEngine, ArgosOptions; "
        "ArgosEngine(ArgosOptions(max_decoding_length=20)).translate(['Япония.'], 'ru', 'en'); "
        "heavy = ('torch', 'stanza', 'argostranslate.translate'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=os.environ
    )
    assert proc.stdout.strip() == "[]"


def _archive(tmp_path: Path, members: list[tuple[str, bytes]], link: str | None = None) -> Path:
    path = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


META = json.dumps({"from_code": "ru", "to_code": "en", "type": "translate"}).encode()
GOOD = [("p/metadata.json", META), ("p/model/model.bin", b"x"), ("p/sentencepiece.model", b"x")]


def _with_meta(meta: dict[str, object] | bytes) -> list[tuple[str, bytes]]:
    raw = meta if isinstance(meta, bytes) else json.dumps(meta).encode()
    return [("p/metadata.json", raw), *GOOD[1:]]


UNSAFE = [
    ([*GOOD, ("../evil.txt", b"x")], None, "escapes the folder"),
    ([*GOOD, ("p/../../evil.txt", b"x")], None, "escapes the folder"),
    ([*GOOD, ("/etc/evil.txt", b"x")], None, "absolute path"),
    (GOOD, "p/link", "symbolic link"),
    ([*GOOD, ("p/bomb.bin", b"\0" * 50_000_000)], None, "zip bomb"),
    ([("p/model/model.bin", b"x"), ("p/sentencepiece.model", b"x")], None, "no metadata.json"),
    ([("p/metadata.json", b"{oops"), *GOOD[1:]], None, "not valid JSON"),
    (
        [
            (
                "p/metadata.json",
                json.dumps({"type": "sbd", "from_code": "ru", "to_code": "en"}).encode(),
            ),
            *GOOD[1:],
        ],
        None,
        "not a translation model",
    ),
    ([GOOD[0], GOOD[2]], None, "no model/model.bin"),
    ([*GOOD, ("q/other.txt", b"x")], None, "one top folder"),
    # Metadata that installed, then broke `models list` and every translation after it.
    (_with_meta({"from_code": ["ru"], "to_code": "en"}), None, "from_code must be a language"),
    (_with_meta(b'{"from_code": "ru", "to_code": "en", "name": "\xff"}'), None, "not valid UTF-8"),
    (
        _with_meta(
            b'{"from_code": "ru", "to_code": "en", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
        ),
        None,
        "nested too deeply",
    ),
    (
        _with_meta({"from_code": "ru", "to_code": "en", "package_version": "1\x1b[2J"}),
        None,
        "package_version must be a short version",
    ),
    # Issue 28, case 3: fields argostranslate reads when it lists packages, of another shape.
    *(
        (_with_meta({"from_code": "ru", "to_code": "en", key: value}), None, f"{key} must be")
        for key, value in (
            ("languages", 7),
            ("source_languages", "abc"),
            ("target_languages", [{"code": 5}]),
            ("languages", ["ru"]),
            ("from_name", ["Russian"]),
            ("to_codes", "en"),
        )
    ),
    # 60 members of 512 KiB: none is a bomb alone, together 52 MB from about 60 KB.
    ([*GOOD, *((f"p/z{n}.bin", b"\0" * 512 * 1024) for n in range(60))], None, "members expand"),
]


@pytest.mark.parametrize(("members", "link", "message"), UNSAFE)
def test_unsafe_or_foreign_archives_are_refused_before_extraction(
    tmp_path: Path, members: list[tuple[str, bytes]], link: str | None, message: str
) -> None:
    path = _archive(tmp_path, members, link)
    with pytest.raises(ModelPackageError, match=message):
        check_archive(path)
    before = {m.path for m in installed_models()}
    assert main(["models", "install", str(path)]) == 1
    assert {m.path for m in installed_models()} == before
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_package_version_with_escapes_never_reaches_the_terminal_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = {"from_code": "ru", "to_code": "en", "package_version": "\x1b]0;pwned\x07"}
    assert main(["models", "install", str(_archive(tmp_path, _with_meta(meta)))]) == 1
    err = capsys.readouterr().err
    assert "package_version" in err and "\x1b" not in err and "\x07" not in err


def test_a_failed_installation_leaves_no_partial_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up halfway through extraction: the half-written folder must not be
    listed as an installed model."""
    import errno

    from argostranslate import package, settings

    path = _archive(tmp_path, [(n.replace("p/", "partial-pkg/"), d) for n, d in GOOD])
    before = {m.path for m in installed_models()}

    def full_disk(archive: Path) -> None:  # the edge: extraction writes, then the disk is full
        folder = Path(settings.package_data_dir) / "partial-pkg"
        folder.mkdir()
        (folder / "metadata.json").write_bytes(META)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(package, "install_from_path", full_disk)
    assert main(["models", "install", str(path)]) == 1
    err = capsys.readouterr().err
    assert "installation failed: No space left on device; removed the partly extracted" in err
    assert not (Path(settings.package_data_dir) / "partial-pkg").exists()
    assert {m.path for m in installed_models()} == before


def test_a_package_with_broken_metadata_installed_by_other_means_is_left_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import shutil

    from argostranslate import settings

    folder = Path(settings.package_data_dir) / "broken-pkg"
    folder.mkdir(parents=True)
    try:
        (folder / "metadata.json").write_text(
            json.dumps({"from_code": ["ru"], "to_code": "en", "type": "translate"})
        )
        assert main(["models", "list", "--json"]) == 0
        assert "broken-pkg" not in capsys.readouterr().out
    finally:
        shutil.rmtree(folder)


def test_a_file_that_is_not_a_zip_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.argosmodel"
    path.write_text("hello", encoding="utf-8")
    assert main(["models", "install", str(path)]) == 1
    assert f"{path}: not an Argos package (not a zip archive)" in capsys.readouterr().err


def test_online_install_fails_at_once_when_offline() -> None:
    with pytest.raises(
        NetworkError, match=r"cannot reach the Argos package index.*FILE\.argosmodel"
    ):
        install_pair("ru", "en")


def test_models_install_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["models", "install", "a", "b", "c"])
    assert info.value.code == 2


def test_install_takes_several_files_and_goes_on_past_a_bad_one(
    installed_argos: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial: two files, as the usage line offers, were read as two languages ("unknown
    language '/tmp/.../text.argosmodel'"), and a bad file's message gave no way on."""
    bad = tmp_path / "text.argosmodel"
    bad.write_text("not a package", encoding="utf-8")
    assert main(["models", "install", str(bad), str(installed_argos["ru-en"])]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: not an Argos package (not a zip archive); a package file is listed" in (
        " ".join(captured.err.split())
    )
    assert "installed ru→en" in captured.out
    assert "(it was installed: replaced)" in captured.out  # a trial: "installed" again, no more
    assert main(["models", "install", str(tmp_path)]) == 1
    assert f"{tmp_path}: a folder, not a package file" in " ".join(capsys.readouterr().err.split())
    with pytest.raises(SystemExit) as info:
        main(["models", "install", str(bad), "ru"])
    assert info.value.code == 2


def test_two_languages_are_languages_beside_a_folder_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a review: a folder named "en" in the working folder made "install ru en" a usage error
    (tmp_path / "en").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["models", "install", "ru", "en"]) == 1  # the index, unreachable in tests
    assert "cannot reach the Argos package index" in " ".join(capsys.readouterr().err.split())


class _Pkg:
    def __init__(self, version: str) -> None:
        self.package_version = version


def test_the_newest_package_of_a_pair_sorts_last() -> None:
    from xlate.engines.argos import _version

    versions = ["1.9", "1.10", "1.0.1", "weird"]
    assert [v for v in sorted(versions, key=lambda v: _version(_Pkg(v)))] == [
        "weird",
        "1.0.1",
        "1.9",
        "1.10",
    ]


def test_a_missing_packages_folder_is_a_clear_error(tmp_path: Path) -> None:
    from xlate.errors import EngineError

    engine = ArgosEngine(ArgosOptions(packages_dir=tmp_path / "nope"))
    with pytest.raises(EngineError, match=r"nope: no such Argos packages folder"):
        engine.translate(["Текст."], "ru", "en")


SPLITS = [
    ("short sentence", 50, ["short sentence"]),
    ("one two, three four, five six", 14, ["one two,", "three four,", "five six"]),
    ("aaaa bbbb cccc dddd", 9, ["aaaa bbbb", "cccc dddd"]),
    (
        "制裁" * 20,
        15,
        [
            "制裁制裁制裁制裁制裁制裁制裁制",
            "裁制裁制裁制裁制裁制裁制裁制裁",
            "制裁制裁制裁制裁制裁",
        ],
    ),
]


@pytest.mark.parametrize(("text", "limit", "pieces"), SPLITS)
def test_long_input_is_split_never_truncated(text: str, limit: int, pieces: list[str]) -> None:
    from xlate.engines.argos import split_long

    found = split_long(text, limit)
    assert found == pieces
    assert all(len(p) <= limit for p in found)
    assert "".join(found).replace(" ", "") == text.replace(" ", "")


def test_a_long_sentence_is_translated_in_pieces_and_flagged(
    installed_argos: dict[str, Path],
) -> None:
    long = ", ".join(["Япония сохранит санкции против России"] * 8) + "."
    engine = ArgosEngine(ArgosOptions(max_decoding_length=20, max_sentence_chars=100))
    [result] = engine.translate([long], "ru", "en")
    assert result is not None and result.source == long
    assert result.flags == ("split:4",)


class _ArgosDefaults:
    """argostranslate's own settings (its ``settings`` module reads them at import)."""

    inter_threads, intra_threads, batch_size = 1, 0, 32


THREAD_CASES = [
    # options, environment, expected (inter, intra, batch)
    ({}, {}, (2, 1, 8)),
    ({"intra_threads": 0}, {}, (2, 0, 8)),
    ({"inter_threads": 1, "batch_size": 8}, {}, (1, 1, 8)),
    ({}, {"ARGOS_INTER_THREADS": "1", "ARGOS_INTRA_THREADS": "0"}, (1, 0, 8)),
    ({"inter_threads": 3}, {"ARGOS_INTER_THREADS": "1"}, (3, 1, 8)),
    ({}, {"ARGOS_BATCH_SIZE": "32"}, (2, 1, 32)),
]


@pytest.mark.parametrize(("options", "environ", "expected"), THREAD_CASES)
def test_threads_come_from_options_then_variables_then_the_measured_default(
    options: dict[str, int],
    environ: dict[str, str],
    expected: tuple[int, int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("xlate.engines.argos.usable_cores", lambda: 2)
    plan = thread_plan(ArgosOptions(**options), environ, _ArgosDefaults)
    assert (plan.inter_threads, plan.intra_threads, plan.batch_size) == expected


def test_the_translator_is_built_with_the_thread_plan(installed_argos: dict[str, Path]) -> None:
    engine = ArgosEngine(ArgosOptions(max_decoding_length=20, inter_threads=2, intra_threads=1))
    [package] = engine.path("ru", "en")
    assert package.translator.num_translators == 2
    one = ArgosEngine(ArgosOptions(max_decoding_length=20, inter_threads=1))
    assert [t.text for t in engine.translate(SENTENCES, "ru", "en") if t] == [
        t.text for t in one.translate(SENTENCES, "ru", "en") if t
    ]


SUB_BATCH_CASES = [
    # translators, batch size, sentences in the call, expected sub-batch size
    (2, 32, 12, 6),  # one article: both translators get half
    (2, 32, 13, 7),
    (2, 32, 64, 32),  # enough for both at the full size
    (2, 32, 1_000, 32),
    (1, 32, 12, 12),  # one translator: one sub-batch, as before
    (4, 8, 3, 1),  # fewer sentences than translators
    (2, 32, 0, 1),
]


@pytest.mark.parametrize(("inter", "batch", "sentences", "expected"), SUB_BATCH_CASES)
def test_a_call_is_spread_over_every_translator(
    inter: int, batch: int, sentences: int, expected: int
) -> None:
    assert ThreadPlan(inter, 1, batch).sub_batch(sentences) == expected


class _Spy:
    """The real translator, recording the sub-batch size each call asks for."""

    def __init__(self, translator: Any) -> None:
        self.translator = translator
        self.sizes: list[int] = []

    def translate_batch(self, tokens: Any, **options: Any) -> Any:
        self.sizes.append(options["max_batch_size"])
        return self.translator.translate_batch(tokens, **options)


def test_one_article_keeps_both_translators_busy_with_the_same_output(
    installed_argos: dict[str, Path],
) -> None:
    two = ArgosEngine(ArgosOptions(max_decoding_length=20, inter_threads=2, intra_threads=1))
    [package] = two.path("ru", "en")
    spy = _Spy(package.translator)
    package._translator = spy
    article = (SENTENCES * 4)[:12]
    spread = [t.text for t in two.translate(article, "ru", "en") if t]
    assert spy.sizes == [6]
    one = ArgosEngine(ArgosOptions(max_decoding_length=20, inter_threads=1))
    assert spread == [t.text for t in one.translate(article, "ru", "en") if t]
