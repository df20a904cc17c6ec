"""Extraction shards never open the warehouse: they read their texts from, and
write their results to, Parquet files in the shard store; the loader is the
one writer, and loading twice inserts once. A shard that was killed goes on
from its finished parts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import uuid
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pytest

from pipelines.defs.extract.assets import Shard, ShardOutcome, extract_shard
from pipelines.defs.resources import ExtractorResource, ShardStoreResource, WarehouseResource
from pipelines.nlp.article import sha256_hex
from pipelines.store import shard_store
from pipelines.store.database import WarehouseLocked
from pipelines.store.publish import working_path

# Invented for this test.
TEXTS = [
    " date 2025-03-04 \nThe Minister of Roads, Halima Oduya, met the Governor of Lakeside County in Kisumu on Monday "
    "to discuss a new ferry service.\n\nThe two officials agreed to meet again in April.\n",
    " date 2025-05-12 \nThe Northern Water Fund will give $12 million to the town of Maralal for new wells, its "
    "director said on Friday.\n\nWork is due to start in June.\n",
]


def write_shard(folder: str, name: str = "shard_00000") -> Shard:
    rows = [
        {
            "article_id": f"article-{i}",
            "source_path": f"invented/article-{i}.txt",
            "content_sha256": sha256_hex(text.encode()),
            "published_date": dt.date.fromisoformat(text.split()[1]),
            "text": text,
            "body_start": text.index("\n") + 1,
        }
        for i, text in enumerate(TEXTS)
    ]
    shard_store.write_input(folder, name, [pa.Table.from_pylist(rows, schema=shard_store.INPUT_SCHEMA)])
    return Shard(name, folder, len(rows), 0, len(rows))


def run_shard(shard: Shard, resources: dict[str, object]) -> ShardOutcome:
    @dg.op
    def given_shard() -> Shard:
        return shard

    @dg.job(resource_defs={k: dg.ResourceDefinition.hardcoded_resource(v) for k, v in resources.items()})
    def one_shard() -> None:
        extract_shard(given_shard())

    result = one_shard.execute_in_process(resources=None)
    assert result.success
    return result.output_for_node("extract_shard")


def hold_warehouse(warehouse: Path) -> subprocess.Popen[str]:
    """Another process with the warehouse files open read-write (so locked)."""
    script = (
        "import duckdb, sys, time\n"
        f"a = duckdb.connect({str(warehouse)!r}); b = duckdb.connect({str(working_path(warehouse))!r})\n"
        "print('ready', flush=True); time.sleep(120)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


def test_a_shard_step_runs_while_another_process_holds_the_warehouse(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    store = ShardStoreResource().store(str(warehouse))
    shard = write_shard(store.run_folder("run-1"))
    holder = hold_warehouse(warehouse)
    try:
        # The lock is real: a step that opened the warehouse would fail.
        with pytest.raises(WarehouseLocked), WarehouseResource(path=str(warehouse), lock_wait_seconds=1).connect():
            pass
        outcome = run_shard(
            shard,
            {
                "extractor": ExtractorResource(commit_every=1),
                "warehouse": WarehouseResource(path=str(warehouse), lock_wait_seconds=1),
            },
        )
        assert holder.poll() is None  # still holding it when the shard finished
    finally:
        holder.kill()
        holder.wait()
    assert (outcome.extracted, outcome.resumed, outcome.failed) == (2, 0, 0)
    output = shard_store.output_url(shard.folder, shard.name)
    parts = list(shard_store.read_parts([output]))
    assert [p.num_rows for p in parts] == [1, 1]  # one part per finished chunk (commit_every=1)
    rows = pa.concat_tables(parts).to_pylist()
    assert {r["content_sha256"] for r in rows} == {sha256_hex(t.encode()) for t in TEXTS}
    assert all(r["payload"].startswith("{") and r["error"] is None for r in rows)
    assert outcome.worker == f"{rows[0]['host']}:{rows[0]['pid']}"

    # The loader, the one writer: loading the same parts twice inserts them once.
    with WarehouseResource(path=str(warehouse)).connect() as con:
        first = shard_store.load_outputs(con, [output])
        second = shard_store.load_outputs(con, [output])
        cached = con.execute("SELECT count(*), count(DISTINCT content_sha256) FROM extraction_cache").fetchone()
    assert (first.rows_read, first.inserted) == (2, 2)
    assert (second.rows_read, second.inserted) == (2, 0)
    assert cached == (2, 2)
    assert first.workers == {"shard_00000": [outcome.worker]}
    shard_store.delete_folder(shard.folder)
    assert store.run_folders() == []


def test_a_rerun_shard_goes_on_from_its_finished_parts_in_any_fsspec_store() -> None:
    store = shard_store.ShardStore(f"memory://communique-test-{uuid.uuid4().hex[:8]}")
    shard = write_shard(store.run_folder("run-2"))
    assert shard.folder.startswith("memory://")
    resources = {"extractor": ExtractorResource(commit_every=1)}
    run_shard(shard, resources)
    output = shard_store.output_url(shard.folder, shard.name)
    fs, folder = store.fs, output.removeprefix("memory://")
    parts = sorted(fs.glob(f"{folder}/part-*.parquet"))
    assert len(parts) == 2
    fs.rm(parts[-1])  # as if the step had been killed after its first chunk
    kept = shard_store.finished_hashes(output)

    again = run_shard(shard, resources)
    assert (again.resumed, again.extracted) == (1, 1)  # the finished chunk is not redone
    hashes = [h for t in shard_store.read_parts([output]) for h in t["content_sha256"].to_pylist()]
    assert sorted(hashes) == sorted(sha256_hex(t.encode()) for t in TEXTS) and kept < set(hashes)
    assert store.run_folders() == [shard.folder]
    shard_store.delete_folder(shard.folder)
    assert store.run_folders() == []
