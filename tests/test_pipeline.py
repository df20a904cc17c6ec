"""The whole asset graph, materialised in-process into a temporary DuckDB."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.conftest import SAMPLE_RAW, copy_samples, materialize_all

STAR = [
    "dim_article",
    "dim_actor",
    "actor_alias",
    "fact_actor_mention",
    "dim_location",
    "fact_meeting",
    "bridge_meeting_participant",
    "fact_agreement",
    "bridge_agreement_party",
    "fact_funding",
    "dim_actor_role",
]
ALL_TABLES = [*STAR, "quarantine", "extraction_cache", "stg_article", "stg_actor", "stg_actor_alias", "stg_actor_key"]


def snapshot(path: Path, tables: list[str], skip: tuple[str, ...] = ("extracted_at",)) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        out = {}
        for t in tables:
            cols = [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall() if r[0] not in skip]
            out[t] = con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL").fetchall()
        return out


def metadata(result: dg.ExecuteInProcessResult, key: str) -> dict:
    [mat] = result.asset_materializations_for_node(key) if key != "star_schema" else [None]
    return {k: v.value for k, v in mat.metadata.items()}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dg.ExecuteInProcessResult]:
    base = tmp_path_factory.mktemp("pipeline")
    raw = copy_samples(base / "raw")
    (raw / "broken.txt").write_text("no date header here, just words\n", encoding="utf-8")
    (raw / "binary.txt").write_bytes(b"\x00\x01\x02 date 2024-01-01 x")
    warehouse = base / "warehouse.duckdb"
    return raw, warehouse, materialize_all(raw, warehouse)


def test_run_succeeds_and_every_check_passes(first_run: tuple) -> None:
    _, _, result = first_run
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) >= 20
    assert [e.check_name for e in evaluations if not e.passed] == []


def test_sample_fills_every_table(first_run: tuple) -> None:
    _, warehouse, _ = first_run
    samples = list(SAMPLE_RAW.rglob("*.txt"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in STAR}
        assert counts["dim_article"] == len(samples)
        assert all(n > 0 for n in counts.values()), counts
        # Views exist and answer.
        for view in (
            "v_meeting_pairs",
            "v_funding_flows",
            "v_funding_events",
            "v_agreements",
            "v_actor_timeline",
            "v_office_holders",
        ):
            con.execute(f"SELECT count(*) FROM {view}").fetchone()


def test_bad_files_are_quarantined_with_reasons(first_run: tuple) -> None:
    raw, warehouse, _ = first_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = dict(con.execute("SELECT source_path, reason FROM quarantine").fetchall())
    assert rows == {str(raw / "broken.txt"): "no_date_header", str(raw / "binary.txt"): "binary"}


def test_every_fact_quotes_its_evidence(first_run: tuple) -> None:
    _, warehouse, _ = first_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in ("fact_meeting", "fact_agreement", "fact_funding"):
            bad = con.execute(f"""
                SELECT count(*) FROM {table} f JOIN dim_article d USING (article_id)
                WHERE substr(d.text, f.char_start + 1, f.char_end - f.char_start) <> f.evidence""").fetchone()[0]
            assert bad == 0, table
        bad_mentions = con.execute("""
            SELECT count(*) FROM fact_actor_mention m JOIN dim_article d USING (article_id)
            WHERE substr(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.mention_text""").fetchone()[0]
        assert bad_mentions == 0


def test_second_run_changes_nothing_and_extracts_nothing(first_run: tuple) -> None:
    raw, warehouse, _ = first_run
    before = snapshot(warehouse, ALL_TABLES)
    result = materialize_all(raw, warehouse)
    assert result.success
    assert metadata(result, "article_extractions")["extracted"] == 0
    assert snapshot(warehouse, ALL_TABLES) == before
    charts = metadata(result, "report_charts")  # same star schema: the charts on disk are reused
    assert charts["redrawn"] is False and charts["meeting_pairs"] > 0


def test_charts_are_redrawn_when_their_file_is_gone(first_run: tuple) -> None:
    raw, warehouse, _ = first_run
    (warehouse.parent / "reports" / "actor_network.png").unlink()
    result = materialize_all(raw, warehouse)
    assert metadata(result, "report_charts")["redrawn"] is True
    assert (warehouse.parent / "reports" / "actor_network.png").is_file()


def test_editing_the_row_building_code_rebuilds_the_rows(first_run: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extractor and schema versions unchanged, but star.py/resolve.py edited:
    the actors and every article's rows are rebuilt (to the same rows here)."""
    from pipelines.store import star

    raw, warehouse, _ = first_run
    before = snapshot(warehouse, ALL_TABLES)
    monkeypatch.setattr(star, "builder_digest", lambda: "edited")
    result = materialize_all(raw, warehouse)
    assert metadata(result, "actors")["rebuilt"] is True
    [mat] = [m for m in result.asset_materializations_for_node("star_schema") if m.asset_key.path == ["fact_meeting"]]
    assert mat.metadata["articles_rewritten"].value == len(before["dim_article"])
    assert snapshot(warehouse, ALL_TABLES) == before


def test_editing_one_file_replaces_only_its_facts(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    target = sorted(raw.glob("*.txt"))[0]
    edited_id = target.stem
    header = target.read_text(encoding="utf-8").split(" ", 3)
    target.write_text(
        f" date {header[2]} President Amara Tello of Ghana met Chancellor Dieter Brandt of Germany in Accra "
        "on Monday to discuss trade.\n",
        encoding="utf-8",
    )
    before = snapshot(warehouse, ["fact_meeting", "fact_funding", "fact_agreement"])
    result = materialize_all(raw, warehouse)
    assert result.success
    assert metadata(result, "article_extractions")["extracted"] == 1
    assert metadata(result, "report_charts")["redrawn"] is True  # the star schema changed
    after = snapshot(warehouse, ["fact_meeting", "fact_funding", "fact_agreement"])
    for table in before:
        # Rows of every other article are exactly as they were.
        assert [r for r in before[table] if r[1] != edited_id] == [r for r in after[table] if r[1] != edited_id]
    new_meetings = [r for r in after["fact_meeting"] if r[1] == edited_id]
    assert len(new_meetings) == 1 and "Dieter Brandt" in new_meetings[0][8]
    assert [r for r in after["fact_funding"] if r[1] == edited_id] == []


FACT_TABLES = ("dim_article", "fact_meeting", "fact_funding", "fact_actor_mention")


def facts_of(warehouse: Path, article_id: str) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", [article_id]).fetchone()[0]
            for t in FACT_TABLES
        }


def test_removed_file_keeps_its_article_marked_absent(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse).success
    gone = sorted(raw.glob("*.txt"))[1]
    before = facts_of(warehouse, gone.stem)
    assert before["dim_article"] == 1 and before["fact_actor_mention"] > 0
    gone.unlink()
    result = materialize_all(raw, warehouse)
    assert result.success
    assert facts_of(warehouse, gone.stem) == before  # the article and every fact of it stay
    with duckdb.connect(str(warehouse), read_only=True) as con:
        present = dict(con.execute("SELECT article_id, source_present FROM dim_article").fetchall())
        seen = con.execute("SELECT last_seen_at FROM dim_article WHERE article_id = ?", [gone.stem]).fetchone()[0]
    assert present.pop(gone.stem) is False and seen is not None
    assert all(present.values())
    assert metadata(result, "raw_articles")["source_absent"] == 1


def test_removed_file_leaves_a_mirrored_warehouse(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse, mirror=True).success
    gone = sorted(raw.glob("*.txt"))[1]
    gone.unlink()
    result = materialize_all(raw, warehouse, mirror=True)
    assert result.success
    assert facts_of(warehouse, gone.stem) == dict.fromkeys(FACT_TABLES, 0)
    assert metadata(result, "raw_articles")["source_absent_now"] == 1  # deleted, not kept absent
    assert metadata(result, "raw_articles")["source_absent"] == 0


def test_same_text_under_two_names_is_one_article_with_two_sources(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw")
    original = sorted(raw.glob("*.txt"))[0]
    copy = raw / "zz_copy of the same story.txt"
    copy.write_bytes(original.read_bytes())
    warehouse = tmp_path / "w.duckdb"
    result = materialize_all(raw, warehouse)
    assert result.success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sources = con.execute(
            "SELECT source_path FROM article_source WHERE article_id = ? ORDER BY ALL", [original.stem]
        ).fetchall()
        assert sources == [(str(original),), (str(copy),)]
        assert con.execute("SELECT count(*) FROM dim_article WHERE article_id = ?", [copy.stem]).fetchone()[0] == 0
        # Facts are stored once, so the views never count them twice.
        meetings = con.execute("SELECT count(*) FROM fact_meeting WHERE article_id = ?", [original.stem]).fetchone()
        pairs = con.execute(
            "SELECT count(DISTINCT meeting_id) FROM v_meeting_pairs WHERE article_id = ?", [original.stem]
        ).fetchone()
        assert meetings[0] >= pairs[0]
        assert con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
    assert metadata(result, "raw_articles")["duplicate_copies"] == 1


def test_incremental_load_equals_a_load_from_scratch(tmp_path: Path) -> None:
    """Edit, remove and add files between runs of a warehouse that mirrors the
    raw folder: the star schema the second run leaves (rewriting only what
    changed) is the one a fresh warehouse gets (but for the edited article's
    version number)."""
    raw = copy_samples(tmp_path / "raw")
    warehouse = tmp_path / "w.duckdb"
    assert materialize_all(raw, warehouse, mirror=True).success
    files = sorted(raw.glob("*.txt"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n\nMwangi met Ruto in Nairobi on Monday.\n")
    files[1].unlink()
    (raw / "zz_new.txt").write_text(
        " date 2024-03-04 President Amara Tello of Ghana met Chancellor Dieter Brandt in Berlin on Monday.\n",
        encoding="utf-8",
    )
    second = materialize_all(raw, warehouse, mirror=True)
    assert second.success
    [mat] = [m for m in second.asset_materializations_for_node("star_schema") if m.asset_key.path == ["fact_meeting"]]
    assert 2 <= mat.metadata["articles_rewritten"].value < len(files)  # not everything was rewritten
    fresh = tmp_path / "fresh.duckdb"
    assert materialize_all(raw, fresh).success
    star = [*STAR, "article_source", "stg_actor", "stg_actor_key"]
    skip = ("extracted_at", "version")
    assert snapshot(warehouse, star, skip) == snapshot(fresh, star, skip)
