"""Analysts never block runs: the run writes a working database and
publishes the analysts' file in one rename. A read-only connection held in
another process neither makes a run fail nor sees half of it, and a process
killed while publishing leaves the old warehouse or the new, never a mix."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from pipelines import cli
from pipelines.store import publish
from pipelines.store.backup import base_tables
from tests.conftest import SAMPLE_RAW, copy_samples, materialize_all
from tests.reliability.test_faults import run_in_child

HOLDER = textwrap.dedent("""
    import sys, duckdb
    def count(con):
        return con.execute("SELECT count(*) FROM dim_article").fetchone()[0]
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(count(con), flush=True)
    for line in sys.stdin:  # each line: count again on the connection held since the start
        if line.strip() == "reconnect":
            con.close()
            con = duckdb.connect(sys.argv[1], read_only=True)
        print(count(con), flush=True)
""")


def every_table(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in base_tables(con)}


def articles(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM dim_article").fetchone()[0]


def test_a_reader_holding_the_warehouse_neither_blocks_a_run_nor_sees_half_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = copy_samples(tmp_path / "raw")
    held_back = sorted(raw.glob("*.txt"))[-1]
    shutil.move(held_back, tmp_path / held_back.name)
    warehouse = tmp_path / "wh" / "communique.duckdb"
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw))
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("COMMUNIQUE_LOCK_WAIT_SECONDS", "2")  # a run that waited on the reader would fail fast
    monkeypatch.delenv("COMMUNIQUE_GOLD_DIR", raising=False)
    first = cli.run_pipeline(quiet=True)["dim_article"]

    reader = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdin is not None and reader.stdout is not None

    def ask(line: str = "count") -> int:
        reader.stdin.write(line + "\n")
        reader.stdin.flush()
        return int(reader.stdout.readline())

    try:
        assert int(reader.stdout.readline()) == first  # the analyst's session is open
        shutil.move(tmp_path / held_back.name, raw / held_back.name)  # tonight's drop brings one more article
        summary = cli.run_pipeline(quiet=True)
        assert summary["unchanged"] is False and summary["dim_article"] == first + 1
        assert ask() == first  # the open session still reads the warehouse it opened, whole
        assert articles(warehouse) == first + 1  # a new connection sees the new article
        assert ask("reconnect") == first + 1  # and so does the analyst, on reconnecting
    finally:
        reader.kill()
        reader.wait()


@pytest.mark.parametrize("point", ["publish:copying", "publish:before_rename"])
def test_killed_while_publishing_leaves_the_old_warehouse(tmp_path: Path, point: str) -> None:
    raw = copy_samples(tmp_path / "raw")
    extra = sorted(raw.glob("*.txt"))[-1]
    shutil.move(extra, tmp_path / extra.name)
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    old = every_table(warehouse)

    shutil.move(tmp_path / extra.name, raw / extra.name)
    killed = run_in_child(raw, warehouse, point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert every_table(warehouse) == old  # the analysts' file: the old warehouse, whole and readable
    assert articles(Path(publish.working_path(warehouse))) == articles(warehouse) + 1  # the run's work is kept

    assert materialize_all(raw, warehouse).success  # the next run publishes it
    assert articles(warehouse) == len(old["dim_article"]) + 1
    assert not list(tmp_path.glob("*.publishing"))  # the half-written copy was cleared away


def test_killed_just_after_the_rename_leaves_the_new_warehouse(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(SAMPLE_RAW.glob("*.txt"))[:3]:
        shutil.copy2(path, raw / path.name)
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    shutil.copy2(sorted(SAMPLE_RAW.glob("*.txt"))[3], raw)
    killed = run_in_child(raw, warehouse, "publish:after_rename")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert articles(warehouse) == 4
    assert every_table(warehouse) == every_table(Path(publish.working_path(warehouse)))
