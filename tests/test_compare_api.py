"""``xlate.compare.compare``: the comparison's entry point, importing its stages only when
called."""

from __future__ import annotations

import subprocess
import sys

from conftest import SAMPLES

from xlate.compare import compare
from xlate.compare.report import report_json
from xlate.compare.run import compare_paths
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.ingest.bundle import load_manifest


def test_compare_gives_the_report_of_the_sample_bundle() -> None:
    glossary, _ = load_glossary([default_glossary_path()])
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    report, errors = compare([str(SAMPLES)], chain, glossary=glossary)
    assert errors == []
    assert len(report.outlets) == 6 and report.event.startswith("Japan keeps its sanctions")
    again, _ = compare_paths([str(SAMPLES)], chain, glossary=glossary)
    assert report_json(report) == report_json(again)


def test_importing_the_package_loads_no_stage() -> None:
    code = (
        "import sys, xlate.compare; "
        "print(sorted(m for m in sys.modules if m.startswith('xlate.compare.') "
        "or m in ('numpy', 'rapidfuzz')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
