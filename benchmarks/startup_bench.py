"""Start-up time of commands that do not translate, and what they import.

    python benchmarks/startup_bench.py [--repeats 10]

Wall time of each command, best of N runs, beside a bare `python -c pass` (the floor).
Target: `xlate --help` under 0.3 s, importing none of argostranslate, stanza, torch.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "japan-sanctions" / "articles" / "toto-shinpo.md"
HEAVY = ("argostranslate", "stanza", "torch", "ctranslate2", "trafilatura")
COMMANDS = {
    "python -c pass (floor)": [sys.executable, "-c", "pass"],
    "xlate --help": [sys.executable, "-m", "xlate", "--help"],
    "xlate translate --help": [sys.executable, "-m", "xlate", "translate", "--help"],
    "xlate detect SAMPLE": [sys.executable, "-m", "xlate", "detect", str(SAMPLE)],
}


def wall(cmd: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def heavy_imports(cmd: list[str]) -> list[str]:
    proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True)
    names = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in proc.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}  # fmt: skip
    return sorted(names & set(HEAVY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    for name, cmd in COMMANDS.items():
        heavy = heavy_imports(cmd) if "xlate" in name else []
        print(f"{name:<28} {wall(cmd, args.repeats):6.3f} s   heavy imports: {heavy or 'none'}")


if __name__ == "__main__":
    main()
