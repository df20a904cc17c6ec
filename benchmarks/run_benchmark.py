"""Measure communique on a synthetic corpus and print the figures.

    python -m benchmarks.run_benchmark --sizes 100,1000 [--views-size N] [--n-process K]

For every size N, on one generated corpus (benchmarks/synthetic_corpus.py):

  (a) floor: bare `nlp.pipe` of the project's spaCy pipeline (`load_nlp()`) over
      the article bodies, one process, batch_size 32, in this process; model
      loading is timed separately and is not part of the floor;
  (b) `communique run` end to end, as a child process, on a fresh warehouse
      and a fresh DAGSTER_HOME: wall time, CPU time, peak resident memory;
  (c) the same command again, nothing changed;
  (d) the same command after one of the N files was edited;
  (e) the peak resident memory of (b);
  (f) for the largest N (or --views-size), the latency of every `v_%` view.

Nothing is subtracted or adjusted: every figure is a measured wall time, a
measured count, or a ratio of two of them. Results are printed and written to
benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.synthetic_corpus import generate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
ASSET_STEPS = ("raw_articles", "article_extractions", "actors", "star_schema", "analysis_views")
VIEW_RUNS = 5
RUN_KEYS = ("full", "rerun_unchanged", "rerun_one_changed")
EDIT_SENTENCE = " A spokesperson said the two delegations would meet again before the end of the year."

TARGETS = {
    "throughput_ratio": 0.8,  # end-to-end articles/s >= 0.8 x floor
    "throughput_ratio_10k_two_cores": 1.8,  # >= 1.8 x floor at N=10,000 using both cores (issue 15)
    "rerun_unchanged_pct": 3.0,  # nothing-changed rerun < 3 % of the full run
    "rerun_one_changed_pct": 5.0,  # one-changed rerun < 5 %
    "memory_growth_1k_to_10k": 1.3,  # peak RSS at 10,000 <= 1.3 x peak RSS at 1,000
    "view_ms_at_10k": 200.0,  # each view < 200 ms on a 10,000-article warehouse
}


# --- helpers ----------------------------------------------------------------------


def communique_executable() -> Path:
    """The project's `communique` script, next to this interpreter or in .venv/bin."""
    beside = Path(sys.executable).parent / "communique"
    if beside.exists():
        return beside
    return PROJECT_ROOT / ".venv" / "bin" / "communique"


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            out = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return ""
        return out.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD") or None,
        "dirty_files": len(git("status", "--porcelain").splitlines()),
    }


def code_fingerprint() -> str:
    """A digest of the pipeline's code and SQL, taken before every child run:
    if it changes during a benchmark, the runs did not measure the same code."""
    digest = hashlib.sha256()
    for path in sorted([*PROJECT_ROOT.glob("pipelines/**/*.py"), *PROJECT_ROOT.glob("sql/**/*.sql")]):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def machine_busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat), so
    that the CPU used by processes outside the benchmark can be reported."""
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def read_bodies(corpus: Path) -> list[str]:
    """The article bodies as the project reads them (date header removed)."""
    from pipelines.nlp.article import parse_article

    bodies = []
    for path in sorted(corpus.glob("*.txt")):
        article = parse_article(path.read_bytes(), path.stem, str(path))
        bodies.append(article.text[article.body_start :])
    return bodies


# --- (a) the floor ------------------------------------------------------------------


def measure_floor(corpus: Path, n_process: int = 1, batch_size: int = 32) -> dict[str, Any]:
    """Bare nlp.pipe over the bodies with the project's pipeline: articles per second."""
    from pipelines.nlp.spacy_model import load_nlp

    bodies = read_bodies(corpus)
    started = time.perf_counter()
    cached = load_nlp.cache_info().currsize > 0
    nlp = load_nlp()
    load_s = time.perf_counter() - started
    nlp("Warm-up sentence so that lazy initialisation is not timed.")
    busy_started, children_started = machine_busy_cpu_s(), children_cpu_s()
    started = time.perf_counter()
    cpu_started = time.process_time()
    count = 0
    for _doc in nlp.pipe(bodies, batch_size=batch_size, n_process=n_process):
        count += 1
    seconds = time.perf_counter() - started
    own_cpu = time.process_time() - cpu_started + children_cpu_s() - children_started
    others = machine_busy_cpu_s() - busy_started - own_cpu
    return {
        "articles": count,
        "words": sum(len(b.split()) for b in bodies),
        "n_process": n_process,
        "batch_size": batch_size,
        "seconds": seconds,
        "articles_per_s": count / seconds,
        "words_per_s": sum(len(b.split()) for b in bodies) / seconds,
        "cpu_s": own_cpu,  # this process, plus spaCy worker processes when n_process > 1
        "other_processes_cpu_s": others,
        "other_load_cores": others / seconds,
        "model_load_s": None if cached else load_s,
        "pipe_names": list(nlp.pipe_names),
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
    }


# --- (b)-(e) child runs ------------------------------------------------------------


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (parent pid, resident KiB, peak resident KiB) for every process we can read."""
    table: dict[int, tuple[int, int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as fh:
                ppid = rss = hwm = 0
                for line in fh:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        rss = int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
        table[int(entry)] = (ppid, rss, hwm)
    return table


class TreeSampler(threading.Thread):
    """Samples the summed RSS of the descendants of a process (the measured
    child and, say, its extraction worker processes), and the measured child's
    own peak (VmHWM, which the kernel keeps; read until the child exits).
    Sampled, so a tree peak shorter than the interval can be missed."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kib = 0
        self.main_peak_kib = 0
        self.max_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            table = _proc_table()
            tree: set[int] = set()
            frontier = [p for p, (ppid, _rss, _hwm) in table.items() if ppid == self.pid]
            self.main_peak_kib = max([self.main_peak_kib, *(table[p][2] for p in frontier)])
            while frontier:
                pid = frontier.pop()
                if pid in tree or pid not in table:
                    continue
                tree.add(pid)
                frontier.extend(p for p, (ppid, _rss, _hwm) in table.items() if ppid == pid)
            self.peak_kib = max(self.peak_kib, sum(table[p][1] for p in tree))
            self.max_processes = max(self.max_processes, len(tree))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# Runs the measured command as its own child and reports that child's rusage.
# Why a wrapper: a child forked (or vforked) by this benchmark inherits the
# benchmark's memory until it execs, and Linux keeps that peak in the child's
# ru_maxrss, so os.wait4 on a direct child reports the *benchmark's* size (the
# spaCy model and all). The wrapper is a bare interpreter of a few MB, so the
# command's ru_maxrss is its own peak (or that of a descendant it waited for).
WRAPPER = """
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - started
import json
with open(out, "w") as fh:
    json.dump({"pid": pid, "wall_s": wall, "exitcode": os.waitstatus_to_exitcode(status),
               "maxrss_kib": ru.ru_maxrss, "user_s": ru.ru_utime, "sys_s": ru.ru_stime}, fh)
"""


def run_child(cmd: list[str], env: dict[str, str], cwd: Path, log_stem: Path) -> dict[str, Any]:
    """Run cmd through WRAPPER and return its wall time, CPU time and peak RSS,
    all of that process itself (see WRAPPER), plus the sampled peak of its tree."""
    out_path, err_path = log_stem.with_suffix(".out"), log_stem.with_suffix(".err")
    usage_path = log_stem.with_suffix(".rusage.json")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        busy_started, own_started = machine_busy_cpu_s(), time.process_time()
        started_at = time.time()
        wrapper = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", WRAPPER, str(usage_path), *cmd],
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
        sampler = TreeSampler(wrapper.pid)
        sampler.start()
        _pid, _status, wrapper_usage = os.wait4(wrapper.pid, 0)
        wrapper.returncode = os.waitstatus_to_exitcode(_status)  # reaped here, so Popen must not wait again
        sampler.stop()
        ended_at = time.time()
        own_cpu = time.process_time() - own_started  # this benchmark process (the sampler thread)
        # the wrapper's rusage includes the command it waited for
        measured_cpu = wrapper_usage.ru_utime + wrapper_usage.ru_stime
        others = machine_busy_cpu_s() - busy_started - own_cpu - measured_cpu
    if wrapper.returncode != 0 or not usage_path.exists():
        raise RuntimeError(f"the measuring wrapper failed ({wrapper.returncode}); see {err_path}")
    usage = json.loads(usage_path.read_text(encoding="utf-8"))
    result = {
        "cmd": cmd,
        "returncode": usage["exitcode"],
        "wall_s": usage["wall_s"],
        "user_s": usage["user_s"],
        "sys_s": usage["sys_s"],
        "cpu_s": usage["user_s"] + usage["sys_s"],
        "peak_rss_mb": usage["maxrss_kib"] / 1024,  # Linux: KiB; the largest process of the tree
        "main_peak_rss_mb_sampled": sampler.main_peak_kib / 1024,
        "tree_peak_rss_mb_sampled": sampler.peak_kib / 1024,
        "max_processes_in_tree": sampler.max_processes,
        "benchmark_cpu_s": own_cpu,
        "other_processes_cpu_s": others,
        "other_load_cores": others / usage["wall_s"],
        "started_at": started_at,
        "ended_at": ended_at,
        "stdout_log": str(out_path),
        "stderr_log": str(err_path),
    }
    if usage["exitcode"] != 0:
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:]
        raise RuntimeError(f"{' '.join(cmd)} exited with {usage['exitcode']}:\n" + "\n".join(tail))
    return result


def communique_run(raw: Path, warehouse: Path, dagster_home: Path, workdir: Path, label: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("COMMUNIQUE_RAW_DIR", "COMMUNIQUE_WAREHOUSE")}
    env["DAGSTER_HOME"] = str(dagster_home)
    dagster_home.mkdir(parents=True, exist_ok=True)
    cmd = [str(communique_executable()), "run", "--raw", str(raw), "--warehouse", str(warehouse)]
    fingerprint = code_fingerprint()
    return run_child(cmd, env, workdir, workdir / "logs" / label) | {"code_fingerprint": fingerprint}


def warehouse_counts(path: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in (
                "stg_article",
                "extraction_cache",
                "quarantine",
                "dim_article",
                "dim_actor",
                "fact_actor_mention",
                "fact_meeting",
                "fact_agreement",
                "fact_funding",
            )
        }
    finally:
        con.close()


def dagster_phases(dagster_home: Path) -> list[dict[str, Any]]:
    """Per run (oldest first): the job's duration and each step's, from the
    Dagster instance the child runs wrote to."""
    import dagster as dg

    phases = []
    saved = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(dagster_home)  # dagster.yaml reads its storage folder from it
    try:
        instance = dg.DagsterInstance.from_config(str(dagster_home))
    finally:
        if saved is None:
            os.environ.pop("DAGSTER_HOME", None)
        else:
            os.environ["DAGSTER_HOME"] = saved
    with instance:
        records = sorted(instance.get_run_records(), key=lambda r: r.create_timestamp)
        for record in records:
            run_id = record.dagster_run.run_id
            steps = _asset_step_spans(instance.get_run_step_stats(run_id))
            check_steps = {
                e.dagster_event.step_key
                for e in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
            }
            checks = {k: v for k, v in steps.items() if k in check_steps and k not in ASSET_STEPS}
            others = {k: v for k, v in steps.items() if k not in check_steps and k not in ASSET_STEPS}
            extraction: dict[str, Any] = {}
            for event in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
                materialization = event.dagster_event.event_specific_data.materialization
                if materialization.asset_key == dg.AssetKey("article_extractions"):
                    extraction = {k: v.value for k, v in materialization.metadata.items()}
            job_s = (record.end_time - record.start_time) if record.start_time and record.end_time else None
            phases.append(
                {
                    "run_id": run_id,
                    "created_at": record.create_timestamp.timestamp(),
                    "job_s": job_s,
                    "steps_s": {k: steps.get(k) for k in ASSET_STEPS},
                    "checks_s": sum(checks.values()),
                    "checks": len(checks),
                    "other_steps_s": others,  # steps that are neither the assets above nor asset checks
                    "steps_total_s": sum(steps.values()),
                    "article_extractions_metadata": extraction,
                }
            )
    return phases


def _asset_step_spans(stats: list[Any]) -> dict[str, float]:
    """Seconds per step; the steps of a graph-backed asset ("article_extractions.plan_extraction",
    "article_extractions.extract_shard[shard_00000]", ...) count as one, from the first start to the last end."""
    spans: dict[str, tuple[float, float]] = {}
    for stat in stats:
        if stat.start_time is None or stat.end_time is None:
            continue
        name = stat.step_key.split(".")[0]
        start, end = spans.get(name, (stat.start_time, stat.end_time))
        spans[name] = (min(start, stat.start_time), max(end, stat.end_time))
    return {name: end - start for name, (start, end) in spans.items()}


def edit_one_file(corpus: Path) -> Path:
    """Append one sentence to the body of the middle file of the corpus."""
    files = sorted(corpus.glob("*.txt"))
    target = files[len(files) // 2]
    text = target.read_bytes().decode("utf-8")
    target.write_bytes((text.rstrip("\n") + EDIT_SENTENCE + "\n").encode("utf-8"))
    return target


# --- (f) views --------------------------------------------------------------------


def measure_views(warehouse: Path, runs: int = VIEW_RUNS) -> list[dict[str, Any]]:
    import duckdb

    from pipelines.store.database import analysis_view_names

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        views = analysis_view_names(con)
        out = []
        for view in views:
            sql = f'SELECT count(*) FROM (SELECT * FROM "{view}")'
            times, rows = [], None
            for _ in range(runs):
                started = time.perf_counter()
                rows = con.execute(sql).fetchone()[0]
                times.append((time.perf_counter() - started) * 1000)
            out.append(
                {
                    "view": view,
                    "rows": rows,
                    "median_ms": statistics.median(times),
                    "min_ms": min(times),
                    "max_ms": max(times),
                    "runs_ms": times,
                }
            )
        return out
    finally:
        con.close()


# --- one size ---------------------------------------------------------------------


def bench_size(n: int, seed: int, workdir: Path, n_process: int, log: Any) -> dict[str, Any]:
    corpus = workdir / f"corpus_{n}"
    warehouse = workdir / f"warehouse_{n}.duckdb"
    home = workdir / f"dagster_home_{n}"
    generate(n, corpus, seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) - 2 for p in corpus.glob("*.txt"))
    log(f"[N={n}] corpus: {n} articles, {words:,} words in {corpus}")

    log(f"[N={n}] (a) floor: nlp.pipe, 1 process, batch 32 ...")
    floor = measure_floor(corpus, 1)
    log(f"[N={n}]     {floor['articles_per_s']:.1f} articles/s ({floor['seconds']:.1f} s)")
    floor_k = None
    if n_process > 1:
        log(f"[N={n}] (a') floor: nlp.pipe, {n_process} processes ...")
        floor_k = measure_floor(corpus, n_process)
        log(f"[N={n}]     {floor_k['articles_per_s']:.1f} articles/s ({floor_k['seconds']:.1f} s)")

    log(f"[N={n}] (b) communique run, fresh warehouse ...")
    full = communique_run(corpus, warehouse, home, workdir, f"N{n}_full")
    counts_full = warehouse_counts(warehouse)
    log(
        f"[N={n}]     {full['wall_s']:.1f} s, main RSS {full['main_peak_rss_mb_sampled']:.0f} MB, "
        f"{counts_full['dim_article']} loaded"
    )
    if counts_full["dim_article"] != n:
        raise RuntimeError(f"the full run loaded {counts_full['dim_article']} articles, not {n}")

    log(f"[N={n}] (c) rerun, nothing changed ...")
    unchanged = communique_run(corpus, warehouse, home, workdir, f"N{n}_rerun_unchanged")
    counts_unchanged = warehouse_counts(warehouse)
    log(f"[N={n}]     {unchanged['wall_s']:.1f} s")

    edited = edit_one_file(corpus)
    log(f"[N={n}] (d) rerun after editing {edited.name} ...")
    one = communique_run(corpus, warehouse, home, workdir, f"N{n}_rerun_one_changed")
    counts_one = warehouse_counts(warehouse)
    log(f"[N={n}]     {one['wall_s']:.1f} s")

    phases = dagster_phases(home)
    for run in (full, unchanged, one):
        # The Dagster run this child started, if any: `communique run` with nothing to do starts none.
        phase = next((p for p in phases if run["started_at"] <= p["created_at"] <= run["ended_at"]), None)
        run["dagster"] = phase
        run["started_dagster_run"] = phase is not None
        if phase is None:
            run["startup_and_teardown_s"] = None
            run["extracted"] = 0
            continue
        run["startup_and_teardown_s"] = run["wall_s"] - phase["job_s"] if phase["job_s"] is not None else None
        run["extracted"] = phase["article_extractions_metadata"].get("extracted")

    return {
        "n": n,
        "corpus_words": words,
        "floor": floor,
        "floor_n_process": floor_k,
        "full": full | {"counts": counts_full, "articles_per_s": n / full["wall_s"]},
        "rerun_unchanged": unchanged
        | {
            "counts": counts_unchanged,
            "new_cache_rows": counts_unchanged["extraction_cache"] - counts_full["extraction_cache"],
            "pct_of_full": 100 * unchanged["wall_s"] / full["wall_s"],
        },
        "rerun_one_changed": one
        | {
            "edited_file": edited.name,
            "counts": counts_one,
            "new_cache_rows": counts_one["extraction_cache"] - counts_unchanged["extraction_cache"],
            "pct_of_full": 100 * one["wall_s"] / full["wall_s"],
        },
        "throughput_ratio": (n / full["wall_s"]) / floor["articles_per_s"],
        "warehouse": str(warehouse),
    }


# --- printing ---------------------------------------------------------------------


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def render(results: dict[str, Any]) -> str:
    env = results["environment"]
    lines = [
        "",
        f"communique benchmark  {results['finished_at']}",
        f"machine: {env['cpus']} CPUs ({env['cpu_model']}), Python {env['python']}, spaCy {env['spacy']}, "
        f"model {env['model']}, commit {env['git']['commit']} ({env['git']['dirty_files']} files changed)",
        f"corpus: synthetic, seed {results['seed']}; one corpus per N, shared by every measurement of that N",
    ]
    prints = sorted({r[k]["code_fingerprint"] for r in results["sizes"] for k in RUN_KEYS})
    if len(prints) > 1:
        lines.append(
            f"WARNING: pipelines/ or sql/ changed while the benchmark ran (code fingerprints {', '.join(prints)}); "
            "runs of different code are compared below"
        )
    lines.append("")
    k = results["n_process"]
    head = (
        f"{'N':>6} | {'floor art/s':>11} | {'e2e art/s':>9} | {'e2e/floor':>9} | {'full s':>7} | "
        f"{'unchanged s':>11} | {'% full':>6} | {'1 changed s':>11} | {'% full':>6} | {'main MB':>7} | "
        f"{'largest MB':>10} | {'tree MB':>7}"
    )
    if k > 1:
        head += f" | {f'floor x{k} art/s':>15}"
    lines += [head, "-" * len(head)]
    for r in results["sizes"]:
        row = (
            f"{r['n']:>6} | {r['floor']['articles_per_s']:>11.1f} | {r['full']['articles_per_s']:>9.1f} | "
            f"{r['throughput_ratio']:>9.2f} | {r['full']['wall_s']:>7.1f} | {r['rerun_unchanged']['wall_s']:>11.1f} | "
            f"{r['rerun_unchanged']['pct_of_full']:>6.1f} | {r['rerun_one_changed']['wall_s']:>11.1f} | "
            f"{r['rerun_one_changed']['pct_of_full']:>6.1f} | {r['full']['main_peak_rss_mb_sampled']:>7.0f} | "
            f"{r['full']['peak_rss_mb']:>10.0f} | {r['full']['tree_peak_rss_mb_sampled']:>7.0f}"
        )
        if k > 1:
            row += f" | {r['floor_n_process']['articles_per_s']:>15.1f}"
        lines.append(row)
    lines += [
        "",
        "  N            articles in the corpus (synthetic, 120-900 words each)",
        "  floor art/s  (a) bare nlp.pipe of load_nlp() over the article bodies, 1 process, batch_size 32,",
        "               model already loaded (load time is in the JSON), nothing else: the extraction ceiling",
        "  e2e art/s    (b) N / wall seconds of `communique run` on a fresh warehouse and DAGSTER_HOME,",
        "               child process start to exit: imports, model load, Dagster, NLP, rules, DuckDB, checks, views",
        "  e2e/floor    (b)/(a) as a throughput ratio: 1.0 means the pipeline costs nothing beyond nlp.pipe",
        "  full s       wall seconds of (b)",
        "  unchanged s  (c) wall seconds of `communique run` again with no file changed; % full = (c)/(b)",
        "  1 changed s  (d) wall seconds of `communique run` after appending one sentence to one file; % = (d)/(b)",
        "  main MB      (e) peak resident memory of the (b) `communique run` process itself (its VmHWM, read",
        "               every 0.1 s until it exits)",
        "  largest MB   the largest single process of (b): its ru_maxrss, which Linux takes over the process and the",
        "               children it waited for (a worker can be it), read by a small wrapper process that runs it",
        "  tree MB      largest sum of RSS over that process and all its descendants (the extraction workers),",
        "               sampled every 0.1 s; shared pages count once per process",
    ]
    if k > 1:
        lines.append(f"  floor x{k}     nlp.pipe with n_process={k} (spaCy worker processes), for reference only")

    lines += ["", "where the wall time goes (seconds; from the Dagster run records of each child):"]
    head = (
        f"{'N':>6} {'run':<12} | {'wall':>6} | {'outside job':>11} | {'raw_articles':>12} | {'extract':>7} | "
        f"{'actors':>6} | {'star':>6} | {'views':>5} | {'other steps':>11} | {'checks':>12} | {'between steps':>13} | "
        f"{'CPU s':>6} | "
        f"{'re-extracted':>12}"
    )
    lines += [head, "-" * len(head)]
    for r in results["sizes"]:
        for name, key in (("full", "full"), ("unchanged", "rerun_unchanged"), ("1 changed", "rerun_one_changed")):
            run = r[key]
            d = run.get("dagster") or {}
            steps = d.get("steps_s", {})
            extracted = "?" if run.get("extracted") is None else run["extracted"]
            if run.get("started_dagster_run") is False:
                extracted = "0 (no run)"
            between = d["job_s"] - d["steps_total_s"] if d.get("job_s") is not None else None
            outside = _fmt(run.get("startup_and_teardown_s"), "11.1f")
            lines.append(
                f"{r['n']:>6} {name:<12} | {run['wall_s']:>6.1f} | {outside} | "
                f"{_fmt(steps.get('raw_articles'), '12.1f')} | {_fmt(steps.get('article_extractions'), '7.1f')} | "
                f"{_fmt(steps.get('actors'), '6.1f')} | {_fmt(steps.get('star_schema'), '6.1f')} | "
                f"{_fmt(steps.get('analysis_views'), '5.1f')} | "
                f"{_fmt(sum((d.get('other_steps_s') or {}).values()) if d else None, '11.1f')} | "
                f"{_fmt(d.get('checks_s'), '6.1f')} ({d.get('checks', 0):>3}) | {_fmt(between, '13.1f')} | "
                f"{run['cpu_s']:>6.1f} | {extracted:>12}"
            )
    lines += [
        "  outside job    wall minus the Dagster run's start-to-end: interpreter start, imports, loading the",
        "                 definitions, opening the instance, the summary queries, exit",
        "  extract        the article_extractions steps (plan, shards, record: first start to last end;",
        "                 includes loading the spaCy model in the child)",
        "  other steps    sum of the steps that are neither the five assets named here nor asset checks",
        "                 (their names and times are in the JSON: other_steps_s)",
        "  checks (k)     sum over the k asset-check steps;  between steps: Dagster run time not inside any step",
        "  CPU s          user+sys CPU seconds of the child (CPU s / wall > 1 means more than one core was used)",
        "  re-extracted   articles the article_extractions steps sent through the NLP (its `extracted` metadata);",
        "                 '0 (no run)': the child started no Dagster run (it found nothing changed), so no phases",
    ]

    lines += [
        "",
        "CPU time, and the load from other processes on this machine during each measurement:",
    ]
    head = (
        f"{'N':>6} | {'floor CPU s':>11} | {'floor others':>12} | {'full CPU s':>10} | {'full others':>11} | "
        f"{'unchanged others':>16} | {'1 changed others':>16} | {'floor art/CPU-s':>15} | {'e2e art/CPU-s':>13}"
    )
    lines += [head, "-" * len(head)]
    for r in results["sizes"]:
        f, full = r["floor"], r["full"]
        lines.append(
            f"{r['n']:>6} | {f['cpu_s']:>11.1f} | {f['other_load_cores']:>12.2f} | {full['cpu_s']:>10.1f} | "
            f"{full['other_load_cores']:>11.2f} | {r['rerun_unchanged']['other_load_cores']:>16.2f} | "
            f"{r['rerun_one_changed']['other_load_cores']:>16.2f} | {f['articles'] / f['cpu_s']:>15.1f} | "
            f"{r['n'] / full['cpu_s']:>13.1f}"
        )
    lines += [
        "  others       average number of cores busy with processes outside this benchmark during the measurement",
        "               (machine busy CPU from /proc/stat minus the measured process's own CPU); on a 2-core machine",
        "               anything well above 0 means the wall-clock figures above were slowed by other work",
        "  art/CPU-s    articles per CPU second of the measured process(es): less sensitive to that other load",
    ]

    views = results.get("views")
    if views:
        lines += [
            "",
            f"view latency on the N={views['n']} warehouse: SELECT count(*) FROM (SELECT * FROM <view>), "
            f"median of {VIEW_RUNS} runs, read-only connection",
        ]
        head = f"{'view':<24} | {'rows':>9} | {'median ms':>9} | {'min ms':>7} | {'max ms':>7}"
        lines += [head, "-" * len(head)]
        for v in views["views"]:
            lines.append(
                f"{v['view']:<24} | {v['rows']:>9} | {v['median_ms']:>9.1f} | {v['min_ms']:>7.1f} | {v['max_ms']:>7.1f}"
            )

    lines += ["", "targets (from the issue):"]
    lines += [f"  {t}" for t in target_lines(results)]
    lines.append("")
    return "\n".join(lines)


def target_lines(results: dict[str, Any]) -> list[str]:
    by_n = {r["n"]: r for r in results["sizes"]}
    out = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    for n, r in sorted(by_n.items()):
        ratio = r["throughput_ratio"]
        ok = ratio >= TARGETS["throughput_ratio"]
        out.append(f"e2e >= {TARGETS['throughput_ratio']} x floor          N={n}: {ratio:.2f}  {verdict(ok)}")
    r10k = by_n.get(10_000)
    if r10k:
        ratio = r10k["throughput_ratio"]
        target = TARGETS["throughput_ratio_10k_two_cores"]
        out.append(f"e2e >= {target} x floor at N=10,000 (both cores): {ratio:.2f}  {verdict(ratio >= target)}")
    else:
        out.append("e2e at N=10,000 (both cores): not measured (needs --sizes with 10000)")
    for n, r in sorted(by_n.items()):
        p = r["rerun_unchanged"]["pct_of_full"]
        out.append(f"nothing-changed rerun < 3 % of full  N={n}: {p:.1f} %  {verdict(p < 3)}")
    for n, r in sorted(by_n.items()):
        p = r["rerun_one_changed"]["pct_of_full"]
        out.append(f"one-changed rerun < 5 % of full      N={n}: {p:.1f} %  {verdict(p < 5)}")
    if 1_000 in by_n and 10_000 in by_n:
        big, small = by_n[10_000]["full"], by_n[1_000]["full"]
        growth = big["tree_peak_rss_mb_sampled"] / small["tree_peak_rss_mb_sampled"]
        own = big["main_peak_rss_mb_sampled"] / small["main_peak_rss_mb_sampled"]
        largest = big["peak_rss_mb"] / small["peak_rss_mb"]
        out.append(
            f"peak RSS at 10,000 <= 1.3 x at 1,000: main process {own:.2f}, tree {growth:.2f}, "
            f"largest process {largest:.2f}  {verdict(max(own, growth, largest) <= 1.3)}"
        )
    else:
        out.append("peak RSS at 10,000 <= 1.3 x at 1,000: not measured (needs --sizes with 1000 and 10000)")
    views = results.get("views")
    if views:
        worst = max(views["views"], key=lambda v: v["median_ms"]) if views["views"] else None
        if worst is None:
            out.append("each view < 200 ms: no v_% view in the warehouse")
        elif views["n"] == 10_000:
            out.append(
                f"each view < 200 ms at N=10,000: slowest {worst['view']} {worst['median_ms']:.1f} ms  "
                f"{verdict(worst['median_ms'] < 200)}"
            )
        else:
            out.append(
                f"each view < 200 ms at N=10,000: measured at N={views['n']} only "
                f"(slowest {worst['view']} {worst['median_ms']:.1f} ms)"
            )
    return out


# --- main -------------------------------------------------------------------------


def environment(floor: dict[str, Any] | None) -> dict[str, Any]:
    import duckdb
    import spacy

    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "duckdb": duckdb.__version__,
        "model": floor["model"] if floor else None,
        "git": git_state(),
    }


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})
    if not sizes or sizes[0] < 2:
        raise argparse.ArgumentTypeError("sizes must be integers >= 2")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run_benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=[100, 1000], help="comma-separated corpus sizes")
    parser.add_argument("--views-size", type=int, help="N of the warehouse whose views are timed (default: largest)")
    parser.add_argument(
        "--n-process", type=int, default=1, help="also measure the floor with nlp.pipe(n_process=K) when K > 1"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="where corpora, warehouses and logs go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory afterwards")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR / "latest.json")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="communique-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "logs").mkdir(exist_ok=True)

    def log(msg: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)

    log(f"work directory: {workdir}")
    results: dict[str, Any] = {
        "started_at": dt.datetime.now().isoformat(timespec="seconds"),
        "seed": args.seed,
        "n_process": args.n_process,
        "sizes": [],
    }
    try:
        for n in args.sizes:
            results["sizes"].append(bench_size(n, args.seed, workdir, args.n_process, log))
        views_n = args.views_size or max(args.sizes)
        views_run = None
        if views_n in args.sizes:
            wh = workdir / f"warehouse_{views_n}.duckdb"
        else:
            log(f"[views] building a N={views_n} warehouse ...")
            corpus = workdir / f"corpus_{views_n}"
            generate(views_n, corpus, args.seed)
            wh = workdir / f"warehouse_{views_n}.duckdb"
            views_run = communique_run(corpus, wh, workdir / f"dagster_home_{views_n}", workdir, f"N{views_n}_views")
        log(f"[views] timing views on the N={views_n} warehouse ...")
        results["views"] = {"n": views_n, "warehouse_run": views_run, "views": measure_views(wh)}
        results["finished_at"] = dt.datetime.now().isoformat(timespec="seconds")
        results["environment"] = environment(results["sizes"][0]["floor"] if results["sizes"] else None)
        results["targets"] = TARGETS
        results["work_directory"] = str(workdir) if args.keep or args.workdir else None
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        print(render(results))
        print(f"results written to {args.output}")
    finally:
        if args.keep or args.workdir:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
