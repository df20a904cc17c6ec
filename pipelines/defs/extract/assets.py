"""article_extractions: the NLP, run only for articles whose content (or the
extractor version) is new; results are cached in the warehouse by
(content hash, extractor version).

The asset is a small graph so that extraction fans out as Dagster steps, and
only its first and last steps touch the warehouse:

- `plan_extraction` (the coordinator) finds the articles to extract, splits
  them into shards of `extractor.shard_size` (one shard when 0) and writes
  each shard's texts as a Parquet file to the shard store
  (`ShardStoreResource`: a folder beside the warehouse, or any fsspec URL
  such as s3://... that every worker reaches; pipelines/store/shard_store.py).
- `extract_shard`, one step per shard, reads its Parquet file, extracts, and
  writes its results as Parquet part files, one per `extractor.commit_every`
  articles. It never opens the warehouse, so shards run side by side in
  processes, pods or Celery workers on other machines, while the warehouse
  is a local DuckDB file. A killed shard keeps its finished parts; run again
  (a retry, or a re-execution of the run), it skips what they hold.
- `load_extractions`, the only writer, inserts every shard's results into
  extraction_cache (a row that is there already is left alone, so loading
  twice inserts once) and deletes the run's shard files.

A run killed before its loader leaves its parts in the store; the next run's
plan loads them first, so finished work is never redone. One store serves one
warehouse (the default folder is named after the warehouse file)."""

import datetime as dt
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import dagster as dg
import duckdb
import pyarrow as pa

from pipelines import faults, progress
from pipelines.batching import batched
from pipelines.defs.resources import ExtractorResource, ShardStoreResource, WarehouseResource
from pipelines.nlp.version import EXTRACTOR_VERSION
from pipelines.store import shard_store as shard_files
from pipelines.store.database import count_rows

READ_PAGE = 256  # texts read per warehouse query while writing a shard: memory stays flat whatever its size


@dataclass(frozen=True)
class Shard:
    """One extraction step's work: its files in the shard store, its size, and
    where it sits in the run (for one progress bar over every shard)."""

    name: str
    folder: str  # the run's folder in the shard store (a path or an fsspec URL)
    size: int
    offset: int
    total: int


@dataclass(frozen=True)
class ShardOutcome:
    name: str
    folder: str
    extracted: int  # by this attempt
    resumed: int  # found finished in the parts of an earlier, killed attempt
    failed: int
    processes: int
    seconds: float
    worker: str  # host:pid of the step


@dg.op(ins={"raw_articles": dg.In(dg.Nothing)}, out=dg.DynamicOut(Shard))
def plan_extraction(
    context: dg.OpExecutionContext,
    warehouse: WarehouseResource,
    extractor: ExtractorResource,
    shard_store: ShardStoreResource,
) -> Iterator[dg.DynamicOutput[Shard]]:
    """Load what killed runs left in the shard store; then write the texts of
    live articles (retracted ones are left alone) with no cached extraction
    for this extractor version to the store, in shards of `extractor.shard_size`
    (all in one when 0)."""
    store = shard_store.store(warehouse.path)
    folder = store.run_folder(context.run_id)
    with warehouse.connect() as con:
        _load_leftovers(context, con, [f for f in store.run_folders() if f != folder])
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
        starts = range(0, len(todo), size) or range(1)
        context.log.info(
            f"{len(todo)} article(s) to extract with extractor {EXTRACTOR_VERSION}, {len(starts)} shard(s) in {folder}"
        )
        progress.report("extract", 0, len(todo))
        shards = []
        for number, start in enumerate(starts):
            name = f"shard_{number:05d}"
            shas = todo[start : start + size]
            if shas:
                shard_files.write_input(folder, name, _texts(con, shas))
            shards.append(Shard(name, folder, len(shas), start, len(todo)))
    for shard in shards:
        yield dg.DynamicOutput(shard, mapping_key=shard.name)


@dg.op
def extract_shard(context: dg.OpExecutionContext, extractor: ExtractorResource, shard: Shard) -> ShardOutcome:
    """Extract one shard from its Parquet file into Parquet parts of
    `extractor.commit_every` articles: a killed step keeps what it finished,
    and its rerun goes on from there. Never opens the warehouse."""
    from pipelines.nlp.extractor import extract_many  # spaCy: imported only when there is work (~2 s)

    started = time.perf_counter()
    worker = shard_files.this_worker()
    output = shard_files.output_url(shard.folder, shard.name)
    finished = shard_files.finished_hashes(output) if shard.size else set()
    if finished:
        context.log.info(f"{len(finished)} article(s) of {shard.name} were extracted by an earlier attempt")
    processes = extractor.processes_for(shard.size - len(finished))
    source = shard_files.input_url(shard.folder, shard.name)
    articles = shard_files.read_input(source, skip=finished) if shard.size else iter([])
    results = extract_many(articles, batch_size=extractor.batch_size, n_process=processes)
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
                "host": worker.host,
                "pid": worker.pid,
            }
            for a, ex, error in chunk
        ]
        shard_files.write_part(output, rows)
        for a, _, error in chunk:
            if error:
                failed += 1
                context.log.error(f"extraction failed for {a.article_id}: {error}")
        done += len(chunk)
        progress.report("extract", shard.offset + len(finished) + done, shard.total)
        context.log.info(f"extracted {shard.offset + len(finished) + done}/{shard.total}")
        faults.checkpoint("after_extract_chunk")
    seconds = time.perf_counter() - started
    return ShardOutcome(
        shard.name, shard.folder, done, len(finished), failed, processes, seconds, f"{worker.host}:{worker.pid}"
    )


@dg.op(out=dg.Out(dg.Nothing))
def load_extractions(
    context: dg.OpExecutionContext, warehouse: WarehouseResource, outcomes: list[ShardOutcome]
) -> None:
    """The one writer: load every shard's results into extraction_cache, delete
    the run's shard files, and record one materialization with the figures."""
    started = time.perf_counter()
    outputs = [shard_files.output_url(o.folder, o.name) for o in sorted(outcomes, key=lambda o: o.name)]
    with warehouse.connect() as con:
        report = shard_files.load_outputs(con, outputs)
        cached = count_rows(con, "extraction_cache")
    for folder in sorted({o.folder for o in outcomes}):
        shard_files.delete_folder(folder)
    extracted = sum(o.extracted for o in outcomes)
    seconds = sum(o.seconds for o in outcomes)  # step time, not wall time, when shards ran side by side
    context.add_output_metadata(
        {
            "extractor_version": EXTRACTOR_VERSION,
            "extracted": extracted,
            "resumed": sum(o.resumed for o in outcomes),
            "shards": len(outcomes),
            "processes": max((o.processes for o in outcomes), default=0),
            "failed": sum(o.failed for o in outcomes),
            "loaded": report.inserted,
            "cache_rows": cached,
            "seconds": round(seconds, 2),
            "load_seconds": round(time.perf_counter() - started, 2),
            "articles_per_second": round(extracted / seconds, 1) if extracted and seconds else 0.0,
            "workers": dg.MetadataValue.json({o.name: o.worker for o in outcomes}),
        }
    )


@dg.graph_asset(
    ins={"raw_articles": dg.AssetIn(dagster_type=dg.Nothing)},
    group_name="extract",
    kinds={"spacy", "duckdb", "parquet"},
    owners=["team:communique"],
    code_version=EXTRACTOR_VERSION,
    description="Actors, meetings, agreements and funding per article (spaCy en_core_web_sm plus rules), "
    "cached by content hash and extractor version: an unchanged article is never extracted twice. "
    "Fans out into one step per shard of `extractor.shard_size` articles (one shard by default); shards "
    "exchange Parquet files through the shard store and never open the warehouse.",
)
def article_extractions(raw_articles: None) -> None:
    return load_extractions(plan_extraction(raw_articles=raw_articles).map(extract_shard).collect())


def _texts(con: duckdb.DuckDBPyConnection, shas: list[str]) -> Iterator[pa.Table]:
    """The articles to extract, one per content hash (the first article id of
    that text), a page at a time."""
    for start in range(0, len(shas), READ_PAGE):
        yield con.sql(
            """
            SELECT DISTINCT ON (content_sha256) article_id, source_path, content_sha256, published_date, text,
                   body_start
            FROM stg_article WHERE content_sha256 IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY content_sha256, article_id
            """,
            params=[shas[start : start + READ_PAGE]],
        ).to_arrow_table()


def _load_leftovers(context: dg.OpExecutionContext, con: duckdb.DuckDBPyConnection, folders: list[str]) -> None:
    """Finished parts of runs killed before their loader: load them, then drop their folders."""
    for folder in folders:
        report = shard_files.load_outputs(con, shard_files.outputs_in(folder))
        if report.rows_read:
            context.log.info(f"loaded {report.inserted} extraction(s) a killed run left in {folder}")
        shard_files.delete_folder(folder)
