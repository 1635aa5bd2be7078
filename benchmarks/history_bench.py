"""Edit history on an edit corpus built from WMT22 documents, with the gold list of changes.

    python benchmarks/history_bench.py [--pair-score N ...]

Version 1 of each document is its English reference (documents of 6 sentences or more, both
``ru-en`` and ``ja-en``; WMT22 gives each document as one paragraph, so a "paragraph" here is
a run of two or three sentences). Version 2 applies, each with a seeded choice: deleting a
sentence, inserting a sentence from another document, changing a number (+7) or a name (a
capitalised word not first in its sentence, swapped for another name), rewording (the
sentence replaced by the Online-B system's translation of the same segment, when it differs)
and moving a run of sentences past a longer one. The gold list keeps each change's kind and
sentence numbers; a moved run counts each of its sentences as moved.

The same run across languages: version 1 the Russian or Japanese source, version 2 edited on
the source side (no name change or rewording), both translated through a memory of every
document's references (fuzzy from 80: a changed number is carried into the English).

Versions are compared by :func:`xlate.history.changes.diff_versions` (English in, no MT).
A found change is right when its kind and sentence numbers match a gold one. Printed per
split (documents whose id hashes even are the tuning half, odd the held-out half): precision
and recall of all changes, moves reported as deletion + addition (must be 0), rewordings
reported as rewordings, and the baseline beside it: a plain sentence diff (difflib over the
sentences: equal / replace / insert / delete, no moves, no kinds but "changed").
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from evaluate_history import baseline_changes, corpus, found_changes, score  # noqa: E402

from benchmarks._shared import shared_or_exit  # noqa: E402
from xlate.history import changes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pair-score", type=float, nargs="*", default=[changes.PAIR_SCORE])
    parser.add_argument("--local-edit", type=float, nargs="*", default=[changes.LOCAL_EDIT])
    args = parser.parse_args()
    folder = shared_or_exit("wmt22")
    runs = []
    for side, what in (("ref", "English"), ("src", "Russian and Japanese, through a memory")):
        tune, held = corpus(folder, side)
        kinds = Counter(g[0] for c in tune + held for g in c.gold)
        print(f"{what}: {len(tune)} tuning + {len(held)} held-out documents; gold {dict(kinds)}")
        runs += [(f"{side} tuning", tune), (f"{side} held-out", held)]
    for name, cases in runs:
        base = score(cases, baseline_changes)
        for pair_score, local in [(p, x) for p in args.pair_score for x in args.local_edit]:
            changes.PAIR_SCORE, changes.LOCAL_EDIT = pair_score, local
            ours = score(cases, found_changes)
            print(
                f"{name:13} pair score {pair_score:4.1f}, local edit {local:.2f}: "
                + ", ".join(
                    f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in ours.items()
                )
            )
        print(
            f"{name:13} baseline (difflib):                 "
            + ", ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in base.items()
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
