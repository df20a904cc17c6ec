"""Reports: the SQL views in sql/views/, charts of who met whom and who funds
whom, and extraction scores when a gold folder is configured."""

import base64
import hashlib
from pathlib import Path

import dagster as dg

from pipelines.defs.metadata import markdown_table, preview
from pipelines.defs.resources import EvaluationResource, WarehouseResource
from pipelines.defs.warehouse.assets import STAR_TABLES
from pipelines.reports.map_data import capital_links, meeting_places, meeting_sides
from pipelines.store.database import analysis_view_names, apply_sql_file, count_rows, view_files
from pipelines.store.evaluation import score_warehouse
from pipelines.store.run_state import REPORT_FILES, reports_dir
from pipelines.store.star import loaded_fingerprint, record_fingerprint

CHARTS_SOURCE = Path(__file__).resolve().parents[2] / "reports" / "charts.py"
WORLD_MAP_SOURCE = CHARTS_SOURCE.with_name("world_map.py")


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
        views = analysis_view_names(con)
        for view in views:
            metadata[f"rows_{view}"] = count_rows(con, view)
        # Events are counted once however many articles report them; the reports stand beside.
        metadata["top_meeting_pairs"] = preview(
            con,
            """SELECT actor_a, actor_b, count(DISTINCT event_id) AS meetings, count(DISTINCT meeting_id) AS reports
               FROM v_meeting_pairs GROUP BY ALL ORDER BY meetings DESC, reports DESC, actor_a, actor_b LIMIT 10""",
        )
        metadata["funding_by_funder"] = preview(
            con,
            """SELECT funder, sum(amount_usd) AS total_usd, count(*) AS flows, sum(reports) AS reports,
                       count(*) FILTER (WHERE amount_usd IS NULL) AS flows_without_usd
                FROM v_funding_events GROUP BY ALL ORDER BY total_usd DESC NULLS LAST, funder LIMIT 10""",
        )
    return dg.MaterializeResult(metadata=metadata)


def _image(png: bytes, title: str) -> dg.MetadataValue:
    return dg.MetadataValue.md(f"![{title}](data:image/png;base64,{base64.b64encode(png).decode()})")


@dg.asset(
    deps=[analysis_views],
    group_name="reports",
    kinds={"python"},
    owners=["team:communique"],
    description="Pictures for analysts: the network of who met whom, funding flows by funder and recipient, "
    "and meetings on a world map. "
    "Shown here and written as PNG files beside the warehouse (reports/).",
)
def report_charts(warehouse: WarehouseResource) -> dg.MaterializeResult:
    folder = reports_dir(warehouse.path)
    network_file, funding_file, map_file = (folder / name for name in REPORT_FILES)
    with warehouse.connect() as con:
        pairs = con.execute(
            """SELECT actor_a, actor_b, count(DISTINCT event_id), count(DISTINCT meeting_id) FROM v_meeting_pairs
               GROUP BY ALL ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT 200"""
        ).fetchall()
        flows = con.execute(
            """SELECT funder, recipient, 'USD', coalesce(sum(amount_usd), 0), count(*), sum(reports)
                FROM v_funding_events GROUP BY funder, recipient ORDER BY 4 DESC, 5 DESC, 1, 2 LIMIT 200"""
        ).fetchall()
        places, sides = meeting_places(con), meeting_sides(con)
        fingerprint = _charts_fingerprint(pairs, flows, [places, sides])
        # The same rows and drawing code give the same pictures: redraw (and load matplotlib) only when they differ.
        redrawn = fingerprint != loaded_fingerprint(con, "report_charts")
        redrawn = redrawn or not all(f.is_file() for f in (network_file, funding_file, map_file))
        if redrawn:
            from pipelines.reports.charts import actor_network_png, funding_flows_png  # matplotlib: ~1 s to load

            folder.mkdir(parents=True, exist_ok=True)
            network_file.write_bytes(actor_network_png(pairs))
            funding_file.write_bytes(funding_flows_png(flows))
            from pipelines.reports.world_map import meetings_map_png

            map_file.write_bytes(meetings_map_png(places, capital_links(sides)))
            record_fingerprint(con, "report_charts", fingerprint)
    return dg.MaterializeResult(
        metadata={
            "redrawn": redrawn,
            "actor_network": _image(network_file.read_bytes(), "who met whom"),
            "funding_flows": _image(funding_file.read_bytes(), "funding flows"),
            "meetings_map": _image(map_file.read_bytes(), "meetings on a map"),
            "meetings_map_file": dg.MetadataValue.path(str(map_file)),
            "actor_network_file": dg.MetadataValue.path(str(network_file)),
            "funding_flows_file": dg.MetadataValue.path(str(funding_file)),
            "meeting_pairs": len(pairs),
            "funding_pairs": len(flows),
        }
    )


def _charts_fingerprint(pairs: list[tuple], flows: list[tuple], map_rows: list[list] | None = None) -> str:
    """The rows the charts draw (sums rounded: a float sum may differ in its
    last bit between runs) and the drawing code."""
    rows = [pairs, [(f, r, c, None if total is None else round(total, 2), *n) for f, r, c, total, *n in flows]]
    digest = hashlib.sha256(repr([*rows, map_rows]).encode())
    digest.update(CHARTS_SOURCE.read_bytes())
    digest.update(WORLD_MAP_SOURCE.read_bytes())
    return digest.hexdigest()


@dg.asset(
    deps=list(STAR_TABLES),
    group_name="reports",
    kinds={"python"},
    owners=["team:communique"],
    description="Precision, recall and F1 per record kind against the gold folder in COMMUNIQUE_GOLD_DIR "
    "(scored with score.py beside it). Does nothing when no gold folder is configured.",
)
def extraction_scores(warehouse: WarehouseResource, evaluation: EvaluationResource) -> dg.MaterializeResult:
    if not evaluation.gold_dir:
        return dg.MaterializeResult(metadata={"status": "no gold folder configured (set COMMUNIQUE_GOLD_DIR)"})
    gold = Path(evaluation.gold_dir)
    with warehouse.connect(read_only=True) as con:
        result = score_warehouse(con, gold)
    rows = [
        (
            kind,
            v["precision"],
            v["recall"],
            v["f1"],
            v["tp"],
            v["predicted"],
            v["gold"],
            ", ".join(f"{n} {a:.2f}" for n, a in v["attributes"].items()),
        )
        for kind, v in result["kinds"].items()
    ]
    metadata: dict[str, object] = {
        "gold_dir": str(gold),
        "articles": result["articles"],
        "scores": dg.MetadataValue.md(
            markdown_table(["kind", "P", "R", "F1", "tp", "pred", "gold", "attributes"], rows)
        ),
    }
    metadata.update({f"f1_{kind}": v["f1"] for kind, v in result["kinds"].items()})
    return dg.MaterializeResult(metadata=metadata)
