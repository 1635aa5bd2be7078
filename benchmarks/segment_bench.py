"""Sentence segmentation: boundary F1 against WMT22's gold sentences, and time against length.

    python benchmarks/segment_bench.py [--show N] [--baseline REV] [--kilobytes K]

Accuracy: every WMT22 document (ru-en and ja-en, all domains) is written out three ways and
segmented; the gold sentence starts are its boundaries. ``article``: the headline on its own
line, paragraphs separated by blank lines (a saved .txt); ``lines``: one paragraph a line, no
blank lines (scraper JSON); ``wrapped``: each paragraph hard-wrapped at 72 columns (Russian and
English; Japanese is not wrapped by words). Sentences of a paragraph are joined by a space, or
by nothing in Japanese. Precision, recall and F1 count every boundary but the document's start.

Speed: one paragraph of real Russian sentences (no line break) of K kilobytes, and the same
text eight times; then 8*K and 64*K (K is 64 by default: 64 KB, 512 KB, 4 MB). The time ratio
should stay near 8 (linear), at most 16. The baseline is xlate/segment.py at git revision REV
(the quadratic segmenter before this benchmark existed), run in the same process on K/4 and
2*K kilobytes, since it takes minutes on 512 KB.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _shared import ROOT, best, shared_or_exit

from xlate.segment import split_sentences

BASELINE = "42e6336"  # the last revision with the quadratic segmenter
F1_TARGET = {"ru": 0.97, "ja": 0.97}
LAYOUTS = ("article", "lines", "wrapped")
_ENDED = re.compile(r"[.!?…。！？:;][\"'”’»)\]」』）]*$")
Segmenter = Callable[[str], list[Any]]


def documents(root: Path) -> list[tuple[str, list[list[str]]]]:
    """``(language, paragraphs of sentences)`` for each side of every WMT22 document."""
    found = []
    for pair in ("ru-en", "ja-en"):
        for line in (root / f"{pair}.jsonl").read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            found += [(pair[:2], doc["src"]), ("en", doc["ref"])]
    return found


def render(paragraphs: list[list[str]], lang: str, layout: str) -> tuple[str, set[int]]:
    """The document as text, and the offsets where its gold sentences start.

    The headline (the first sentence) is a line of its own, and so is every gold sentence
    with no end mark (a subheading, a line of verse, a shop's slogan): that is how such text
    is written, and no segmenter could find a boundary after it in run-on text.
    """
    joiner = "" if lang == "ja" else " "
    blocks = [paragraphs[0][:1], paragraphs[0][1:], *paragraphs[1:]]
    text, starts = "", set()
    for sentences in (b for b in blocks if b):
        if text:
            text += "\n\n" if layout == "article" else "\n"
        lines = [""]
        for sentence in (s.strip() for s in sentences):
            if lines[-1] and _ENDED.search(lines[-1]):
                lines[-1] += joiner
            elif lines[-1]:
                lines.append("")
            starts.add(len(text) + sum(len(line) + 1 for line in lines[:-1]) + len(lines[-1]))
            lines[-1] += sentence
        if layout == "wrapped" and lang != "ja":
            lines = [_wrap(line, 72) for line in lines]
        text += "\n".join(lines)
    starts.discard(0)
    return text, starts


def _wrap(line: str, width: int) -> str:
    """``line`` hard-wrapped at ``width`` by turning spaces into line breaks (offsets kept)."""
    out = list(line)
    start, last_space = 0, -1
    for i, ch in enumerate(line + " "):
        if ch == " ":
            if i - start > width and last_space > start:
                out[last_space] = "\n"
                start = last_space + 1
            last_space = i
    return "".join(out)


def predicted(segment: Segmenter, text: str) -> set[int]:
    return {s.start for s in segment(text)} - {0}


def accuracy(root: Path, segmenters: dict[str, Segmenter], show: int) -> None:
    docs = documents(root)
    print(f"boundary precision / recall / F1 against WMT22 gold sentences ({len(docs)} texts)")
    print(f"{'lang':<5}{'layout':<9}{'gold':>7}" + "".join(f"{n:>24}" for n in segmenters))
    for lang in ("ru", "ja", "en"):
        for layout in LAYOUTS:
            rendered = [render(p, lang, layout) for code, p in docs if code == lang]
            row = f"{lang:<5}{layout:<9}{sum(len(g) for _, g in rendered):>7}"
            for name, segment in segmenters.items():
                tp = fp = fn = 0
                errors: list[tuple[str, int, str]] = []
                for text, gold in rendered:
                    found = predicted(segment, text)
                    tp += len(found & gold)
                    fp += len(found - gold)
                    fn += len(gold - found)
                    errors += [("extra", i, text) for i in sorted(found - gold)]
                    errors += [("missed", i, text) for i in sorted(gold - found)]
                p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
                f1 = 2 * p * r / max(1e-9, p + r)
                target = F1_TARGET.get(lang)
                mark = (
                    "" if target is None or name != "xlate" else (" ok" if f1 >= target else " LOW")
                )
                row += f"{p:>8.3f}{r:>6.3f}{f1:>7.3f}{mark:<3}"
                if name == "xlate" and show:
                    _show(errors[:show], f"{lang} {layout}")
            print(row)


def _show(errors: list[tuple[str, int, str]], label: str) -> None:
    for kind, offset, text in errors:
        context = text[max(0, offset - 50) : offset] + "‖" + text[offset : offset + 30]
        print(f"    {label} {kind}: {context!r}")


def speed(root: Path, segmenters: dict[str, Segmenter], kilobytes: int) -> None:
    sentences = [s for code, p in documents(root) if code == "ru" for para in p for s in para]
    pool = " ".join(sentences)
    print("\none paragraph of real Russian, no line break, and the same text eight times:")
    print("the time should grow at most 16x (8x is linear; text past the CPU's cache, about")
    print("half a megabyte here, costs about twice as much per byte)")
    runs = [("xlate", kilobytes), ("xlate", 8 * kilobytes)]
    runs += [(name, max(1, kilobytes // 4)) for name in segmenters if name != "xlate"]
    for name, size in runs:
        segment = segmenters[name]
        small = _paragraph(pool, size * 1024 // 2)  # Cyrillic takes two bytes a letter in UTF-8
        large = " ".join([small] * 8)
        t_small = best(functools.partial(segment, small), 5)
        t_large = best(functools.partial(segment, large), 3 if name == "xlate" else 1)
        ratio = t_large / t_small
        mark = "" if name != "xlate" else (" ok" if ratio <= 16 else " OVER 16x")
        print(
            f"  {name:<18}{size:>5} KB {t_small:>8.3f} s {8 * size:>6} KB {t_large:>8.3f} s", end=""
        )
        print(f"   {ratio:>5.1f}x{mark}")


def _paragraph(pool: str, chars: int) -> str:
    """The first whole sentences of ``pool`` up to ``chars`` characters."""
    text = (pool * (chars // len(pool) + 1))[:chars]
    return text[: text.rfind(". ") + 1]


def baseline(rev: str) -> Segmenter | None:
    """``split_sentences`` of xlate/segment.py at ``rev``, or None outside a git checkout."""
    try:
        source = subprocess.run(
            ["git", "show", f"{rev}:xlate/segment.py"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        print(f"(no baseline: git revision {rev} is not available)", file=sys.stderr)
        return None
    module = types.ModuleType("xlate_segment_baseline")
    exec(compile(source, f"{rev}:xlate/segment.py", "exec"), module.__dict__)
    return module.split_sentences  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per row")
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    parser.add_argument("--kilobytes", type=int, default=64)
    args = parser.parse_args()
    root = shared_or_exit("wmt22")
    segmenters: dict[str, Segmenter] = {"xlate": split_sentences}
    old = baseline(args.baseline)
    if old is not None:
        segmenters[f"before ({args.baseline})"] = old
    accuracy(root, segmenters, args.show)
    speed(root, segmenters, args.kilobytes)


if __name__ == "__main__":
    main()
