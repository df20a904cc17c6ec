"""Crashes, locks and full disks: the warehouse is always the last good state,
and the next run completes with nothing lost and nothing doubled."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines.store.database import WarehouseLocked, connect
from pipelines.store.publish import working_path
from pipelines.store.star import STAR_TABLE_NAMES
from tests.conftest import PROJECT_ROOT, copy_samples, materialize_all

STAR = list(STAR_TABLE_NAMES)


def snapshot(path: Path, tables: list[str] = STAR) -> dict[str, list[tuple]]:
    """Every star table, with the run's own folder written as <base> so that
    warehouses built in different temporary folders compare equal."""
    base = str(path.parent)

    def norm(row: tuple) -> tuple:
        return tuple(v.replace(base, "<base>") if isinstance(v, str) else v for v in row)

    with duckdb.connect(str(path), read_only=True) as con:
        return {t: sorted(norm(r) for r in con.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}


def run_in_child(
    raw: Path, warehouse: Path, fault: str | None, commit_every: int = 64, preexec=None
) -> subprocess.CompletedProcess[str]:
    """Materialise the graph in a separate process (so that it can be killed)."""
    script = textwrap.dedent(f"""
        import dagster as dg
        from pipelines.definitions import build_definitions
        from pipelines.defs.resources import (
            EvaluationResource, ExtractorResource, RawFolderResource, ShardStoreResource, WarehouseResource
        )
        defs = build_definitions()
        result = dg.materialize(
            [*defs.assets, *defs.asset_checks],
            resources={{
                "raw_folder": RawFolderResource(path={str(raw)!r}),
                "warehouse": WarehouseResource(path={str(warehouse)!r}, lock_wait_seconds=5),
                "extractor": ExtractorResource(commit_every={commit_every}),
                "shard_store": ShardStoreResource(),
                "evaluation": EvaluationResource(),
            }},
            instance=dg.DagsterInstance.ephemeral(),
            raise_on_error=False,
        )
        raise SystemExit(0 if result.success else 3)
    """)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("COMMUNIQUE_FAULT", None)
    if fault:
        env["COMMUNIQUE_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=preexec,
        cwd=PROJECT_ROOT,
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The warehouse a clean, uninterrupted run builds from the samples."""
    base = tmp_path_factory.mktemp("reference")
    raw = copy_samples(base / "raw")
    assert materialize_all(raw, base / "w.duckdb").success
    return snapshot(base / "w.duckdb")  # paths under base become <base>, as in every test's snapshot


def test_killed_during_extraction_then_rerun_loses_and_doubles_nothing(tmp_path: Path, reference: dict) -> None:
    """A shard writes a Parquet part per finished chunk to the shard store (it never
    opens the warehouse); the next run's plan loads what the killed one finished
    and extracts only the rest."""
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    killed = run_in_child(raw, warehouse, "after_extract_chunk", commit_every=2)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert not warehouse.exists()  # nothing was published for analysts to open
    with duckdb.connect(str(working_path(warehouse)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM extraction_cache").fetchone()[0] == 0  # only the loader writes it
        assert con.execute("SELECT count(*) FROM dim_article").fetchone()[0] == 0  # nothing half-loaded
        to_extract = con.execute("SELECT count(DISTINCT content_sha256) FROM stg_article").fetchone()[0]
    parts = list(Path(f"{warehouse}.shards").glob("*/shard_*.output/part-*.parquet"))
    assert len(parts) == 1 and pq.read_table(parts[0]).num_rows == 2  # the first chunk, whole; nothing after it
    result = materialize_all(raw, warehouse)
    assert result.success
    [extraction] = result.asset_materializations_for_node("article_extractions")
    assert extraction.metadata["extracted"].value == to_extract - 2  # the finished chunk was not redone
    assert not Path(f"{warehouse}.shards").exists() or not any(Path(f"{warehouse}.shards").iterdir())
    assert snapshot(warehouse) == reference


def test_killed_during_the_load_keeps_the_last_good_state(tmp_path: Path, reference: dict) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    assert snapshot(warehouse) == reference
    # Change the input, then die just before the star schema's commit.
    gone = sorted(raw.glob("*.txt"))[0]
    gone.unlink()
    killed = run_in_child(raw, warehouse, "before_commit:star_schema")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert snapshot(warehouse) == reference  # the last committed warehouse, untouched
    with duckdb.connect(str(working_path(warehouse)), read_only=True) as con:  # and the working one's star too
        assert con.execute("SELECT count(*) FROM dim_article WHERE source_present").fetchone()[0] == len(
            reference["dim_article"]
        )
    assert materialize_all(raw, warehouse).success
    after = snapshot(warehouse)
    assert len(after["dim_article"]) == len(reference["dim_article"])  # the article stays, its file gone
    with duckdb.connect(str(warehouse), read_only=True) as con:
        absent = con.execute("SELECT article_id FROM dim_article WHERE NOT source_present").fetchall()
    assert absent == [(gone.stem,)]
    assert len(set(after["fact_meeting"])) == len(after["fact_meeting"])


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys,time; c=duckdb.connect({str(path)!r}); print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


def test_locked_warehouse_waits_a_bounded_time_then_says_who_and_what_to_do(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    holder = _hold_lock(warehouse)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLocked) as err, connect(warehouse, wait_seconds=1.5):
            pass
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert 1.5 <= waited < 10
    message = str(err.value)
    assert str(warehouse) in message and f"PID {holder.pid}" in message and "close that process" in message


def test_cli_reports_a_locked_warehouse_in_one_line(tmp_path: Path) -> None:
    """Another process writing the pipeline's working database (an analyst
    holding the published file does not block a run: tests/reliability/test_publish.py)."""
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    holder = _hold_lock(Path(working_path(warehouse)))
    try:
        env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "home"), "COMMUNIQUE_LOCK_WAIT_SECONDS": "2"}
        result = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "run", "--raw", str(raw), "--warehouse", str(warehouse)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=PROJECT_ROOT,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "communique: error:" in result.stderr and "locked" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_runs_at_once_never_both_write(tmp_path: Path, reference: dict) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "home")}
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--raw", str(raw), "--warehouse", str(warehouse)]
    first = subprocess.Popen(cmd, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(cmd, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(timeout=900) == 0, first.stderr.read()
    assert second.wait(timeout=900) == 0, second.stderr.read()
    assert snapshot(warehouse) == reference


def _limit_file_size() -> None:
    # Writes past 64 KB fail with EFBIG, as on a full disk (the signal would kill instead).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_full_disk_fails_clearly_and_keeps_the_old_warehouse(tmp_path: Path, reference: dict) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    for path in raw.glob("*.txt"):  # new content: the next run must write a lot
        path.write_text(
            path.read_text(encoding="utf-8") + "\nThe ministers also met again on Friday.\n", encoding="utf-8"
        )
    full = run_in_child(raw, warehouse, None, preexec=_limit_file_size)
    assert full.returncode != 0
    assert "File too large" in full.stderr or "No space" in full.stderr or "Could not write" in full.stderr
    assert snapshot(warehouse) == reference  # the old warehouse, intact and readable


def test_unwritable_warehouse_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines import cli

    raw = copy_samples(tmp_path / "raw")
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    code = cli.main(["run", "--raw", str(raw), "--warehouse", str(blocker / "w.duckdb")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("communique: error:") and str(blocker) in err
