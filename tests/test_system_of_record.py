"""The warehouse is the system of record: articles stay when their files
leave the raw folder, an edit is a new version, removal is an explicit
retraction that holds for every later run, and upgrades rebuild from the
texts the warehouse holds, without the raw folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines import cli
from pipelines.store import publish
from pipelines.store.articles import UnknownArticle
from pipelines.store.database import SCHEMA_VERSION
from tests.conftest import SAMPLE_RAW, materialize_all
from tests.test_pipeline import STAR, metadata, snapshot

# Every table an article's facts live in; a retracted article has no row in any of them.
ARTICLE_TABLES = ("dim_article", "fact_actor_mention", "fact_meeting", "fact_agreement", "fact_funding")
PRESENCE = ("extracted_at", "source_present", "last_seen_at")  # the columns a file leaving raw/ may change


def eight_samples(target: Path) -> Path:
    target.mkdir()
    for path in sorted(SAMPLE_RAW.glob("*.txt"))[:8]:
        shutil.copy2(path, target / path.name)
    return target


def rows_of(warehouse: Path, article_id: str) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", [article_id]).fetchone()[0]
            for t in ARTICLE_TABLES
        }
        counts["v_meeting_pairs"] = con.execute(
            "SELECT count(*) FROM v_meeting_pairs WHERE article_id = ?", [article_id]
        ).fetchone()[0]
    return counts


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    raw = eight_samples(tmp_path / "raw")
    warehouse = tmp_path / "wh" / "w.duckdb"
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw))
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("COMMUNIQUE_USER", "analyst-7")
    for name in ("COMMUNIQUE_GOLD_DIR", "COMMUNIQUE_MIRROR_RAW"):
        monkeypatch.delenv(name, raising=False)
    return {"raw": raw, "warehouse": warehouse, "base": tmp_path}


def test_files_leave_articles_stay_and_a_retraction_holds(env: dict[str, Path]) -> None:
    raw, warehouse = env["raw"], env["warehouse"]
    assert cli.run_pipeline(quiet=True)["dim_article"] == 8
    before = snapshot(warehouse, STAR, PRESENCE)
    assert len(before["dim_article"]) == 8 and before["fact_meeting"]

    # Two files archived out of raw/: all 8 articles and every fact remain, 2 marked absent.
    archive = env["base"] / "archive"
    archive.mkdir()
    files = sorted(raw.glob("*.txt"))
    for path in files[:2]:
        shutil.move(path, archive / path.name)
    summary = cli.run_pipeline(quiet=True)
    assert summary["unchanged"] is False and summary["dim_article"] == 8 and summary["source_absent"] == 2
    assert snapshot(warehouse, STAR, PRESENCE) == before
    absent = query(
        warehouse, "SELECT article_id FROM dim_article WHERE NOT source_present AND last_seen_at IS NOT NULL"
    )
    assert sorted(a for (a,) in absent) == [p.stem for p in files[:2]]

    # Retract an article whose file is still in raw/: its facts leave the star schema and the views.
    target = next(p.stem for p in files[2:] if rows_of(warehouse, p.stem)["v_meeting_pairs"])
    kept = files[-1].stem if files[-1].stem != target else files[-2].stem
    kept_rows = rows_of(warehouse, kept)
    cli.change_retraction(target, "the story was withdrawn by its publisher", quiet=True)
    assert set(rows_of(warehouse, target).values()) == {0}
    assert rows_of(warehouse, kept) == kept_rows
    [(reason, by, sha)] = query(
        warehouse, "SELECT reason, retracted_by, content_sha256 FROM retraction WHERE article_id = ?", [target]
    )
    assert (reason, by) == ("the story was withdrawn by its publisher", "analyst-7") and len(sha) == 64

    # It stays retracted on every later run, also when its file changes.
    assert set(rows_of(warehouse, target).values()) == {0}
    assert cli.run_pipeline(quiet=True, force=True)["dim_article"] == 7
    edited = raw / f"{target}.txt"
    stat = edited.stat()
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe two ministers met again on Friday.\n")
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert cli.run_pipeline(quiet=True)["retracted"] == 1
    assert set(rows_of(warehouse, target).values()) == {0}

    # Unretract: back, with the facts of its current text; the log keeps both decisions.
    cli.change_retraction(target, "", undo=True, quiet=True)
    back = rows_of(warehouse, target)
    assert back["dim_article"] == 1 and back["v_meeting_pairs"] > 0
    assert query(warehouse, "SELECT count(*) FROM retraction") == [(0,)]
    log = query(warehouse, "SELECT action, acted_by FROM retraction_log ORDER BY acted_at, action DESC")
    assert log == [("retract", "analyst-7"), ("unretract", "analyst-7")]


def test_retracting_an_unknown_article_or_without_reason_fails(env: dict[str, Path]) -> None:
    cli.run_pipeline(quiet=True)
    with pytest.raises(UnknownArticle):
        cli.change_retraction("no_such_article", "typo", quiet=True)
    with pytest.raises(ValueError, match="reason"):
        cli.change_retraction(sorted(env["raw"].glob("*.txt"))[0].stem, "  ", quiet=True)
    with pytest.raises(UnknownArticle, match="not retracted"):
        cli.change_retraction(sorted(env["raw"].glob("*.txt"))[0].stem, "", undo=True, quiet=True)


def test_an_edit_is_a_new_version_and_the_old_hash_stays(tmp_path: Path) -> None:
    raw = eight_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    path = sorted(raw.glob("*.txt"))[0]
    [(old_sha,)] = query(warehouse, "SELECT content_sha256 FROM dim_article WHERE article_id = ?", [path.stem])
    header = path.read_text(encoding="utf-8").split(" ", 3)
    path.write_text(
        f" date {header[2]} President Amara Tello of Ghana met Chancellor Dieter Brandt of Germany in Accra "
        "on Monday to discuss trade.\n",
        encoding="utf-8",
    )
    assert materialize_all(raw, warehouse).success
    [(new_sha, version)] = query(
        warehouse, "SELECT content_sha256, version FROM dim_article WHERE article_id = ?", [path.stem]
    )
    assert new_sha != old_sha and version == 2
    history = query(
        warehouse,
        "SELECT version, content_sha256, superseded_at IS NOT NULL FROM article_version WHERE article_id = ? "
        "ORDER BY version",
        [path.stem],
    )
    assert history == [(1, old_sha, True), (2, new_sha, False)]
    evidence = query(warehouse, "SELECT evidence FROM fact_meeting WHERE article_id = ?", [path.stem])
    assert len(evidence) == 1 and "Dieter Brandt" in evidence[0][0]  # the facts follow the new text
    # Every other article is still at version 1.
    assert query(warehouse, "SELECT count(*) FROM dim_article WHERE version <> 1") == [(1,)]


def test_a_renamed_file_is_the_same_article(tmp_path: Path) -> None:
    raw = eight_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    before = snapshot(warehouse, ["fact_meeting", "fact_funding"])
    original = sorted(raw.glob("*.txt"))[0]
    original.rename(raw / "renamed by the archive tool.txt")
    assert materialize_all(raw, warehouse).success
    assert query(warehouse, "SELECT count(*) FROM dim_article") == [(8,)]  # not a ninth article
    assert snapshot(warehouse, ["fact_meeting", "fact_funding"]) == before
    [(source, present)] = query(
        warehouse, "SELECT source_path, source_present FROM dim_article WHERE article_id = ?", [original.stem]
    )
    assert source.endswith("renamed by the archive tool.txt") and present is True


def bump_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new extractor and a new schema, as a release would bring."""
    from pipelines.defs.extract import assets as extract_assets
    from pipelines.defs.warehouse import assets as warehouse_assets
    from pipelines.store import database

    monkeypatch.setattr(extract_assets, "EXTRACTOR_VERSION", extract_assets.EXTRACTOR_VERSION + "-next")
    monkeypatch.setattr(warehouse_assets, "EXTRACTOR_VERSION", warehouse_assets.EXTRACTOR_VERSION + "-next")
    monkeypatch.setattr(database, "SCHEMA_VERSION", database.SCHEMA_VERSION + "-next")


def test_an_upgrade_rebuilds_without_the_raw_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = eight_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    retracted = sorted(raw.glob("*.txt"))[3].stem
    with duckdb.connect(str(publish.working_path(warehouse))) as con:
        con.execute("INSERT INTO retraction VALUES (?, 'duplicate story', now(), 'tester', NULL)", [retracted])
    skip = (*PRESENCE, "extractor_version")
    before = snapshot(warehouse, ["dim_article"], skip)["dim_article"]
    shutil.rmtree(raw)
    bump_versions(monkeypatch)
    result = materialize_all(raw, warehouse)
    assert result.success
    assert metadata(result, "article_extractions")["extracted"] == 7  # from the stored texts; not the retracted one
    assert metadata(result, "raw_articles")["source_absent"] == 8
    # Every article but the retracted one, as it was; their facts rebuilt.
    assert snapshot(warehouse, ["dim_article"], skip)["dim_article"] == [r for r in before if r[0] != retracted]
    assert query(warehouse, "SELECT count(*) FROM fact_meeting")[0][0] > 0
    assert query(warehouse, "SELECT DISTINCT extractor_version FROM dim_article")[0][0].endswith("-next")
    assert query(warehouse, "SELECT count(*) FROM retraction") == [(1,)]  # the retraction survived the upgrade
    assert query(warehouse, "SELECT count(*) FROM article_version") == [(8,)]


def test_a_missing_raw_folder_is_an_error_for_a_new_or_mirrored_warehouse(
    env: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.run_pipeline(quiet=True)
    shutil.rmtree(env["raw"])
    monkeypatch.setenv("COMMUNIQUE_MIRROR_RAW", "1")  # mirroring a folder that is not there would empty it
    with pytest.raises(FileNotFoundError, match="raw folder"):
        cli.run_pipeline(quiet=True)
    monkeypatch.delenv("COMMUNIQUE_MIRROR_RAW")
    summary = cli.run_pipeline(quiet=True)
    assert summary["dim_article"] == 8 and summary["source_absent"] == 8


def test_a_warehouse_without_its_working_file_goes_on_from_the_published_one(tmp_path: Path) -> None:
    """A warehouse from before the working file (or one deleted by hand):
    the next run starts from the analysts' file, so nothing it held is lost."""
    raw = eight_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    gone = sorted(raw.glob("*.txt"))[0]
    gone.unlink()
    Path(publish.working_path(warehouse)).unlink()
    assert materialize_all(raw, warehouse).success
    assert query(warehouse, "SELECT count(*), count(*) FILTER (NOT source_present) FROM dim_article") == [(8, 1)]


def test_a_schema_3_warehouse_keeps_its_articles_on_upgrade(tmp_path: Path) -> None:
    """A warehouse written before the article store (schema 3: no presence
    columns, no versions, no retractions, one file) upgrades without raw/."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(SAMPLE_RAW.glob("*.txt"))[:3]:
        shutil.copy2(path, raw / path.name)
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    work = Path(publish.working_path(warehouse))
    with duckdb.connect(str(work)) as con:  # take it back to schema 3's shape
        con.execute("DROP VIEW live_article")
        for table in ("article_version", "retraction", "retraction_log"):
            con.execute(f"DROP TABLE {table}")
        for column in ("source_present", "last_seen_at"):
            con.execute(f"ALTER TABLE stg_article DROP COLUMN {column}")
        con.execute("UPDATE warehouse_meta SET value = '3' WHERE key = 'schema_version'")
    shutil.copy2(work, warehouse)
    work.unlink()  # schema 3 had one file: the one analysts open
    shutil.rmtree(raw)
    result = materialize_all(raw, warehouse)
    assert result.success
    assert metadata(result, "article_extractions")["extracted"] == 0  # the cache came through too
    assert query(warehouse, "SELECT count(*), count(*) FILTER (NOT source_present) FROM dim_article") == [(3, 3)]
    assert query(warehouse, "SELECT count(*), max(version) FROM article_version") == [(3, 1)]
    assert query(warehouse, "SELECT value FROM warehouse_meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]
