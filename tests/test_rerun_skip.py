"""`communique run` with nothing changed stops before Dagster; anything that
could change the warehouse (a file, the code, the warehouse itself, the
reports, another Dagster run) makes it run the job again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import cli
from pipelines.store import run_state
from tests.conftest import PROJECT_ROOT, copy_samples, materialize_all


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    home = tmp_path / "dagster_home"
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "wh" / "w.duckdb"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw))
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(warehouse))
    monkeypatch.delenv("COMMUNIQUE_GOLD_DIR", raising=False)
    return {"home": home, "raw": raw, "warehouse": warehouse}


def dagster_runs(home: Path) -> int:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return instance.get_runs_count()


def articles(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("SELECT article_id, content_sha256 FROM dim_article").fetchall())


def sources(warehouse: Path) -> dict[str, tuple[str, bool]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("SELECT article_id, source_path, source_present FROM dim_article").fetchall()
    return {a: (path, present) for a, path, present in rows}


def touch_later(path: Path, text: str) -> None:
    """Append text and move the modification time on, as an editor would."""
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_nothing_changed_skips_dagster_and_changes_do_not(env: dict[str, Path]) -> None:
    first = cli.run_pipeline(quiet=True)
    assert first["unchanged"] is False and first["dim_article"] == len(list(env["raw"].rglob("*.txt")))
    assert dagster_runs(env["home"]) == 1

    again = cli.run_pipeline(quiet=True)
    assert again["unchanged"] is True
    assert again["run_id"] == first["run_id"] and again["dim_article"] == first["dim_article"]
    assert dagster_runs(env["home"]) == 1  # Dagster was not started

    # One file edited: the job runs and the warehouse holds the new text.
    edited = sorted(env["raw"].rglob("*.txt"))[0]
    before = articles(env["warehouse"])[edited.stem]
    touch_later(edited, "\n\nThe two ministers met again on Friday.\n")
    changed = cli.run_pipeline(quiet=True)
    assert changed["unchanged"] is False and dagster_runs(env["home"]) == 2
    assert articles(env["warehouse"])[edited.stem] != before

    # A new file is seen too.
    shutil.copy(edited, env["raw"] / "copy_with_new_name.txt")
    assert cli.run_pipeline(quiet=True)["unchanged"] is False
    assert cli.run_pipeline(quiet=True)["unchanged"] is True

    # --force always runs.
    assert cli.run_pipeline(quiet=True, force=True)["unchanged"] is False
    assert dagster_runs(env["home"]) == 4


def test_deleted_warehouse_or_report_runs_again(env: dict[str, Path]) -> None:
    cli.run_pipeline(quiet=True)
    (run_state.reports_dir(env["warehouse"]) / run_state.REPORT_FILES[0]).unlink()
    assert cli.run_pipeline(quiet=True)["unchanged"] is False
    assert (run_state.reports_dir(env["warehouse"]) / run_state.REPORT_FILES[0]).is_file()

    env["warehouse"].unlink()
    rebuilt = cli.run_pipeline(quiet=True)
    assert rebuilt["unchanged"] is False
    assert len(articles(env["warehouse"])) == len(list(env["raw"].rglob("*.txt")))


def test_a_code_change_runs_again(env: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    cli.run_pipeline(quiet=True)
    real = run_state.code_fingerprint()
    monkeypatch.setattr(run_state, "code_fingerprint", lambda root=PROJECT_ROOT: real + "-edited")
    assert cli.run_pipeline(quiet=True)["unchanged"] is False
    assert cli.run_pipeline(quiet=True)["unchanged"] is True


def test_another_dagster_run_on_the_warehouse_clears_the_record(env: dict[str, Path], tmp_path: Path) -> None:
    cli.run_pipeline(quiet=True)
    expected = sources(env["warehouse"])
    other = tmp_path / "other_raw"
    other.mkdir()
    shutil.copy(sorted(env["raw"].rglob("*.txt"))[0], other / "only.txt")
    assert materialize_all(other, env["warehouse"]).success  # e.g. a UI run pointed elsewhere
    changed = sources(env["warehouse"])
    assert changed != expected and [present for _, present in changed.values()].count(True) == 1

    again = cli.run_pipeline(quiet=True)
    assert again["unchanged"] is False
    assert sources(env["warehouse"]) == expected


def copy_code(target: Path) -> Path:
    for folder in ("pipelines", "sql"):
        shutil.copytree(PROJECT_ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in run_state.CODE_FILES:
        shutil.copy(PROJECT_ROOT / name, target / name)
    return target


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("pipelines/nlp/version.py", 'EXTRACTOR_VERSION = "', 'EXTRACTOR_VERSION = "9'),
        ("pipelines/store/database.py", 'SCHEMA_VERSION = "', 'SCHEMA_VERSION = "9'),
        ("sql/schema.sql", "CREATE TABLE", "CREATE TABLE  "),
        ("pipelines/nlp/meetings.py", '"""', '"""A rule changed. '),
    ],
)
def test_code_fingerprint_sees_versions_and_rules(tmp_path: Path, path: str, old: str, new: str) -> None:
    root = copy_code(tmp_path)
    before = run_state.code_fingerprint(root)
    assert before == run_state.code_fingerprint(root)
    source = root / path
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert run_state.code_fingerprint(root) != before


def test_a_future_dated_quarantine_is_only_current_for_a_day(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    for name in run_state.REPORT_FILES:
        run_state.reports_dir(warehouse).mkdir(exist_ok=True)
        (run_state.reports_dir(warehouse) / name).write_bytes(b"png")
    today = dt.date(2030, 5, 1)
    state = {"fingerprint": "f", "run_id": "r", "failed_checks": [], "valid_on": today.isoformat()}
    assert not run_state.is_current(state, "f", warehouse, today)  # no analysts' file yet
    warehouse.write_bytes(b"")
    assert run_state.is_current(state, "f", warehouse, today)
    assert not run_state.is_current(state, "f", warehouse, today + dt.timedelta(days=1))
    assert run_state.is_current({**state, "valid_on": None}, "f", warehouse, today + dt.timedelta(days=1))
    assert not run_state.is_current(state, "g", warehouse, today)
