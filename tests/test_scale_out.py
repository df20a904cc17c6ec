"""The same job under Dagster's multiprocess executor, as the README documents
for running beyond one process (the first step towards dagster-k8s/celery)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import PROJECT_ROOT, copy_samples


def test_job_runs_under_the_multiprocess_executor(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((PROJECT_ROOT / "dagster.yaml").read_text())
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
        ],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "multiprocess" in log.lower()  # each step ran in a child process
    assert "RUN_SUCCESS" in log
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM dim_article").fetchone()[0] == len(list(raw.rglob("*.txt")))
        assert con.execute("SELECT count(*) FROM fact_meeting").fetchone()[0] > 0
