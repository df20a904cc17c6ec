"""raw_articles: the raw folder read into the warehouse's staging table,
with every unreadable file quarantined together with its reason."""

import datetime as dt
from pathlib import Path

import dagster as dg

from pipelines.batching import batched
from pipelines.defs.metadata import markdown_table
from pipelines.defs.resources import RawFolderResource, WarehouseResource
from pipelines.store.database import insert_rows, replace_tables, transaction
from pipelines.store.raw_folder import IngestPlan, KnownFile, RawFile, walk_raw_folder
from pipelines.store.run_state import clear_state

INSERT_BATCH = 500


def _staged(f: RawFile) -> dict[str, object]:
    return {
        "article_id": f.article.article_id,
        "source_path": f.article.source_path,
        "content_sha256": f.article.content_sha256,
        "published_date": f.article.published_date,
        "word_count": f.article.word_count,
        "body_start": f.article.body_start,
        "text": f.article.text,
        "file_mtime": f.mtime,
        "file_size": f.size,
    }


@dg.asset(
    group_name="ingest",
    kinds={"python", "duckdb"},
    owners=["team:communique"],
    description="Every article file under the raw folder: date header parsed, content hashed, the same text "
    "under two names kept once (table `article_source` lists every copy), bad files quarantined with a reason "
    "(table `quarantine`). Unchanged files are not read again.",
)
def raw_articles(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    root = Path(raw_folder.path)
    with warehouse.connect() as con:
        clear_state(con)  # the warehouse is about to change: the CLI's "nothing to do" record no longer holds
        known = {
            source: KnownFile(article_id, sha, mtime, size)
            for article_id, source, sha, mtime, size in con.execute(
                "SELECT article_id, source_path, content_sha256, file_mtime, file_size FROM stg_article"
            ).fetchall()
        }
        # Keep when a quarantined file was first seen, so reruns change nothing.
        first_seen = {
            (p, r): s for p, r, s in con.execute("SELECT source_path, reason, seen_at FROM quarantine").fetchall()
        }
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        before = {k.article_id for k in known.values()}
        plan = IngestPlan()
        with transaction(con, "raw_articles"):
            # New and changed articles go in a batch at a time as the walk reads them: memory holds
            # one batch of texts, whatever the corpus size. A changed article's old row goes first.
            for batch in batched(walk_raw_folder(root, known, plan), INSERT_BATCH):
                ids = [f.article.article_id for f in batch]
                con.execute("DELETE FROM stg_article WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
                insert_rows(con, "stg_article", [_staged(f) for f in batch])
            # Then every row the folder no longer has.
            con.execute("CREATE OR REPLACE TEMP TABLE _current (article_id VARCHAR)")
            insert_rows(con, "_current", [{"article_id": a} for a in [*plan.kept, *plan.new_ids]])
            con.execute("DELETE FROM stg_article WHERE article_id NOT IN (SELECT article_id FROM _current)")
            replace_tables(
                con,
                {
                    "stg_article_source": [{"article_id": a, "source_path": s} for a, s in plan.sources],
                    "quarantine": [
                        {
                            "source_path": r.source_path,
                            "reason": r.reason,
                            "detail": r.detail,
                            "seen_at": first_seen.get((r.source_path, r.reason), now),
                        }
                        for r in plan.rejections
                    ],
                },
                in_transaction=True,
            )
        for r in plan.rejections:
            context.log.warning(f"quarantined {r.source_path}: {r.reason} ({r.detail})")
    new_ids = set(plan.new_ids)
    current = set(plan.kept) | new_ids
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": len(current),
            "raw_folder": str(root),
            "new": len(new_ids - before),
            "changed": len(new_ids & before),
            "unchanged": len(plan.kept),
            "removed": len(before - current),
            "duplicate_copies": len(plan.sources) - len(current),
            "quarantined": len(plan.rejections),
            "quarantine_reasons": dg.MetadataValue.md(
                markdown_table(
                    ["file", "reason", "detail"], [(r.source_path, r.reason, r.detail) for r in plan.rejections]
                )
                if plan.rejections
                else "No file was quarantined."
            ),
        }
    )
