"""Nothing lost: a killed run resumes to the same outputs; concurrent runs do not collide."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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


def test_a_killed_run_resumes_to_the_same_outputs(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "bundle", 40)  # 240 articles
    clean = tmp_path / "clean"
    assert translate(bundle, clean).wait(timeout=300) == 0
    out = tmp_path / "out"
    run = translate(bundle, out)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.en.json"))) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    done = outputs(out)
    assert 0 < len(done) < len(outputs(clean))  # killed in the middle
    for name, text in done.items():  # no partial file under a final name
        assert text == outputs(clean)[name]
    assert translate(bundle, out).wait(timeout=300) == 0
    assert outputs(out) == outputs(clean)


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
