"""published_warehouse: the run's last step. Everything before it wrote the
working database; this copies it over the file analysts open, in one atomic
rename, so that an analyst holding the warehouse open neither blocks the run
nor ever sees half of it (pipelines/store/publish.py)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.store import articles
from pipelines.store.database import count_rows, is_remote


@dg.asset(
    deps=["analysis_views", "report_charts", "extraction_scores"],  # every other asset is upstream of these
    group_name="reports",
    kinds={"duckdb"},
    owners=["team:communique"],
    description="The warehouse file analysts open (COMMUNIQUE_WAREHOUSE), replaced in one atomic step by the "
    "working database the run wrote. Open connections keep the previous version until they reconnect.",
)
def published_warehouse(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as con:
        store = articles.counts(con)
        in_star = count_rows(con, "dim_article")
    published = warehouse.publish()
    metadata: dict[str, object] = {
        "published": published,
        "warehouse": str(warehouse.path),
        "articles": in_star,
        "articles_stored": store.articles,
        "source_absent": store.absent,
        "retracted": store.retracted,
        "earlier_versions": store.superseded_versions,
    }
    if published and not is_remote(warehouse.path):
        metadata["file_megabytes"] = round(Path(warehouse.path).stat().st_size / 1e6, 2)
    return dg.MaterializeResult(metadata=metadata)
