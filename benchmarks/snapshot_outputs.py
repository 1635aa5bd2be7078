"""Every output of the sample bundle, into one folder, to diff a restructure byte for byte.

    python benchmarks/snapshot_outputs.py OUT            # write OUT/*
    python benchmarks/snapshot_outputs.py OUT --diff REF # write, then compare with REF/*

Runs the command line of the checkout this file lives in (``python -m xlate`` with the checkout
first on ``PYTHONPATH``): ``compare`` in the terminal at 80 and 120 columns, JSON, Markdown and
HTML; ``translate`` in JSON, TXT and Markdown (each output file and the batch report);
``detect`` (table, paragraphs, JSON); ``glossary check``, ``scan`` and ``lookup``. Each command's
exit code, stdout and stderr are kept. Volatile parts are normalised: the temporary folder, the
checkout's path and elapsed times (``0.5 s``). Exit status 1 when ``--diff`` finds a difference.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = "samples/japan-sanctions"
ARTICLES = sorted(str(p.relative_to(REPO)) for p in (REPO / BUNDLE / "articles").iterdir())

# name -> arguments after `python -m xlate`; {tmp} is a scratch folder, {cache} the cache file
COMMANDS: dict[str, list[str]] = {
    "compare-80": ["compare", BUNDLE, "--width", "80", "--no-pager", "--cache", "{cache}"],
    "compare-120": [
        *("compare", BUNDLE, "--width", "120", "--no-pager", "--show-source"),
        *("--cache", "{cache}"),
    ],
    "compare-json": ["compare", BUNDLE, "--format", "json", "--cache", "{cache}"],
    "compare-md": ["compare", BUNDLE, "--format", "md", "--cache", "{cache}"],
    "compare-html": ["compare", BUNDLE, "--format", "html", "--cache", "{cache}"],
    "compare-out-html": ["compare", BUNDLE, "--out", "{tmp}/report.html", "--cache", "{cache}"],
    "translate-json": ["translate", BUNDLE, "--out", "{tmp}/tr-json", "--cache", "{cache}"],
    "translate-txt": [
        *("translate", BUNDLE, "--out", "{tmp}/tr-txt", "--format", "txt"),
        *("--cache", "{cache}"),
    ],
    "translate-md": [
        *("translate", BUNDLE, "--out", "{tmp}/tr-md", "--format", "md"),
        *("--cache", "{cache}"),
    ],
    "translate-again": ["translate", BUNDLE, "--out", "{tmp}/tr-json", "--cache", "{cache}"],
    "compare-translated": ["compare", "{tmp}/tr-json", "--width", "100", "--no-pager"],
    "detect": ["detect", *ARTICLES],
    "detect-paragraphs-json": ["detect", "--paragraphs", "--json", *ARTICLES],
    "glossary-check": ["glossary", "check"],
    "glossary-scan": ["glossary", "scan", f"{BUNDLE}/articles/toto-shinpo.md"],
    "glossary-scan-json": [
        *("glossary", "scan", "--json", f"{BUNDLE}/articles/severny-vestnik.html"),
    ],
    "glossary-lookup": ["glossary", "lookup", "МИДа"],
    "no-such-file": ["compare", "no/such/file.txt", "--cache", "{cache}"],
}

ELAPSED = re.compile(r"\b\d+(?:\.\d+)? s\b")


def normalise(text: str, tmp: str) -> str:
    text = text.replace(tmp, "<TMP>").replace(str(REPO), "<REPO>")
    return ELAPSED.sub("<N> s", text)


def run(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(Path(scratch).resolve())
        cache = f"{tmp}/cache.sqlite3"
        for name, template in COMMANDS.items():
            args = [a.format(tmp=tmp, cache=cache) for a in template]
            proc = subprocess.run(
                [sys.executable, "-m", "xlate", *args],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            text = f"exit {proc.returncode}\n--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
            (out / f"{name}.txt").write_text(normalise(text, tmp), encoding="utf-8")
        for produced in sorted(Path(tmp).rglob("*")):
            if produced.is_file() and produced.name != "cache.sqlite3":
                flat = "_".join(produced.relative_to(tmp).parts)
                body = produced.read_text(encoding="utf-8")
                (out / f"file-{flat}").write_text(normalise(body, tmp), encoding="utf-8")


def diff(out: Path, ref: Path) -> int:
    names = {p.name for p in out.iterdir()} | {p.name for p in ref.iterdir()}
    bad = 0
    for name in sorted(names):
        a, b = ref / name, out / name
        if not a.exists() or not b.exists():
            print(f"only in {'new' if b.exists() else 'reference'}: {name}")
            bad += 1
        elif a.read_bytes() != b.read_bytes():
            print(f"differs: {name}")
            bad += 1
    print(f"{len(names)} outputs, {bad} differ" if bad else f"{len(names)} outputs, identical")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--diff", type=Path, metavar="REF", help="compare with this snapshot")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    run(args.out)
    return diff(args.out, args.diff) if args.diff else 0


if __name__ == "__main__":
    sys.exit(main())
