"""Events in the warehouse: the sample articles plus two invented follow-up
reports of the sample's Nairobi defence talks, and a later meeting of the same
pair that must stay its own event. A run that adds one article gives the
events of a run from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.events.codes import CAMEO_CODES, PLOVER_MODES, PLOVER_TYPES
from pipelines.store.export import article_documents
from tests.conftest import copy_samples, materialize_all

FOLLOW_UPS = {
    "followup_kenya_us_talks.txt": (
        " date 2024-06-13 Kenya's Defence Cabinet Secretary Aden Duale met United States Deputy Secretary of "
        "Defense Marcus Holloway in Nairobi on June 11, officials from both ministries said on Thursday.\n\n"
        "During the visit the two men signed a Defence Cooperation Framework, a five-year plan for training and "
        "equipment. The United States has approved $100 million in security assistance to the Kenya Defence "
        "Forces, Holloway said.\n"
    ),
    "followup_kenya_us_return.txt": (
        " date 2024-08-16 US Deputy Defense Secretary Marcus Holloway returned to Nairobi on Thursday, August 15, "
        "and met Kenya's Defence Cabinet Secretary Aden Duale.\n\n"
        "Holloway said the training programme for Kenyan units was on track.\n"
    ),
}
TABLES = ("dim_event", "bridge_event_actor")


def snapshot(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        out = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
        for table, key in (
            ("fact_meeting", "meeting_id"),
            ("fact_agreement", "agreement_id"),
            ("fact_funding", "funding_id"),
        ):
            out[table] = con.execute(f"SELECT {key}, event_id FROM {table} ORDER BY ALL").fetchall()
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(incremental warehouse, scratch warehouse) over the same files."""
    base = tmp_path_factory.mktemp("events")
    raw = copy_samples(base / "raw")
    first, *rest = sorted(FOLLOW_UPS)
    (raw / first).write_text(FOLLOW_UPS[first], encoding="utf-8")
    assert materialize_all(raw, base / "incremental.duckdb").success
    for name in rest:
        (raw / name).write_text(FOLLOW_UPS[name], encoding="utf-8")
    second = materialize_all(raw, base / "incremental.duckdb")
    assert second.success
    [mat] = [m for m in second.asset_materializations_for_node("star_schema") if m.asset_key.path == ["dim_event"]]
    meta = {k: v.value for k, v in mat.metadata.items()}
    assert meta["fused"] is True and meta["fusion_seconds"] >= 0
    # The added article re-decided only the facts its events can reach, not the whole warehouse.
    assert 0 < meta["fusion_facts_refused"] < meta["fusion_facts"]
    scratch_raw = base / "scratch_raw"
    shutil.copytree(raw, scratch_raw)
    assert materialize_all(scratch_raw, base / "scratch.duckdb").success
    return base / "incremental.duckdb", base / "scratch.duckdb"


def test_adding_an_article_gives_the_events_of_a_scratch_run(built: tuple[Path, Path]) -> None:
    incremental, scratch = built
    assert snapshot(incremental) == snapshot(scratch)


def test_every_fact_has_an_event_and_every_event_a_report(built: tuple[Path, Path]) -> None:
    with duckdb.connect(str(built[0]), read_only=True) as con:
        for table in ("fact_meeting", "fact_agreement", "fact_funding"):
            missing = con.execute(
                f"SELECT count(*) FROM {table} t LEFT JOIN dim_event e USING (event_id) WHERE e.event_id IS NULL"
            ).fetchone()[0]
            assert missing == 0, table
        assert con.execute("SELECT min(report_count), min(fact_count) FROM dim_event").fetchone() >= (1, 1)
        codes = con.execute("SELECT DISTINCT plover_type, plover_mode, cameo_code FROM dim_event").fetchall()
        assert all(t in PLOVER_TYPES and (m is None or m in PLOVER_MODES) and c in CAMEO_CODES for t, m, c in codes)


def test_two_reports_of_the_talks_are_one_event_the_return_visit_another(built: tuple[Path, Path]) -> None:
    with duckdb.connect(str(built[0]), read_only=True) as con:
        rows = con.execute(
            """SELECT e.event_id, e.event_date, e.report_count, list(DISTINCT m.article_id ORDER BY m.article_id)
               FROM dim_event e JOIN fact_meeting m USING (event_id)
               WHERE e.event_kind = 'meeting' AND e.event_id IN (
                   SELECT event_id FROM fact_meeting WHERE article_id LIKE 'followup_%')
               GROUP BY ALL ORDER BY e.event_date"""
        ).fetchall()
        assert len(rows) == 2, rows
        (_, june_date, june_reports, june_articles), (_, august_date, august_reports, _) = rows
        assert june_date.startswith("2024-06") and june_reports == 2
        assert set(june_articles) == {"followup_kenya_us_talks", "sample_01_kenya_us_defence"}
        assert august_date.startswith("2024-08") and august_reports == 1
        framework = con.execute(
            """SELECT e.report_count FROM dim_event e JOIN fact_agreement g USING (event_id)
               WHERE g.article_id = 'followup_kenya_us_talks'"""
        ).fetchall()
        assert framework == [(2,)]
        money = con.execute(
            """SELECT e.report_count, e.cameo_code FROM dim_event e JOIN fact_funding f USING (event_id)
               WHERE f.article_id = 'followup_kenya_us_talks'"""
        ).fetchall()
        assert money == [(2, "072")]  # security assistance: military aid


def test_export_carries_event_ids(built: tuple[Path, Path]) -> None:
    with duckdb.connect(str(built[0]), read_only=True) as con:
        docs = article_documents(con)
    talks, sample = docs["followup_kenya_us_talks"], docs["sample_01_kenya_us_defence"]
    assert {m["event_id"] for m in talks["meetings"]} <= {m["event_id"] for m in sample["meetings"]}
    assert all(r["event_id"] for d in docs.values() for k in ("meetings", "agreements", "funding") for r in d[k])


def test_event_checks_catch_broken_rows(built: tuple[Path, Path], tmp_path: Path) -> None:
    from pipelines.store.events import EVENT_CHECKS
    from pipelines.store.integrity import bad_row_count

    broken = tmp_path / "broken.duckdb"
    shutil.copy(built[0], broken)
    with duckdb.connect(str(broken)) as con:
        assert all(bad_row_count(con, c) == 0 for c in EVENT_CHECKS)
        con.execute(
            "UPDATE fact_meeting SET event_id = 'ev_nowhere' "
            "WHERE meeting_id = (SELECT min(meeting_id) FROM fact_meeting)"
        )
        con.execute("UPDATE dim_event SET cameo_code = '999' WHERE event_kind = 'agreement'")
        failed = {c.name for c in EVENT_CHECKS if bad_row_count(con, c)}
    assert {"fact_meeting_has_event", "dim_event_has_reports", "dim_event_codes_in_codebook"} <= failed
