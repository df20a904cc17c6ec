"""The weekly backup: a job of its own (backing up is no asset of the
warehouse graph, so `communique_job` never runs it) and its schedule, off by
default like the nightly one. Each backup is a timestamped folder of Parquet
files and a manifest under COMMUNIQUE_BACKUP_DIR; the newest `keep` stay."""

import datetime as dt
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import BackupResource, WarehouseResource
from pipelines.store.backup import STAMP, backup, prune
from pipelines.store.database import connect

WEEKLY_BACKUP_CRON = "0 3 * * 0"  # Sundays 03:00 UTC, after the nightly run


@dg.op
def backup_warehouse(context: dg.OpExecutionContext, warehouse: WarehouseResource, backup_to: BackupResource) -> None:
    """Back up the analysts' file (the last published run), read-only: a run
    in progress writes the working database and is neither blocked nor seen."""
    root = Path(backup_to.path)
    folder = root / dt.datetime.now(dt.UTC).strftime(STAMP)
    with connect(warehouse.path, read_only=True, wait_seconds=warehouse.lock_wait_seconds) as con:
        manifest = backup(con, folder, warehouse.path)
    pruned = prune(root, backup_to.keep)
    rows = sum(t["rows"] for t in manifest["tables"])
    context.log.info(f"backed up {len(manifest['tables'])} tables ({rows} rows) to {folder}; removed {len(pruned)}")
    context.add_output_metadata({"folder": dg.MetadataValue.path(str(folder)), "rows": rows, "pruned": len(pruned)})


@dg.job(description="Back up the warehouse to Parquet files with a manifest (communique restore reads them).")
def backup_job() -> None:
    backup_warehouse()


weekly_backup = dg.ScheduleDefinition(
    name="weekly_backup",
    job=backup_job,
    cron_schedule=WEEKLY_BACKUP_CRON,
    execution_timezone="UTC",
    description="Back up the warehouse every Sunday at 03:00 UTC into COMMUNIQUE_BACKUP_DIR (warehouse/backups/).",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
