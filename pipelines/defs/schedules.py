"""When runs start: a nightly schedule, and a sensor that notices new or
changed files in the raw folder. Both launch the same job, and the instance's
run queue (dagster.yaml) lets one run at a time write the warehouse."""

import importlib

import dagster as dg

from pipelines import settings
from pipelines.store.raw_folder import raw_folder_fingerprint

NIGHTLY_CRON = "0 2 * * *"  # 02:00 every day
SCHEDULE_TIMEZONE = "UTC"

# Steps run in one process by default: they take turns on DuckDB's single
# writer anyway, and extraction spreads over the cores itself. Run config
# deploy/multiprocess.yaml overrides this; COMMUNIQUE_EXECUTOR=k8s or celery
# swaps in that integration's executor (deploy/k8s.yaml).
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}

CLUSTER_EXECUTORS = {  # COMMUNIQUE_EXECUTOR: (module, executor, package to install)
    "k8s": ("dagster_k8s", "k8s_job_executor", "dagster-k8s"),
    "celery": ("dagster_celery", "celery_executor", "dagster-celery"),
}


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


def build_job(executor: dg.ExecutorDefinition | None):  # noqa: ANN201 - dagster's job type is not public
    return dg.define_asset_job(
        "communique_job",
        selection=dg.AssetSelection.all(),
        description="Materialise every communique asset: raw folder to warehouse and views.",
        config=IN_PROCESS if executor is None else None,
        executor_def=executor,
    )


communique_job = build_job(cluster_executor(settings.executor_name()))

nightly_schedule = dg.ScheduleDefinition(
    name="nightly_refresh",
    job=communique_job,
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=SCHEDULE_TIMEZONE,
    description="Rebuild the warehouse from the raw folder every night at 02:00 UTC.",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


@dg.sensor(
    name="raw_folder_sensor",
    job=communique_job,
    minimum_interval_seconds=60,
    description="Start a run when files under the raw folder appear, change or disappear.",
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def raw_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    fingerprint = raw_folder_fingerprint(settings.raw_dir())
    if fingerprint == context.cursor:
        return dg.SkipReason("no file under the raw folder changed")
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=fingerprint)], cursor=fingerprint)
