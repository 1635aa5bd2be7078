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
    # a file's failed row, if any (one bad record of many fails alone: the others are read)
    rows = sorted(report["files"], key=lambda f: f["status"] == "failed")
    status = {Path(f["file"]).name: f for f in rows}
    assert set(status) == set(EXPECTED)
    assert [f["status"] for f in rows if Path(f["file"]).name == "broken.jsonl"] == [
        "ok",
        "failed",
    ]
    for name, expected in EXPECTED.items():
        if expected == "ok":
            assert status[name]["status"] == "ok", (name, status[name]["error"])
        else:
            message = expected.removeprefix("error: ")
            assert status[name]["status"] == "failed", name
            assert message in status[name]["error"], (name, status[name]["error"])
            assert f"{corpus / name}: " in err  # one line naming the file
    failures = sum(1 for e in EXPECTED.values() if e != "ok")
    assert f"{failures} files failed" in err
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
    with pytest.raises(SystemExit) as info:
        main(["translate", str(tmp_path), "--out", str(tmp_path / "o"), "--no-cache"])
    assert info.value.code == 2
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
    assert {row["file"] for row in json.loads(out)["articles"]} == {f"{tmp_path}/{shown}"}


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


# -- round three (issue 28): forged translate outputs, special files, half-written bundles ---

MEMORY = ["--engine", "memory", "--memory", str(SAMPLES / "memory.tmx"), "--no-cache"]


@pytest.fixture(scope="module")
def translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``xlate translate`` outputs of the six sample articles (the Russian ones without a
    model: every sentence untranslated), to be edited by hand as a user could."""
    out = tmp_path_factory.mktemp("translations")
    assert main(["translate", str(SAMPLES), "--out", str(out), *MEMORY]) == 0
    return out


def _forged(translations: Path, folder: Path, name: str, text: str) -> Path:
    """The outputs of ``translations`` copied into ``folder``, ``name``'s replaced by ``text``."""
    shutil.copytree(translations, folder)
    (folder / "xlate-report.json").unlink()
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _edited(translations: Path, name: str, edit: Any) -> str:
    data = json.loads((translations / name).read_text(encoding="utf-8"))
    edit(data)
    return json.dumps(data, ensure_ascii=False)


def _row(key: str, value: Any) -> Any:
    return lambda data: data["sentences"][0].__setitem__(key, value)


FORGED_NUMBERS = [
    (_row("index", float("inf")), "sentence 1: 'index' is not a whole number: 'Infinity'"),
    (_row("index", "1e999"), "sentence 1: 'index' is not a whole number: '1e999'"),
    (_row("paragraph", float("inf")), "sentence 1: 'paragraph' is not a whole number"),
    (_row("paragraph", True), "sentence 1: 'paragraph' is not a whole number: True"),
]
EVENTS = ["events", "--format", "json", *MEMORY]
COMPARE = ["compare", "--format", "json", *MEMORY]


@pytest.mark.parametrize("command", [COMPARE, EVENTS], ids=["compare", "events"])
@pytest.mark.parametrize(("edit", "message"), FORGED_NUMBERS)
def test_an_output_with_an_index_or_paragraph_that_is_no_whole_number_is_left_out(
    translations: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    edit: Any,
    message: str,
) -> None:
    """Cases 6 and 7: Infinity and 1e999 ended in an OverflowError traceback."""
    text = _edited(translations, "meridian-post.en.json", edit).replace('"1e999"', "1e999")
    forged = _forged(translations, tmp_path / "in", "meridian-post.en.json", text)
    assert main([*command, str(tmp_path / "in")]) == 1
    captured = capsys.readouterr()
    assert f"{forged}: not a complete xlate translation ({message}" in captured.err
    assert "Traceback" not in captured.err
    assert len(json.loads(captured.out)["outlets" if "compare" in command else "events"]) >= 1


def _surrogates(data: dict[str, Any]) -> None:
    data["article"]["outlet"] = "Ledger \ud800"
    data["sentences"][0]["source"] += " \ud800"
    data["sentences"][0]["translation"] += " \udfff"


@pytest.mark.parametrize("command", [COMPARE, EVENTS], ids=["compare", "events"])
def test_lone_surrogates_in_an_output_become_replacement_characters(
    translations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Case 8: a lone surrogate escape in outlet, source or translation was a
    UnicodeEncodeError traceback; as in an article, it becomes U+FFFD."""
    text = json.dumps(json.loads(_edited(translations, "meridian-post.en.json", _surrogates)))
    _forged(translations, tmp_path / "in", "meridian-post.en.json", text)
    assert main([*command, str(tmp_path / "in")]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")
    assert "Ledger \ufffd" in out


@pytest.mark.parametrize("command", [COMPARE, EVENTS], ids=["compare", "events"])
def test_an_output_with_no_sentence_translated_is_left_out_as_its_article_is(
    translations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Case 17: the output of a Russian article translated with nothing to translate it (no
    model; here a translation memory of other articles, whatever models a test installed)
    gave an outlet of no sentence, exit 0; the article itself: "no sentence translated"."""
    # a copy: the sample's own file is read with its bundle's memory, which translates it
    original = tmp_path / "vostochnoe-obozrenie.txt"
    shutil.copyfile(SAMPLES / "articles" / "vostochnoe-obozrenie.txt", original)
    other_memory = ["--engine", "memory", "--memory", str(SAMPLES.parent / "distractors" /
                    "memory.tmx"), "--no-cache"]  # fmt: skip
    out = tmp_path / "untranslated"
    assert main(["translate", str(original), "--out", str(out), *other_memory]) == 1  # partial
    output = out / "vostochnoe-obozrenie.en.json"
    others = [str(translations / f"{n}.en.json") for n in ("meridian-post", "hokuyo-nippo")]
    capsys.readouterr()
    for path in (output, original):
        assert main([*command[:3], *other_memory, str(path), *others]) == 1
        captured = capsys.readouterr()
        assert re.search(f"{re.escape(str(path))}: no sentence (could be )?translated; no "
                         "translation memory entry for ru→en", captured.err)  # fmt: skip
        assert "Vostochnoe" not in captured.out and "Восточное" not in captured.out


@pytest.mark.parametrize("command", [COMPARE, EVENTS], ids=["compare", "events"])
def test_an_output_saved_again_with_a_bom_is_still_an_output(
    translations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Case 28: the BOM hid the output's head: it was read as an article and refused."""
    text = "\ufeff" + (translations / "meridian-post.en.json").read_text(encoding="utf-8")
    _forged(translations, tmp_path / "in", "renamed.json", text)
    (tmp_path / "in" / "meridian-post.en.json").unlink()
    assert main([*command, str(tmp_path / "in")]) == 0
    assert "Meridian Post" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["terminal", "md"])
def test_events_shows_a_file_name_with_a_line_break_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """A trial: `xlate events` printed the path of "two\\nlines.txt" with a raw line break
    ("…/esc/two" / "lines.txt"), forging a row, and a tab raw."""
    folder = tmp_path / "esc"
    folder.mkdir()
    articles = SAMPLES / "articles"
    shutil.copy(articles / "meridian-post.txt", folder / "two\nlines.txt")
    shutil.copy(articles / "toto-shinpo.md", folder / "tab\tname.md")
    argv = ["events", str(folder), "--format", fmt, "--no-pager", "--width", "200", *MEMORY]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "two\\x0alines.txt" in out.replace("\\\\", "\\")
    assert "tab\\x09name.md" in out.replace("\\\\", "\\")
    assert "\t" not in out and not any(line.startswith("lines.txt") for line in out.splitlines())


def test_events_never_copies_a_file_that_a_forged_output_names(
    translations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 1: an output whose ``article.path`` names a private file got that file copied
    into the bundle. Now the output's path counts only when that file holds its sentences."""
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN PRIVATE KEY-----\nsecret\n", encoding="utf-8")
    text = _edited(translations, "meridian-post.en.json", lambda d: d["article"].update(
        path=str(secret)))  # fmt: skip
    _forged(translations, tmp_path / "in", "meridian-post.en.json", text)
    bundles = tmp_path / "bundles"
    main([*EVENTS, str(tmp_path / "in"), "--compare-dir", str(bundles)])
    capsys.readouterr()
    copied = [p for p in bundles.rglob("*") if p.is_file()]
    assert copied and not any(b"PRIVATE KEY" in p.read_bytes() for p in copied)
    # the article still travels, as JSON of its sentences; an honest output's original too
    names = {p.name for p in copied}
    assert "meridian-post.json" in names and "hokuyo-nippo.txt" in names


def _bundle_with(folder: Path, **fields: Any) -> Path:
    """The sample bundle copied to ``folder``, its first article's entry given ``fields``."""
    shutil.copytree(SAMPLES, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["articles"][0].update(fields)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


MANIFEST_ENTRIES = [
    ({"encoding": 5}, "articles/severny-vestnik.html: unknown encoding '5'"),
    ({"encoding": "undefined"}, "articles/severny-vestnik.html: encoding 'undefined' cannot"),
    ({"encoding": "rot13"}, "articles/severny-vestnik.html: unknown encoding 'rot13'"),
    ({"file": "a\u0000.json"}, "manifest.json: article 1: file 'a\\x00.json' holds a NUL"),
]
BUNDLE_COMMANDS = {
    "translate": lambda path, out: ["translate", path, "--out", out, *MEMORY],
    "compare": lambda path, out: [*COMPARE, path],
    "events": lambda path, out: [*EVENTS, path],
}


@pytest.mark.parametrize("command", BUNDLE_COMMANDS)
@pytest.mark.parametrize(("fields", "message"), MANIFEST_ENTRIES)
def test_a_manifest_encoding_or_file_name_that_cannot_be_used_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    fields: dict[str, Any],
    message: str,
) -> None:
    """Cases 11, 12, 13: TypeError, UnicodeError and "embedded null byte" tracebacks. A bad
    encoding fails its article only; a file name that cannot be one, the manifest."""
    bundle = _bundle_with(tmp_path / "bundle", **fields)
    out = tmp_path / "out"
    assert main(BUNDLE_COMMANDS[command](str(bundle), str(out))) == 1
    captured = capsys.readouterr()
    assert captured.err.count(f"{bundle}/{message}") == 1 and "Traceback" not in captured.err
    if "encoding" in fields and command == "translate":  # the rest of the bundle is written
        assert len(list(out.glob("*.en.json"))) == 5


def test_a_bundle_of_an_article_with_bad_bytes_is_read_by_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 16: the manifest said ``"encoding": "utf-8 (2 invalid byte(s) replaced)"``, which
    compare refused as an unknown encoding: the article was dropped."""
    pile = tmp_path / "pile"
    shutil.copytree(SAMPLES / "articles", pile)
    damaged = pile / "meridian-post.txt"
    damaged.write_bytes(damaged.read_bytes().replace(b"Tokyo", b"Tok\xff\xfe", 1))
    bundles = tmp_path / "bundles"
    assert main([*EVENTS, str(pile), "--compare-dir", str(bundles)]) == 0
    [manifest] = [
        m for m in bundles.glob("*/manifest.json") if "meridian" in m.read_text(encoding="utf-8")
    ]
    assert "invalid byte" not in manifest.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main([*COMPARE, str(manifest.parent)]) == 0
    outlets = {o["id"] for o in json.loads(capsys.readouterr().out)["outlets"]}
    assert "meridian-post" in outlets
    # A bundle written before this fix is read too: detection repairs the bytes again.
    _bundle_with(tmp_path / "old", encoding="utf-8 (2 invalid byte(s) replaced)")
    assert main([*COMPARE, str(tmp_path / "old")]) == 0


def test_an_article_id_of_300_bytes_gets_a_bundle_file_name_that_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 14: an id of 100 Japanese characters made a 300-byte name: "File name too long"
    failed the whole run and left a half-written bundle."""
    pile = tmp_path / "pile"
    shutil.copytree(SAMPLES / "articles", pile)
    text = (pile / "meridian-post.txt").read_text(encoding="utf-8")
    (pile / "meridian-post.txt").unlink()
    article = {"id": "日本" * 50, "outlet": "The Meridian Post", "text": text}
    (pile / "long.json").write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    bundles = tmp_path / "bundles"
    assert main([*EVENTS, str(pile), "--compare-dir", str(bundles)]) == 0
    names = [p.name for p in bundles.glob("*/articles/*")]
    assert any(name.startswith("日本日本") for name in names)
    assert max(len(name.encode()) for name in names) <= 255
    manifests = [json.loads(m.read_text(encoding="utf-8")) for m in bundles.glob("*/manifest.json")]
    assert "日本" * 50 in {a["id"] for m in manifests for a in m["articles"]}


def _failing_copy(after: int, failure: Any) -> Any:
    """shutil.copyfile that copies ``after`` files, then calls ``failure``."""
    real, copied = shutil.copyfile, []

    def copy(src: Any, dst: Any, **kwargs: Any) -> Any:
        if len(copied) == after:
            failure(src)
        copied.append(src)
        return real(src, dst, **kwargs)

    return copy


def _no_space(src: Any) -> None:
    raise OSError(28, "No space left on device", "x")


def _source_gone(src: Any) -> None:
    Path(src).unlink()


def _terminated(src: Any) -> None:
    os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (_no_space, "cannot write the bundles (none written): No space left on device"),
        (_source_gone, "cannot write the bundles (none written): No such file or directory"),
        (_terminated, None),
    ],
    ids=["full-disk", "input-deleted", "sigterm"],
)
def test_bundles_are_complete_or_absent(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: Any,
    message: str | None,
) -> None:
    """Case 15: a failure while bundles were written left folders of articles without a
    manifest, no listing, and a rerun refused. Now nothing is left and the listing shows."""
    pile = tmp_path / "pile"
    shutil.copytree(SAMPLES / "articles", pile)
    bundles = tmp_path / "bundles"
    args = [*EVENTS, str(pile), "--compare-dir", str(bundles)]
    monkeypatch.setattr(shutil, "copyfile", _failing_copy(3, failure))
    if message is None:  # SIGTERM: cleaned up, then the process ends as the signal asks
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 128 + signal.SIGTERM
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # restored
    else:
        assert main(args) == 1
        captured = capsys.readouterr()
        assert message in captured.err and "Traceback" not in captured.err
        assert json.loads(captured.out)["events"]  # the listing is still written
    assert list(bundles.iterdir()) == []  # no bundle, no hidden staging folder
    monkeypatch.undo()
    shutil.copytree(SAMPLES / "articles", pile, dirs_exist_ok=True)
    assert main(args) == 0  # a rerun is not refused
    assert all((b / "manifest.json").is_file() for b in bundles.iterdir())


def test_events_refuses_a_listing_inside_its_input_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 29: the listing written into the pile was read as a news article by the next run."""
    pile = tmp_path / "pile"
    shutil.copytree(SAMPLES / "articles", pile)
    out = pile / "events.md"
    assert main([*EVENTS, str(pile), "--format", "md", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out}: is inside the input folder {pile}" in err and not out.exists()
    assert main([*EVENTS, str(pile), "--format", "md", "--out", str(tmp_path / "e.md")]) == 0


@pytest.mark.parametrize("command", ["compare", "history"])
def test_compare_and_history_refuse_a_report_inside_their_input_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Case 29 in events' twins: a report written into the pile was read as an article by
    the next run (HTML and Markdown are article formats)."""
    pile = tmp_path / "pile"
    shutil.copytree(SAMPLES / "articles", pile)
    out = pile / "sub" / "report.md"
    args = [command, str(pile), "--engine", "identity", "--no-cache", "--out", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{out}: is inside the input folder {pile}" in err and not out.exists()


def _special_out(kind: str, folder: Path) -> Path:
    path = folder / "report.md"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to({"stdout-link": "/proc/self/fd/1", "null-link": "/dev/null"}[kind])
    return path


SPECIAL_OUTS = [
    ("stdout-link", "a symbolic link"),
    ("null-link", "a symbolic link"),
    ("fifo", "a named pipe (FIFO)"),
]
OUT_COMMANDS = {
    "compare": [*COMPARE[:1], str(SAMPLES), "--format", "md", *MEMORY],
    "events": [*EVENTS[:1], str(SAMPLES), "--format", "md", *MEMORY],
}


@pytest.mark.parametrize("command", OUT_COMMANDS)
@pytest.mark.parametrize(("kind", "what"), SPECIAL_OUTS)
def test_an_out_that_is_a_link_pipe_or_device_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str, what: str
) -> None:
    """Case 2: the atomic rename replaced a link, a pipe or (as root) /dev/null's node with a
    regular file. The same check guards /dev/null itself (a character device)."""
    out = _special_out(kind, tmp_path)
    before = os.lstat(out)
    assert main([*OUT_COMMANDS[command], "--out", str(out)]) == 1
    err = capsys.readouterr().err
    message = f"cannot write the report {out}: it is {what}, not a regular file"
    assert message in err and "Traceback" not in err
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


@pytest.mark.parametrize(
    ("command", "work"),
    [("compare", "xlate.compare.run.compare_paths"), ("events", "xlate.grouping.run.events")],
)
def test_a_special_out_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, work: str
) -> None:
    """Case 2: the refusal came only after the comparison or the grouping had been done."""

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the work ran before --out was checked")

    monkeypatch.setattr(work, never)
    out = _special_out("fifo", tmp_path)
    assert main([*OUT_COMMANDS[command], "--out", str(out)]) == 1


def test_a_character_device_is_not_replaceable() -> None:
    from xlate.files import check_replaceable

    with pytest.raises(OSError, match="it is a character device, not a regular file"):
        check_replaceable(Path("/dev/null"))


def _field(where: str, key: str, value: str) -> Any:
    return lambda data: (data[where] if where else data).__setitem__(key, value)


FORGED_TEXT = [
    ("events md language", [*EVENTS[:1], "--format", "md", *MEMORY],
     _field("", "language", "en\x1b[2J\x07<b>x</b>\n# forged heading")),
    ("compare terminal date", [*COMPARE[:1], "--format", "terminal", *MEMORY],
     _field("article", "date", "2024-12-31\x1b]8;;http://x\x07\x1b[31m\u202e")),
    ("compare txt date", [*COMPARE[:1], "--out", "OUT.txt", *MEMORY],
     _field("article", "date", "2024-12-31\x1b]8;;http://x\x07\x1b[31m\u202e")),
    ("compare md outlet", [*COMPARE[:1], "--format", "md", *MEMORY],
     _field("article", "outlet", "Ledger &#x202e;gnp.exe")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "command", "edit"), FORGED_TEXT, ids=[f[0] for f in FORGED_TEXT])
def test_escapes_in_an_output_field_reach_no_report_raw(
    translations: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    command: list[str],
    edit: Any,
) -> None:
    """Cases 4, 5, 27: a language reached events' Markdown unescaped (a forged heading); a date
    reached compare's byline with its escapes; "&#x202e;" became a live U+202E in Markdown."""
    text = _edited(translations, "meridian-post.en.json", edit)
    _forged(translations, tmp_path / "in", "meridian-post.en.json", text)
    out = tmp_path / "report.txt"
    args = [str(out) if a == "OUT.txt" else a for a in command]
    main([*args, str(tmp_path / "in")])
    captured = capsys.readouterr()
    shown = out.read_text(encoding="utf-8") if out.exists() else captured.out
    assert "Meridian" in shown or "Ledger" in shown  # the article is in the report
    assert not UNSAFE.search(shown + captured.err)
    assert not re.search(r"^# forged|<b>|(?<!\\)&#x202e;", shown, re.MULTILINE)


_SAID = "Japan keeps its sanctions on Russia, the minister said on the {day}. Moscow promises a "
_SAID += "harsh response. Japan pays {amount} yen for its sanctions on Russia."
NUMBERS_AND_DATES = [
    ("a", "2024-19-11", _SAID.format(day="12th", amount="9")),
    ("b", "2024-13-45", _SAID.format(day="13th", amount="19")),
    ("c", "2024-11-11", _SAID.format(day="14th", amount="9" * 5000)),
    ("d", "2024-11-11", _SAID.format(day="15th", amount="123 " * 3000)),
]


@pytest.mark.parametrize("fmt", ["json", "md", "terminal"])
def test_impossible_dates_and_huge_numbers_are_compared_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """Cases 9 and 10: a publication date of month 19 was an IndexError in the date diff; a
    5,000-digit number (or "123 " 3,000 times, read as one) went past the interpreter's
    int-digits limit in deciding whether it is a year."""
    for id_, date, text in NUMBERS_AND_DATES:
        article = {"id": id_, "outlet": id_.upper(), "date": date, "text": text}
        (tmp_path / f"{id_}.json").write_text(json.dumps(article), encoding="utf-8")
    args = ["compare", str(tmp_path), "--engine", "identity", "--no-cache", "--format", fmt]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if fmt == "json":
        report = json.loads(captured.out)
        assert {o["id"] for o in report["outlets"]} == {"a", "b", "c", "d"}
        numbers = [  # of whatever kind the values are read as (a number, money in yen)
            said
            for fact in report["facts"]
            for kind in fact.get("conflicts", {}).values()
            for said in kind.values()
        ]
        assert any("9" * 5000 in value for values in numbers for value in values), (
            "the long number is compared"
        )


@pytest.mark.parametrize("published", ["2024-19-11", "2024-13-45", "2024-02-30", "2024-00-10"])
def test_a_publication_date_of_no_real_day_completes_no_date(published: str) -> None:
    """Case 9 alone: "the 12th" of an article dated month 19 indexed no month name."""
    from xlate.compare.diff import full_dates

    assert full_dates("The minister said so on the 12th.", published) == [("day:12", "the 12th")]
    assert full_dates("on the 12th", "2024-11-19") == [
        ("2024-11-12", "12 November 2024 (“the 12th”)")
    ]


def _tbx_entries(*entries: tuple[str, str, str, str]) -> str:
    """A TBX-Basic file of entries (id or "", Russian form, English form, note)."""
    body = ""
    for entry_id, ru, en, note in entries:
        attribute = f' id="{entry_id}"' if entry_id else ""
        body += (
            f"<termEntry{attribute}><note>{note}</note>"
            f'<langSet xml:lang="ru"><tig><term>{ru}</term></tig></langSet>'
            f'<langSet xml:lang="en"><tig><term>{en}</term></tig></langSet></termEntry>'
        )
    return f'<martif type="TBX-Basic"><text><body>{body}</body></text></martif>'


def _import(
    tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, Path]:
    """``glossary import`` of a file ``name`` holding ``text``: exit code, stderr, output,
    the output checked to load (``glossary check`` exits 0)."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "imported.toml"
    code = main(["glossary", "import", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert main(["glossary", "check", str(out)]) == 0, capsys.readouterr().err
    return code, err, out


def test_a_tbx_id_taken_by_a_slug_is_never_written_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 22: an entry without id slugged to "kremlin", then one with id="kremlin": two
    concepts of one id, which xlate then refused to load."""
    text = _tbx_entries(
        ("", "Кремль", "Kremlin", ""),
        ("kremlin", "Кремлёвский дворец", "Kremlin Palace", ""),
        ("kremlin", "Кремлёвская стена", "Kremlin Wall", ""),
    )
    code, err, out = _import(tmp_path, "terms.tbx", text, capsys)
    assert code == 0, err
    ids = re.findall(r'^id = "(.*)"$', out.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(ids) == 3 and len(set(ids)) == 3 and ids[1] == "kremlin"  # the file's id kept


NOT_TERMS = [
    (".", "form '.' left out: it has no letter"),
    ("[", "form '[' left out: it has no letter"),
    ("\u200b", "form '\\u200b' left out: it has no letter"),
    ("(a+)+$", "form '(a+)+$' left out: it holds '+' (U+002B), which is no part of a word"),
    ("Кре\x7fмль", "form 'Кре\\x7fмль' left out: it holds '\\x7f' (U+007F), which is no"),
]


@pytest.mark.parametrize(("form", "message"), NOT_TERMS)
def test_an_imported_form_that_is_no_term_is_left_out_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, message: str
) -> None:
    """Cases 23 and 24: DEL made the TOML invalid; ".", "[" and a zero-width space made a
    glossary that failed check; "(a+)+$" matched every standalone "a". Each is left out with
    a line naming the file and row, exit 1, and the rest imported (a glossary that loads)."""
    text = f"Кремль,Kremlin\n{form},Nothing\nСанкции,sanctions\n"
    code, err, out = _import(tmp_path, "terms.csv", text, capsys)
    assert code == 1
    assert f"{tmp_path / 'terms.csv'}: row 2: {message}" in err
    written = out.read_text(encoding="utf-8")
    assert "Kremlin" in written and "sanctions" in written and "Nothing" not in written


def test_a_del_in_an_imported_note_is_escaped_in_the_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, out = _import(
        tmp_path, "terms.tbx", _tbx_entries(("", "Кремль", "Kremlin", "a\x7fb")), capsys
    )
    assert code == 0, err
    assert 'note = "a\\u007fb"' in out.read_text(encoding="utf-8")


def test_a_form_xml_cannot_hold_refuses_the_tbx_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 25: a form with U+0001 (which check accepts) was exported as malformed XML."""
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[[concept]]\nid = "kremlin"\ntype = "place"\nen = "Kremlin"\nru = "Кремль"\n'
        'variants.en = ["Krem\\u0001lin"]\n',
        encoding="utf-8",
    )
    assert main(["glossary", "check", str(glossary)]) == 0
    out = tmp_path / "g.tbx"
    assert main(["glossary", "export", str(out), "--glossary", str(glossary)]) == 1
    err = capsys.readouterr().err
    assert f"{glossary}:1: kremlin: 'Krem\\x01lin' holds U+0001, which XML cannot hold" in err
    assert not out.exists() and "Traceback" not in err
    assert main(["glossary", "export", str(tmp_path / "g.csv"), "--glossary", str(glossary)]) == 0


def test_a_term_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case 26: a 71 MB TBX took 2.1 GB and aborted the TOML writer under a 1.5 GB limit."""
    from xlate.limits import MAX_TERM_FILE_BYTES

    for name in ("huge.tbx", "huge.csv"):
        huge = _sparse(tmp_path / name, MAX_TERM_FILE_BYTES + 1)
        out = tmp_path / f"{name}.toml"
        assert main(["glossary", "import", str(huge), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"{huge}: file is {MAX_TERM_FILE_BYTES + 1:,} bytes, over the" in err
        assert not out.exists()


CLOSED_STDOUT = [
    ["detect", "--json", str(OTHER)],
    ["compare", str(SAMPLES), "--format", "json", *MEMORY],
    ["compare", str(SAMPLES), "--format", "terminal", *MEMORY],
    ["events", str(SAMPLES), "--format", "md", *MEMORY],
    ["translate", str(OTHER), "--out", "OUT", "--no-cache"],
]


@pytest.mark.parametrize("args", CLOSED_STDOUT, ids=lambda a: " ".join(a[:3:2]))
def test_a_closed_stdout_is_one_line_and_a_failure(tmp_path: Path, args: list[str]) -> None:
    """Case 20: ``>&-`` ended in an AttributeError traceback, or exit 0 with nothing written."""
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    run = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", sys.executable, "-m", "xlate", *args],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 1
    assert run.stderr == (
        "xlate: error: standard output is closed; give it a file, or /dev/null to discard it\n"
    )


@pytest.mark.parametrize("command", ["compare", "events", "history"])
@pytest.mark.parametrize("value", ["0", "-5", "19", "1001", "100000000", "wide"])
def test_a_width_no_terminal_has_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str, value: str
) -> None:
    """Case 21: --width 0 printed nothing, exit 0; 100000000 wrote hundreds of megabytes
    (history, added beside them, took any number as compare once did)."""
    with pytest.raises(SystemExit) as info:
        main([command, str(SAMPLES), "--width", value, *MEMORY])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --width: " in err and ("give 20 to 1,000 columns" in err or "wide" in err)


def _closed_port() -> int:
    import socket

    with socket.socket() as listener:  # a port just freed: nothing listens on it
        listener.bind(("127.0.0.1", 0))
        return int(listener.getsockname()[1])


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("127.0.0.1:FREE", "cannot join the Ray cluster at 127.0.0.1:FREE: nothing answers there"),
        ("host name:12", "--address 'host name:12': expected HOST:PORT"),
        ("10.0.0.5:99999", "--address '10.0.0.5:99999': expected HOST:PORT"),
    ],
)
def test_a_dead_or_malformed_ray_address_fails_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str, message: str
) -> None:
    """Case 19: Ray retried such an address for over 120 s, printing only its warnings."""
    pytest.importorskip("ray", reason="--executor ray needs the optional Ray extra")
    port = str(_closed_port())
    address, message = address.replace("FREE", port), message.replace("FREE", port)
    args = ["translate", str(OTHER), "--out", str(tmp_path), "--no-cache", "--executor", "ray"]
    start = time.monotonic()
    assert main([*args, "--address", address]) == 1
    assert time.monotonic() - start < 30
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
