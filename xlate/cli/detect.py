"""``xlate detect``: the language and route of each article, paragraph or line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from xlate.cli.common import encoding_name, report_failures, tell_walk
from xlate.errors import XlateError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from xlate.cli.common import Subparsers
    from xlate.detect.rules import Detector
    from xlate.ingest.pile import PassedOver


def add_detect_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "detect",
        help="detect the language of articles, paragraphs or lines",
        description=(
            "Detect the language of each article (or paragraph) and show where it would be "
            "routed: translated (ru, ja, or any language an installed model covers), passed "
            "through (already in the target language) or skipped (no text)."
        ),
        epilog=(
            "examples:\n  xlate detect samples/japan-sanctions/articles/*\n"
            "  xlate detect --paragraphs --json article.html\n"
            "  xlate detect --lines sentences.txt --json > langs.jsonl"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files, folders (with their subfolders) or event bundles; - reads stdin",
    )
    p.add_argument(
        "--lines",
        metavar="FILE",
        help="treat each line of FILE as one text (evaluation mode; - reads stdin)",
    )
    p.add_argument("--paragraphs", action="store_true", help="one row per paragraph")
    p.add_argument("--json", action="store_true", help="JSON (JSON Lines with --lines)")
    p.add_argument("--to", default="en", metavar="LANG", help="target language (default: en)")
    p.add_argument(
        "--encoding", type=encoding_name, help="read input in this encoding instead of detecting it"
    )
    p.add_argument(
        "--han-default",
        choices=("ja", "zh"),
        default="ja",
        help="language of Han-only text with no evidence either way (default: ja)",
    )
    p.set_defaults(handler=_detect, parser=p)


def _detect(args: argparse.Namespace) -> int:
    from xlate.detect.rules import Detector, DetectorConfig

    detector = Detector(DetectorConfig(han_default=args.han_default))
    if args.lines:
        if args.paths:
            args.parser.error("--lines takes one FILE; do not give PATHs as well")
        return _detect_lines(args, detector)
    if not args.paths:
        args.parser.error("give at least one PATH (or --lines FILE)")
    import json

    from xlate.detect.survey import survey
    from xlate.engines.packages import covers

    sources, encodings, problems, passed, memories = _sources(args.paths)
    by_memory = _memory_pairs(memories)  # a bundle's memories translate its articles
    by_model = _safe_covers(covers)
    with _progress(len(sources)) as progress:
        rows, errors = survey(
            sources,
            encodings=encodings,
            paragraphs=args.paragraphs,
            target=args.to,
            covered=lambda source, target: (
                (source, target) in by_memory or by_model(source, target)
            ),
            encoding=args.encoding,
            detector=detector,
            progress=progress,
        )
    if args.json:
        from xlate.textsafe import json_inert

        found = _detect_json(rows, [*problems, *errors], passed)
        print(json_inert(json.dumps(found, ensure_ascii=False, indent=2)))
    elif rows:
        from xlate.render.console import make_console
        from xlate.render.detect import detect_table

        detect_table(rows, make_console())
    return report_failures([*problems, *errors])


@contextmanager
def _progress(files: int) -> Iterator[Callable[[str], None] | None]:
    """A bar of the files read, on a terminal, for more than one file; nothing elsewhere."""
    from xlate.render.plain import is_terminal

    if files < 2 or not is_terminal(sys.stderr):
        yield None
        return
    from xlate.render.detect import files_bar

    with files_bar(files) as advance:
        yield advance


def _detect_json(
    rows: Sequence[Any], failures: Sequence[Exception], passed: Sequence[PassedOver]
) -> dict[str, Any]:
    """``detect --json``: the articles' rows, the files that failed (``left_out``, as
    compare and events list them) and those the walk passed over."""
    failed = [
        {"file": str(getattr(e, "path", None) or ""), "reason": str(getattr(e, "problem", e))}
        for e in failures
    ]
    return {
        "schema": "xlate-detect/1",
        "articles": [row.to_dict() for row in rows],
        "left_out": sorted(failed, key=lambda x: (x["file"], x["reason"])),
        "passed_over": [x.to_dict() for x in passed],
    }


def _memory_pairs(memories: list[Path]) -> frozenset[tuple[str, str]]:
    """The language pairs the translation memories hold units of (a memory that cannot be
    read holds none here; translate and compare say why)."""
    from xlate.glossary.tmx import read_tmx

    pairs: set[tuple[str, str]] = set()
    for path in dict.fromkeys(memories):
        try:
            pairs.update((u.source_lang, u.target_lang) for u in read_tmx(path))
        except XlateError:
            continue
    return frozenset(pairs)


def _sources(
    paths: list[str],
) -> tuple[list[str], dict[str, str], list[XlateError], list[PassedOver], list[Path]]:
    """The files to read: each named (``-`` for stdin), and those of each folder or event
    bundle named, as the other commands find them, with a bundle's encoding for its files;
    the files a walk found unreadable, each with its problem, what it passed over (said on
    stderr too), and the bundles' translation memories (a trial: the sample's articles were
    routed "no model installed", though its memory translates them)."""
    from xlate.errors import InputError
    from xlate.ingest.bundle import is_bundle
    from xlate.ingest.pile import NO_SUCH_PATH, read_pile
    from xlate.translate.outputs import outputs_passed_over

    sources: list[str] = []
    encodings: dict[str, str] = {}
    problems: list[XlateError] = []
    passed: list[PassedOver] = []
    empty: list[InputError] = []
    missing: set[str] = set()
    memories: list[Path] = []
    for raw in paths:
        if raw != "-" and not os.path.lexists(raw):  # said as the other commands say it
            if raw not in missing:  # a path named twice: once
                missing.add(raw)
                problems.append(InputError(raw, NO_SUCH_PATH))
            continue
        if raw == "-" or not (Path(raw).is_dir() or is_bundle(Path(raw))):
            sources.append(raw)
            if raw != "-":  # a file of a bundle is translated with the bundle's memories
                with suppress(XlateError):  # a bundle that cannot be read: models' routes
                    memories += read_pile([raw]).memories
            continue
        pile = outputs_passed_over(read_pile([raw]))
        try:
            pile.require_articles()
        except InputError as exc:  # a folder with no article: passed over, and said
            empty.append(exc)
        for item in pile.files:
            if item.problem:
                problems.append(InputError(item.path, item.problem))
            else:
                sources.append(str(item.path))
                if item.entry and item.entry.encoding:
                    encodings[str(item.path)] = item.entry.encoding
        tell_walk(pile)
        passed += pile.passed_over
        memories += pile.memories
    if empty and not sources and not problems:  # nothing named holds an article
        raise empty[0]
    sources = list(dict.fromkeys(sources))  # a path named twice: once
    return sources, encodings, problems, passed, memories


def _safe_covers(covers: Callable[[str, str], bool]) -> Callable[[str, str], bool]:
    """Model coverage, or "not covered" when Argos is not usable here."""

    def check(source: str, target: str) -> bool:
        try:
            return covers(source, target)
        except Exception:  # a broken Argos install only means "no model here"
            return False

    return check


def _detect_lines(args: argparse.Namespace, detector: Detector) -> int:
    import json

    from xlate.detect.survey import detect_lines

    out = sys.stdout
    for number, found in detect_lines(args.lines, encoding=args.encoding, detector=detector):
        if args.json:
            out.write(json.dumps({"line": number, **found.to_dict()}, ensure_ascii=False) + "\n")
        else:
            out.write(f"{number}\t{found.lang}\t{found.confidence:.4f}\t{found.script}\n")
    return 0
