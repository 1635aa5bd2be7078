"""xlate/files.py: whole files or none, reports that never raise, the leftovers of dead runs
removed (and only those), and XML from elsewhere parsed without expanding entities."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xlate.errors import FormatError
from xlate.files import (
    _host,
    atomic_writer,
    parse_untrusted_xml,
    remove_stale_temporaries,
    write_atomic,
    write_guarded,
)


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write("half of the new")
        raise RuntimeError("killed")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_finished_write_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, "new text\n")
    assert path.read_text(encoding="utf-8") == "new text\n"


def test_a_report_that_cannot_be_written_says_why_instead_of_raising(tmp_path: Path) -> None:
    taken = tmp_path / "xlate-report.json"
    taken.mkdir()  # a folder where the report should go
    message = write_guarded(taken, "{}")
    assert message.startswith(f"cannot write the report {taken}")
    assert write_guarded(tmp_path / "fine.json", "{}") == ""


@pytest.mark.skipif(sys.platform == "win32", reason="process ids of POSIX")
def test_only_the_temporaries_of_dead_processes_on_this_host_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    host = _host()  # as the writer names its temporaries
    mine = tmp_path / f".a.json.{host}-{dead}-0.part"
    alive = tmp_path / f".b.json.{host}-{os.getpid()}-0.part"
    elsewhere = tmp_path / f".c.json.otherhost-{dead}-0.part"
    for path in (mine, alive, elsewhere):
        path.write_text("partial", encoding="utf-8")
    assert remove_stale_temporaries(tmp_path) == [mine.name]
    assert not mine.exists() and alive.exists() and elsewhere.exists()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BILLION_LAUGHS, r"refused unsafe XML"),
        ("<tmx><body>", r"malformed TMX"),
    ],
)
def test_untrusted_xml_is_refused_with_the_file_named(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=message) as info:
        parse_untrusted_xml(path, "TMX")
    assert str(path) in str(info.value)


def test_well_formed_xml_gives_its_root(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text('<tmx version="1.4"><body/></tmx>', encoding="utf-8")
    assert parse_untrusted_xml(path, "TMX").tag == "tmx"
