"""The comparison report's stages after clustering, beside a baseline revision, on real news.

    python benchmarks/report_bench.py [--baseline REV] [--rounds 3] [--shape 10x1000 ...]
                                      [--renders]

Outlets of real ECB+ sentences (``compare_bench.make_real_outlets``: 10 x 1,000, 20 x 500
and 50 x 200 by default) are read and prepared once in each child process; the report is
then built and written, and the CPU seconds of these stages are printed: each fact's diff,
marks and conflicts (``build._fact``, the centre's scores included), the quotes, the whole
``build_report`` (scoring and clustering included), the JSON form and its text, and with
``--renders`` the Markdown, HTML and terminal (120 columns) renders. The baseline is xlate at
git revision REV, unpacked to a temporary folder; baseline and current runs alternate, one
of each a round, and the best of ``--rounds`` is printed side by side (the machine this runs
on is shared). CPU seconds of the process, not wall time: less disturbed by other work.
Each format's output of both is compared (a digest each): which are identical, and which
differ (a change meant to keep outputs must show every format identical).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _shared import ROOT, unpack

BASELINE = "3d478fe"  # main before the report's stages were made cheaper

# Run in a child process with PYTHONPATH set to the xlate under test: prints the CPU seconds
# of each stage and a digest of the outputs, as one JSON line.
CHILD = """
import hashlib, io, json, sys, time
from xlate.compare import build
from xlate.compare.prepare import prepare_outlets
from xlate.compare.report import report_json
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.textsafe import json_inert

folder, renders = sys.argv[1], sys.argv[2] == "renders"
glossary = load_glossary([default_glossary_path()])[0]
outlets, _ = prepare_outlets([folder], build_chain("identity"), glossary, max_sentences=10**7)
spent = {}

def timed(name, run):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return run(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start
    return wrapper

build._fact = timed("facts", build._fact)
build.find_quotes = timed("quotes", build.find_quotes)
report = timed("build_report", build.build_report)(outlets, glossary=glossary)
as_json = lambda: json_inert(json.dumps(report_json(report), ensure_ascii=False))
texts = {"json": timed("json", as_json)()}
if renders:
    from xlate.render.console import make_console
    from xlate.render.html import render_html
    from xlate.render.markdown import render_markdown
    from xlate.render.terminal import render_terminal

    texts["markdown"] = timed("markdown", render_markdown)(report)
    texts["html"] = timed("html", render_html)(report)
    buffer = io.StringIO()
    timed("terminal", render_terminal)(report, make_console(buffer, width=120))
    texts["terminal"] = buffer.getvalue()
digests = {k: hashlib.sha256(t.encode()).hexdigest()[:16] for k, t in texts.items()}
print(json.dumps({"spent": spent, "facts": len(report.facts), "digests": digests}))
"""

STAGES = ["facts", "quotes", "build_report", "json", "markdown", "html", "terminal"]


def child(tree: Path, folder: Path, renders: bool) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), "renders" if renders else "json"],
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tree,  # python -c puts the working folder first on the path
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, metavar="REV")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shape", action="append", help="OUTLETSxSENTENCES (repeatable)")
    parser.add_argument("--renders", action="store_true", help="Markdown, HTML, terminal too")
    args = parser.parse_args()
    from compare_bench import make_real_outlets

    shapes = args.shape or ["10x1000", "20x500", "50x200"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        trees = {"baseline": unpack(args.baseline, tmp / "baseline"), "now": ROOT}
        for shape in shapes:
            outlets, sentences = (int(n) for n in shape.split("x"))
            folder = tmp / shape
            folder.mkdir()
            total = make_real_outlets(folder, outlets, sentences)
            best: dict[str, dict[str, float]] = {name: {} for name in trees}
            digests: dict[str, set[str]] = {}
            facts = 0
            for _ in range(args.rounds):
                for name, tree in trees.items():
                    found = child(tree, folder, args.renders)
                    spent = found["spent"]
                    assert isinstance(spent, dict)
                    for stage, seconds in spent.items():
                        best[name][stage] = min(best[name].get(stage, seconds), seconds)
                    found_digests = found["digests"]
                    assert isinstance(found_digests, dict)
                    for form, digest in found_digests.items():
                        digests.setdefault(form, set()).add(digest)
                    facts = int(str(found["facts"]))
            print(f"{outlets} outlets x {sentences} sentences ({total} real, {facts} facts)")
            print(f"  {'CPU s, best of ' + str(args.rounds):28} {'now':>7} {'baseline':>9}")
            for stage in (s for s in STAGES if s in best["now"]):
                now, before = best["now"][stage], best["baseline"].get(stage, float("nan"))
                print(f"  {stage:28} {now:7.3f} {before:9.3f}   x{before / now:.2f}")
            same = [form for form, seen in digests.items() if len(seen) == 1]
            differ = [form for form in digests if form not in same]
            print(f"  outputs of both identical: {', '.join(same) or 'none'}", end="")
            print(f"; DIFFERENT: {', '.join(differ)}" if differ else "")


if __name__ == "__main__":
    main()
