"""article_extractions: the NLP, run only for articles whose content (or the
extractor version) is new; results are cached in the warehouse by
(content hash, extractor version)."""

import datetime as dt
import json
import time
from collections.abc import Iterator

import dagster as dg
import duckdb

from pipelines import faults, progress
from pipelines.defs.ingest.assets import raw_articles
from pipelines.defs.resources import ExtractorResource, WarehouseResource
from pipelines.nlp.article import Article
from pipelines.nlp.version import EXTRACTOR_VERSION
from pipelines.store.database import count_rows, insert_rows


@dg.asset(
    deps=[raw_articles],
    group_name="extract",
    kinds={"spacy", "duckdb"},
    owners=["team:communique"],
    code_version=EXTRACTOR_VERSION,
    description="Actors, meetings, agreements and funding per article (spaCy en_core_web_sm plus rules), "
    "cached by content hash and extractor version: an unchanged article is never extracted twice.",
)
def article_extractions(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, extractor: ExtractorResource
) -> dg.MaterializeResult:
    started = time.perf_counter()
    with warehouse.connect() as con:
        # Only the keys up front: the texts are read a page at a time as the
        # workers need them, so memory does not grow with the corpus.
        todo = [
            sha
            for (sha,) in con.execute(
                """
                SELECT DISTINCT content_sha256 FROM stg_article a
                WHERE NOT EXISTS (SELECT 1 FROM extraction_cache c
                                  WHERE c.content_sha256 = a.content_sha256 AND c.extractor_version = ?)
                ORDER BY content_sha256
                """,
                [EXTRACTOR_VERSION],
            ).fetchall()
        ]
        total = len(todo)
        processes = extractor.processes_for(total)
        context.log.info(f"{total} article(s) to extract with extractor {EXTRACTOR_VERSION}")
        progress.report("extract", 0, total)
        done = failed = 0
        for chunk in _chunks(
            _extract(_read_articles(con, todo), extractor.batch_size, processes) if total else iter(()),
            extractor.commit_every,
        ):
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            # Each chunk commits on its own: a killed run keeps what it finished.
            insert_rows(
                con,
                "extraction_cache",
                [
                    {
                        "content_sha256": a.content_sha256,
                        "extractor_version": EXTRACTOR_VERSION,
                        "payload": json.dumps(ex.to_dict()),
                        "error": error,
                        "extracted_at": now,
                    }
                    for a, ex, error in chunk
                ],
            )
            for a, _, error in chunk:
                if error:
                    failed += 1
                    context.log.error(f"extraction failed for {a.article_id}: {error}")
            done += len(chunk)
            progress.report("extract", done, total)
            context.log.info(f"extracted {done}/{total}")
            faults.checkpoint("after_extract_chunk")
        cached = count_rows(con, "extraction_cache")
    seconds = time.perf_counter() - started
    return dg.MaterializeResult(
        metadata={
            "extractor_version": EXTRACTOR_VERSION,
            "extracted": total,
            "processes": processes,
            "failed": failed,
            "cache_rows": cached,
            "seconds": round(seconds, 2),
            "articles_per_second": round(total / seconds, 1) if total and seconds else 0.0,
        }
    )


def _extract(articles: Iterator[Article], batch_size: int, processes: int) -> Iterator[tuple]:
    from pipelines.nlp.extractor import extract_many  # spaCy: imported only when there is work (~2 s)

    return extract_many(articles, batch_size=batch_size, n_process=processes)


def _read_articles(con: duckdb.DuckDBPyConnection, shas: list[str], page: int = 256) -> Iterator[Article]:
    """The articles to extract, one per content hash (the first article id of
    that text), read a page at a time. Each page is fetched whole before any
    other statement runs on the connection."""
    for start in range(0, len(shas), page):
        rows = con.execute(
            """
            SELECT DISTINCT ON (content_sha256) article_id, source_path, content_sha256, published_date, text,
                   body_start
            FROM stg_article WHERE content_sha256 IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY content_sha256, article_id
            """,
            [shas[start : start + page]],
        ).fetchall()
        yield from (Article(aid, src, sha, pub, text, body) for aid, src, sha, pub, text, body in rows)


def _chunks(items: Iterator[tuple[Article, object]], size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
