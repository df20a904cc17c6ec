"""analysis_views: the SQL views in sql/views/, created over the star schema."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.metadata import preview
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.warehouse.assets import STAR_TABLES
from pipelines.store.database import apply_sql_file, count_rows, view_files


@dg.asset(
    deps=list(STAR_TABLES),
    group_name="reports",
    kinds={"sql", "duckdb"},
    owners=["team:communique"],
    description="Analysis views from sql/views/: who met whom, funding flows, agreements, actor timelines.",
)
def analysis_views(warehouse: WarehouseResource) -> dg.MaterializeResult:
    metadata: dict[str, object] = {}
    with warehouse.connect() as con:
        for path in view_files():
            apply_sql_file(con, path)
        views = [
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'v\\_%' ESCAPE '\\' "
                "ORDER BY view_name"
            ).fetchall()
        ]
        for view in views:
            metadata[f"rows_{view}"] = count_rows(con, view)
        metadata["top_meeting_pairs"] = preview(
            con,
            """
            SELECT actor_a, actor_b, count(*) AS meetings FROM v_meeting_pairs
            GROUP BY ALL ORDER BY meetings DESC, actor_a, actor_b LIMIT 10""",
        )
        metadata["funding_by_funder"] = preview(
            con,
            """
            SELECT funder, currency, sum(amount) AS total, count(*) AS flows FROM v_funding_flows
            GROUP BY ALL ORDER BY total DESC LIMIT 10""",
        )
    return dg.MaterializeResult(metadata=metadata)
