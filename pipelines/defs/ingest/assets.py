"""raw_articles: the raw folder read into the warehouse's article store,
with every unreadable file quarantined together with its reason. Articles
whose file left the folder stay (marked absent), unless the warehouse
mirrors the raw folder."""

from pathlib import Path

import dagster as dg
import duckdb

from pipelines.batching import batched
from pipelines.defs.metadata import markdown_table
from pipelines.defs.resources import RawFolderResource, WarehouseResource
from pipelines.store import articles
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
    "(table `quarantine`). Unchanged files are not read again. An article whose file left the folder stays in "
    "the warehouse, marked absent; an edited text is a new version (table `article_version`).",
)
def raw_articles(
    context: dg.AssetExecutionContext, raw_folder: RawFolderResource, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    root = Path(raw_folder.path)
    with warehouse.connect() as con:
        if not root.is_dir():
            _check_missing_folder(context, con, root, raw_folder.mirror)
        clear_state(con)  # the warehouse is about to change: the CLI's "nothing to do" record no longer holds
        known = {
            source: KnownFile(article_id, sha, mtime, size)
            for article_id, source, sha, mtime, size in con.execute(
                "SELECT article_id, source_path, content_sha256, file_mtime, file_size FROM stg_article"
            ).fetchall()
        }
        stored = articles.stored_texts(con)
        # Keep when a quarantined file was first seen, so reruns change nothing.
        first_seen = {
            (p, r): s for p, r, s in con.execute("SELECT source_path, reason, seen_at FROM quarantine").fetchall()
        }
        now = articles.now()
        before = {k.article_id for k in known.values()}
        plan = IngestPlan()
        files = walk_raw_folder(root, known, plan, stored=stored) if root.is_dir() else iter(())
        with transaction(con, "raw_articles"):
            # New and changed articles go in a batch at a time as the walk reads them: memory holds
            # one batch of texts, whatever the corpus size. A changed article's old row goes first.
            for batch in batched(files, INSERT_BATCH):
                rows = [_staged(f) for f in batch]
                articles.record_versions(con, rows, now)
                ids = [f.article.article_id for f in batch]
                con.execute("DELETE FROM stg_article WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
                insert_rows(con, "stg_article", rows)
            # Then what the folder no longer has: absent (kept), or deleted when mirroring.
            went = articles.mark_presence(con, [*plan.kept, *plan.new_ids], now, raw_folder.mirror)
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
        store = articles.counts(con)
        for r in plan.rejections:
            context.log.warning(f"quarantined {r.source_path}: {r.reason} ({r.detail})")
        if went:
            kept = "deleted (the warehouse mirrors the raw folder)" if raw_folder.mirror else "kept, marked absent"
            context.log.info(f"{went} article(s) whose file left the raw folder: {kept}")
    new_ids = set(plan.new_ids)
    current = set(plan.kept) | new_ids
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": store.articles,
            "raw_folder": str(root),
            "mirror_raw_folder": raw_folder.mirror,
            "in_raw_folder": len(current),
            "new": len(new_ids - before),
            "changed": len(new_ids & before),
            "unchanged": len(plan.kept),
            "source_absent": store.absent,
            "source_absent_now": went,
            "retracted": store.retracted,
            "earlier_versions": store.superseded_versions,
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


def _check_missing_folder(
    context: dg.AssetExecutionContext, con: duckdb.DuckDBPyConnection, root: Path, mirror: bool
) -> None:
    """No raw folder: fine for a warehouse that holds articles (it is the
    record; they are marked absent), an error when there is nothing to
    build from, or when mirroring (an unmounted folder must not empty it)."""
    stored = con.execute("SELECT count(*) FROM stg_article").fetchone()
    if mirror or not stored or not stored[0]:
        raise FileNotFoundError(f"raw folder {root} does not exist or is not a folder")
    context.log.warning(f"raw folder {root} does not exist: building from the {stored[0]} article(s) it holds")
