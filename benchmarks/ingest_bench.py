"""Article text from saved pages: xlate's HTML reader beside trafilatura's defaults, in one
run, on ../shared/data/pages (181 real pages with gold article bodies), scored with the
data set's own scorer (evaluate.py: 4-word shingles, precision and recall per page,
averaged). Pages are split by their id (a hex hash): even ids are where xlate's rules were
tuned, odd ids are held out; both figures are printed.

    python benchmarks/ingest_bench.py [--pages DIR] [--show N]

readability-lxml alone is scored too. Also printed: pages refused (no text, or refused as a
link list), ms per page, pages whose body a peer (trafilatura's defaults, readability-lxml)
keeps (F1 >= 0.5) and xlate loses (F1 < 0.5), and how many pages yield a publication date
(``--dates`` lists them for a hand check).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._shared import SHARED
from xlate.errors import XlateError
from xlate.ingest.decode import decode
from xlate.ingest.formats import read_articles


def scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", folder / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def trafilatura_default(path: Path) -> tuple[str, str]:
    import trafilatura

    text, _ = decode(path.read_bytes(), path)
    doc = trafilatura.bare_extraction(text)
    return (str(doc.text or "") if doc is not None else ""), ""


def readability_lxml(path: Path) -> tuple[str, str]:
    import lxml.html
    from readability import Document

    text, _ = decode(path.read_bytes(), path)
    summary = Document(text).summary(html_partial=True)
    return lxml.html.fragment_fromstring(summary, create_parent="div").text_content(), ""


def xlate_reader(path: Path) -> tuple[str, str]:
    """The article's text (the gold bodies hold no headline: xlate keeps it in ``title``)."""
    [article] = read_articles(path)
    return article.text, article.published


def run(
    read: Callable[[Path], tuple[str, str]], files: dict[str, Path]
) -> tuple[dict[str, str], dict[str, str], int, float]:
    texts, dates, refused = {}, {}, 0
    start = time.perf_counter()
    for key, path in files.items():
        try:
            texts[key], dates[key] = read(path)
        except XlateError:
            texts[key], dates[key] = "", ""
            refused += 1
    took = (time.perf_counter() - start) * 1000 / len(files)
    return texts, dates, refused, took


def scores(ev: ModuleType, gold: dict[str, Any], texts: dict[str, str], keys: list[str]) -> Any:
    return ev.metrics_from_tp_fp_fns(
        [ev.string_shingle_matching(gold[k]["articleBody"], texts[k]) for k in keys]
    )


def page_f1(ev: ModuleType, gold: str, text: str) -> float:
    tp, fp, fn = ev.string_shingle_matching(gold, text)
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=SHARED / "pages")
    parser.add_argument("--show", type=int, default=0, help="list the N worst pages of xlate")
    parser.add_argument("--dates", type=int, default=0, help="list N pages' dates (hand check)")
    args = parser.parse_args()
    if not (args.pages / "ground-truth.json").exists():
        print(f"skipped: {args.pages} is absent (../shared/data ships only beside the CI)")
        return
    ev = scorer(args.pages)
    gold = json.loads((args.pages / "ground-truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for key in gold:
            files[key] = Path(tmp, f"{key}.html")
            files[key].write_bytes(
                gzip.decompress((args.pages / "html" / f"{key}.html.gz").read_bytes())
            )
        results = {
            "trafilatura default": run(trafilatura_default, files),
            "readability-lxml": run(readability_lxml, files),
            "xlate": run(xlate_reader, files),
        }
    train = [k for k in gold if int(k, 16) % 2 == 0]
    held = [k for k in gold if int(k, 16) % 2]
    print(f"{len(gold)} pages: {len(train)} tuned on (even ids), {len(held)} held out (odd ids)")
    print(
        f"{'':<20} {'split':<9} {'F1':>6} {'prec.':>6} {'recall':>6} {'refused':>8} {'ms/page':>8}"
    )
    for name, (texts, _, refused, took) in results.items():
        for split, keys in (("all", list(gold)), ("tuned", train), ("held out", held)):
            m = scores(ev, gold, texts, keys)
            print(
                f"{name:<20} {split:<9} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f}"
                f" {refused if split == 'all' else '':>8} {took if split == 'all' else 0:8.0f}"
            )
    ours, theirs = results["xlate"][0], results["trafilatura default"][0]
    for peer in ("trafilatura default", "readability-lxml"):
        kept = results[peer][0]
        lost = [k for k in gold
                if page_f1(ev, gold[k]["articleBody"], kept[k]) >= 0.5
                and page_f1(ev, gold[k]["articleBody"], ours[k]) < 0.5]  # fmt: skip
        print(f"pages whose body {peer} keeps (F1 >= 0.5) and xlate loses: {len(lost)} {lost}")
    dates = results["xlate"][1]
    print(f"pages with a publication time: {sum(1 for d in dates.values() if d)} of {len(gold)}")
    for key in sorted(gold)[: args.dates]:
        print(f"  {key[:12]} {dates[key] or '-':<27} {gold[key].get('url', '')}")
    worst = sorted(gold, key=lambda k: page_f1(ev, gold[k]["articleBody"], ours[k]))
    for key in worst[: args.show]:
        f_ours = page_f1(ev, gold[key]["articleBody"], ours[key])
        f_theirs = page_f1(ev, gold[key]["articleBody"], theirs[key])
        print(f"  {key[:12]} xlate {f_ours:.3f} default {f_theirs:.3f} {gold[key].get('url', '')}")


if __name__ == "__main__":
    main()
