"""Measure the parts of a run that do not spread over workers, at sizes the
NLP benchmark cannot reach, for the capacity plan (benchmarks/README.md).

    python -m benchmarks.serial_stages --sizes 10000,100000 [--seeds 200]

The NLP runs only on `--seeds` synthetic articles (benchmarks/synthetic_corpus.py),
which also gives the worker figures: CPU seconds per article and the peak
memory of one extraction process. Each size N is then a fresh warehouse whose
N articles reuse those extractions, copy k moved k months later (its
publication and every date in it), so that copies are the same
kinds of news month after month, not one event reported N/seeds times. On it,
timed one after the other, in this process:

  loader   the shard results, written as extraction workers write them (Parquet
           parts; not timed), loaded into the warehouse's extraction cache by the
           loader step (`shard_store.load_outputs`): seconds, and per 1,000 articles
  actors   cross-article actor resolution
  star     the star schema load (every article new)
  events   fusion of the facts into events
  views    creating the views, then `count(*)` over each

Figures are measured wall and CPU seconds and peak RSS (`ru_maxrss` of this
process, so it only grows: read it per stage as "peak so far"). Nothing is
estimated here; the capacity plan in benchmarks/README.md derives from them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from queue import Empty
from typing import Any

from benchmarks.synthetic_corpus import generate
from pipelines.nlp.article import parse_article

RESULTS = Path(__file__).resolve().parent / "results" / "serial_stages.json"
DATE = re.compile(r'"(\d{4})(-\d{2})?(-\d{2})?"')  # a day, month or year date in an extraction's JSON


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timed(figures: dict[str, Any], name: str) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    figures[name] = {
        "wall_s": round(time.perf_counter() - wall, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


# --- the worker: NLP on the seed articles, in a process of its own --------------------


def _worker_figures(paths: list[str], queue: Any) -> None:
    from pipelines.nlp.extractor import extract_many
    from pipelines.nlp.spacy_model import load_nlp

    load_nlp()
    articles = [parse_article(Path(p).read_bytes(), Path(p).stem, p) for p in paths]
    rss_loaded = peak_rss_mb()
    cpu = time.process_time()
    payloads = [(a.article_id, a.published_date.isoformat(), ex.to_dict()) for a, ex, _ in extract_many(articles)]
    queue.put(
        {
            "cpu_s_per_article": (time.process_time() - cpu) / len(articles),
            "rss_model_loaded_mb": rss_loaded,
            "peak_rss_mb": peak_rss_mb(),
            "payloads": payloads,
        }
    )


def worker_figures(corpus: Path) -> dict[str, Any]:
    """Extract the seed corpus in one spawned process (a worker's footprint: Python, spaCy, the model)."""
    paths = sorted(str(p) for p in corpus.glob("*.txt"))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_worker_figures, args=(paths, queue))
    process.start()
    while True:  # a worker that dies (out of memory, an import error) must not leave us waiting forever
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not process.is_alive():
                raise RuntimeError(f"the extraction process died (exit code {process.exitcode})") from None
    process.join()
    return result


# --- one warehouse of N articles ------------------------------------------------------------


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    year, month = divmod(year * 12 + month - 1 + months, 12)
    return year, month + 1


def months_later(day: dt.date, months: int) -> dt.date:
    return dt.date(*add_months(day.year, day.month, months), min(day.day, 28))


def shifted(payload_json: str, months: int) -> str:
    """The extraction told `months` later: every date moved by that many months (a year date
    by the whole years in it)."""

    def move(m: re.Match[str]) -> str:
        if not m[2]:
            return f'"{int(m[1]) + months // 12:04d}"'
        year, month = add_months(int(m[1]), int(m[2][1:]), months)
        return f'"{year:04d}-{month:02d}"' if not m[3] else f'"{year:04d}-{month:02d}-{min(int(m[3][1:]), 28):02d}"'

    return DATE.sub(move, payload_json)


def synthetic_rows(n: int, seeds: list[tuple[str, str, dict]], texts: dict[str, str]) -> Iterator[tuple[dict, dict]]:
    """(stg_article row, extraction_cache row) for article i: seed i mod len(seeds), moved in time."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for i in range(n):
        seed_id, published, payload = seeds[i % len(seeds)]
        months = i // len(seeds)  # copy k is the same news k months later
        sha = f"{i:064x}"
        text = texts[seed_id]
        yield (
            {
                "article_id": f"syn_{i:07d}",
                "source_path": f"syn/{i:07d}.txt",
                "content_sha256": sha,
                "published_date": months_later(dt.date.fromisoformat(published), months),
                "word_count": len(text.split()),
                "body_start": 0,
                "text": text,
                "file_mtime": 0.0,
                "file_size": len(text),
                "source_present": True,
                "last_seen_at": None,
            },
            {
                "content_sha256": sha,
                "payload": shifted(json.dumps(payload), months),
                "error": None,
                "extracted_at": now,
            },
        )


def measure_size(n: int, seeds: list[tuple[str, str, dict]], texts: dict[str, str], workdir: Path) -> dict[str, Any]:
    from pipelines.store.database import connect, insert_rows

    figures: dict[str, Any] = {"n": n}
    warehouse = workdir / f"serial_{n}.duckdb"
    articles, results = [], []
    for article, result in synthetic_rows(n, seeds, texts):
        articles.append(article)
        results.append(result)
    with connect(warehouse, memory_limit="4GB") as con:
        for start in range(0, n, 5000):
            insert_rows(con, "stg_article", articles[start : start + 5000])
        del articles
        for stage, run in STAGES:
            with timed(figures, stage):
                out = run(con, results, workdir)
                if "load_s" in out:  # the loader's own time, without writing the shard files
                    figures["load_s"] = round(out.pop("load_s"), 3)
                figures.setdefault("rows", {}).update(out)
        figures["views"] = view_times(con)
    figures["loader_s_per_1000"] = round(figures["load_s"] / n * 1000, 3)
    figures["warehouse_mb"] = round(warehouse.stat().st_size / 1e6, 1)
    return figures


def stage_loader(con: Any, results: list[dict], workdir: Path) -> dict[str, float]:
    """Write the results as extraction workers do (a Parquet part per 64 articles, shards of
    1,000; not timed), then time `load_outputs`, the loader step, over them."""
    from pipelines.nlp.version import EXTRACTOR_VERSION
    from pipelines.store import shard_store

    folder = shard_store.ShardStore(str(workdir / "shards")).run_folder(f"serial-{len(results)}")
    for shard_start in range(0, len(results), 1000):
        output = shard_store.output_url(folder, f"shard_{shard_start // 1000:05d}")
        for start in range(shard_start, min(len(results), shard_start + 1000), 64):
            part = results[start : min(start + 64, shard_start + 1000)]
            shard_store.write_part(
                output, [{**r, "extractor_version": EXTRACTOR_VERSION, "host": "bench", "pid": 0} for r in part]
            )
    started = time.perf_counter()
    report = shard_store.load_outputs(con, shard_store.outputs_in(folder))
    load_s = time.perf_counter() - started
    shard_store.delete_folder(folder)
    return {"extraction_cache": report.inserted, "load_s": load_s}


def stage_actors(con: Any, results: list[dict], workdir: Path) -> dict[str, float]:
    from pipelines.nlp.version import EXTRACTOR_VERSION
    from pipelines.store.database import replace_tables, transaction
    from pipelines.store.star import actor_tables

    with transaction(con, "actors"):
        tables = actor_tables(con, EXTRACTOR_VERSION)
        replace_tables(con, tables, in_transaction=True)
    return {"stg_actor": len(tables["stg_actor"])}


def stage_star(con: Any, results: list[dict], workdir: Path) -> dict[str, float]:
    from pipelines.nlp.version import EXTRACTOR_VERSION
    from pipelines.store.database import transaction
    from pipelines.store.star import load_star

    with transaction(con, "star"):
        load_star(con, EXTRACTOR_VERSION)
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("fact_meeting", "fact_funding")}


def stage_events(con: Any, results: list[dict], workdir: Path) -> dict[str, float]:
    from pipelines.store.database import transaction
    from pipelines.store.events import fuse_events

    with transaction(con, "events"):
        fuse_events(con)
    return {"dim_event": con.execute("SELECT count(*) FROM dim_event").fetchone()[0]}


STAGES: list[tuple[str, Callable[[Any, list[dict], Path], dict[str, float]]]] = [
    ("loader", stage_loader),
    ("actors", stage_actors),
    ("star", stage_star),
    ("events", stage_events),
]


def view_times(con: Any, runs: int = 3) -> dict[str, Any]:
    from pipelines.store.database import analysis_view_names, apply_sql_file, view_files

    started = time.perf_counter()
    for path in view_files():
        apply_sql_file(con, path)
    out: dict[str, Any] = {"create_s": round(time.perf_counter() - started, 3)}
    for view in analysis_view_names(con):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            con.execute(f'SELECT count(*) FROM (SELECT * FROM "{view}")').fetchone()
            times.append((time.perf_counter() - t0) * 1000)
        out[view] = round(statistics.median(times), 1)
    return out


def render(result: dict[str, Any]) -> str:
    w = result["worker"]
    lines = [
        f"worker: {w['cpu_s_per_article'] * 1000:.0f} ms CPU per article (spaCy + rules), "
        f"{w['rss_model_loaded_mb']:.0f} MB with the model loaded, peak {w['peak_rss_mb']:.0f} MB "
        f"({result['seeds']} seed articles)",
        "",
        f"{'N':>8} | {'loader s':>8} | {'s/1000':>6} | {'actors s':>8} | {'star s':>7} | {'events s':>8} | "
        f"{'views s':>7} | {'slowest view ms':>15} | {'peak MB':>7} | {'db MB':>6}",
    ]
    for f in result["sizes"]:
        views = {k: v for k, v in f["views"].items() if k != "create_s"}
        slowest = max(views.items(), key=lambda kv: kv[1]) if views else ("-", 0.0)
        events = f.get("events", {}).get("wall_s")
        lines.append(
            f"{f['n']:>8} | {f['load_s']:>8.1f} | {f['loader_s_per_1000']:>6.2f} | "
            f"{f['actors']['wall_s']:>8.1f} | {f['star']['wall_s']:>7.1f} | "
            f"{events if events is not None else '-':>8} | {f['views']['create_s']:>7.2f} | "
            f"{slowest[1]:>8.0f} {slowest[0][:6]:<6} | {f['star']['peak_rss_mb']:>7.0f} | {f['warehouse_mb']:>6.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="warehouse sizes N, comma-separated")
    ap.add_argument("--seeds", type=int, default=200, help="synthetic articles run through the NLP")
    ap.add_argument("--output", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="communique-serial-") as tmp:
        workdir = Path(tmp)
        corpus = workdir / "seeds"
        generate(args.seeds, corpus)
        print(f"extracting {args.seeds} seed articles in one worker process ...", file=sys.stderr)
        worker = worker_figures(corpus)
        seeds = worker.pop("payloads")
        texts = {p.stem: p.read_text() for p in corpus.glob("*.txt")}
        result: dict[str, Any] = {"seeds": args.seeds, "worker": worker, "sizes": []}
        for n in sizes:
            print(f"N={n}: building and timing ...", file=sys.stderr)
            result["sizes"].append(measure_size(n, seeds, texts, workdir))
    print(render(result))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
