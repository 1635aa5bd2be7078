"""The batch's output writer: files written by a thread, results recorded in input order,
exactly once, a failed write failing its file only, and Ctrl-C in the middle losing nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xlate.translate.results import FileResult
from xlate.translate.writer import OutputWriter


def _ok(folder: Path, name: str) -> FileResult:
    return FileResult(f"{name}.txt", "ok", name, output=str(folder / f"{name}.en.json"))


def test_results_are_recorded_in_order_once_their_files_are_whole(tmp_path: Path) -> None:
    (tmp_path / "b.en.json").mkdir()  # in the way of b's output
    results: list[FileResult] = []
    events: list[tuple[str, Any]] = []
    with OutputWriter(results, lambda kind, data: events.append((kind, data))) as writer:
        writer.add(_ok(tmp_path, "a"), 3, '{"a": 1}\n')
        writer.add(_ok(tmp_path, "b"), 4, '{"b": 2}\n')
        writer.add(FileResult("c.txt", "failed", "c", error="empty file"), 0)
        writer.add(_ok(tmp_path, "d"), 5, '{"d": 4}\n')
        assert results == []  # nothing recorded before its file is written
        writer.settle()
    assert [(r.source, r.status) for r in results] == [
        ("a.txt", "ok"),
        ("b.txt", "failed"),
        ("c.txt", "failed"),
        ("d.txt", "ok"),
    ]
    assert results[1].error.startswith("cannot write b.en.json: ") and not results[1].output
    assert (tmp_path / "a.en.json").read_text() == '{"a": 1}\n'
    assert (tmp_path / "d.en.json").read_text() == '{"d": 4}\n'
    assert [data["file"] for _, data in events] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert [data["sentences"] for _, data in events] == [3, 4, 0, 5]
    assert not list(tmp_path.glob(".*.part"))


def test_an_interrupted_settle_goes_on_where_it_stopped(tmp_path: Path) -> None:
    results: list[FileResult] = []
    seen = []

    def notify(kind: str, data: dict[str, Any]) -> None:
        seen.append(data["file"])
        if len(seen) == 2:
            raise KeyboardInterrupt  # Ctrl-C once the second result is recorded, not popped

    with OutputWriter(results, notify) as writer:
        for name in "abc":
            writer.add(_ok(tmp_path, name), 1, f"{name}\n")
        with pytest.raises(KeyboardInterrupt):
            writer.settle()
        writer.settle()  # what the batch does before writing its interrupted report
    assert [r.source for r in results] == ["a.txt", "b.txt", "c.txt"]  # each once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.en.json", "b.en.json", "c.en.json"]
