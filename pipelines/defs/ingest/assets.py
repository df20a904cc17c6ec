"""raw_articles: the raw folder read into the warehouse's staging table,
with every unreadable file quarantined together with its reason."""

import datetime as dt
from pathlib import Path

import dagster as dg

from pipelines.defs.metadata import markdown_table
from pipelines.defs.resources import RawFolderResource, WarehouseResource
from pipelines.store.database import replace_tables
from pipelines.store.raw_folder import RawFile, Rejection, scan


@dg.asset(
    group_name="ingest",
    kinds={"python", "duckdb"},
    owners=["team:communique"],
    description="Every article file under the raw folder: date header parsed, content hashed, "
    "bad files quarantined with a reason (table `quarantine`).",
)
def raw_articles(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    root = Path(raw_folder.path)
    articles: list[dict[str, object]] = []
    rejections: list[Rejection] = []
    for item in scan(root):
        if isinstance(item, RawFile):
            a = item.article
            articles.append(
                {
                    "article_id": a.article_id,
                    "source_path": a.source_path,
                    "content_sha256": a.content_sha256,
                    "published_date": a.published_date,
                    "word_count": a.word_count,
                    "body_start": a.body_start,
                    "text": a.text,
                    "file_mtime": item.mtime,
                    "file_size": item.size,
                }
            )
        else:
            rejections.append(item)
            context.log.warning(f"quarantined {item.source_path}: {item.reason} ({item.detail})")

    with warehouse.connect() as con:
        before = dict(con.execute("SELECT article_id, content_sha256 FROM stg_article").fetchall())
        # Keep when a quarantined file was first seen, so reruns change nothing.
        first_seen = {
            (p, r): s for p, r, s in con.execute("SELECT source_path, reason, seen_at FROM quarantine").fetchall()
        }
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        quarantine = [
            {
                "source_path": r.source_path,
                "reason": r.reason,
                "detail": r.detail,
                "seen_at": first_seen.get((r.source_path, r.reason), now),
            }
            for r in rejections
        ]
        replace_tables(con, {"stg_article": articles, "quarantine": quarantine})

    current = {str(a["article_id"]): str(a["content_sha256"]) for a in articles}
    new = sum(1 for k in current if k not in before)
    changed = sum(1 for k, v in current.items() if k in before and before[k] != v)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(articles),
            "raw_folder": str(root),
            "new": new,
            "changed": changed,
            "unchanged": len(current) - new - changed,
            "removed": sum(1 for k in before if k not in current),
            "quarantined": len(rejections),
            "quarantine_reasons": dg.MetadataValue.md(
                markdown_table(["file", "reason", "detail"], [(r.source_path, r.reason, r.detail) for r in rejections])
                if rejections
                else "No file was quarantined."
            ),
        }
    )
