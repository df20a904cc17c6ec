"""Backups of the warehouse as Parquet files with a manifest (tables, row
counts, checksums, versions), and the restore that checks them. A backup is
complete once its manifest exists: the manifest is written last, by rename."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import duckdb

from pipelines.store.database import SCHEMA_VERSION, apply_sql_file, connect, count_rows, transaction, view_files

MANIFEST = "manifest.json"
FORMAT = 1
STAMP = "%Y%m%dT%H%M%SZ"  # the weekly schedule's folder names, e.g. 20261130T030000Z
STAMP_NAME = re.compile(r"\d{8}T\d{6}Z")


class BackupInvalid(RuntimeError):
    pass


def base_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND NOT temporary ORDER BY table_name"
    ).fetchall()
    return [r[0] for r in rows]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM warehouse_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def backup(con: duckdb.DuckDBPyConnection, folder: Path, source: str) -> dict[str, Any]:
    """Write every table of the warehouse open on `con` to folder/<table>.parquet,
    then the manifest. The folder must be new or empty: a backup is never mixed
    with another."""
    from pipelines.nlp.version import EXTRACTOR_VERSION

    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise FileExistsError(f"backup folder {folder} is not empty: choose a new one")
    tables = []
    for table in base_tables(con):
        path = folder / f"{table}.parquet"
        target = str(path).replace("'", "''")  # COPY takes no parameter for its file: quote it as a literal
        con.execute(f"""COPY "{table}" TO '{target}' (FORMAT parquet, COMPRESSION zstd)""")
        columns = [[name, str(kind)] for name, kind, *_ in con.execute(f'DESCRIBE "{table}"').fetchall()]
        rows = count_rows(con, table)
        tables.append({"name": table, "file": path.name, "rows": rows, "sha256": _sha256(path), "columns": columns})
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "warehouse": source,
        "schema_version": _meta(con, "schema_version") or SCHEMA_VERSION,
        "extractor_version": EXTRACTOR_VERSION,
        "duckdb_version": duckdb.__version__,
        "tables": tables,
    }
    temp = folder / f".{MANIFEST}.partial"
    temp.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    os.replace(temp, folder / MANIFEST)
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, after checking that every file it lists is there with its checksum."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupInvalid(f"{folder} holds no {MANIFEST}: not a complete communique backup")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupInvalid(f"{path}: backup format {manifest.get('format')!r}, this communique reads {FORMAT}")
    for table in manifest["tables"]:
        file = folder / table["file"]
        if not file.is_file():
            raise BackupInvalid(f"{file} is missing from the backup")
        if _sha256(file) != table["sha256"]:
            raise BackupInvalid(f"{file} does not match its checksum in the manifest: the backup is damaged")
    return manifest


def restore(folder: Path, target: Path) -> dict[str, int]:
    """Build a new warehouse file at `target` (which must not exist) from the
    backup in `folder`; return its row counts, checked against the manifest.
    A backup of an older schema is upgraded as any old warehouse is: its
    article store is kept and the rest rebuilds on the next run."""
    manifest = read_manifest(folder)
    if target.exists():
        raise FileExistsError(f"{target} already exists")
    same_schema = manifest["schema_version"] == SCHEMA_VERSION
    try:
        if same_schema:
            with connect(target) as con, transaction(con, "restore"):  # the current DDL: keys, defaults
                for table in manifest["tables"]:
                    con.execute(f'DELETE FROM "{table["name"]}"')  # warehouse_meta holds the schema version
                    con.execute(
                        f'INSERT INTO "{table["name"]}" BY NAME SELECT * FROM read_parquet(?)',
                        [str(folder / table["file"])],
                    )
        else:
            with duckdb.connect(str(target)) as con:
                for table in manifest["tables"]:
                    con.execute(
                        f'CREATE TABLE "{table["name"]}" AS SELECT * FROM read_parquet(?)',
                        [str(folder / table["file"])],
                    )
        with connect(target) as con:  # upgrades an older schema; the views analysts query
            for path in view_files():
                apply_sql_file(con, path)
            counts = {t: count_rows(con, t) for t in base_tables(con)}
            con.execute("CHECKPOINT")
    except BaseException:
        target.unlink(missing_ok=True)
        Path(f"{target}.wal").unlink(missing_ok=True)
        raise
    expected = {t["name"]: t["rows"] for t in manifest["tables"]}
    if same_schema:
        wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
        if wrong:
            target.unlink(missing_ok=True)
            raise BackupInvalid(f"restored row counts differ from the manifest (expected, got): {wrong}")
    return counts


def prune(root: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` complete backups under root (only the
    schedule's own timestamped folders); return what was deleted."""
    backups = sorted(p for p in root.iterdir() if STAMP_NAME.fullmatch(p.name) and (p / MANIFEST).is_file())
    old = backups[: max(0, len(backups) - keep)]
    for path in old:
        shutil.rmtree(path)
    return old
