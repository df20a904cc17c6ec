"""Resources: where the raw articles are, the warehouse, and how to run the
extractor. Defaults come from the environment (see pipelines/settings.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import settings
from pipelines.store import database
from pipelines.store import publish as publishing
from pipelines.store.shard_store import ShardStore


class RawFolderResource(dg.ConfigurableResource):
    """The folder of raw article files (subfolders included). With `mirror`,
    an article whose file leaves the folder is deleted from the warehouse;
    by default it stays, marked absent."""

    path: str
    mirror: bool = False


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse. `path` is the file analysts open; every step of
    the pipeline reads and writes the working database beside it, which the
    run's last step publishes to `path` (pipelines/store/publish.py)."""

    path: str
    lock_wait_seconds: float = 30.0
    memory_limit: str = ""  # DuckDB's memory cap, e.g. "1GB"; empty: COMMUNIQUE_DUCKDB_MEMORY or 128MB

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        publishing.ensure_working(self.path)
        with database.connect(
            publishing.working_path(self.path),
            read_only=read_only,
            wait_seconds=self.lock_wait_seconds,
            memory_limit=self.memory_limit,
        ) as con:
            yield con

    def publish(self) -> bool:
        return publishing.publish(self.path, wait_seconds=self.lock_wait_seconds, memory_limit=self.memory_limit)


class BackupResource(dg.ConfigurableResource):
    """Where the weekly backup writes (a folder per backup) and how many it keeps."""

    path: str
    keep: int = 8


class ExtractorResource(dg.ConfigurableResource):
    """How the NLP runs: spaCy batch size, worker processes per extraction
    step, and how many articles each step (shard) takes."""

    batch_size: int = 32
    n_process: int = 0  # 0: every core when there is enough work to pay for starting workers
    parallel_from: int = 200  # articles to extract before extra processes are worth their start-up
    commit_every: int = 64  # articles per warehouse commit: what a killed run can lose at most
    shard_size: int = 0  # articles per extraction step; 0: one step (fan out with a multi-process executor)

    def processes_for(self, articles: int) -> int:
        if self.n_process > 0:
            return self.n_process
        return max(1, os.cpu_count() or 1) if articles >= self.parallel_from else 1


class ShardStoreResource(dg.ConfigurableResource):
    """Where extraction shards get their texts and leave their results, as
    Parquet files (pipelines/store/shard_store.py): a folder or any fsspec URL
    (s3://..., gs://...) that every worker can reach. Empty: the folder
    `<warehouse>.shards` beside the warehouse file."""

    url: str = ""

    def store(self, warehouse_path: str) -> ShardStore:
        if self.url:
            return ShardStore(self.url)
        if database.is_remote(warehouse_path):  # MotherDuck: no folder beside it
            return ShardStore(str(settings.PROJECT_ROOT / "warehouse" / "shards"))
        return ShardStore(f"{Path(warehouse_path).resolve()}.shards")


class EvaluationResource(dg.ConfigurableResource):
    """A folder of gold annotations (ANNOTATION.md schema) to score each run
    against; empty means no scoring."""

    gold_dir: str = ""


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "raw_folder": RawFolderResource(path=str(settings.raw_dir()), mirror=settings.mirror_raw()),
            "warehouse": WarehouseResource(
                path=str(settings.warehouse_path()), lock_wait_seconds=settings.lock_wait_seconds()
            ),
            "extractor": ExtractorResource(shard_size=settings.shard_size()),
            "shard_store": ShardStoreResource(url=settings.shard_store_url()),
            "backup_to": BackupResource(path=str(settings.backup_dir())),
            "evaluation": EvaluationResource(gold_dir=str(settings.gold_dir() or "")),
        }
    )
