"""Hostile and broken input: nothing lost, nothing injected, every failure explained."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES

from xlate.cli.main import main

CORPUS = ROOT / "tests" / "hostile"
EXPECTED: dict[str, str] = json.loads((CORPUS / "expected.json").read_text())["files"]
# Raw bytes that act on a terminal or an editor: ESC, BEL, C1 controls, bidi overrides.
UNSAFE = re.compile("[\x1b\x07\x80-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed corpus plus generated files too large to commit."""
    folder = tmp_path_factory.mktemp("hostile") / "in"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("expected.json"))
    deep = "<div>" * 10_000 + "<p>Japan keeps its sanctions on Russia.</p>" + "</div>" * 10_000
    (folder / "deep.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    with (folder / "large.txt").open("w", encoding="utf-8") as handle:
        line = "Japan keeps its sanctions on Russia while the war goes on.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    # Over 4 MB with no line break: streamed, cut into paragraphs (it was one 4.5 MB part).
    sentence = "Moscow promises a harsh response to the sanctions of Tokyo. "
    (folder / "one-line.txt").write_text(sentence * (4_500_000 // len(sentence)), encoding="utf-8")
    _add_what_git_cannot_hold(folder)
    return folder


def _add_what_git_cannot_hold(folder: Path) -> None:
    """A pipe (reading it would wait forever), symbolic links (a loop, a dangling one, one to
    /dev/zero and one to a file outside the folder), a name that is not UTF-8 and a name with
    a line break that would forge a line of output."""
    os.mkfifo(folder / "fifo.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("no-such-file.txt")
    (folder / "dev-zero.txt").symlink_to("/dev/zero")
    outside = folder.parent / "outside-the-folder.txt"
    outside.write_text("A file beside the folder, not in it.\n", encoding="utf-8")
    (folder / "outside.txt").symlink_to(outside)
    text = b"Japan keeps its sanctions on Russia.\n"
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(text)
    (folder / "forged\nxlate: all files translated.txt").write_bytes(b"")


def test_every_file_of_the_corpus_gets_its_expected_outcome(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["translate", str(corpus), "--out", str(out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    status = {Path(f["file"]).name: f for f in report["files"]}
    assert set(status) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        if expected == "ok":
            assert status[name]["status"] == "ok", (name, status[name]["error"])
        else:
            message = expected.removeprefix("error: ")
            assert status[name]["status"] == "failed", name
            assert message in status[name]["error"], (name, status[name]["error"])
            assert f"{corpus / name}: " in err  # one line naming the file
    failures = sum(1 for e in EXPECTED.values() if e != "ok")
    assert f"{failures} file(s) failed" in err
    assert not re.search("^xlate: all files translated", err, re.MULTILINE)  # no forged line
    # NaN and Infinity (which Python reads, but JSON has not) come back as text: valid JSON.
    strict = {"parse_constant": lambda name: pytest.fail(f"{name} written to JSON")}
    doc = json.loads(Path(status["nan.json"]["output"]).read_text(encoding="utf-8"), **strict)
    assert doc["article"]["extra"] == {
        "score": "NaN",
        "range": ["Infinity", "-Infinity"],
        "big": "1e999",
    }
    # A name that is not UTF-8 is written with its byte escaped, the id too.
    doc = json.loads(Path(status["caf\\xe9.txt"]["output"]).read_text(encoding="utf-8"))
    assert doc["article"]["id"] == "caf\\xe9" and doc["article"]["path"].endswith("caf\\xe9.txt")
    # A lone surrogate escape in JSON cannot be written as text: it becomes U+FFFD.
    doc = json.loads(Path(status["surrogates.json"]["output"]).read_text(encoding="utf-8"))
    assert "said \ufffd that" in doc["sentences"][0]["source"]
    # A file of one line is read in paragraphs of at most 256K characters (18 for 4.5 MB).
    doc = json.loads(Path(status["one-line.txt"]["output"]).read_text(encoding="utf-8"))
    assert doc["sentences"][-1]["paragraph"] == 17
    # Article ids become file names: a path in one stays a name, a long one is shortened.
    for name in ("long-id.json", "path-id.json"):
        output = Path(status[name]["output"])
        assert output.parent == out and len(output.name.encode()) <= 140, output


def _all_output_bytes(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


@pytest.mark.parametrize("fmt", ["json", "txt", "md"])
def test_no_raw_escape_or_bidi_character_reaches_translation_outputs(
    corpus: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / fmt
    main(
        ["translate", str(corpus / "escapes.txt"), "--out", str(out), "--no-cache", "--format", fmt]
    )
    text = _all_output_bytes(out)
    assert not UNSAFE.search(text)
    assert not UNSAFE.search(capsys.readouterr().out + capsys.readouterr().err)
    if fmt == "json":  # the data is kept, escaped
        doc = json.loads((out / f"escapes.en.{fmt}").read_text(encoding="utf-8"))
        assert "\u202e" in doc["sentences"][0]["source"]


def test_no_raw_escape_reaches_detect_or_compare(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["detect", str(corpus / "escapes.txt"), "--paragraphs"])
    main(["detect", str(corpus / "escapes.txt"), "--json"])
    other = SAMPLES / "articles" / "meridian-post.txt"
    for fmt in ("terminal", "json", "md", "html"):
        main(["compare", str(corpus / "escapes.txt"), str(other), "--format", fmt, "--no-cache"])
    captured = capsys.readouterr()
    assert not UNSAFE.search(captured.out + captured.err)


def test_scripts_and_remote_resources_are_neither_run_nor_kept(
    corpus: Path, tmp_path: Path
) -> None:
    main(["translate", str(corpus / "scripts.html"), "--out", str(tmp_path), "--no-cache"])
    doc = json.loads((tmp_path / "scripts.en.json").read_text(encoding="utf-8"))
    text = " ".join(s["source"] for s in doc["sentences"])
    assert "Japan will keep its sanctions" in text
    assert not re.search(r"fetch|cookie|injected|tracker|alert", text)


# -- round two: paths, reports, names, workers, formats ------------------------------------------

ENGLISH = "Japan keeps its sanctions on Russia.\n\nMoscow promises a response.\n"
OTHER = SAMPLES / "articles" / "meridian-post.txt"


def _special(kind: str, folder: Path) -> Path:
    """A path that is not a readable regular file, of one ``kind``."""
    path = folder / f"{kind}.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(path.name)
    else:
        path.symlink_to(folder / "missing.txt")
    return path


SPECIAL = [
    ("fifo", "not a regular file (a named pipe (FIFO)), not an article"),
    ("zero", "not a regular file (a character device), not an article"),
    ("loop", "symbolic link loop"),
    ("dangling", "dangling symbolic link (its target does not exist)"),
]
COMMANDS = {
    "translate": lambda path, out: ["translate", path, "--out", out, "--no-cache"],
    "detect": lambda path, out: ["detect", path],
    "glossary scan": lambda path, out: ["glossary", "scan", path, "--lang", "en"],
    "compare": lambda path, out: [
        "compare",
        path,
        str(OTHER),
        str(SAMPLES / "articles" / "hokuyo-nippo.txt"),
        "--engine",
        "memory",
        "--memory",
        str(SAMPLES / "memory.tmx"),
        "--format",
        "json",
    ],
}
COMMANDS["compare --out"] = lambda path, out: [*COMMANDS["compare"](path, out), "--out", out]
COMMANDS["detect --lines"] = lambda path, out: ["detect", "--lines", path]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("kind", "message"), SPECIAL)
def test_a_path_that_is_no_regular_file_fails_at_once_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, message: str, command: str
) -> None:
    """A pipe would be read forever, /dev/zero until memory runs out, a loop or a dangling
    link crashed the output-folder check ("inside the input folder /")."""
    path = _special(kind, tmp_path)
    out = tmp_path / "out"
    assert main(COMMANDS[command](str(path), str(out))) == 1
    err = capsys.readouterr().err
    assert f"{path}: {message}" in err
    assert "Traceback" not in err and "inside the input folder" not in err
    if command == "translate":
        assert json.loads((out / "xlate-report.json").read_text())["summary"] == {"failed": 1}


JSON_BOMBS = [
    ("deep.json", "JSON nested too deeply to read"),
    ("huge-int.json", "JSON that cannot be read (Exceeds the limit (4300 digits)"),
]


@pytest.mark.parametrize("command", ["detect", "glossary scan", "compare"])
@pytest.mark.parametrize(("name", "message"), JSON_BOMBS)
def test_json_too_deep_or_with_huge_integers_fails_cleanly_in_every_command(
    capsys: pytest.CaptureFixture[str], command: str, name: str, message: str
) -> None:
    assert main(COMMANDS[command](str(CORPUS / name), "")) == 1
    err = capsys.readouterr().err
    assert f"{CORPUS / name}: {message}" in err and "Traceback" not in err


def test_a_report_that_cannot_be_written_leaves_the_summary_and_every_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's place is taken by a folder: the periodic write and the last one fail."""
    import xlate.translate.batch

    monkeypatch.setattr(xlate.translate.batch, "_REPORT_EVERY", 0.0)  # a periodic write per chunk
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    (out / "xlate-report.json").mkdir(parents=True)
    assert main(["translate", str(src), "--out", str(out), "--no-cache"]) == 1
    captured = capsys.readouterr()
    assert f"{src / 'empty.txt'}: empty file" in captured.err
    assert f"cannot write the report {out / 'xlate-report.json'}: Is a directory" in captured.err
    assert "good" in captured.out  # the summary table
    assert (out / "good.en.json").exists()
    assert "Traceback" not in captured.err


def test_compare_out_that_cannot_be_written_says_so_after_the_failed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "report.md"
    args = COMMANDS["compare"](str(CORPUS / "empty.txt"), "")
    assert main([*args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.index("empty.txt: empty file") < err.index(f"cannot write the report {out}")
    assert "Not a directory" in err and "Traceback" not in err


def test_an_output_folder_beside_a_file_input_or_its_own_is_accepted_inputs_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file input's folder is not read by a later run on the file: outputs may go beside
    it or into its folder, but never over an input (``a.en.json`` holding article ``a``)."""
    (tmp_path / "b.txt").write_text(ENGLISH, encoding="utf-8")
    beside = tmp_path / "translated"
    assert main(["translate", str(tmp_path / "b.txt"), "--out", str(beside), "--no-cache"]) == 0
    assert (beside / "b.en.json").exists()
    source = tmp_path / "a.en.json"
    source.write_text(json.dumps({"id": "a", "text": ENGLISH}), encoding="utf-8")
    before = source.read_bytes()
    args = ["translate", str(source), str(tmp_path / "b.txt"), "--out", str(tmp_path)]
    assert main([*args, "--no-cache"]) == 0
    assert source.read_bytes() == before
    report = json.loads((tmp_path / "xlate-report.json").read_text(encoding="utf-8"))
    written = {Path(row["output"]).name for row in report["files"]}
    assert "b.en.json" in written and re.fullmatch(r"a-[0-9a-f]{8}\.en\.json", min(written))
    # A folder input still refuses an output folder inside it.
    assert main(["translate", str(tmp_path), "--out", str(tmp_path / "o"), "--no-cache"]) == 1
    assert "output folder is inside the input folder" in capsys.readouterr().err


def test_output_names_hold_the_same_article_whatever_files_are_added(tmp_path: Path) -> None:
    """A same-named file added in a folder sorted first must not take over (and skip) the
    first file's output."""
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "x").mkdir(parents=True)
    (src / "x" / "a.txt").write_text("Tokyo keeps its sanctions.\n", encoding="utf-8")
    assert main(["translate", str(src), "--out", str(out), "--no-cache"]) == 0
    (src / "b").mkdir()
    (src / "b" / "a.txt").write_text("Moscow promises a response.\n", encoding="utf-8")
    assert main(["translate", str(src), "--out", str(out), "--no-cache"]) == 0
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    held = {}
    for row in report["files"]:
        doc = json.loads(Path(row["output"]).read_text(encoding="utf-8"))
        held[Path(row["file"]).parent.name] = doc["sentences"][0]["source"]
    assert held == {"x": "Tokyo keeps its sanctions.", "b": "Moscow promises a response."}
    statuses = {Path(r["file"]).parent.name: r["status"] for r in report["files"]}
    assert statuses == {"x": "skipped", "b": "ok"}  # the first run's output is still its own


def test_an_unlistable_subfolder_is_reported_not_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    locked = tmp_path / "in" / "locked"
    real = os.scandir

    def scandir(path: Any = ".") -> Any:  # root reads every folder: refuse this one here
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["translate", str(tmp_path / "in"), "--out", str(tmp_path / "o")]) == 1
    assert f"{locked}: cannot read the folder: Permission denied" in capsys.readouterr().err


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _running(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _busy_batch(tmp_path: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """``xlate translate --jobs 2`` with its workers idle, waiting for work, while the parent
    translates a large file part by part (the state a long batch spends most time in)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-large.txt").write_text(ENGLISH * 100_000, encoding="utf-8")  # 6 MB: streamed
    for n in range(10):
        (src / f"b{n}.txt").write_text(ENGLISH, encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xlate",
            "translate",
            str(src),
            "--out",
            str(tmp_path / "out"),
            "--no-cache",
            "--jobs",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 60
    while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.5)  # the small files are prepared: the workers wait
    assert proc.poll() is None and len(workers) >= 2, "the batch ended before it was killed"
    return proc, workers


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux's")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    proc, workers = _busy_batch(tmp_path)
    proc.kill()  # SIGKILL: the parent cannot clean up
    proc.wait()
    deadline = time.monotonic() + 10
    while _running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(workers)


@pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")
def test_ctrl_c_to_the_process_group_prints_no_worker_traceback(tmp_path: Path) -> None:
    proc, workers = _busy_batch(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert not _running(workers)


def test_jobs_are_capped_to_the_cores() -> None:
    from xlate.translate.workers import worker_count

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert worker_count(64) == min(64, cores or 1)
    assert worker_count(1) == 1


def test_max_articles_counts_the_articles_of_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": f"Article {n}."} for n in range(5)]), encoding="utf-8")
    args = ["compare", str(many), "--max-articles", "3", "--engine", "identity", "--no-cache"]
    assert main(args) == 1
    assert "over 3 articles to compare (--max-articles 3" in capsys.readouterr().err


def test_outlet_keys_go_on_past_702_outlets() -> None:
    from types import SimpleNamespace

    from xlate.render.compare import outlet_keys

    report: Any = SimpleNamespace(outlets=[SimpleNamespace(id=str(n)) for n in range(800)])
    keys = list(outlet_keys(report).values())
    assert len(set(keys)) == 800
    assert [keys[i] for i in (0, 25, 26, 701, 702, 799)] == ["A", "Z", "AA", "ZZ", "AAA", "ADT"]


def test_an_article_language_field_cannot_inject_html_into_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    article = {
        "text": "Japan keeps its sanctions on Russia.",
        "language": "<img src=x onerror=alert(1)>",
    }
    bad.write_text(json.dumps(article), encoding="utf-8")
    third = SAMPLES / "articles" / "pacific-ledger.json"
    args = ["--format", "md", "--engine", "identity", "--no-cache"]
    # identity passes text through, so the article whose language is not English is left out,
    # and the report names it with the reason: the field shows up there, inert
    main(["compare", str(bad), str(OTHER), str(third), *args])
    out = capsys.readouterr().out
    assert "onerror" in out and not re.search(r"(?<!\\)<img", out)  # escaped: shown as text


def test_a_cache_locked_by_another_process_does_not_abort_the_batch(tmp_path: Path) -> None:
    import sqlite3

    from xlate.engines.cache import CachedEngine, TranslationCache
    from xlate.engines.identity import IdentityEngine

    path = tmp_path / "cache.sqlite3"
    made = TranslationCache(path)
    assert len(made) == 0
    made.close()
    holder = sqlite3.connect(path, isolation_level=None)  # another process's lock
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM translations")
    engine = CachedEngine(IdentityEngine(), TranslationCache(path, timeout=0.2))
    with pytest.warns(RuntimeWarning, match="translation cache unavailable .*locked"):
        [result] = engine.translate(["Japan keeps its sanctions."], "en", "de")
    assert result is not None and result.text == "Japan keeps its sanctions."
    assert engine.unavailable
    holder.close()


def _tmx(body: str, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return f'{declaration}\n<tmx version="1.4"><header/><body>{body}</body></tmx>\n'.encode()


def _tu(*variants: tuple[str, str]) -> str:
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    return f"<tu>{tuvs}</tu>"


_TBX_NO_TERM = (
    '<martif type="TBX-Basic"><text><body><termEntry id="x"><langSet xml:lang="de">'
    "<tig><term>Sanktionen</term></tig></langSet></termEntry></body></text></martif>"
)
TERM_FILES = [
    ("shift-jis.tmx", _tmx(_tu(("ja", "abc"), ("en", "abc")),
                           '<?xml version="1.0" encoding="Shift_JIS"?>'),
     "declared encoding (multi-byte encodings are not supported); save it as UTF-8"),
    ("variants.tmx", _tmx(_tu(*((f"x{n}", "text") for n in range(1000)))),
     "<tu> #1: over 64 languages in one unit"),
    ("no-term.tbx", _TBX_NO_TERM.encode(), "no term entry has a term in en, ru, ja"),
    ("long.csv", b'"' + b"x" * 200_000 + b'",y\n', "line 1: not a CSV term list (field larger"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "message"), TERM_FILES)
def test_broken_memories_and_term_files_fail_with_a_message(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    from xlate.errors import FormatError
    from xlate.glossary.exchange import read_terms
    from xlate.glossary.tmx import read_tmx

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormatError) as info:
        read_tmx(path) if name.endswith(".tmx") else read_terms(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)


def test_a_tu_with_many_variants_of_one_language_is_two_units_not_n_squared(
    tmp_path: Path,
) -> None:
    from xlate.glossary.tmx import read_tmx

    path = tmp_path / "many.tmx"
    variants = [("ru", "Санкции."), *(("en", f"Sanctions {n}.") for n in range(2000))]
    path.write_bytes(_tmx(_tu(*variants)))
    start = time.perf_counter()
    units = read_tmx(path)
    assert [(u.source_lang, u.target) for u in units] == [
        ("ru", "Sanctions 0."),
        ("en", "Санкции."),
    ]
    assert time.perf_counter() - start < 5


def test_a_seg_nested_5000_deep_is_read_without_recursion(tmp_path: Path) -> None:
    from xlate.glossary.tmx import read_tmx

    path = tmp_path / "deep.tmx"
    seg = "<hi>" * 5000 + "Sanctions." + "</hi>" * 5000 + '<ph x="1">code</ph> stay.'
    path.write_bytes(_tmx(_tu(("ru", "Санкции остаются."), ("en", seg))))
    units = read_tmx(path)
    assert ("ru", "Sanctions. stay.") in {(u.source_lang, u.target) for u in units}


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_export_never_writes_a_formula_for_spreadsheets(start: str) -> None:
    from xlate.glossary.concepts import Concept
    from xlate.glossary.exchange import export_csv

    term = f'{start}cmd|" /C calc"!A0'
    concept = Concept(id="x", type="other", preferred={"ru": term, "en": term})
    rows = list(csv.reader(io.StringIO(export_csv([concept], "ru", "en"))))
    assert rows == [[f"'{term}", f"'{term}"]]


ODD_NAMES = [(b"caf\xe9.txt", "caf\\xe9.txt"), (b"two\nlines.txt", "two\\x0alines.txt")]


@pytest.mark.parametrize("paragraphs", [[], ["--paragraphs"]])
@pytest.mark.parametrize(("raw", "shown"), ODD_NAMES)
def test_detect_shows_odd_file_names_escaped_and_writes_valid_utf8(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    raw: bytes,
    shown: str,
    paragraphs: list[str],
) -> None:
    path = os.fsencode(tmp_path) + b"/" + raw
    with open(path, "wb") as handle:
        handle.write(ENGLISH.encode())
    assert main(["detect", os.fsdecode(path), "--json", *paragraphs]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")  # no lone surrogate: the bytes written are UTF-8
    assert {row["file"] for row in json.loads(out)} == {f"{tmp_path}/{shown}"}


# -- round three: a glossary and a bundle manifest are read as articles are -------------------


def _sparse(path: Path, size: int) -> Path:
    """A file that says it holds ``size`` bytes (zeros) and takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _glossary_file(kind: str, folder: Path) -> Path:
    from xlate.limits import MAX_GLOSSARY_BYTES

    if kind == "huge":
        return _sparse(folder / "huge.toml", MAX_GLOSSARY_BYTES + 1)
    return _special(kind, folder)


GLOSSARY_FILES = [
    *((kind, message.replace("an article", "a glossary")) for kind, message in SPECIAL),
    ("huge", "file is 67,108,865 bytes, over the 67,108,864-byte limit for a glossary"),
]
GLOSSARY_COMMANDS = {
    "glossary check": lambda glossary, tmp: ["glossary", "check", glossary],
    "glossary scan": lambda glossary, tmp: [
        *("glossary", "scan", str(OTHER), "--glossary", glossary),
    ],
    "translate": lambda glossary, tmp: [
        *("translate", str(OTHER), "--out", tmp, "--no-cache", "--glossary", glossary),
    ],
    "compare": lambda glossary, tmp: [
        *COMMANDS["compare"](str(OTHER), tmp),
        "--glossary",
        glossary,
    ],
}


@pytest.mark.parametrize("command", GLOSSARY_COMMANDS)
@pytest.mark.parametrize(("kind", "message"), GLOSSARY_FILES)
def test_a_glossary_that_is_no_regular_file_or_too_large_fails_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, message: str, command: str
) -> None:
    """A pipe as ``--glossary`` waited forever; /dev/zero through a link was read until
    memory ran out; a huge file was read whole."""
    glossary = _glossary_file(kind, tmp_path)
    assert main(GLOSSARY_COMMANDS[command](str(glossary), str(tmp_path / "out"))) == 1
    err = capsys.readouterr().err
    assert f"{glossary}: {message}" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1  # one line naming the file


MANIFESTS = [
    *((kind, message.replace("an article", "a bundle manifest")) for kind, message in SPECIAL),
    ("huge", "file is 16,777,217 bytes, over the 16,777,216-byte limit for a manifest"),
]


@pytest.mark.parametrize("command", ["translate", "compare"])
@pytest.mark.parametrize(("kind", "message"), MANIFESTS)
def test_a_bundle_manifest_that_is_no_regular_file_or_too_large_fails_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, message: str, command: str
) -> None:
    from xlate.limits import MAX_MANIFEST_BYTES

    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "a.txt").write_text(ENGLISH, encoding="utf-8")
    if kind == "huge":
        manifest = _sparse(bundle / "manifest.json", MAX_MANIFEST_BYTES + 1)
    else:
        manifest = _special(kind, tmp_path).rename(bundle / "manifest.json")
        if kind == "loop":
            manifest.unlink()
            manifest.symlink_to("manifest.json")
    args = ["translate", str(bundle), "--out", str(tmp_path / "out"), "--no-cache"]
    if command == "compare":
        args = ["compare", str(bundle), "--engine", "identity", "--no-cache"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{manifest}: {message}" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
