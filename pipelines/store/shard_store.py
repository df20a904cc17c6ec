"""The shard store: Parquet files through which extraction shards get their
texts and hand back their results, so that a shard never opens the warehouse.

A store is a folder named by an fsspec URL: a local path by default (beside
the warehouse), `s3://bucket/prefix`, `gs://...`, or `memory://...` in tests.
One folder per run that planned the shards:

    <store>/<run_id>/shard_00000.input.parquet        texts, written by the coordinator
    <store>/<run_id>/shard_00000.output/part-*.parquet results, one file per finished chunk

A part file appears whole or not at all (written under a temporary name,
then renamed), so a killed shard leaves only finished chunks, and the same
shard run again skips what they hold. The loader reads the parts, inserts
them into the warehouse (whatever is there already is left alone) and then
deletes the run's folder."""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import duckdb
import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from pipelines.nlp.article import Article

INPUT_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("source_path", pa.string()),
        ("content_sha256", pa.string()),
        ("published_date", pa.date32()),
        ("text", pa.string()),
        ("body_start", pa.int64()),
    ]
)
OUTPUT_SCHEMA = pa.schema(
    [
        ("content_sha256", pa.string()),
        ("extractor_version", pa.string()),
        ("payload", pa.string()),
        ("error", pa.string()),
        ("extracted_at", pa.timestamp("us")),
        ("host", pa.string()),  # which machine and process extracted it: for the run's metadata and tests
        ("pid", pa.int64()),
    ]
)
CACHE_COLUMNS = ("content_sha256", "extractor_version", "payload", "error", "extracted_at")
READ_BATCH = 256  # input rows per read: memory stays flat whatever the shard size
LOAD_BATCH = 2048  # result rows per insert into the warehouse


@dataclass(frozen=True)
class Worker:
    host: str
    pid: int


def this_worker() -> Worker:
    return Worker(socket.gethostname(), os.getpid())


class ShardStore:
    """Shard files under one fsspec URL."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.url)

    def run_folder(self, run_id: str) -> str:
        """A run's folder, as a URL that opens it again from any process."""
        path = f"{self.root}/{run_id}"
        return path if isinstance(self.fs, LocalFileSystem) else self.fs.unstrip_protocol(path)

    def run_folders(self) -> list[str]:
        """Every run folder in the store: runs whose shards were not loaded yet."""
        if not self.fs.exists(self.root):
            return []
        return [self.run_folder(p.rstrip("/").rsplit("/", 1)[-1]) for p in sorted(self.fs.ls(self.root, detail=False))]


def input_url(folder: str, name: str) -> str:
    return f"{folder}/{name}.input.parquet"


def write_input(folder: str, name: str, pages: Iterable[pa.Table]) -> None:
    """Write one shard's texts (tables of INPUT_SCHEMA, a page at a time) into a run folder."""
    fs, path = fsspec.core.url_to_fs(input_url(folder, name))
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    _write_whole(fs, path, pages, INPUT_SCHEMA)


def output_url(folder: str, name: str) -> str:
    """Where a shard writes its results: a folder of parts beside its input."""
    return f"{folder}/{name}.output"


def outputs_in(folder: str) -> list[str]:
    """The output folders of every shard of a run folder."""
    fs, path = fsspec.core.url_to_fs(folder)
    if not fs.exists(path):
        return []
    names = sorted(p.rstrip("/").rsplit("/", 1)[-1] for p in fs.glob(f"{path}/*.output"))
    return [f"{folder}/{n}" for n in names]


def delete_folder(folder: str) -> None:
    fs, path = fsspec.core.url_to_fs(folder)
    if fs.exists(path):
        fs.rm(path, recursive=True)


def read_input(input_url: str, skip: set[str] | frozenset[str] = frozenset()) -> Iterator[Article]:
    """A shard's articles, a batch at a time, without those whose content hash is in `skip`."""
    fs, path = fsspec.core.url_to_fs(input_url)
    with fs.open(path, "rb") as f:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=READ_BATCH):
            for row in batch.to_pylist():
                if row["content_sha256"] not in skip:
                    yield Article(
                        row["article_id"],
                        row["source_path"],
                        row["content_sha256"],
                        row["published_date"],
                        row["text"],
                        row["body_start"],
                    )


def finished_hashes(output: str) -> set[str]:
    """Content hashes a shard's finished parts already hold (an earlier, killed attempt's)."""
    tables = read_parts([output], columns=["content_sha256"])
    return {sha for table in tables for sha in table["content_sha256"].to_pylist()}


def write_part(output: str, rows: Sequence[dict[str, object]]) -> None:
    """One finished chunk of results (dicts of OUTPUT_SCHEMA's columns), as a file of its own."""
    fs, folder = fsspec.core.url_to_fs(output)
    fs.makedirs(folder, exist_ok=True)
    name = f"part-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.parquet"  # sorts by time
    _write_whole(fs, f"{folder}/{name}", [pa.Table.from_pylist(list(rows), schema=OUTPUT_SCHEMA)], OUTPUT_SCHEMA)


def read_parts(outputs: Iterable[str], columns: list[str] | None = None) -> Iterator[pa.Table]:
    """Every finished part of the given output folders, oldest first within a folder."""
    for output in outputs:
        fs, folder = fsspec.core.url_to_fs(output)
        if not fs.exists(folder):
            continue
        for path in sorted(fs.glob(f"{folder}/part-*.parquet")):
            with fs.open(path, "rb") as f:
                yield pq.read_table(f, columns=columns)


def _write_whole(fs: fsspec.AbstractFileSystem, path: str, tables: Iterable[pa.Table], schema: pa.Schema) -> None:
    """Write under a temporary name, then rename: readers see the whole file or none
    (a rename on a local disk; object stores publish an upload whole anyway)."""
    temporary = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    with fs.open(temporary, "wb") as f, pq.ParquetWriter(f, schema) as writer:
        for table in tables:
            writer.write_table(table.cast(schema))
    fs.mv(temporary, path)


@dataclass
class LoadReport:
    rows_read: int = 0
    inserted: int = 0
    workers: dict[str, list[str]] | None = None  # shard name -> the "host:pid" that extracted its rows


def load_outputs(con: duckdb.DuckDBPyConnection, outputs: Iterable[str], batch_rows: int = LOAD_BATCH) -> LoadReport:
    """Insert the parts of the given shard output folders into extraction_cache,
    a batch of rows per transaction. A row whose (content hash, extractor version)
    is there already is left alone, so loading the same parts twice inserts them once."""
    report = LoadReport(workers={})
    pending: list[pa.Table] = []
    for output in outputs:
        shard = output.rstrip("/").rsplit("/", 1)[-1].removesuffix(".output")
        seen: set[str] = set()
        for table in read_parts([output]):
            seen.update(f"{h}:{p}" for h, p in zip(table["host"].to_pylist(), table["pid"].to_pylist(), strict=True))
            pending.append(table.select(list(CACHE_COLUMNS)))
            report.rows_read += table.num_rows
            if sum(t.num_rows for t in pending) >= batch_rows:
                report.inserted += _insert_new(con, pa.concat_tables(pending))
                pending = []
        report.workers[shard] = sorted(seen)
    if pending:
        report.inserted += _insert_new(con, pa.concat_tables(pending))
    return report


def _insert_new(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> int:
    con.register("_shard_rows", rows)
    try:
        (inserted,) = con.execute(
            """
            INSERT INTO extraction_cache BY NAME
            SELECT r.* FROM (SELECT DISTINCT ON (content_sha256, extractor_version) *
                             FROM _shard_rows ORDER BY content_sha256, extractor_version, extracted_at) r
            WHERE NOT EXISTS (SELECT 1 FROM extraction_cache c
                              WHERE c.content_sha256 = r.content_sha256 AND c.extractor_version = r.extractor_version)
            """
        ).fetchone()
        return inserted
    finally:
        con.unregister("_shard_rows")
