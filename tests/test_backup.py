"""`communique backup` and `restore`: Parquet files and a manifest, checked
on the way back; the restored warehouse equals the original table for table.
The weekly backup schedule ships switched off and writes the same backups."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import cli
from pipelines.definitions import build_definitions
from pipelines.defs.backup import WEEKLY_BACKUP_CRON, backup_job
from pipelines.defs.resources import BackupResource, WarehouseResource
from pipelines.store import publish
from pipelines.store.backup import MANIFEST, BackupInvalid, base_tables
from tests.conftest import copy_samples, materialize_all


def every_table(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in base_tables(con)}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with something in every kind of table: an absent article, a
    retraction, an earlier version, a quarantined file."""
    base = tmp_path_factory.mktemp("backup")
    raw = copy_samples(base / "raw")
    (raw / "broken.txt").write_text("no date header\n", encoding="utf-8")
    warehouse = base / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    files = sorted(raw.glob("sample_*.txt"))
    files[0].unlink()
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nThe ministers met again on Friday.\n")
    with duckdb.connect(str(publish.working_path(warehouse))) as con:
        con.execute("INSERT INTO retraction VALUES (?, 'test', now(), 'tester', NULL)", [files[2].stem])
    assert materialize_all(raw, warehouse).success
    return warehouse


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, original: Path) -> Path:
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(original))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    return tmp_path


def test_backup_then_restore_gives_the_same_warehouse(env: Path, original: Path) -> None:
    folder = env / "backup"
    manifest = cli.backup(folder)
    tables = {t["name"]: t for t in manifest["tables"]}
    assert {"dim_article", "fact_meeting", "retraction", "article_version", "quarantine"} <= set(tables)
    assert manifest["schema_version"] and manifest["extractor_version"] and manifest["duckdb_version"]
    assert json.loads((folder / MANIFEST).read_text())["tables"] == manifest["tables"]
    for t in tables.values():
        assert (folder / t["file"]).is_file() and len(t["sha256"]) == 64
    assert tables["retraction"]["rows"] == 1 and tables["quarantine"]["rows"] == 1

    restored = env / "restored" / "w.duckdb"
    assert cli.main(["restore", str(folder), "--warehouse", str(restored)]) == 0
    want = every_table(original)
    got = every_table(restored)
    assert {t: len(r) for t, r in got.items()} == {t: v["rows"] for t, v in tables.items()}
    assert got == want
    with duckdb.connect(str(restored), read_only=True) as con:  # the views answer as on the original
        assert con.execute("SELECT count(*) FROM v_meeting_pairs").fetchone()[0] > 0
    # The restored warehouse goes on as a warehouse: its working file is the restored one.
    assert every_table(Path(publish.working_path(restored))) == want


def test_a_damaged_backup_is_refused(env: Path) -> None:
    folder = env / "backup"
    manifest = cli.backup(folder)
    victim = folder / next(t["file"] for t in manifest["tables"] if t["name"] == "fact_meeting")
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    target = env / "restored.duckdb"
    with pytest.raises(BackupInvalid, match="checksum"):
        _restore_to(folder, target)
    assert not target.exists()
    (folder / MANIFEST).unlink()
    with pytest.raises(BackupInvalid, match="manifest"):
        _restore_to(folder, target)


def _restore_to(folder: Path, target: Path) -> None:
    from pipelines.store.backup import restore

    restore(folder, target)


def test_backup_and_restore_never_overwrite(env: Path, original: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = env / "backup"
    cli.backup(folder)
    with pytest.raises(FileExistsError, match="not empty"):
        cli.backup(folder)
    # Restoring onto an existing warehouse needs --force.
    assert cli.main(["restore", str(folder), "--warehouse", str(original)]) == 1
    assert "--force" in capsys.readouterr().err


def test_the_weekly_backup_schedule_is_off_and_its_job_backs_up(env: Path, original: Path) -> None:
    defs = build_definitions()
    schedule = defs.resolve_schedule_def("weekly_backup")
    assert schedule.cron_schedule == WEEKLY_BACKUP_CRON and schedule.job_name == "backup_job"
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    root = env / "backups"
    resources = {
        "warehouse": WarehouseResource(path=str(original)),
        "backup_to": BackupResource(path=str(root), keep=1),
    }
    old = root / "20000101T000000Z"
    old.mkdir(parents=True)
    (old / MANIFEST).write_text("{}")
    (root / "notes by hand").mkdir()
    result = backup_job.execute_in_process(resources=resources, instance=dg.DagsterInstance.ephemeral())
    assert result.success
    [folder] = [p for p in root.iterdir() if p.name.endswith("Z")]  # the old one was pruned, keep=1
    assert folder != old and (folder / MANIFEST).is_file()
    assert (root / "notes by hand").is_dir()  # only the schedule's own folders are ever pruned
    rows = {t["name"]: t["rows"] for t in json.loads((folder / MANIFEST).read_text())["tables"]}
    assert rows == {t: len(r) for t, r in every_table(original).items()}
