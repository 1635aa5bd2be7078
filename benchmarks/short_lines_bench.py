"""Short lines (issue #30): detection of 3-8 word lines cut from WMT22, and of the language-ID
sentences, now and at a baseline commit, in the same run.

    python benchmarks/short_lines_bench.py [--baseline REV] [--show]

The short lines are those of tests/short_lines.py (Russian, Japanese, English; a quarter of the
documents held out: reported apart). Targets: each of ru, ja, en >= 99.5% on both parts and on
the language-ID sentences of ../shared/data/langid. The look-alikes' sentences are printed too:
how many of them the short-line rule sends to Russian. The baseline is xlate at REV (default:
main), unpacked with `git archive` and run in a child process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _shared import ROOT, shared_or_exit, unpack

sys.path.insert(0, str(ROOT / "tests"))

from short_lines import short_lines

LANGID = ("ru", "ja", "en", "bg", "mk", "uk", "be", "sr", "kk", "mn")


def figures(shared: Path, show: bool) -> dict[str, list[float | int]]:
    """{set name: [accuracy, size]} of the xlate on sys.path."""
    from xlate.detect.rules import Detector

    detect_batch = Detector().detect_many

    found: dict[str, list[float | int]] = {}
    for lang in ("ru", "ja", "en"):
        lines = short_lines(shared / "wmt22", lang)
        for held in (False, True):
            texts = [line.text for line in lines if line.held_out == held]
            answers = detect_batch(texts)
            right = sum(d.lang == lang for d in answers)
            found[f"short {lang} {'held-out' if held else 'tuning'}"] = [right / len(texts),
                                                                        len(texts)]  # fmt: skip
            if show:
                for text, d in zip(texts, answers, strict=True):
                    if d.lang != lang:
                        print(f"    {lang}→{d.lang}: {text!r}", file=sys.stderr)
    for lang in LANGID:
        path = shared / "langid" / "sentences" / f"{lang}.txt"
        texts = [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        counts = Counter(d.lang for d in detect_batch(texts))
        found[f"langid {lang}"] = [counts[lang] / len(texts), len(texts)]
        if lang not in ("ru", "ja", "en"):
            found[f"langid {lang} → ru/ja"] = [(counts["ru"] + counts["ja"]) / len(texts),
                                               len(texts)]  # fmt: skip
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision of the baseline")
    parser.add_argument("--show", action="store_true", help="print the wrong short lines")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    shared = shared_or_exit()
    if args.inner:  # the baseline's figures, as JSON on stdout
        print(json.dumps(figures(shared, False)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        unpack(args.baseline, Path(tmp))
        env = {**os.environ, "PYTHONPATH": tmp}
        run = subprocess.run([sys.executable, __file__, "--inner"], env=env,
                             capture_output=True, text=True, check=True)  # fmt: skip
        before = json.loads(run.stdout)
    now = figures(shared, args.show)
    print(f"{'set':<26}{'n':>6}{args.baseline:>10}{'now':>10}  (targets: ru, ja, en >= 99.5%)")
    for name, (accuracy, size) in now.items():
        print(f"{name:<26}{size:>6}{before[name][0]:>10.2%}{accuracy:>10.2%}")


if __name__ == "__main__":
    main()
