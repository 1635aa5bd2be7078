"""The batch report (``xlate-report.json``): what was run, and each file's result;
rewritten as the batch goes, so an interrupted batch still has one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from xlate.engines import Engine
from xlate.engines.chain import describe_engines
from xlate.files import write_guarded
from xlate.ingest.pile import PassedOver
from xlate.textsafe import json_inert
from xlate.translate.outputs import JSON_ENCODE, REPORT, json_head, json_tail
from xlate.translate.results import FileResult, report_head

__all__ = ["REPORT", "ReportWriter"]


class ReportWriter:
    """``xlate-report.json``, rewritten during a batch: each result is encoded once, so a
    rewrite costs the new results and one file write, not the whole batch again."""

    def __init__(
        self,
        path: Path,
        chain: Sequence[Engine],
        target: str,
        passed_over: Sequence[PassedOver] = (),
        settings: Mapping[str, Any] | None = None,
        earlier: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        self.path = path
        self.chain = chain
        self.target = target
        self.settings = settings
        self.rows: list[str] = []
        # the files the walk of the inputs did not read, after the files (when there are any)
        self.tail = {"passed_over": [x.to_dict() for x in passed_over]} if passed_over else {}
        self.earlier = earlier  # the last report's rows of outputs (its own and kept ones)

    def write(self, results: list[FileResult], *, interrupted: bool = False) -> str:
        """Write the report; what went wrong (see :func:`write_guarded`), or ``""``."""
        self.rows += [
            json_inert(f"    {JSON_ENCODE(r.to_dict())}") for r in results[len(self.rows) :]
        ]
        head = report_head(
            results, describe_engines(self.chain), self.target, interrupted, self.settings
        )
        kept = self._kept(results)
        tail = {"kept": kept, **self.tail} if kept else self.tail
        text = json_head(head, "files") + ",\n".join(self.rows) + "".join(json_tail(tail))
        return write_guarded(self.path, text)

    def _kept(self, results: Sequence[FileResult]) -> list[dict[str, Any]]:
        """The earlier outputs this run leaves as they are (another folder's articles, or
        files not given this time) that are still there: their rows, so that the next run
        knows them as xlate's (a text output says nothing of itself)."""
        if not self.earlier:
            return []
        mine = {Path(r.output).name for r in results if r.output}
        kept: dict[str, dict[str, Any]] = {}
        for row in self.earlier:
            name = Path(str(row["output"])).name
            if name not in mine and name not in kept and (self.path.parent / name).is_file():
                fields = ("file", "real_path", "article", "status", "output")
                kept[name] = {k: row[k] for k in fields if k in row}
        return list(kept.values())
