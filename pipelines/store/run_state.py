"""Whether `communique run` has anything to do, decided without Dagster.

After a successful run the CLI records a fingerprint of everything the
warehouse was built from: the raw folder's file list (paths, sizes,
modification times), the code (every file under pipelines/ and sql/, which
holds the extractor and schema versions, plus the lock file), the folders and
the gold folder. The next run with the same fingerprint, the same warehouse
and the report files in place has nothing to do and stops before starting
Dagster (≈8 s of imports and run machinery). Any Dagster run that ingests the
raw folder (UI, schedule, sensor, another CLI run) clears the record first, so
a stale record never outlives a change it did not see."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb

from pipelines import settings
from pipelines.store.raw_folder import raw_folder_fingerprint

STATE_KEY = "last_cli_run"
REPORT_FILES = ("actor_network.png", "funding_flows.png", "meetings_map.png")
CODE_GLOBS = ("pipelines/**/*.py", "sql/**/*.sql")
CODE_FILES = ("pyproject.toml", "uv.lock")


def reports_dir(warehouse: str | Path) -> Path:
    """Where report_charts writes its PNG files: beside the warehouse."""
    return Path(warehouse).parent / "reports"


def code_fingerprint(root: Path = settings.PROJECT_ROOT) -> str:
    """A digest of the code that shapes the warehouse. Any edit counts, not
    only a version bump: skipping must never hide a change."""
    digest = hashlib.sha256()
    paths = sorted({p for pattern in CODE_GLOBS for p in root.glob(pattern)} | {root / f for f in CODE_FILES})
    for path in paths:
        if path.is_file():
            digest.update(f"{path.relative_to(root)}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def inputs_fingerprint(raw: Path, warehouse: str | Path, gold: Path | None, root: Path = settings.PROJECT_ROOT) -> str:
    parts = [
        str(raw.resolve()),
        raw_folder_fingerprint(raw),
        str(warehouse),
        str(gold.resolve()) if gold else "",
        raw_folder_fingerprint(gold) if gold else "",
        code_fingerprint(root),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def read_state(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    try:
        row = con.execute("SELECT value FROM warehouse_meta WHERE key = ?", [STATE_KEY]).fetchone()
    except duckdb.CatalogException:  # a warehouse from before this table: no record
        return None
    return json.loads(row[0]) if row else None


def is_current(state: dict[str, Any] | None, fingerprint: str, warehouse: str | Path, today: dt.date) -> bool:
    """True when a run now would rebuild exactly what is there."""
    if not state or state.get("fingerprint") != fingerprint:
        return False
    # A file quarantined for a date in the future may be valid today.
    if state.get("valid_on") not in (None, today.isoformat()):
        return False
    # The analysts' file must be there too (the record lives in the working database beside it).
    if not str(warehouse).startswith("md:") and not Path(warehouse).exists():
        return False
    return all((reports_dir(warehouse) / name).is_file() for name in REPORT_FILES)


def record_state(
    con: duckdb.DuckDBPyConnection, fingerprint: str, run_id: str, failed_checks: list[str], today: dt.date
) -> None:
    future_dated = con.execute("SELECT count(*) FROM quarantine WHERE reason = 'date_out_of_range'").fetchone()
    state = {
        "fingerprint": fingerprint,
        "run_id": run_id,
        "failed_checks": failed_checks,
        "valid_on": today.isoformat() if future_dated and future_dated[0] else None,
    }
    con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES (?, ?)", [STATE_KEY, json.dumps(state)])


def clear_state(con: duckdb.DuckDBPyConnection) -> None:
    """Called at the start of every ingest: the warehouse is about to change."""
    con.execute("DELETE FROM warehouse_meta WHERE key = ?", [STATE_KEY])
