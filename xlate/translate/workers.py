"""Reading and analysing the files of a batch, in worker processes with ``--jobs``, a few
groups ahead of the translation.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import islice

from xlate.detect.rules import Detector, DetectorConfig
from xlate.errors import XlateError
from xlate.ingest.pile import InputFile
from xlate.ingest.stream import streams
from xlate.model import Article
from xlate.translate.article import HOSTILE_ERRORS, read_input, unreadable
from xlate.translate.core import Analysis, analyse
from xlate.translate.results import TranslateOptions


@dataclass(frozen=True, slots=True)
class Streamed:
    """What a worker returns for a file too large to prepare ahead: the main process reads
    and translates it part by part (:func:`translate_stream`)."""


Prepared = tuple[list[Article], list[Analysis]] | XlateError | Streamed


def prepare_files(
    items: Sequence[InputFile], options: TranslateOptions, config: DetectorConfig
) -> list[Prepared]:
    """Read, segment and detect files (each file's outcome, in order); runs in a worker
    process when ``jobs`` > 1. The sentences of all the files are detected in one batch."""
    outcomes: list[Prepared] = []
    for item in items:
        if not item.problem and streams(item.path, options.stream_bytes):
            outcomes.append(Streamed())
            continue
        try:
            outcomes.append((read_input(item, options), []))
        except XlateError as exc:
            outcomes.append(exc)
        except HOSTILE_ERRORS as exc:
            outcomes.append(unreadable(item, exc))
    loaded = [o for o in outcomes if isinstance(o, tuple)]
    detector = _detector(config)
    try:
        analyses = iter(analyse([a for articles, _ in loaded for a in articles], detector))
    except HOSTILE_ERRORS:  # find the file that chokes: analyse them one by one
        return [_analysed(item, o, detector) for item, o in zip(items, outcomes, strict=True)]
    for articles, found in loaded:
        found.extend(next(analyses) for _ in articles)
    return outcomes


def _analysed(item: InputFile, outcome: Prepared, detector: Detector) -> Prepared:
    if not isinstance(outcome, tuple):
        return outcome
    try:
        return outcome[0], analyse(outcome[0], detector)
    except HOSTILE_ERRORS as exc:
        return unreadable(item, exc)


@cache
def _detector(config: DetectorConfig) -> Detector:
    return Detector(config)


_GROUP = 8  # files a worker prepares at once


_AHEAD = 4  # groups in flight per worker


@contextmanager
def local_preparer(
    options: TranslateOptions, detector: Detector
) -> Iterator[Callable[[Sequence[InputFile]], Iterator[Prepared]]]:
    """A function mapping files to prepared results, in order, in processes when asked."""
    workers = worker_count(options.jobs)
    if workers <= 1:
        yield lambda files: (
            outcome
            for group in _groups(files, options.chunk)
            for outcome in prepare_files(group, options, detector.config)
        )
        return
    import multiprocessing  # 30 ms to import: only for worker processes
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    try:

        def run(files: Sequence[InputFile]) -> Iterator[Prepared]:
            # A few groups per worker in flight, not the whole batch: when translation is
            # slower than preparation, prepared files wait in memory, and only these few.
            groups = _groups(files, _GROUP)
            window = deque(
                pool.submit(prepare_files, group, options, detector.config)
                for group in islice(groups, _AHEAD * workers)
            )
            while window:
                outcomes = window.popleft().result()
                for group in islice(groups, 1):
                    window.append(pool.submit(prepare_files, group, options, detector.config))
                yield from outcomes

        yield run
    except BaseException:  # Ctrl-C, or an error: the files not yet begun are not prepared
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def worker_count(jobs: int) -> int:
    """``jobs``, capped to the cores this process may use: more workers than cores only
    compete for them (and hold a detector's memory each)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(jobs, cores))


def _worker_start(parent: int) -> None:
    """Set up a worker process: it dies with its parent, and leaves Ctrl-C to it.

    Ctrl-C in a terminal interrupts the whole process group: the parent stops the batch, and
    the workers, which ignore it, finish their current files quietly (no tracebacks) and exit.
    On Linux the kernel sends a worker SIGTERM when its parent dies, however it dies
    (SIGKILL included), so no worker goes on with no one to take its results.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _groups(items: Sequence[InputFile], size: int) -> Iterator[Sequence[InputFile]]:
    """``items`` in consecutive groups of ``size``."""
    return (items[i : i + size] for i in range(0, len(items), size))
