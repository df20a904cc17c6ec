"""Small helpers that turn warehouse rows into asset metadata for the UI."""

from __future__ import annotations

from typing import Any

import dagster as dg
import duckdb

from pipelines.store.database import count_rows


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def markdown_table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
    return head + "".join("| " + " | ".join(_cell(v) for v in row) + " |\n" for row in rows)


def preview(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> dg.MetadataValue:
    cur = con.execute(sql, params or [])
    columns = [d[0] for d in cur.description]
    return dg.MetadataValue.md(markdown_table(columns, cur.fetchall()))


HEAVY_COLUMNS = {"text", "payload"}  # too long for a preview


def table_metadata(con: duckdb.DuckDBPyConnection, table: str, limit: int = 5) -> dict[str, Any]:
    columns = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall() if r[0] not in HEAVY_COLUMNS]
    select = ", ".join(f'"{c}"' for c in columns)
    return {
        "dagster/row_count": count_rows(con, table),
        "preview": preview(con, f'SELECT {select} FROM "{table}" LIMIT {int(limit)}'),
    }
