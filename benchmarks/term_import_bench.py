"""Peak memory of `xlate glossary import` of a large TBX, just under and over the term-file
limit (MAX_TERM_FILE_BYTES).

    python benchmarks/term_import_bench.py [--megabytes 16 20] [--baseline REF]

Writes a TBX-Basic file of about that many megabytes (one ru/en term pair an entry) and
imports it in a child process; prints the child's peak resident memory, time and exit code.
With ``--baseline REF`` the code of git revision REF imports the same files in the same run
(before the limit, a 71 MB TBX peaked at 2.1 GB).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from long_line_bench import ROOT, export, peak


def tbx(path: Path, megabytes: int) -> int:
    """A TBX of about ``megabytes`` (just under, for the limit's own size); its entries."""
    entries = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<martif type="TBX-Basic"><text><body>\n')
        written = 0
        while written < megabytes * 1024 * 1024 - 400:
            entry = (
                f'<termEntry><langSet xml:lang="ru"><tig><term>термин{entries} слово</term>'
                f'</tig></langSet><langSet xml:lang="en"><tig><term>term{entries} word</term>'
                "</tig></langSet></termEntry>\n"
            )
            handle.write(entry)
            written += len(entry.encode())  # bytes, which the limit counts
            entries += 1
        handle.write("</body></text></martif>\n")
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, nargs="+", default=[16, 20])
    parser.add_argument("--baseline", metavar="REF", help="git revision to measure as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        checkouts = {"now": ROOT}
        if args.baseline:
            checkouts = {f"baseline {args.baseline}": export(args.baseline, folder), **checkouts}
        for megabytes in args.megabytes:
            source = folder / f"terms-{megabytes}.tbx"
            entries = tbx(source, megabytes)
            size = source.stat().st_size
            print(f"TBX of {size:,} bytes, {entries:,} entries:")
            for n, (name, checkout) in enumerate(checkouts.items()):
                out = folder / f"out-{megabytes}-{n}.toml"
                cmd = [sys.executable, "-m", "xlate", "glossary", "import", str(source)]
                mb, seconds, rc = peak([*cmd, "--out", str(out)], checkout)
                print(f"  {name:>20}: peak {mb:6.0f} MB, {seconds:6.1f} s, exit {rc}")


if __name__ == "__main__":
    main()
