"""The `communique` command: run the asset graph, export, evaluate, open the UI.

`run` executes the very job the UI and the schedule launch (in this process),
so the CLI and the UI cannot disagree."""

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

    raw = settings.raw_dir()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist; pass --raw DIR or set COMMUNIQUE_RAW_DIR")
    warehouse = settings.warehouse_path()
    started = time.perf_counter()
    with run_lock(warehouse):
        # Taken before the run: a file changed during the run makes the next run differ.
        fingerprint = run_state.inputs_fingerprint(raw, warehouse, settings.gold_dir())
        today = dt.date.today()
        if not force and _exists(warehouse):
            with connect(warehouse, read_only=True, wait_seconds=settings.lock_wait_seconds()) as con:
                state = run_state.read_state(con)
            if state and run_state.is_current(state, fingerprint, warehouse, today):
                summary = _summary(str(state["run_id"]), list(state["failed_checks"]), started)
                return {**summary, "unchanged": True}
        run_id, failed_checks = _execute_job(debug, quiet, started)
        with connect(warehouse, wait_seconds=settings.lock_wait_seconds()) as con:
            run_state.record_state(con, fingerprint, run_id, failed_checks, today)
    return {**_summary(run_id, failed_checks, started), "unchanged": False}


def _exists(warehouse: Path) -> bool:
    from pipelines.store.database import is_remote

    return is_remote(warehouse) or warehouse.exists()


def _execute_job(debug: bool, quiet: bool, started: float) -> tuple[str, list[str]]:
    """Run communique_job in this process with a progress bar; return the run
    id and the names of failed asset checks."""
    import dagster as dg
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pipelines import progress
    from pipelines.definitions import build_definitions

    ensure_dagster_home()
    defs = build_definitions()
    job = defs.resolve_job_def("communique_job")
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
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=debug,
                run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
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
    from pipelines.store.database import connect, count_rows

    summary: dict[str, object] = {"run_id": run_id, "seconds": round(time.perf_counter() - started, 2)}
    with connect(settings.warehouse_path(), read_only=True) as con:
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
    table.add_row("quarantined", str(summary["quarantine"]))
    for name in ("dim_actor", "fact_actor_mention", "fact_meeting", "fact_agreement", "fact_funding", "dim_location"):
        table.add_row(name, str(summary[name]))
    table.add_row("seconds", f"{summary['seconds']:.1f}")
    console = Console()
    console.print(table)
    console.print(f"warehouse: {settings.warehouse_path()}")
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


def evaluate(gold: Path, scorer: Path, warehouse: Path | None, keep: Path | None, by_family: bool = False) -> int:
    """Run on the .txt files beside the gold, export, and print score.py's table
    (and with `by_family`, a line per source family and per old/new part)."""
    from pipelines.store.evaluation import load_scorer, score_by_group

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
        status = int(module.main([str(gold), str(pred)]) or 0)
        if by_family:
            print()
            print("\n".join(score_by_group(module, gold, pred)))
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
            return evaluate(args.gold, scorer, args.warehouse, args.keep_predictions, args.by_family)
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
