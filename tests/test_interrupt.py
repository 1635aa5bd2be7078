"""Nothing lost: a killed run resumes to the same outputs; concurrent runs do not collide."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from bundles import make_bundle


def translate(bundle: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xlate",
            "translate",
            str(bundle),
            "--out",
            str(out),
            "--no-cache",
            "--no-glossary",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ,
    )


def outputs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.en.json"))}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A bundle of 240 articles and the outputs of one uninterrupted run of it."""
    root = tmp_path_factory.mktemp("interrupt")
    bundle = make_bundle(root / "bundle", 40)
    assert translate(bundle, root / "clean").wait(timeout=300) == 0
    return bundle, outputs(root / "clean")


def signalled(bundle: Path, out: Path, sig: signal.Signals) -> subprocess.Popen[bytes]:
    """A run of ``bundle`` into ``out`` sent ``sig`` once 40 outputs are written."""
    run = translate(bundle, out)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.en.json"))) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(sig)
    return run


def test_a_killed_run_resumes_to_the_same_outputs(
    tmp_path: Path, batch: tuple[Path, dict[str, str]]
) -> None:
    bundle, clean = batch
    out = tmp_path / "out"
    run = signalled(bundle, out, signal.SIGKILL)
    run.wait(timeout=60)
    done = outputs(out)
    assert 0 < len(done) < len(clean)  # killed in the middle
    for name, text in done.items():  # no partial file under a final name
        assert text == clean[name]
    assert translate(bundle, out).wait(timeout=300) == 0
    assert outputs(out) == clean
    assert not list(out.glob(".*.part"))  # what the killed run was writing is cleaned up


def test_only_temporary_files_of_dead_processes_on_this_host_are_removed(
    tmp_path: Path,
) -> None:
    from xlate.files import _host, remove_stale_temporaries

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its process id now names no process
    names = {
        "dead": f".a.en.json.{_host()}-{dead.pid}-0.part",
        "alive": f".b.en.json.{_host()}-{os.getpid()}-3.part",  # a concurrent run
        "other host": f".c.en.json.elsewhere-{dead.pid}-0.part",  # a shared folder
        "not ours": ".notes.part",
    }
    for name in names.values():
        (tmp_path / name).write_text("partial")
    assert remove_stale_temporaries(tmp_path) == [names["dead"]]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(n for k, n in names.items() if k != "dead")


def test_two_runs_on_one_output_folder_do_not_corrupt_each_other(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "bundle", 20)
    clean = tmp_path / "clean"
    assert translate(bundle, clean).wait(timeout=300) == 0
    out = tmp_path / "out"
    runs = [translate(bundle, out), translate(bundle, out)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    assert outputs(out) == outputs(clean)
    json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))


def test_ctrl_c_says_what_was_written_marks_the_report_and_the_run_resumes(
    tmp_path: Path, batch: tuple[Path, dict[str, str]]
) -> None:
    bundle, clean = batch
    out = tmp_path / "out"
    run = signalled(bundle, out, signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err.decode()
    message = err.decode().strip().splitlines()[-1]
    found = re.fullmatch(
        r"xlate: interrupted after (\d+) articles? of 240 input files: (\d+) outputs? "
        r"written; "
        r"the report .*xlate-report\.json is marked interrupted\. Run the same command again "
        r"to resume: finished outputs are kept and skipped\.",
        message,
    )
    assert found, message
    done = outputs(out)
    assert 0 < int(found[2]) <= len(done) < 240
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    assert report["interrupted"] is True
    assert report["summary"] == {"ok": int(found[2])}
    for name, text in done.items():
        assert text == clean[name]
    assert translate(bundle, out).wait(timeout=300) == 0
    assert outputs(out) == clean
    report = json.loads((out / "xlate-report.json").read_text(encoding="utf-8"))
    assert report["interrupted"] is False
