"""The one place that opens the DuckDB warehouse. DuckDB allows one writing
process per file, so opening waits a bounded time for a lock held elsewhere
and then fails with a message that says what to do."""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from pipelines import faults, settings
from pipelines.settings import SQL_DIR

SCHEMA_VERSION = "5"
MEMORY_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)
# The tables a schema upgrade carries over: the article store (texts, versions,
# retractions) is the system of record, and cached extractions are keyed by
# extractor version. Everything else is derived from these and rebuilt.
KEPT_ON_UPGRADE = ("stg_article", "article_version", "retraction", "retraction_log", "extraction_cache")


class WarehouseLocked(RuntimeError):
    pass


class WarehouseOutOfMemory(RuntimeError):
    pass


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the DDL. A warehouse built for another schema version keeps its
    article store (KEPT_ON_UPGRADE, copied column by name into the new
    tables) and loses the rest, which the next run rebuilds from the texts it
    holds: an upgrade never needs the raw folder."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()}
    version = None
    if "warehouse_meta" in tables:
        row = con.execute("SELECT value FROM warehouse_meta WHERE key = 'schema_version'").fetchone()
        version = row[0] if row else None
    if not tables or version == SCHEMA_VERSION:
        apply_sql_file(con, SQL_DIR / "schema.sql")
        if not tables:
            con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        return
    kept = [t for t in KEPT_ON_UPGRADE if t in tables] if version is not None else []
    with transaction(con, "upgrade"):
        for (view,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall():
            con.execute(f'DROP VIEW IF EXISTS "{view}"')
        for table in kept:
            con.execute(f'ALTER TABLE "{table}" RENAME TO "_upgrade_{table}"')
        for table in tables - set(kept):
            con.execute(f'DROP TABLE IF EXISTS "{table}"')
        apply_sql_file(con, SQL_DIR / "schema.sql")
        for table in kept:
            _copy_by_name(con, f"_upgrade_{table}", table)
            con.execute(f'DROP TABLE "_upgrade_{table}"')
        con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def _copy_by_name(con: duckdb.DuckDBPyConnection, source: str, target: str) -> None:
    """Copy the columns both tables have; a column the new table added takes its default."""
    old = {r[0] for r in con.execute(f'DESCRIBE "{source}"').fetchall()}
    columns = ", ".join(f'"{c}"' for c, *_ in con.execute(f'DESCRIBE "{target}"').fetchall() if c in old)
    con.execute(f'INSERT INTO "{target}" ({columns}) SELECT {columns} FROM "{source}"')  # names from the catalog


def is_remote(path: str | Path) -> bool:
    return str(path).startswith("md:")


def apply_sql_file(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute(path.read_text(encoding="utf-8"))


def view_files() -> list[Path]:
    return sorted((SQL_DIR / "views").glob("*.sql"))


def analysis_view_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The analysis views in the warehouse (named v_...)."""
    rows = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'v\\_%' ESCAPE '\\' "
        "ORDER BY view_name"
    ).fetchall()
    return [r[0] for r in rows]


@contextmanager
def connect(
    path: str | Path, read_only: bool = False, wait_seconds: float = 30.0, memory_limit: str = ""
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse (creating it and its schema when writable). A path
    starting with "md:" is a MotherDuck database, for runs spread over machines.
    DuckDB's memory is capped at `memory_limit` (settings.duckdb_memory_limit()
    when empty), so that memory stays flat as the warehouse grows."""
    remote = is_remote(path)
    path = str(path) if remote else Path(path)
    if not remote and read_only and not Path(path).exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `communique run` first")
    if not remote and not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"the warehouse {path} is locked by another process ({exc}); close that process "
                    "(a DuckDB shell, a notebook, another run) or wait for it, then run again"
                ) from exc
            time.sleep(0.5)
    limit = memory_limit or settings.duckdb_memory_limit()
    try:
        if not remote:  # MotherDuck sizes its own side; a local file gets the cap
            _limit_memory(con, limit)
        if not read_only:
            _migrate(con)
        yield con
    except duckdb.OutOfMemoryException as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WarehouseOutOfMemory(
            f"DuckDB ran out of the memory it may use ({limit}); raise it with COMMUNIQUE_DUCKDB_MEMORY, "
            f"e.g. COMMUNIQUE_DUCKDB_MEMORY=1GB ({reason})"
        ) from exc
    finally:
        con.close()


def _limit_memory(con: duckdb.DuckDBPyConnection, limit: str) -> None:
    if not MEMORY_SIZE.fullmatch(limit):
        raise ValueError(f"DuckDB memory limit {limit!r} is not a size such as 256MB or 2GB")
    con.execute(f"SET memory_limit = '{limit}'")  # checked above: digits and a unit, nothing else


@contextmanager
def run_lock(path: str | Path, wait_seconds: float = 600.0) -> Iterator[None]:
    """One pipeline run at a time per warehouse: an exclusive lock on a file
    beside it, waited for a bounded time. DuckDB's own lock guards each
    connection; this one guards a whole run of several connections."""
    if is_remote(path):  # MotherDuck serialises writers itself
        yield
        return
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(
                        f"another communique run is writing {path} (lock {lock_path}); wait for it to finish"
                    ) from None
                time.sleep(0.5)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _arrow(rows: Sequence[dict[str, Any]]) -> Any:
    import pyarrow as pa  # ~0.3 s: only when writing rows, not for `communique run` with nothing to do

    return pa.Table.from_pylist(list(rows))


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Bulk insert through Arrow, matching columns by name."""
    if not rows:
        return
    src = _arrow(rows)
    con.register("_communique_rows", src)
    try:
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _communique_rows')  # table names are ours
    finally:
        con.unregister("_communique_rows")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, label: str = "write") -> Iterator[None]:
    """All or nothing: a failure (or a killed process) leaves the last commit."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        faults.checkpoint(f"before_commit:{label}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def replace_tables(
    con: duckdb.DuckDBPyConnection,
    tables: dict[str, Sequence[dict[str, Any]]],
    in_transaction: bool = False,
    label: str = "replace",
) -> None:
    """Swap the contents of several tables in one transaction (or the caller's)."""
    if not in_transaction:
        with transaction(con, label):
            replace_tables(con, tables, in_transaction=True)
        return
    for table, rows in tables.items():
        con.execute(f'DELETE FROM "{table}"')  # table names are the pipeline's own, never user input
        insert_rows(con, table, rows)


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(row[0]) if row else 0
