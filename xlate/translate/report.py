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
    ) -> None:
        self.path = path
        self.chain = chain
        self.target = target
        self.settings = settings
        self.rows: list[str] = []
        # the files the walk of the inputs did not read, after the files (when there are any)
        self.tail = {"passed_over": [x.to_dict() for x in passed_over]} if passed_over else {}

    def write(self, results: list[FileResult], *, interrupted: bool = False) -> str:
        """Write the report; what went wrong (see :func:`write_guarded`), or ``""``."""
        self.rows += [
            json_inert(f"    {JSON_ENCODE(r.to_dict())}") for r in results[len(self.rows) :]
        ]
        head = report_head(
            results, describe_engines(self.chain), self.target, interrupted, self.settings
        )
        text = json_head(head, "files") + ",\n".join(self.rows) + "".join(json_tail(self.tail))
        return write_guarded(self.path, text)
