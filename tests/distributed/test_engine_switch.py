"""COMMUNIQUE_EXECUTOR picks the engine for the job the CLI, the UI and the
schedule run; deploy/celery.yaml is valid run config for it. Fast: nothing
is started here (tests/distributed/test_celery_engine.py runs the engine)."""

from __future__ import annotations

import subprocess
import sys

import dagster as dg
import pytest
import yaml

from pipelines import engine
from pipelines.definitions import build_definitions
from pipelines.defs.schedules import build_job
from tests.conftest import PROJECT_ROOT


def _job_for(executor: dg.ExecutorDefinition | None) -> dg.JobDefinition:
    defs = build_definitions()
    return dg.Definitions(
        assets=list(defs.assets or []),
        asset_checks=list(defs.asset_checks or []),
        resources=defs.resources,
        jobs=[build_job(executor)],
    ).resolve_job_def("communique_job")


def test_celery_switch_gives_the_job_celerys_executor_with_the_broker_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_BROKER_URL", "redis://broker.invalid:6379/0")
    monkeypatch.delenv("COMMUNIQUE_BACKEND_URL", raising=False)
    job = _job_for(engine.cluster_executor("celery"))
    assert job.executor_def.name == "celery"
    resolved = dg.validate_run_config(job, {})["execution"]["celery"]  # the default run config: from the environment
    assert resolved["broker"] == resolved["backend"] == "redis://broker.invalid:6379/0"
    monkeypatch.setenv("COMMUNIQUE_BACKEND_URL", "redis://results.invalid:6379/1")
    resolved = dg.validate_run_config(_job_for(engine.cluster_executor("celery")), {})["execution"]["celery"]
    assert resolved["backend"] == "redis://results.invalid:6379/1"


def test_deploy_celery_yaml_is_valid_run_config_for_the_celery_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_BROKER_URL", "redis://broker.invalid:6379/0")
    job = _job_for(engine.cluster_executor("celery"))
    config = yaml.safe_load((PROJECT_ROOT / "deploy" / "celery.yaml").read_text())
    resolved = dg.validate_run_config(job, config)
    assert resolved["execution"]["celery"]["broker"] == "redis://broker.invalid:6379/0"
    assert resolved["resources"]["extractor"]["config"]["shard_size"] > 0
    with pytest.raises(dg.DagsterInvalidConfigError):  # the multiprocess config is not for this executor
        dg.validate_run_config(job, yaml.safe_load((PROJECT_ROOT / "deploy" / "multiprocess.yaml").read_text()))


def test_default_stays_in_process() -> None:
    job = _job_for(engine.cluster_executor(""))
    assert "in_process" in dg.validate_run_config(job, {})["execution"]["multi_or_in_process_executor"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"COMMUNIQUE_EXECUTOR": "spark"}, "COMMUNIQUE_EXECUTOR='spark': use one of celery, k8s"),
        ({"COMMUNIQUE_EXECUTOR": "celery"}, "COMMUNIQUE_EXECUTOR=celery needs COMMUNIQUE_BROKER_URL"),
    ],
)
def test_a_wrong_switch_stops_the_cli_with_one_clear_line(tmp_path, env: dict[str, str], message: str) -> None:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "run",
            "--raw",
            str(PROJECT_ROOT / "raw"),
            "--warehouse",
            str(tmp_path / "w.duckdb"),
        ],
        env={**clean, **env, "DAGSTER_HOME": str(tmp_path / "home")},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert not (tmp_path / "w.duckdb").exists()
