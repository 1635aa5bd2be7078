"""The outputs of a batch, written by a background thread while the batch goes on.

Creating a file costs this kind of VM's kernel 0.15-0.6 ms; a batch of 600 articles spends
0.1-0.35 s on it. The writes of one chunk of articles run in a thread (the system calls
release the GIL) while the main thread reads and detects the next chunk. Each article's
result is recorded, in input order, once its file is whole: a write that fails fails that
article, as when it was written in line.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from xlate.files import write_atomic
from xlate.translate.results import FileResult, Progress


class OutputWriter:
    """Results waiting for their output to be written, in order; :meth:`settle` records them.

    A result without a text (a failed article) waits its turn too, so results stay in the
    order of the inputs. Used as a context manager, the thread is stopped on leaving.
    """

    def __init__(self, results: list[FileResult], notify: Progress) -> None:
        self.results = results
        self.notify = notify
        self._pool: ThreadPoolExecutor | None = None
        # each waiting result: the place it takes in ``results``, its sentence count, and its
        # output being written. Nothing else is added to ``results`` while results wait, so
        # the place is known when it is added.
        self._pending: deque[tuple[int, FileResult, int, Future[None] | None]] = deque()

    def add(self, result: FileResult, sentences: int, text: str | None = None) -> None:
        """``result`` (with its ``output`` path when ``text`` is to be written there), and its
        article's sentence count for the progress."""
        future = None
        if text is not None:
            if self._pool is None:  # started on first use: a batch of skipped files has none
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="xlate-writer")
            future = self._pool.submit(write_atomic, Path(result.output), text)
        place = len(self.results) + len(self._pending)
        self._pending.append((place, result, sentences, future))

    def settle(self) -> None:
        """Wait for the outputs submitted so far; record their results in order.

        Interrupted (Ctrl-C), wherever it is, the results recorded so far stay recorded and
        the rest stay pending: calling it again goes on from there, recording each once.
        """
        while self._pending:
            place, result, sentences, future = self._pending[0]
            if len(self.results) <= place:  # not recorded yet
                if future is not None:
                    try:
                        future.result()
                    except (OSError, ValueError) as exc:  # fails this file, not the batch
                        why = cannot_write(Path(result.output), exc)
                        result = replace(result, status="failed", output="", error=why)
                self.results.append(result)
                data = {"status": result.status, "file": result.source, "sentences": sentences}
                self.notify("file", data)
            self._pending.popleft()

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)  # a file begun is finished: never left half-written


def cannot_write(path: Path, exc: BaseException) -> str:
    """Why ``path`` could not be written (disk full, a read-only folder, ...)."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return f"cannot write {path.name}: {reason}"
