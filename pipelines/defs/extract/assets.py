"""article_extractions: the NLP, run only for articles whose content (or the
extractor version) is new; results are cached in the warehouse by
(content hash, extractor version).

The asset is a small graph so that extraction fans out as Dagster steps:
`plan_extraction` splits the articles to extract into shards, one
`extract_shard` step runs per shard, and `record_extractions` sums them up.
By default there is one shard, which spreads over the cores with the
extractor's worker processes (pipelines/nlp/workers.py). With
`extractor.shard_size` set, each shard is a step of its own, which Dagster's
multiprocess, k8s or celery executor runs in its own process or pod
(deploy/multiprocess.yaml, deploy/k8s.yaml). A shard step holds the warehouse
only to read a page of texts or to commit a chunk of results, so concurrent
shards take turns on a local DuckDB file and write side by side on MotherDuck."""

import datetime as dt
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg

from pipelines import faults, progress
from pipelines.batching import batched
from pipelines.defs.resources import ExtractorResource, WarehouseResource
from pipelines.nlp.article import Article
from pipelines.nlp.version import EXTRACTOR_VERSION
from pipelines.store.database import count_rows, insert_rows

READ_PAGE = 256  # texts read per warehouse visit: memory stays flat whatever the shard size


@dataclass(frozen=True)
class Shard:
    """Content hashes for one extraction step, and where they sit in the run
    (for one progress bar over every shard)."""

    shas: list[str]
    offset: int
    total: int


@dataclass(frozen=True)
class ShardOutcome:
    extracted: int
    failed: int
    processes: int
    seconds: float


@dg.op(ins={"raw_articles": dg.In(dg.Nothing)}, out=dg.DynamicOut(Shard))
def plan_extraction(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, extractor: ExtractorResource
) -> Iterator[dg.DynamicOutput[Shard]]:
    """The content hashes of live articles (retracted ones are left alone)
    with no cached extraction for this extractor version, in shards of `extractor.shard_size` (all in one when 0)."""
    with warehouse.connect() as con:
        todo = [
            sha
            for (sha,) in con.execute(
                """
                SELECT DISTINCT content_sha256 FROM live_article a
                WHERE NOT EXISTS (SELECT 1 FROM extraction_cache c
                                  WHERE c.content_sha256 = a.content_sha256 AND c.extractor_version = ?)
                ORDER BY content_sha256
                """,
                [EXTRACTOR_VERSION],
            ).fetchall()
        ]
    size = extractor.shard_size or len(todo) or 1
    # Always one shard at least: with none, Dagster would skip the steps after it, and the
    # warehouse must still follow the store when files only went or an article was retracted.
    shards = range(0, len(todo), size) or range(1)
    context.log.info(f"{len(todo)} article(s) to extract with extractor {EXTRACTOR_VERSION}, {len(shards)} shard(s)")
    progress.report("extract", 0, len(todo))
    for number, start in enumerate(shards):
        shard = Shard(todo[start : start + size], start, len(todo))
        yield dg.DynamicOutput(shard, mapping_key=f"shard_{number:05d}")


@dg.op
def extract_shard(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, extractor: ExtractorResource, shard: Shard
) -> ShardOutcome:
    """Extract one shard, committing every `extractor.commit_every` articles:
    a killed run keeps what it finished."""
    from pipelines.nlp.extractor import extract_many  # spaCy: imported only when there is work (~2 s)

    started = time.perf_counter()
    processes = extractor.processes_for(len(shard.shas))
    results = extract_many(_read_articles(warehouse, shard.shas), batch_size=extractor.batch_size, n_process=processes)
    done = failed = 0
    for chunk in batched(results, extractor.commit_every):
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = [
            {
                "content_sha256": a.content_sha256,
                "extractor_version": EXTRACTOR_VERSION,
                "payload": json.dumps(ex.to_dict()),
                "error": error,
                "extracted_at": now,
            }
            for a, ex, error in chunk
        ]
        with warehouse.connect() as con:
            insert_rows(con, "extraction_cache", rows)
        for a, _, error in chunk:
            if error:
                failed += 1
                context.log.error(f"extraction failed for {a.article_id}: {error}")
        done += len(chunk)
        progress.report("extract", shard.offset + done, shard.total)
        context.log.info(f"extracted {shard.offset + done}/{shard.total}")
        faults.checkpoint("after_extract_chunk")
    return ShardOutcome(done, failed, processes, time.perf_counter() - started)


@dg.op(out=dg.Out(dg.Nothing))
def record_extractions(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, outcomes: list[ShardOutcome]
) -> None:
    """One materialization for the whole extraction, with its figures."""
    extracted = sum(o.extracted for o in outcomes)
    seconds = sum(o.seconds for o in outcomes)  # step time, not wall time, when shards ran side by side
    with warehouse.connect() as con:
        cached = count_rows(con, "extraction_cache")
    context.add_output_metadata(
        {
            "extractor_version": EXTRACTOR_VERSION,
            "extracted": extracted,
            "shards": len(outcomes),
            "processes": max((o.processes for o in outcomes), default=0),
            "failed": sum(o.failed for o in outcomes),
            "cache_rows": cached,
            "seconds": round(seconds, 2),
            "articles_per_second": round(extracted / seconds, 1) if extracted and seconds else 0.0,
        }
    )


@dg.graph_asset(
    ins={"raw_articles": dg.AssetIn(dagster_type=dg.Nothing)},
    group_name="extract",
    kinds={"spacy", "duckdb"},
    owners=["team:communique"],
    code_version=EXTRACTOR_VERSION,
    description="Actors, meetings, agreements and funding per article (spaCy en_core_web_sm plus rules), "
    "cached by content hash and extractor version: an unchanged article is never extracted twice. "
    "Fans out into one step per shard of `extractor.shard_size` articles (one shard by default).",
)
def article_extractions(raw_articles: None) -> None:
    return record_extractions(plan_extraction(raw_articles=raw_articles).map(extract_shard).collect())


def _read_articles(warehouse: WarehouseResource, shas: list[str]) -> Iterator[Article]:
    """The articles to extract, one per content hash (the first article id of
    that text), read a page at a time, each page on a connection of its own."""
    for start in range(0, len(shas), READ_PAGE):
        with warehouse.connect() as con:
            rows = con.execute(
                """
                SELECT DISTINCT ON (content_sha256) article_id, source_path, content_sha256, published_date, text,
                       body_start
                FROM stg_article WHERE content_sha256 IN (SELECT unnest(?::VARCHAR[]))
                ORDER BY content_sha256, article_id
                """,
                [shas[start : start + READ_PAGE]],
            ).fetchall()
        yield from (Article(aid, src, sha, pub, text, body) for aid, src, sha, pub, text, body in rows)
