"""The `communique` command: run the asset graph, export, evaluate, retract,
back up and restore, open the UI.

`run` executes the very job the UI and the schedule launch (in this process),
so the CLI and the UI cannot disagree; `retract` and `unretract` run that job
too, without reading the raw folder again."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pipelines import settings


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME: the user's, or the project's git-ignored .dagster_home with
    the project's dagster.yaml in it."""
    home = settings.dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    source = settings.PROJECT_ROOT / "dagster.yaml"
    if not target.exists() and source.exists():
        target.symlink_to(source)
    os.environ["DAGSTER_HOME"] = str(home.resolve())
    return home


def _point_at(raw: Path | None, warehouse: Path | None) -> None:
    if raw is not None:
        os.environ["COMMUNIQUE_RAW_DIR"] = str(raw.resolve())
    if warehouse is not None:
        remote = str(warehouse).startswith("md:")  # MotherDuck: not a local path
        os.environ["COMMUNIQUE_WAREHOUSE"] = str(warehouse) if remote else str(warehouse.resolve())


def run_pipeline(debug: bool = False, quiet: bool = False, force: bool = False) -> dict[str, object]:
    """Materialise every asset once, in-process, and return the summary. When
    nothing the warehouse is built from changed since the last successful run
    (see pipelines/store/run_state.py), stop before starting Dagster."""
    from pipelines.store import run_state
    from pipelines.store.database import connect, run_lock
    from pipelines.store.publish import ensure_working, working_path

    raw = settings.raw_dir()
    warehouse = settings.warehouse_path()
    if not raw.is_dir() and (settings.mirror_raw() or not _exists(warehouse)):
        # Without a raw folder, a warehouse that holds articles is rebuilt from them; nothing else can be.
        raise FileNotFoundError(f"raw folder {raw} does not exist; pass --raw DIR or set COMMUNIQUE_RAW_DIR")
    started = time.perf_counter()
    with run_lock(warehouse):
        # Taken before the run: a file changed during the run makes the next run differ.
        fingerprint = run_state.inputs_fingerprint(raw, warehouse, settings.gold_dir())
        today = dt.date.today()
        if not force and _exists(warehouse):
            ensure_working(warehouse)
            with connect(working_path(warehouse), read_only=True, wait_seconds=settings.lock_wait_seconds()) as con:
                state = run_state.read_state(con)
            if state and run_state.is_current(state, fingerprint, warehouse, today):
                summary = _summary(str(state["run_id"]), list(state["failed_checks"]), started)
                return {**summary, "unchanged": True}
        run_id, failed_checks = _execute_job(debug, quiet, started)
        with connect(working_path(warehouse), wait_seconds=settings.lock_wait_seconds()) as con:
            run_state.record_state(con, fingerprint, run_id, failed_checks, today)
    return {**_summary(run_id, failed_checks, started), "unchanged": False}


def change_retraction(
    article_id: str, reason: str, undo: bool = False, debug: bool = False, quiet: bool = False
) -> dict[str, object]:
    """Retract an article (or undo that), then run the job without reading
    the raw folder, so that the star schema, the views and the analysts'
    file follow at once. The retraction itself holds for every later run."""
    from pipelines.store import articles
    from pipelines.store.database import connect, run_lock, transaction
    from pipelines.store.publish import ensure_working, working_path

    warehouse = settings.warehouse_path()
    if not _exists(warehouse):
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `communique run` first")
    started = time.perf_counter()
    with run_lock(warehouse):
        ensure_working(warehouse)
        wait = settings.lock_wait_seconds()
        with connect(working_path(warehouse), wait_seconds=wait) as con, transaction(con, "retraction"):
            change = articles.unretract if undo else articles.retract
            change(con, article_id, reason, articles.who(), articles.now())
        run_id, failed_checks = _execute_job(debug, quiet, started, ingest=False)
    return {**_summary(run_id, failed_checks, started), "unchanged": False}


def backup(folder: Path) -> dict[str, object]:
    """Write the analysts' warehouse file (the last published run) to folder as Parquet plus a manifest."""
    from pipelines.store.backup import backup as write_backup
    from pipelines.store.database import connect

    warehouse = settings.warehouse_path()
    with connect(warehouse, read_only=True, wait_seconds=settings.lock_wait_seconds()) as con:
        return write_backup(con, folder, str(warehouse))


def restore(folder: Path, force: bool = False) -> dict[str, int]:
    """Rebuild the warehouse from a backup, check it against the manifest and
    publish it (the working database is replaced too). An existing warehouse
    is only replaced with `force`; it is swapped out in one rename."""
    from pipelines.store.backup import restore as restore_backup
    from pipelines.store.database import is_remote, run_lock
    from pipelines.store.publish import atomic_copy, working_path

    warehouse = settings.warehouse_path()
    if is_remote(warehouse):
        raise ValueError("restore writes a local DuckDB file: pass --warehouse FILE")
    if warehouse.exists() and not force:
        raise FileExistsError(f"{warehouse} exists: restore to a new --warehouse FILE, or add --force to replace it")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    temp = warehouse.with_name(warehouse.name + ".restoring")
    temp.unlink(missing_ok=True)
    with run_lock(warehouse):
        counts = restore_backup(folder, temp)
        atomic_copy(temp, Path(working_path(warehouse)))  # the pipeline goes on from the restored state
        Path(f"{warehouse}.wal").unlink(missing_ok=True)
        os.replace(temp, warehouse)
    return counts


def _exists(warehouse: Path) -> bool:
    """A warehouse to go on from: the analysts' file, or a working database a first run left."""
    from pipelines.store.database import is_remote
    from pipelines.store.publish import working_path

    return is_remote(warehouse) or warehouse.exists() or Path(working_path(warehouse)).exists()


def _execute_job(debug: bool, quiet: bool, started: float, ingest: bool = True) -> tuple[str, list[str]]:
    """Run communique_job in this process with a progress bar; return the run
    id and the names of failed asset checks. Without `ingest`, every asset but
    raw_articles: the warehouse is rebuilt from the articles it holds."""
    import dagster as dg
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipelines import engine, progress
    from pipelines.definitions import build_definitions

    ensure_dagster_home()
    defs = build_definitions()
    job = defs.resolve_job_def("communique_job")
    selection = None if ingest else [k for k in job.asset_layer.executable_asset_keys if k.path != ["raw_articles"]]
    console = Console(stderr=True, quiet=quiet)
    bar = Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        console=console,
    )
    task = bar.add_task("extract", total=None, rate="-")

    def on_progress(stage: str, done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        bar.update(task, completed=done, total=total, rate=f"{done / elapsed:.1f}" if elapsed else "-")

    unsubscribe = progress.subscribe(on_progress)
    log_level = "DEBUG" if debug else "CRITICAL"  # failures are reported below, in one line
    try:
        with bar, dg.DagsterInstance.get() as instance:
            result = engine.execute(  # in this process, or on the engine COMMUNIQUE_EXECUTOR names
                job,
                instance,
                run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
                asset_selection=selection,
                raise_on_error=debug,
            )
    finally:
        unsubscribe()
    if not result.success:
        raise RuntimeError(f"run {result.run_id} failed: {_root_cause(result)}")
    failed_checks = [
        e.asset_check_evaluation_data.check_name
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.asset_check_evaluation_data.passed
    ]
    return result.run_id, failed_checks


def _summary(run_id: str, failed_checks: list[str], started: float) -> dict[str, object]:
    """Counts from the analysts' file, as they will see it."""
    from pipelines.store import articles
    from pipelines.store.database import connect, count_rows

    summary: dict[str, object] = {"run_id": run_id, "seconds": round(time.perf_counter() - started, 2)}
    with connect(settings.warehouse_path(), read_only=True) as con:
        store = articles.counts(con)
        summary["source_absent"] = store.absent
        summary["retracted"] = store.retracted
        for table in (
            "dim_article",
            "quarantine",
            "dim_actor",
            "fact_actor_mention",
            "fact_meeting",
            "fact_agreement",
            "fact_funding",
            "dim_location",
        ):
            summary[table] = count_rows(con, table)
    summary["failed_checks"] = failed_checks
    return summary


def _root_cause(result: object) -> str:
    """The innermost error message of the first failed step."""
    failure = next((e for e in result.all_events if e.is_step_failure), None)  # type: ignore[attr-defined]
    error = failure.step_failure_data.error if failure else None
    while error is not None and error.cause is not None:
        error = error.cause
    return error.message.strip().splitlines()[-1] if error else "see the run log in the Dagster UI"


def print_summary(summary: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="communique run", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(summary["dim_article"]))
    table.add_row("  whose file left the raw folder", str(summary["source_absent"]))
    table.add_row("retracted (not counted above)", str(summary["retracted"]))
    table.add_row("quarantined", str(summary["quarantine"]))
    for name in ("dim_actor", "fact_actor_mention", "fact_meeting", "fact_agreement", "fact_funding", "dim_location"):
        table.add_row(name, str(summary[name]))
    table.add_row("seconds", f"{summary['seconds']:.1f}")
    console = Console()
    console.print(table)
    console.print(f"warehouse (open it read-only): {settings.warehouse_path()}")
    if summary.get("unchanged"):
        console.print(
            f"nothing changed since run {summary['run_id']}: the warehouse is up to date (--force runs anyway)"
        )
    if summary["failed_checks"]:
        console.print(f"[yellow]failed checks: {', '.join(summary['failed_checks'])}[/yellow]")


def doctor() -> int:
    """Print the warehouse's integrity report; exit 1 when a check fails."""
    from rich.console import Console
    from rich.table import Table

    from pipelines.store.database import connect
    from pipelines.store.integrity import integrity_report

    with connect(settings.warehouse_path(), read_only=True) as con:
        report = integrity_report(con)
    console = Console()
    console.print(f"warehouse: {settings.warehouse_path()}")
    table = Table(title="communique doctor")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in report["tables"].items():
        table.add_row(name, str(n))
    console.print(table)
    console.print(f"articles whose file left the raw folder: {report['source_absent']}")
    console.print(f"articles retracted: {report['retracted']}")
    console.print(f"articles without any fact: {report['articles_without_facts']}")
    console.print(f"articles whose extraction failed: {report['extraction_errors']}")
    quarantine = ", ".join(f"{r}: {n}" for r, n in report["quarantine_by_reason"].items()) or "empty"
    console.print(f"quarantine: {quarantine}")
    if report["failed_checks"]:
        for name, n in report["failed_checks"].items():
            console.print(f"[red]FAILED[/red] {name}: {n} bad row(s)")
        return 1
    console.print("all integrity checks pass")
    return 0


def export(outdir: Path) -> int:
    from pipelines.store.database import connect
    from pipelines.store.export import export_articles

    with connect(settings.warehouse_path(), read_only=True) as con:
        return export_articles(con, outdir)


def evaluate(
    gold: Path, scorer: Path, warehouse: Path | None, keep: Path | None, by_family: bool = False, fusion: bool = False
) -> int:
    """Run on the .txt files beside the gold, export, and print score.py's table
    (and with `by_family`, a line per source family and per old/new part; with
    `fusion`, score_fusion.py's table of "same event" pairs against clusters.json)."""
    from pipelines.store.evaluation import articles_only, load_scorer, score_by_group

    texts = sorted(gold.glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"no .txt articles in {gold}")
    module = load_scorer(scorer)
    with tempfile.TemporaryDirectory(prefix="communique-eval-") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for path in texts:
            shutil.copy2(path, raw / path.name)
        _point_at(raw, warehouse or Path(tmp) / "eval.duckdb")
        summary = run_pipeline(quiet=True)
        pred = keep or Path(tmp) / "pred"
        export(pred)
        print(
            f"extracted {summary['dim_article']} articles in {summary['seconds']:.1f}s; predictions in {pred}"
            if keep
            else f"extracted {summary['dim_article']} articles in {summary['seconds']:.1f}s"
        )
        articles_gold = articles_only(gold, Path(tmp) / "gold")
        status = int(module.main([str(articles_gold), str(pred)]) or 0)
        if by_family:
            print()
            print("\n".join(score_by_group(module, articles_gold, pred)))
        if fusion:
            clusters = gold / "clusters.json"
            if not clusters.is_file():
                raise FileNotFoundError(f"--fusion needs {clusters}")
            print()
            status = int(load_scorer(scorer.parent / "score_fusion.py").main([str(gold), str(pred)]) or 0) or status
        return status


def open_ui(port: int) -> int:
    ensure_dagster_home()
    exe = shutil.which("dagster", path=str(Path(sys.executable).parent)) or "dagster"
    os.chdir(settings.PROJECT_ROOT)
    os.execvp(exe, [exe, "dev", "-p", str(port)])
    return 0  # not reached


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="communique", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show Dagster's logs and full tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="materialise every asset once, in-process")
    run.add_argument("--raw", type=Path, help="folder of articles (default: $COMMUNIQUE_RAW_DIR or raw/)")
    run.add_argument("--warehouse", type=Path, help="DuckDB file (default: $COMMUNIQUE_WAREHOUSE)")
    run.add_argument(
        "--force", action="store_true", help="run the job even when nothing changed since the last successful run"
    )
    exp = sub.add_parser("export", help="write one JSON per article from the warehouse")
    exp.add_argument("outdir", type=Path)
    exp.add_argument("--warehouse", type=Path)
    ev = sub.add_parser("eval", help="run on GOLD_DIR's .txt files, export and score against its .json")
    ev.add_argument("gold", type=Path)
    ev.add_argument("--scorer", type=Path, help="score.py to use (default: GOLD_DIR/../score.py)")
    ev.add_argument("--warehouse", type=Path, help="keep the evaluation warehouse here (default: temporary)")
    ev.add_argument("--keep-predictions", type=Path, help="write the exported predictions here")
    ev.add_argument(
        "--by-family",
        action="store_true",
        help="also score each source family (host of source_url) and the articles numbered below / from 050 apart",
    )
    ev.add_argument(
        "--fusion",
        action="store_true",
        help="also score event fusion against GOLD_DIR/clusters.json (score_fusion.py beside score.py)",
    )
    ret = sub.add_parser("retract", help="take an article's facts out of the warehouse, for every later run")
    ret.add_argument("article_id", help="the article's id (its file name without .txt)")
    ret.add_argument("--reason", required=True, help="why (recorded in the retraction table)")
    ret.add_argument("--warehouse", type=Path)
    unr = sub.add_parser("unretract", help="bring a retracted article's facts back")
    unr.add_argument("article_id")
    unr.add_argument("--reason", default="", help="why (recorded in retraction_log)")
    unr.add_argument("--warehouse", type=Path)
    bak = sub.add_parser("backup", help="write the warehouse to DIR as Parquet files with a manifest")
    bak.add_argument("dir", type=Path, help="a new or empty folder")
    bak.add_argument("--warehouse", type=Path)
    res = sub.add_parser("restore", help="rebuild a warehouse from a backup, checked against its manifest")
    res.add_argument("dir", type=Path, help="a folder written by `communique backup`")
    res.add_argument("--warehouse", type=Path, help="the warehouse file to create (default: $COMMUNIQUE_WAREHOUSE)")
    res.add_argument("--force", action="store_true", help="replace the warehouse if it exists")
    doc = sub.add_parser("doctor", help="report the warehouse's integrity: counts, orphans, failed checks")
    doc.add_argument("--warehouse", type=Path)
    ui = sub.add_parser("ui", help="open the Dagster UI (dagster dev) with the project's instance")
    ui.add_argument("--port", type=int, default=3000)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            _point_at(args.raw, args.warehouse)
            print_summary(run_pipeline(debug=args.debug, force=args.force))
        elif args.command == "export":
            _point_at(None, args.warehouse)
            n = export(args.outdir)
            print(f"wrote {n} article file(s) to {args.outdir}")
        elif args.command == "eval":
            from pipelines.store.evaluation import default_scorer

            scorer = args.scorer or default_scorer(args.gold)
            return evaluate(args.gold, scorer, args.warehouse, args.keep_predictions, args.by_family, args.fusion)
        elif args.command in ("retract", "unretract"):
            _point_at(None, args.warehouse)
            undo = args.command == "unretract"
            summary = change_retraction(args.article_id, args.reason, undo=undo, debug=args.debug)
            print_summary(summary)
            print(f"{args.article_id}: {'unretracted, its facts are back' if undo else 'retracted, its facts are out'}")
        elif args.command == "backup":
            _point_at(None, args.warehouse)
            manifest = backup(args.dir)
            rows = sum(t["rows"] for t in manifest["tables"])
            tables = len(manifest["tables"])
            print(f"backed up {tables} tables ({rows} rows) of {settings.warehouse_path()} to {args.dir}")
        elif args.command == "restore":
            _point_at(None, args.warehouse)
            counts = restore(args.dir, force=args.force)
            print(f"restored {len(counts)} tables ({sum(counts.values())} rows) into {settings.warehouse_path()}")
        elif args.command == "doctor":
            _point_at(None, args.warehouse)
            return doctor()
        elif args.command == "ui":
            return open_ui(args.port)
    except Exception as exc:  # one clear line for the user; --debug shows the traceback
        if args.debug:
            raise
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
