"""When runs start: a nightly schedule, and a sensor that notices new or
changed files in the raw folder. Both launch the same job, and the instance's
run queue (dagster.yaml) lets one run at a time write the warehouse."""

import dagster as dg

from pipelines import settings
from pipelines.engine import cluster_executor, default_run_config
from pipelines.store.raw_folder import raw_folder_fingerprint

NIGHTLY_CRON = "0 2 * * *"  # 02:00 every day
SCHEDULE_TIMEZONE = "UTC"


# The executor: COMMUNIQUE_EXECUTOR (pipelines/engine.py). Unset, steps run in
# one process (run config deploy/multiprocess.yaml: a process per step);
# `celery` or `k8s` swaps in that integration's executor (deploy/).
def build_job(executor: dg.ExecutorDefinition | None):  # noqa: ANN201 - dagster's job type is not public
    name = executor.name if executor is not None else ""
    return dg.define_asset_job(
        "communique_job",
        selection=dg.AssetSelection.all(),
        description="Materialise every communique asset: raw folder to warehouse and views.",
        config=default_run_config(name),
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
