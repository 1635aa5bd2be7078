"""Where a batch's work runs: local processes, or a Ray cluster, behind one small interface.

A batch (:func:`xlate.translate.translate_batch`) has two kinds of work that can run away from
the process that drives it:

- **preparing files**: reading, extracting, segmenting and detecting a group of files, a pure
  function of the files and the options (``xlate.translate.workers.prepare_files``);
- **machine translation**: the Argos engine, the one heavy engine.

An :class:`Executor` runs the first and may replace the second. Everything else stays in the
driving process whatever the executor: translation memories, the SQLite cache, the checks,
and every write (outputs appear by an atomic rename, the point where each file is done exactly
once; a second run skips finished outputs).

``local`` (:class:`LocalExecutor`) is what ``--jobs`` has always done: worker processes on this
machine prepare files, Argos runs in this process. ``ray`` (``xlate.translate.ray_executor``,
imported only when chosen, with the optional ``xlate[ray]`` extra) prepares files as Ray tasks and
translates with Argos in ``Translator`` actors on the cluster's nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from xlate.detect.rules import Detector
    from xlate.engines import Engine
    from xlate.ingest.pile import InputFile
    from xlate.translate.results import TranslateOptions
    from xlate.translate.workers import Prepared

EXECUTORS = ("local", "ray")

PrepareFiles = Callable[[Sequence["InputFile"]], Iterator["Prepared"]]


class Executor(Protocol):
    """Runs a batch's preparation, and perhaps its machine translation, somewhere."""

    name: str

    def engines(self, chain: Sequence[Engine]) -> list[Engine]:
        """``chain`` with the engines this executor runs elsewhere replaced by their proxies.

        The proxies translate, describe themselves and key the cache exactly as the engines
        they replace, so outputs, reports and cache entries are the same.
        """
        ...

    def preparer(
        self, options: TranslateOptions, detector: Detector
    ) -> AbstractContextManager[PrepareFiles]:
        """A function mapping files to their prepared outcomes, in input order."""
        ...

    def close(self) -> None:
        """Release workers (and stop what this executor started)."""
        ...

    def __enter__(self) -> Executor: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class LocalExecutor:
    """Worker processes on this machine (``--jobs``); Argos runs in the driving process."""

    name = "local"

    def engines(self, chain: Sequence[Engine]) -> list[Engine]:
        return list(chain)

    def preparer(
        self, options: TranslateOptions, detector: Detector
    ) -> AbstractContextManager[PrepareFiles]:
        from xlate.translate.workers import local_preparer

        return local_preparer(options, detector)

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def make_executor(
    name: str,
    *,
    address: str | None = None,
    ship_inputs: bool = False,
    actors: int | None = None,
) -> Executor:
    """The executor ``name`` (``local`` or ``ray``), connected and ready.

    ``ray``: ``address`` is a cluster to join (``auto`` or ``HOST:PORT``); without one a local
    Ray instance is started and stopped on :meth:`~Executor.close`. ``ship_inputs`` sends file
    contents from this process instead of reading them on the nodes from a shared filesystem;
    ``actors`` is the number of translator actors (default: one per CPU of the cluster).
    """
    if name == "local":
        return LocalExecutor()
    if name == "ray":
        from xlate.translate.ray_executor import RayExecutor

        return RayExecutor(address=address, ship_inputs=ship_inputs, actors=actors)
    from xlate.errors import ExecutorError

    raise ExecutorError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
