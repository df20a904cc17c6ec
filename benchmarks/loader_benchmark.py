"""The loader's time per 1,000 articles: how long `load_extractions`, the one
serial step of a distributed run, takes to insert the shard outputs of N
articles into a fresh warehouse.

Realistic rows without extracting N articles: a sample of synthetic articles
(benchmarks/synthetic_corpus.py) is extracted once, and its payloads are
repeated under N distinct content hashes, written as a distributed run's
shards would write them (shards of `--shard-size` articles, one Parquet part
per `--commit-every`). Only the load is timed.

    .venv/bin/python -m benchmarks.loader_benchmark --sizes 10000,100000
    .venv/bin/python -m benchmarks.loader_benchmark --sizes 1000 --store s3://bucket/prefix   # a remote store

A measurement, not a test; run it on a quiet machine."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import socket
import tempfile
import time
from pathlib import Path
from typing import Any

from pipelines.nlp.version import EXTRACTOR_VERSION
from pipelines.store import shard_store

SAMPLE = 64  # distinct payloads, extracted for real


def sample_payloads(seed: int) -> Payloads:
    from benchmarks.synthetic_corpus import article_text
    from pipelines.nlp.article import parse_article
    from pipelines.nlp.extractor import extract_many

    articles = [
        parse_article(article_text(seed, i).encode("utf-8"), f"sample-{i}", f"sample-{i}.txt") for i in range(SAMPLE)
    ]
    return [(json.dumps(ex.to_dict()), error) for _, ex, error in extract_many(articles)]


Payloads = list[tuple[str, str | None]]


def write_outputs(folder: str, n: int, payloads: Payloads, shard_size: int, commit_every: int) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    host = socket.gethostname()
    for shard_start in range(0, n, shard_size):
        output = shard_store.output_url(folder, f"shard_{shard_start // shard_size:05d}")
        for start in range(shard_start, min(n, shard_start + shard_size), commit_every):
            rows = []
            for i in range(start, min(n, shard_start + shard_size, start + commit_every)):
                payload, error = payloads[i % len(payloads)]
                sha = hashlib.sha256(f"benchmark article {i}".encode()).hexdigest()
                row = {"content_sha256": sha, "extractor_version": EXTRACTOR_VERSION, "payload": payload}
                rows.append(row | {"error": error, "extracted_at": now, "host": host, "pid": 0})
            shard_store.write_part(output, rows)


def measure(
    n: int, store_url: str, workdir: Path, payloads: Payloads, shard_size: int, commit_every: int
) -> dict[str, Any]:
    from pipelines.defs.resources import WarehouseResource

    store = shard_store.ShardStore(store_url)
    folder = store.run_folder(f"loader-benchmark-{n}")
    shard_store.delete_folder(folder)
    started = time.perf_counter()
    write_outputs(folder, n, payloads, shard_size, commit_every)
    written_s = time.perf_counter() - started
    outputs = shard_store.outputs_in(folder)
    warehouse = WarehouseResource(path=str(workdir / f"loader-{n}.duckdb"))
    with warehouse.connect() as con:
        started = time.perf_counter()
        report = shard_store.load_outputs(con, outputs)
        load_s = time.perf_counter() - started
        cached = con.execute("SELECT count(*) FROM extraction_cache").fetchone()[0]
    shard_store.delete_folder(folder)
    assert report.inserted == cached == n, (report, cached)
    return {
        "articles": n,
        "shards": len(outputs),
        "write_outputs_s": round(written_s, 3),
        "load_s": round(load_s, 3),
        "load_s_per_1000": round(load_s / n * 1000, 4),
        "articles_per_s": round(n / load_s, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="article counts, comma-separated")
    parser.add_argument("--store", default="", help="shard store URL (default: a temporary folder)")
    parser.add_argument("--shard-size", type=int, default=1000)
    parser.add_argument("--commit-every", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, default=Path("benchmarks/results/loader.json"))
    args = parser.parse_args(argv)
    payloads = sample_payloads(args.seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="communique-loader-") as tmp:
        workdir = Path(tmp)
        store_url = args.store or str(workdir / "shards")
        for n in (int(s) for s in args.sizes.split(",")):
            result = measure(n, store_url, workdir, payloads, args.shard_size, args.commit_every)
            results.append(result)
            print(
                f"{n:>9,} articles  {result['shards']:>5} shards  load {result['load_s']:8.2f} s"
                f"  = {result['load_s_per_1000']:.3f} s per 1,000 articles  ({result['articles_per_s']:,.0f}/s)"
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"extractor_version": EXTRACTOR_VERSION, "loader": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
