"""The same job under Dagster's multiprocess executor, as the README documents
for running beyond one process (the first step towards dagster-k8s/celery):
the extraction fans out into one step per shard, each in a process of its own,
and the warehouse holds exactly what an in-process run builds."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
import yaml

from pipelines import engine
from pipelines.definitions import build_definitions
from pipelines.defs.schedules import build_job, cluster_executor
from tests.conftest import PROJECT_ROOT, copy_samples, materialize_all
from tests.test_pipeline import ALL_TABLES, snapshot

SHARD_SIZE = 4  # the samples are a dozen articles: small shards, so that there are several


def test_extraction_fans_out_under_the_multiprocess_executor(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((PROJECT_ROOT / "dagster.yaml").read_text())
    shards_config = tmp_path / "shards.yaml"
    shards_config.write_text(f"resources:\n  extractor:\n    config:\n      shard_size: {SHARD_SIZE}\n")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "COMMUNIQUE_RAW_DIR": str(raw),
        "COMMUNIQUE_WAREHOUSE": str(warehouse),
        "COMMUNIQUE_LOCK_WAIT_SECONDS": "120",
    }
    dagster = Path(sys.executable).parent / "dagster"
    result = subprocess.run(
        [
            str(dagster),
            "job",
            "execute",
            "-m",
            "pipelines.definitions",
            "-j",
            "communique_job",
            "-c",
            str(PROJECT_ROOT / "deploy" / "multiprocess.yaml"),
            "-c",
            str(shards_config),
        ],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "RUN_SUCCESS" in log

    # One step per shard, each started in a process of its own (the pid is a column of Dagster's log line).
    starts = re.findall(r" - (\d+) - article_extractions\.extract_shard\[(shard_\d+)\] - STEP_START", log)
    articles = len(list(raw.rglob("*.txt")))
    assert len({shard for _, shard in starts}) == math.ceil(articles / SHARD_SIZE)
    assert len({pid for pid, _ in starts}) == len(starts)

    in_process = tmp_path / "in_process.duckdb"
    assert materialize_all(raw, in_process).success
    assert snapshot(warehouse, ALL_TABLES) == snapshot(in_process, ALL_TABLES)


def test_k8s_run_config_fits_the_job_built_for_the_k8s_executor() -> None:
    """deploy/k8s.yaml is what COMMUNIQUE_EXECUTOR=k8s runs with: the job then
    uses dagster-k8s's executor, and that file must be valid run config for it."""
    executor = cluster_executor("k8s")
    assert executor is not None and executor.name == "k8s"
    defs = build_definitions()
    job = dg.Definitions(
        assets=list(defs.assets or []),
        asset_checks=list(defs.asset_checks or []),
        resources=defs.resources,
        jobs=[build_job(executor)],
    ).resolve_job_def("communique_job")
    config = yaml.safe_load((PROJECT_ROOT / "deploy" / "k8s.yaml").read_text())
    assert dg.validate_run_config(job, config)["resources"]["extractor"]["config"]["shard_size"] > 0
    with pytest.raises(dg.DagsterInvalidConfigError):  # the local run config is not valid for it
        dg.validate_run_config(job, yaml.safe_load((PROJECT_ROOT / "deploy" / "multiprocess.yaml").read_text()))


def test_executor_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cluster_executor("") is None  # unset: in-process, or multiprocess by run config
    with pytest.raises(ValueError, match="celery, k8s"):
        cluster_executor("spark")
    monkeypatch.setitem(engine.CLUSTER_EXECUTORS, "ray", ("dagster_ray_not_installed", "ray_executor", "dagster-ray"))
    with pytest.raises(ImportError, match=r"uv add dagster-ray==0\.29\.27"):  # a missing integration says what to add
        cluster_executor("ray")
