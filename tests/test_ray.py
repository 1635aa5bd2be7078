"""``--executor ray``: the outputs of one machine, from a Ray cluster, whatever dies on the way.

The module shares one two-node cluster on this machine (``ray.cluster_utils.Cluster``, one CPU
a node, short health checks), reached on the loopback address only. Every run is compared with
a local ``--jobs 1`` run of the same inputs and options: outputs byte for byte, statuses, exit
codes and the report. Skipped when Ray (the ``xlate[ray]`` extra) is not installed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES

from xlate.cli.main import main
from xlate.engines.chain import build_chain
from xlate.ingest.pile import read_pile
from xlate.translate.results import BatchResult, TranslateOptions

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from bundles import make_bundle

requires_ray = pytest.mark.skipif(find_spec("ray") is None, reason="ray is not installed")

# Ray on this machine's loopback address only (Ray's single-machine mode): no test traffic
# leaves 127.0.0.1. Set before Ray is imported; nodes and workers inherit it.
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
HEALTH = {  # a lost node is declared dead in about a second, not the default 15 s
    "health_check_initial_delay_ms": 0,
    "health_check_period_ms": 300,
    "health_check_timeout_ms": 300,
    "health_check_failure_threshold": 3,
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    pytest.importorskip("ray")
    import ray
    from ray.cluster_utils import Cluster

    nodes = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 1, "include_dashboard": False, "_system_config": HEALTH},
    )
    nodes.add_node(num_cpus=1)
    ray.init(address=nodes.address, log_to_driver=False)
    yield nodes
    ray.shutdown()
    nodes.shutdown()


def outputs(folder: Path) -> dict[str, bytes]:
    """The finished outputs (a temporary file is hidden: its name starts with a dot)."""
    return {p.name: p.read_bytes() for p in sorted(folder.glob("[!.]*.en.*"))}


def report(folder: Path) -> dict[str, Any]:
    """The batch report with its output folder taken out (the one thing that differs)."""
    text = (folder / "xlate-report.json").read_text(encoding="utf-8")
    return dict(json.loads(text.replace(str(folder), "OUT")))


def assert_same(out: Path, baseline: Path, *, same_report: bool = True) -> None:
    assert outputs(out) == outputs(baseline)
    if same_report:
        assert report(out) == report(baseline)
    assert not list(out.glob(".*.part"))  # nothing half-written left behind


# -- the CLI: the same outputs with two more options ------------------------------------------


@pytest.fixture(scope="module")
def bundle20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("bundle20"), 20)  # 120 articles


@pytest.fixture(scope="module")
def local20(bundle20: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local20") / "out"
    assert main(["translate", str(bundle20), "--out", str(out), "--no-cache", "--jobs", "1"]) == 0
    return out


@requires_ray
@pytest.mark.parametrize("extra", [[], ["--ship-inputs"]], ids=["shared-files", "ship-inputs"])
def test_the_bundle_x20_gives_the_outputs_of_one_process(
    cluster: Any, bundle20: Path, local20: Path, tmp_path: Path, extra: list[str]
) -> None:
    out = tmp_path / "out"
    args = ["translate", str(bundle20), "--out", str(out), "--no-cache", "--executor", "ray"]
    assert main([*args, "--address", cluster.address, *extra]) == 0
    assert_same(out, local20)


@requires_ray
@pytest.mark.parametrize("extra", [[], ["--ship-inputs"]], ids=["shared-files", "ship-inputs"])
def test_hostile_files_fail_as_they_do_in_one_process(
    cluster: Any, tmp_path: Path, extra: list[str]
) -> None:
    """Empty, binary, undecodable, oversized files: the same statuses and messages (naming
    the real file, also when its bytes were shipped), the same exit code."""
    hostile = ROOT / "tests" / "hostile"
    args = ["translate", str(hostile), "--no-cache", "--max-bytes", "20000", "--engine", "identity"]
    local = main([*args, "--out", str(tmp_path / "local")])
    assert local == 1  # some files fail
    out = tmp_path / "out"
    assert main([*args, "--out", str(out), "--executor", "ray", *extra]) == local
    assert_same(out, tmp_path / "local")
    failed = [f for f in report(out)["files"] if f["status"] == "failed"]
    assert failed and all(f["error"].startswith(str(hostile)) for f in failed)


@requires_ray
@pytest.mark.parametrize("ship", [False, True], ids=["shared-files", "ship-inputs"])
def test_large_articles_streamed_by_the_driver_are_the_same(
    cluster: Any, tmp_path: Path, ship: bool
) -> None:
    """Plain-text files over the streaming size are read part by part by the driver."""
    from xlate.engines.memory import MemoryEngine
    from xlate.translate.batch import translate_batch
    from xlate.translate.ray_executor import RayExecutor

    inputs = read_pile([SAMPLES])
    chain = [MemoryEngine.from_files([SAMPLES / "memory.tmx"])]
    options = TranslateOptions(stream_bytes=1000, part_chars=300)  # three of six files stream
    local = translate_batch(inputs, tmp_path / "local", chain, options)
    with RayExecutor(ship_inputs=ship) as executor:
        batch = translate_batch(inputs, tmp_path / "out", chain, options, executor=executor)
    assert [r.to_dict() | {"output": ""} for r in batch.results] == [
        r.to_dict() | {"output": ""} for r in local.results
    ]
    assert_same(tmp_path / "out", tmp_path / "local")


def test_cluster_options_need_the_ray_executor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["translate", str(SAMPLES), "--out", str(tmp_path), "--address", "auto"])
    assert exit.value.code == 2
    assert "--address and --ship-inputs need --executor ray" in capsys.readouterr().err


def test_the_command_line_never_imports_ray() -> None:
    script = (
        "import sys; from xlate.cli import build_parser; build_parser().parse_args("
        "['translate', 'x', '--out', 'y', '--executor', 'ray']); "
        "print('ray' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_without_ray_the_message_says_how_to_install_it(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['ray'] = None; from xlate.cli import main; "  # as if absent
        f"sys.exit(main(['translate', {str(SAMPLES)!r}, '--out', {str(tmp_path)!r}, "
        "'--executor', 'ray']))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr == (
        "xlate: error: --executor ray needs Ray, an optional extra: pip install 'xlate[ray]'\n"
    )
    assert not list(tmp_path.iterdir())  # nothing written


def xlate(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "xlate", "translate", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env or os.environ,
    )


@requires_ray
def test_without_an_address_xlate_starts_and_stops_its_own_ray(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    local = tmp_path / "local"
    assert main(["translate", str(SAMPLES), "--out", str(local), "--no-cache"]) == 0
    out = tmp_path / "out"
    env = {**os.environ, "HOME": str(tmp_path)}  # Ray's token goes to ~/.ray
    run = xlate(str(SAMPLES), "--out", str(out), "--no-cache", "--executor", "ray", env=env)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err.decode()
    assert_same(out, local)
    assert (tmp_path / ".ray" / "auth_token").exists()  # a new local instance uses a token


@requires_ray
def test_an_interrupted_run_resumes_under_ray(
    cluster: Any, tmp_path: Path, bundle20: Path, local20: Path
) -> None:
    out = tmp_path / "out"
    args = (str(bundle20), "--out", str(out), "--no-cache", "--executor", "ray")
    run = xlate(*args, "--address", cluster.address)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.en.json"))) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err.decode()
    assert "xlate: interrupted" in err.decode()
    done = outputs(out)
    assert 0 < len(done) < len(outputs(local20))  # interrupted in the middle
    assert all(text == outputs(local20)[name] for name, text in done.items())
    resumed = xlate(*args, "--address", cluster.address)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    assert_same(out, local20, same_report=False)
    # the resumed run kept what the interrupted one had finished, and did the rest
    assert report(out)["summary"] == {"skipped": len(done), "ok": len(outputs(local20)) - len(done)}


# -- the tiny Argos package: translators, killed and lost -------------------------------------


@pytest.fixture(scope="module")
def bundle2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("bundle2"), 2)  # ru, ja and en articles


def argos_batch(
    bundle: Path, out: Path, executor: Any = None, progress: Callable[..., None] | None = None
) -> BatchResult:
    """The bundle through Argos alone (no model for ja: those files fail), four articles a
    chunk, with the default glossary: what ``xlate translate --engine argos`` does."""
    from xlate.engines.argos import ArgosOptions
    from xlate.glossary.load import load_glossary

    glossary, _ = load_glossary([ROOT / "glossaries" / "diplomatic.toml"])
    chain = build_chain(
        "argos",
        use_cache=False,
        argos_options=ArgosOptions(max_decoding_length=24),
        glossary=glossary,
    )
    from xlate.translate.batch import translate_batch

    return translate_batch(
        read_pile([bundle]),
        out,
        executor.engines(chain) if executor else chain,
        TranslateOptions(chunk=4),
        progress=progress,
        glossary=glossary,
        executor=executor,
    )


@pytest.fixture(scope="module")
def local2(installed_argos: dict[str, Path], bundle2: Path, tmp_path_factory: Any) -> Path:
    out = tmp_path_factory.mktemp("local2") / "out"
    batch = argos_batch(bundle2, out)
    statuses = {r.status for r in batch.results}
    assert statuses == {"ok", "partial"}  # ru and en translated; ja (no model) kept, flagged
    return out


def at_chunk(n: int, action: Callable[[], None]) -> Callable[..., None]:
    """A progress callback doing ``action`` as the ``n``-th chunk goes to translation."""
    seen = []

    def progress(kind: str, data: dict[str, Any]) -> None:
        if kind == "sentences":
            seen.append(data)
            if len(seen) == n:
                action()

    return progress


@requires_ray
@pytest.mark.argos
def test_the_tiny_argos_package_gives_the_outputs_of_one_process(
    cluster: Any, bundle2: Path, local2: Path, tmp_path: Path
) -> None:
    from xlate.translate.ray_executor import RayExecutor

    with RayExecutor() as executor:
        argos_batch(bundle2, tmp_path / "out", executor)
        nodes = {node for node, _ in executor.translator_processes()}
    assert len(nodes) == 2  # a translator on each node
    assert_same(tmp_path / "out", local2)


@requires_ray
@pytest.mark.argos
def test_a_translator_killed_mid_run_changes_nothing(
    cluster: Any, bundle2: Path, local2: Path, tmp_path: Path
) -> None:
    from xlate.translate.ray_executor import RayExecutor

    killed = []

    def kill() -> None:
        [(_, pid), _] = executor.translator_processes()
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    with RayExecutor(actors=2) as executor:
        argos_batch(bundle2, tmp_path / "out", executor, at_chunk(2, kill))
        [(_, again), _] = executor.translator_processes()
    assert killed and again != killed[0]  # it was killed, restarted, and its call retried
    assert_same(tmp_path / "out", local2)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux /proc: ``ppid`` follows the name in ``stat``)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@requires_ray
@pytest.mark.argos
def test_a_node_lost_mid_run_changes_nothing(
    cluster: Any, bundle2: Path, local2: Path, tmp_path: Path
) -> None:
    from xlate.translate.ray_executor import RayExecutor

    extra = cluster.add_node(num_cpus=1)
    lost = []

    def remove() -> None:
        lost.extend(node for node, _ in executor.translator_processes() if node == extra.node_id)
        # as a machine going away: its Ray processes and the workers they started, at once
        workers = children(extra.all_processes["raylet"][0].process.pid)
        cluster.remove_node(extra, allow_graceful=False)
        for pid in workers:
            os.kill(pid, signal.SIGKILL)

    with RayExecutor() as executor:
        argos_batch(bundle2, tmp_path / "out", executor, at_chunk(2, remove))
        after = {node for node, _ in executor.translator_processes()}
    assert lost == [extra.node_id]  # three nodes, a translator on each
    assert len(after) == 2 and extra.node_id not in after  # it moved to a node left
    assert_same(tmp_path / "out", local2)


@requires_ray
@pytest.mark.argos
def test_a_node_with_other_packages_refuses_to_translate(installed_argos: dict[str, Path]) -> None:
    from xlate.engines.argos import ArgosOptions
    from xlate.errors import EngineError
    from xlate.translate.ray_executor import Description, Translator

    translator = Translator(Description(ArgosOptions(max_decoding_length=8)))  # as on a node
    [done] = translator.translate(["Япония."], "ru", "en", "translate-ru_en@0.0.1")
    assert done is not None and done.model == "translate-ru_en@0.0.1"
    with pytest.raises(EngineError, match=r"has translate-ru_en@0.0.1 for ru→en, the driver "):
        translator.translate(["Япония."], "ru", "en", "translate-ru_en@1.9")
