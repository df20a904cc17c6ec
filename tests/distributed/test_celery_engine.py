"""communique_job on a real distributed engine: a Redis broker and two Celery
workers, each a process of its own started here, with COMMUNIQUE_EXECUTOR=celery
switching the `communique run` CLI onto them. The extraction shards must run
in the workers, and the warehouse must equal an in-process run's.

    uv run pytest -m distributed

Skipped only where Debian's redis-server is not installed (.ci/run installs it)."""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from tests.conftest import PROJECT_ROOT, copy_samples, materialize_all
from tests.test_pipeline import ALL_TABLES, snapshot

pytestmark = pytest.mark.distributed

REDIS = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
SHARD_SIZE = 4  # the samples are a dozen articles: several shards for two workers
WORKERS = ("communique-a", "communique-b")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen, grace: float = 15.0) -> None:
    """Stop a process and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)
    except ProcessLookupError:
        pass


def descendants(roots: list[int]) -> set[int]:
    """The processes under the given ones (Linux /proc), roots included."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(roots), list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def wait_for_workers(
    broker: str, names: tuple[str, ...], processes: list[subprocess.Popen], timeout: float = 90.0
) -> None:
    from celery import Celery

    app = Celery(broker=broker, backend=broker)
    deadline = time.monotonic() + timeout
    seen: set[str] = set()
    while time.monotonic() < deadline:
        seen = {name.split("@")[0] for reply in app.control.ping(timeout=1.0) for name in reply}
        if set(names) <= seen:
            return
        if any(p.poll() is not None for p in processes):
            raise RuntimeError("a Celery worker exited before it answered; see its log beside the test's files")
        time.sleep(0.5)
    raise TimeoutError(f"Celery workers {names} did not answer within {timeout:.0f}s (answered: {sorted(seen)})")


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[str]:
    if REDIS is None:
        pytest.skip("redis-server not found: install Debian's redis-server (apt-get install -y redis-server)")
    port = free_port()
    log = (tmp_path / "redis.log").open("w")
    redis = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        import redis as redis_client

        deadline = time.monotonic() + 30
        while True:
            try:
                redis_client.Redis(host="127.0.0.1", port=port).ping()
                break
            except redis_client.ConnectionError:
                if time.monotonic() > deadline or redis.poll() is not None:
                    raise RuntimeError(f"redis-server did not start: {(tmp_path / 'redis.log').read_text()}") from None
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(redis)
        log.close()


def test_celery_workers_run_the_shards_and_build_the_in_process_warehouse(
    tmp_path: Path, broker: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = time.monotonic()
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((PROJECT_ROOT / "dagster.yaml").read_text())
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # dagster.yaml's storage folder
    with dg.DagsterInstance.from_config(str(home)):
        pass  # create its storage once: two workers starting at once would both try
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")},
        "DAGSTER_HOME": str(home),
        "COMMUNIQUE_EXECUTOR": "celery",
        "COMMUNIQUE_BROKER_URL": broker,
        "COMMUNIQUE_RAW_DIR": str(raw),
        "COMMUNIQUE_WAREHOUSE": str(warehouse),
        "COMMUNIQUE_SHARD_SIZE": str(SHARD_SIZE),
        "COMMUNIQUE_LOCK_WAIT_SECONDS": "120",
    }
    bin_dir = Path(sys.executable).parent
    workers: list[subprocess.Popen] = []
    logs = []
    try:
        for name in WORKERS:
            logs.append((tmp_path / f"{name}.log").open("w"))
            workers.append(
                subprocess.Popen(
                    [
                        str(bin_dir / "dagster-celery"),
                        "worker",
                        "start",
                        "-A",
                        "dagster_celery.app",
                        "-y",
                        str(PROJECT_ROOT / "deploy" / "celery.yaml"),
                        "-n",
                        name,
                        "-l",
                        "WARNING",
                        "--",
                        "--pool=solo",  # the task runs in the worker process itself
                    ],
                    env=env,
                    cwd=tmp_path,  # not the project: the workers load the code as an installed package
                    stdout=logs[-1],
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        wait_for_workers(broker, WORKERS, workers)

        run = subprocess.run(
            [str(bin_dir / "communique"), "run"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
        )
        worker_logs = "".join((tmp_path / f"{n}.log").read_text()[-2000:] for n in WORKERS)
        assert run.returncode == 0, (run.stdout + run.stderr)[-3000:] + worker_logs
        in_workers = descendants([w.pid for w in workers])
        assert all(w.poll() is None for w in workers), worker_logs
    finally:
        for worker in workers:
            stop(worker)
        for log in logs:
            log.close()

    with dg.DagsterInstance.from_config(str(home)) as instance:
        [record] = instance.get_run_records()
        run_id = record.dagster_run.run_id
        assert record.dagster_run.is_success
        shard_workers = _extraction_metadata(instance, run_id)["workers"]
        celery_workers = _celery_workers_by_step(instance, run_id)

    # Every shard ran in a worker's process: this machine, a pid under one of the two workers.
    articles = len(list(raw.rglob("*.txt")))
    assert len(shard_workers) == math.ceil(articles / SHARD_SIZE) >= 2
    for shard, worker in shard_workers.items():
        host, pid = worker.rsplit(":", 1)
        assert host == socket.gethostname()
        assert int(pid) in in_workers and int(pid) != os.getpid(), (shard, worker)
        assert celery_workers[f"article_extractions.extract_shard[{shard}]"].split("@")[0] in WORKERS
    # Every step went through Celery, and both workers took some.
    assert {name.split("@")[0] for name in celery_workers.values()} == set(WORKERS)
    assert "article_extractions.load_extractions" in celery_workers
    assert not Path(f"{warehouse}.shards").exists() or not any(Path(f"{warehouse}.shards").iterdir())

    in_process = tmp_path / "in_process.duckdb"
    assert materialize_all(raw, in_process).success
    assert snapshot(warehouse, ALL_TABLES) == snapshot(in_process, ALL_TABLES)
    print(f"\n[distributed] broker, two workers, a Celery run and an in-process run: {time.monotonic() - started:.0f}s")


def _extraction_metadata(instance: dg.DagsterInstance, run_id: str) -> dict:
    for event in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = event.dagster_event.event_specific_data.materialization
        if materialization.asset_key == dg.AssetKey("article_extractions"):
            return {k: v.value for k, v in materialization.metadata.items()}
    raise AssertionError("no materialization of article_extractions")


def _celery_workers_by_step(instance: dg.DagsterInstance, run_id: str) -> dict[str, str]:
    """Step key -> the Celery worker that executed it (dagster-celery's engine event)."""
    found = {}
    for event in instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        data = event.dagster_event.engine_event_data
        if data and "Celery worker" in data.metadata:
            found[event.dagster_event.step_key] = data.metadata["Celery worker"].value
    return found
