"""Which engine runs communique_job's steps: one switch, COMMUNIQUE_EXECUTOR,
for the CLI, the UI and the schedule alike.

- unset (the default): Dagster's default executor, in this process
  (run config deploy/multiprocess.yaml: a process per step);
- `celery`: dagster-celery's executor; every step is a Celery task that a
  worker on any machine picks up from the broker (COMMUNIQUE_BROKER_URL,
  results on COMMUNIQUE_BACKEND_URL or the same Redis). deploy/CLUSTER.md;
- `k8s`: dagster-k8s's executor, a pod per step (deploy/k8s.yaml).

The broker's URL goes into the run config as `{env: COMMUNIQUE_BROKER_URL}`,
read where the run executes: no password is shown in the UI or stored with
the run."""

from __future__ import annotations

import importlib
from typing import Any

import dagster as dg

from pipelines import settings

# Steps run in one process by default: they take turns on DuckDB's single
# writer anyway, and extraction spreads over the cores itself.
IN_PROCESS: dict[str, Any] = {"execution": {"config": {"in_process": {}}}}

CLUSTER_EXECUTORS = {  # COMMUNIQUE_EXECUTOR: (module, executor, package to install)
    "celery": ("dagster_celery", "celery_executor", "dagster-celery"),
    "k8s": ("dagster_k8s", "k8s_job_executor", "dagster-k8s"),
}
REDIS_SCHEMES = ("redis://", "rediss://", "redis+socket://")


def cluster_executor(name: str) -> dg.ExecutorDefinition | None:
    """The executor COMMUNIQUE_EXECUTOR names; None (Dagster's default, in-process
    or multiprocess by run config) when it is empty."""
    if not name:
        return None
    if name not in CLUSTER_EXECUTORS:
        raise ValueError(f"COMMUNIQUE_EXECUTOR={name!r}: use one of {', '.join(CLUSTER_EXECUTORS)}, or leave it unset")
    module, executor, package = CLUSTER_EXECUTORS[name]
    try:
        return getattr(importlib.import_module(module), executor)
    except ImportError as exc:
        _, minor, patch = dg.__version__.split(".")[:3]
        paired = f"0.{int(minor) + 16}.{patch}"  # Dagster's integrations: dagster 1.13.27 <-> 0.29.27
        raise ImportError(f"COMMUNIQUE_EXECUTOR={name} needs {package}: uv add {package}=={paired}") from exc


def default_run_config(name: str) -> dict[str, Any] | None:
    """communique_job's run config unless a run gives its own: in-process by
    default; for Celery, the broker and result backend from the environment."""
    if not name:
        return IN_PROCESS
    if name == "celery":
        return {"execution": {"config": celery_config()}}
    return None  # k8s: the deployment's run config (deploy/k8s.yaml)


def celery_config() -> dict[str, Any]:
    broker = settings.broker_url()
    if not broker:
        raise ValueError(
            "COMMUNIQUE_EXECUTOR=celery needs COMMUNIQUE_BROKER_URL, the Celery broker the workers listen to "
            "(e.g. redis://host:6379/0; see deploy/CLUSTER.md)"
        )
    if settings.backend_url():
        backend: Any = {"env": "COMMUNIQUE_BACKEND_URL"}
    elif broker.startswith(REDIS_SCHEMES):
        backend = {"env": "COMMUNIQUE_BROKER_URL"}  # Redis holds the step results too
    else:
        backend = "rpc://"  # dagster-celery's default, for an AMQP broker
    return {"broker": {"env": "COMMUNIQUE_BROKER_URL"}, "backend": backend}


def communique_job_definition() -> dg.JobDefinition:
    """communique_job as the code loads it: what a Celery worker or a pod rebuilds
    from this module's name (dagster.reconstructable)."""
    from pipelines.definitions import build_definitions

    return build_definitions().resolve_job_def("communique_job")


def execute(
    job: dg.JobDefinition,
    instance: dg.DagsterInstance,
    run_config: dict[str, Any],
    asset_selection: list[dg.AssetKey] | None,
    raise_on_error: bool,
) -> Any:  # noqa: ANN401 - ExecuteInProcessResult or dagster's JobExecutionResult
    """Run communique_job from the CLI on the engine COMMUNIQUE_EXECUTOR picks:
    in this process by default, else through that executor, whose workers
    rebuild the job from its module (so the instance must be persistent)."""
    if not settings.executor_name():
        return job.execute_in_process(
            instance=instance, raise_on_error=raise_on_error, asset_selection=asset_selection, run_config=run_config
        )
    return dg.execute_job(
        dg.reconstructable(communique_job_definition),
        instance=instance,
        run_config=run_config,
        asset_selection=asset_selection,
        raise_on_error=raise_on_error,
    )
