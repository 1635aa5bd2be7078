"""The Ray executor: files prepared by Ray tasks, Argos run by ``Translator`` actors.

Imported only when ``--executor ray`` is chosen (the optional ``xlate[ray]`` extra).

- **Preparing** (read, extract, segment, detect) is ``workers.prepare_files``, a pure
  function of a group of files, run as a Ray task with a bounded window of groups in flight;
  results come back in input order. A task lost with its worker or node is run again (it has
  no side effects). Inputs are read by the nodes from a shared filesystem, or with
  ``ship_inputs`` read here and sent with the task.
- **Translating**: each ``Translator`` actor builds the Argos engine on its node from a
  description (engine options, glossary and mode; thread settings) and checks that its
  installed packages are the ones this process describes (same name and version for each
  pair), so every node gives the translations one machine would. Actors are restarted when
  their process or node dies, and the calls they had are retried.
- **Here**, in the driving process: translation memories, the SQLite cache (only what it
  lacks goes to the cluster), the checks, the report, and every write (an atomic rename per
  output: the point where a file is done exactly once; a resumed run skips finished outputs).
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from itertools import cycle, islice, zip_longest
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from xlate.errors import DependencyError, EngineError, ExecutorError, InputError, XlateError

try:
    import ray
    from ray.exceptions import RayError, RayTaskError
except ImportError:  # pragma: no cover - the message is the point
    raise DependencyError(
        "--executor ray needs Ray, an optional extra: pip install 'xlate[ray]'"
    ) from None

_ray: Any = ray  # for the few functions Ray leaves unannotated

if TYPE_CHECKING:
    from xlate.detect.rules import Detector, DetectorConfig
    from xlate.engines import Engine
    from xlate.engines.argos import ArgosEngine, ArgosOptions
    from xlate.glossary.match import Glossary
    from xlate.ingest.pile import InputFile
    from xlate.model import Translation
    from xlate.translate.results import TranslateOptions
    from xlate.translate.workers import Prepared

# A translator that keeps dying (a node lost, a poison input killing its process) is restarted
# and its calls retried this many times before the batch reports an engine error.
RESTARTS = 5
GROUP = 8  # files prepared by one task
AHEAD = 4  # groups in flight per CPU of the cluster,
MAX_AHEAD = 64  # and at most this many: one driver takes in ~1,000 articles a second at best
# Logical CPUs (what Ray schedules by, not what runs). A translator holds a token amount: enough
# for the scheduler to place it on the node asked for, little enough that one whose node is
# lost always finds room on a node left (holding a whole CPU, it could wait for ever). A
# preparing task holds half a CPU, so that it fits beside the translators' tokens.
TRANSLATOR_CPUS = 0.01
PREPARE_CPUS = 0.5
MIN_PIECE = 16  # sentences: a translate call is split across actors, no finer than this


class RayExecutor:
    """Ray tasks prepare files; ``Translator`` actors run Argos (see the module docstring).

    Joins the cluster at ``address`` (``auto`` or ``HOST:PORT``), or starts a local Ray
    instance (no dashboard) and stops it in :meth:`close`. A process already connected to Ray
    uses that connection and leaves it open.
    """

    name = "ray"

    def __init__(
        self, *, address: str | None = None, ship_inputs: bool = False, actors: int | None = None
    ) -> None:
        self.ship_inputs = ship_inputs
        self._actors_wanted = actors
        self._started = False
        self._actors: list[Any] = []
        self._descriptions: list[Any] = []  # the translators' descriptions in the object store
        if not ray.is_initialized():
            self._connect(address)
        resources = _ray.cluster_resources()
        self.cpus = max(1, int(resources.get("CPU", 1)))

    def _connect(self, address: str | None) -> None:
        try:
            ray.init(
                address=address or "local",  # "local": never join a cluster by surprise
                include_dashboard=False,
                log_to_driver=False,
                # A local instance is reached on the loopback address (still token-protected).
                _node_ip_address=None if address else "127.0.0.1",
                logging_level=logging.WARNING,
                configure_logging=True,
            )
        except (ConnectionError, ValueError, RuntimeError) as exc:
            if not address:
                raise ExecutorError(f"cannot start a local Ray instance: {exc}") from None
            raise ExecutorError(
                f"cannot join the Ray cluster at {address}: {exc} (a cluster with token "
                "authentication needs RAY_AUTH_MODE=token and its token here; see docs/ray.md)"
            ) from None
        self._started = address is None

    # -- translation ----------------------------------------------------------------------

    def engines(self, chain: Sequence[Engine]) -> list[Engine]:
        return [self._remote(engine) for engine in chain]

    def _remote(self, engine: Any) -> Any:
        from xlate.engines.argos import ArgosEngine
        from xlate.engines.cache import CachedEngine
        from xlate.engines.enforce import GlossaryEngine

        if isinstance(engine, CachedEngine):  # the cache stays here; only misses go out
            return CachedEngine(self._remote(engine.inner), engine.cache, engine.context)
        if isinstance(engine, GlossaryEngine) and isinstance(engine.inner, ArgosEngine):
            description = Description(engine.inner.options, engine.glossary, engine.mode)
            return RemoteArgos(engine, engine.inner, self._translators(description))
        if isinstance(engine, ArgosEngine):
            return RemoteArgos(engine, engine, self._translators(Description(engine.options)))
        return engine

    def _translators(self, description: Description) -> list[Any]:
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        actors = []
        # In the object store, with this executor holding the reference for as long as its
        # translators live: a restarted translator fetches it again. (Passed by value, Ray
        # puts a description over its inline size, a glossary's, in the store itself and
        # frees it once the actors are made, and a restart then fails.)
        shared = ray.put(description)
        self._descriptions.append(shared)
        for node in _placements(description.threads, self._actors_wanted):
            actor = ray.remote(Translator).options(
                # Spread over the nodes by CPUs. The node is a preference (soft): a translator
                # whose node is lost restarts on any node left, as it holds almost no CPU.
                num_cpus=TRANSLATOR_CPUS,
                scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=True),
                max_restarts=RESTARTS,
                max_task_retries=RESTARTS,
            )
            actors.append(actor.remote(shared))
        self._actors += actors
        return actors

    def translator_processes(self) -> list[tuple[str, int]]:
        """The node id and process id of every translator (for tests and diagnosis)."""
        return list(ray.get([a.where.remote() for a in self._actors]))

    # -- preparation ----------------------------------------------------------------------

    def preparer(
        self, options: TranslateOptions, detector: Detector
    ) -> AbstractContextManager[Callable[[Sequence[InputFile]], Iterator[Prepared]]]:
        return self._preparer(options, detector.config)

    @contextmanager
    def _preparer(
        self, options: TranslateOptions, config: DetectorConfig
    ) -> Iterator[Callable[[Sequence[InputFile]], Iterator[Prepared]]]:
        from xlate.translate.workers import prepare_files

        task: Any = ray.remote(prepare_files if not self.ship_inputs else _prepare_shipped).options(
            num_cpus=PREPARE_CPUS, max_retries=RESTARTS, retry_exceptions=False
        )
        shared = ray.put(options), ray.put(config)
        pending: deque[tuple[Sequence[InputFile], Any]] = deque()

        def submit(group: Sequence[InputFile]) -> tuple[Sequence[InputFile], Any]:
            if self.ship_inputs:
                return group, task.remote(_shipment(group, options, config), *shared)
            return group, task.remote(group, *shared)

        def run(files: Sequence[InputFile]) -> Iterator[Prepared]:
            groups = (files[i : i + GROUP] for i in range(0, len(files), GROUP))
            ahead = min(AHEAD * self.cpus, MAX_AHEAD)
            pending.extend(submit(group) for group in islice(groups, ahead))
            while pending:
                group, ref = pending.popleft()
                outcomes = _outcomes(group, ref)
                pending.extend(submit(g) for g in islice(groups, 1))
                yield from outcomes

        try:
            yield run
        finally:
            for _, ref in pending:  # interrupted: what is still queued is not needed
                ray.cancel(ref, force=False)
            pending.clear()

    # -- life ---------------------------------------------------------------------------------

    def close(self) -> None:
        for actor in self._actors:
            ray.kill(actor, no_restart=True)
        self._actors = []
        self._descriptions = []
        if self._started and ray.is_initialized():
            ray.shutdown()
            self._started = False

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _placements(threads: int, wanted: int | None) -> list[str]:
    """The node of each translator: one per ``threads`` CPUs of each node, taken in turn
    across the nodes (the first ``wanted`` when a number is asked for)."""
    slots = [
        [node["NodeID"]] * max(1, int(node["Resources"].get("CPU", 0)) // threads)
        for node in _ray.nodes()
        if node["Alive"] and node["Resources"].get("CPU", 0) > 0
    ]
    turns = [node for turn in zip_longest(*slots) for node in turn if node is not None]
    if not turns:
        raise ExecutorError("the Ray cluster has no node with a CPU")
    return list(islice(cycle(turns), wanted or len(turns)))


def _outcomes(group: Sequence[InputFile], ref: Any) -> list[Prepared]:
    """The outcomes of a preparation task; every file of the group failed if the task did."""
    try:
        return list(ray.get(ref))
    except RayError as exc:  # retries exhausted (a file killing its worker every time)
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return [
            InputError(item.path, f"cannot prepare on the cluster ({reason})") for item in group
        ]


# -- preparation with inputs shipped from the driver -------------------------------------------

Shipment = list[tuple["InputFile", "bytes | Prepared"]]


def _shipment(
    group: Sequence[InputFile], options: TranslateOptions, config: DetectorConfig
) -> Shipment:
    """Each file's bytes, or its outcome when it is not sent: a file to stream (the driver
    translates it part by part), or one that fails before it is parsed (missing, unreadable,
    too large, empty), prepared here to give the error a local run gives."""
    from xlate.ingest.stream import streams
    from xlate.translate.workers import prepare_files

    shipped: Shipment = []
    for item in group:
        data = b""
        try:
            if item.path.stat().st_size <= options.max_bytes:
                data = b"" if streams(item.path, options.stream_bytes) else item.path.read_bytes()
        except OSError:
            pass
        shipped.append((item, data if data.strip() else prepare_files([item], options, config)[0]))
    return shipped


def _prepare_shipped(
    shipped: Shipment, options: TranslateOptions, config: DetectorConfig
) -> list[Prepared]:
    """``workers.prepare_files`` on bytes sent by the driver: written under their own
    names in a private folder, read, and given back their real paths."""
    from xlate.translate.workers import prepare_files

    outcomes: list[Prepared | None] = [
        None if isinstance(data, bytes) else data for _, data in shipped
    ]
    with tempfile.TemporaryDirectory(prefix="xlate-shipped-") as tmp:
        local: dict[int, InputFile] = {}
        for n, (item, data) in enumerate(shipped):
            if isinstance(data, bytes):
                folder = Path(tmp, str(n))
                folder.mkdir()
                (folder / item.path.name).write_bytes(data)
                local[n] = replace(item, path=folder / item.path.name)
        prepared = prepare_files(list(local.values()), options, config)
        for (n, item), outcome in zip(local.items(), prepared, strict=True):
            outcomes[n] = _renamed(outcome, item.path, shipped[n][0].path)
    return [o for o in outcomes if o is not None]


def _renamed(outcome: Prepared, local: Path, real: Path) -> Prepared:
    if isinstance(outcome, tuple):
        articles, analyses = outcome
        return [replace(a, path=str(real)) for a in articles], analyses
    if isinstance(outcome, InputError):
        problem = outcome.problem.replace(str(local), str(real))
        return type(outcome)(str(real), problem)
    return outcome


# -- translation on the cluster ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Description:
    """What a translator needs to build the engine the driver describes."""

    options: ArgosOptions
    glossary: Glossary | None = None
    glossary_mode: str = "placeholder"

    @property
    def threads(self) -> int:
        """CTranslate2 threads per translator: the option given, else one."""
        return self.options.intra_threads or 1


class Translator:
    """A Ray actor: the Argos engine (behind the glossary, when there is one) on one node."""

    def __init__(self, description: Description) -> None:
        from xlate.engines.argos import ArgosEngine

        options = replace(description.options, intra_threads=description.threads)
        argos = ArgosEngine(options)
        self.engine: Any = argos
        if description.glossary is not None:
            from xlate.engines.enforce import GlossaryEngine

            self.engine = GlossaryEngine(argos, description.glossary, description.glossary_mode)

    def translate(
        self, sentences: Sequence[str], source: str, target: str, model: str
    ) -> list[Translation | None]:
        here = self.engine.model_for(source, target)
        if here != model:
            raise EngineError(
                f"node {socket.gethostname()} has {here} for {source}→{target}, the driver "
                f"{model}; install the same Argos packages on every node"
            )
        return list(self.engine.translate(sentences, source, target))

    def where(self) -> tuple[str, int]:
        """This translator's node id and process id."""
        return ray.get_runtime_context().get_node_id(), os.getpid()


class RemoteArgos:
    """The Argos engine (and glossary) as the driver sees it, translating on the actors.

    It names, describes and keys translations exactly as the engine it replaces (``local``,
    which loads no model here), so reports and cache entries are the same as a local run's.
    """

    def __init__(self, local: Engine, argos: ArgosEngine, actors: Sequence[Any]) -> None:
        self.local = local
        self.argos = argos
        self.actors = list(actors)
        self.name = local.name
        self._used: set[str] = set()

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        model = self.argos.model_for(source, target)  # no model here: the error a local run gives
        if not sentences:
            return []
        size = max(MIN_PIECE, -(-len(sentences) // len(self.actors)))
        pieces = [sentences[i : i + size] for i in range(0, len(sentences), size)]
        refs = [
            actor.translate.remote(list(piece), source, target, model)
            for actor, piece in zip(cycle(self.actors), pieces)
        ]
        try:
            done = ray.get(refs)
        except RayTaskError as exc:
            if isinstance(exc.cause, XlateError):
                raise exc.cause from None
            raise EngineError(f"a translator failed: {exc.cause!r}") from None
        except RayError as exc:
            raise EngineError(f"translators lost ({type(exc).__name__}); try again") from None
        self._used.update(model.split(" + "))
        return [t for piece in done for t in piece]

    def describe(self) -> dict[str, Any]:
        description = self.local.describe()
        description["packages"] = sorted(self._used)  # the ones that translated something
        return description

    def model_for(self, source: str, target: str) -> str:
        return self.local.model_for(source, target)
