"""Which PDF library reads a PDF's text layer for xlate: pypdf, pdfminer.six and pypdfium2
side by side on the same files, in one run: ms per page, characters read, and how much of
each library's text the others agree on (4-word shingles), so that a library that reads
more is not mistaken for one that reads better.

    python benchmarks/pdf_bench.py FILE.pdf [FILE.pdf ...]

With no files it reads the PDFs found under /usr/share/doc (real documents, not ours).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path


def with_pypdf(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def with_pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(str(path)).split("\f")


def with_pdfium(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


READERS: dict[str, Callable[[Path], list[str]]] = {
    "pypdf": with_pypdf,
    "pdfminer.six": with_pdfminer,
    "pypdfium2": with_pdfium,
}


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


def main(paths: list[Path]) -> None:
    for path in paths:
        texts: dict[str, str] = {}
        print(f"{path}:")
        for name, read in READERS.items():
            start = time.perf_counter()
            pages = read(path)
            took = time.perf_counter() - start
            texts[name] = "\n".join(pages)
            print(
                f"  {name:<13} {took * 1000 / max(len(pages), 1):7.1f} ms/page  "
                f"{len(pages):4} pages  {len(texts[name]):8,} characters"
            )
        for name, text in texts.items():
            mine = shingles(text)
            others = set().union(*(shingles(t) for n, t in texts.items() if n != name))
            print(
                f"  {name:<13} {len(mine & others) / max(len(mine), 1):.3f} of its shingles "
                "read by another library too"
            )


if __name__ == "__main__":
    given = [Path(a) for a in sys.argv[1:]]
    main(given or sorted(Path("/usr/share/doc").rglob("*.pdf")))
