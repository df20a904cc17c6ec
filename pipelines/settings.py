"""Where things live, from the environment with the project's defaults.
Read when called, never at import, so tests and the CLI can point elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"


def raw_dir() -> Path:
    return Path(os.environ.get("COMMUNIQUE_RAW_DIR") or PROJECT_ROOT / "raw")


def warehouse_path() -> Path:
    return Path(os.environ.get("COMMUNIQUE_WAREHOUSE") or PROJECT_ROOT / "warehouse" / "communique.duckdb")


def mirror_raw() -> bool:
    """COMMUNIQUE_MIRROR_RAW=1: the warehouse mirrors the raw folder, so an
    article whose file leaves it is deleted (by default it stays, marked absent)."""
    return os.environ.get("COMMUNIQUE_MIRROR_RAW", "").strip().lower() in {"1", "true", "yes", "on"}


def backup_dir() -> Path:
    """Where the weekly backup schedule writes (COMMUNIQUE_BACKUP_DIR): one folder per backup."""
    value = os.environ.get("COMMUNIQUE_BACKUP_DIR")
    return Path(value) if value else warehouse_path().parent / "backups"


def dagster_home() -> Path:
    return Path(os.environ.get("DAGSTER_HOME") or PROJECT_ROOT / ".dagster_home")


def lock_wait_seconds() -> float:
    """How long a connection waits for another process's lock on the warehouse."""
    return float(os.environ.get("COMMUNIQUE_LOCK_WAIT_SECONDS") or 30)


def gold_dir() -> Path | None:
    """Gold annotations to score every run against (COMMUNIQUE_GOLD_DIR); none by default."""
    value = os.environ.get("COMMUNIQUE_GOLD_DIR")
    return Path(value) if value else None


def executor_name() -> str:
    """A cluster executor for communique_job (COMMUNIQUE_EXECUTOR: k8s or celery); empty for Dagster's default."""
    return os.environ.get("COMMUNIQUE_EXECUTOR", "").strip().lower()


def broker_url() -> str:
    """The Celery broker for COMMUNIQUE_EXECUTOR=celery (COMMUNIQUE_BROKER_URL, e.g. redis://host:6379/0)."""
    return os.environ.get("COMMUNIQUE_BROKER_URL", "").strip()


def backend_url() -> str:
    """Celery's result backend (COMMUNIQUE_BACKEND_URL); empty: the broker when it is Redis, else rpc://."""
    return os.environ.get("COMMUNIQUE_BACKEND_URL", "").strip()


def shard_store_url() -> str:
    """Where extraction shards exchange their Parquet files (COMMUNIQUE_SHARD_STORE: a folder or an
    fsspec URL such as s3://bucket/prefix); empty: a folder beside the warehouse."""
    return os.environ.get("COMMUNIQUE_SHARD_STORE", "").strip()


def shard_size() -> int:
    """Articles per extraction step (COMMUNIQUE_SHARD_SIZE); 0, the default: one step."""
    return int(os.environ.get("COMMUNIQUE_SHARD_SIZE") or 0)


DEFAULT_DUCKDB_MEMORY = "128MB"


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit per process (COMMUNIQUE_DUCKDB_MEMORY, e.g. 1GB). DuckDB's own
    default is 80 % of the machine's memory, which lets a large load hold everything it touched;
    within the limit it spills to a temporary folder beside the warehouse instead."""
    return os.environ.get("COMMUNIQUE_DUCKDB_MEMORY", "").strip() or DEFAULT_DUCKDB_MEMORY
