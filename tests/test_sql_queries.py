"""The analyst's starting queries in sql/queries/, run on the sample warehouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.settings import SQL_DIR
from tests.conftest import copy_samples, materialize_all


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    base = tmp_path_factory.mktemp("queries")
    raw = copy_samples(base / "raw")
    assert materialize_all(raw, base / "w.duckdb").success
    connection = duckdb.connect(str(base / "w.duckdb"), read_only=True)
    yield connection
    connection.close()


def run(con: duckdb.DuckDBPyConnection, name: str) -> tuple[list[str], list[tuple]]:
    cur = con.execute((SQL_DIR / "queries" / name).read_text())
    return [d[0] for d in cur.description], cur.fetchall()


def test_every_query_file_is_covered() -> None:
    names = {p.name for p in (SQL_DIR / "queries").glob("*.sql")}
    assert names == {
        "who_met_whom_most.sql",
        "funding_by_funder_and_year.sql",
        "funding_usd_by_funder_and_year.sql",
        "agreements_in_force_on_date.sql",
        "actor_timeline.sql",
        "office_holders_on_date.sql",
        "meetings_between_countries.sql",
    }


def test_who_met_whom_most(con: duckdb.DuckDBPyConnection) -> None:
    columns, rows = run(con, "who_met_whom_most.sql")
    assert columns[:3] == ["actor_a", "actor_b", "meetings"]
    assert rows, "the sample has meetings"
    counts = [r[2] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(r[0] != r[1] for r in rows)


def test_funding_by_funder_and_year_keeps_currencies_apart(con: duckdb.DuckDBPyConnection) -> None:
    columns, rows = run(con, "funding_by_funder_and_year.sql")
    assert columns[:5] == ["funder", "year", "currency", "flows", "total_amount"]
    assert len({r[2] for r in rows}) >= 3  # the sample pays in several currencies
    events = con.execute("SELECT count(DISTINCT event_id) FROM fact_funding").fetchone()[0]
    assert sum(r[3] for r in rows) == events  # a flow reported twice is one flow
    assert sum(r[6] for r in rows) >= events
    assert all(r[4] > 0 for r in rows)


def test_funding_in_us_dollars_adds_currencies_up(con: duckdb.DuckDBPyConnection) -> None:
    columns, rows = run(con, "funding_usd_by_funder_and_year.sql")
    assert columns[:5] == ["funder", "year", "flows", "total_usd", "flows_without_rate"]
    events = con.execute("SELECT count(*) FROM dim_event WHERE event_kind = 'funding'").fetchone()[0]
    assert sum(r[2] for r in rows) == events  # a flow is an event, counted once
    assert any("," in r[5] for r in rows) or len({r[5] for r in rows}) >= 3  # currencies summed in dollars
    totals = [r[3] for r in rows if r[3] is not None]
    assert totals == sorted(totals, reverse=True) and all(t > 0 for t in totals)
    usd = con.execute(
        """SELECT sum(amount) FROM (SELECT arg_min(amount, article_id) AS amount, arg_min(currency, article_id) AS cur
           FROM fact_funding GROUP BY event_id) WHERE cur = 'USD'"""
    ).fetchone()[0]
    assert sum(totals) > usd  # the other currencies' flows count too


def test_meetings_between_countries_count_events(con: duckdb.DuckDBPyConnection) -> None:
    pair = con.execute(
        """SELECT a.country_code, b.country_code FROM bridge_event_actor x
           JOIN bridge_event_actor y ON y.event_id = x.event_id AND y.role = 'participant'
           JOIN dim_actor a ON a.actor_id = x.actor_id JOIN dim_actor b ON b.actor_id = y.actor_id
           JOIN dim_event e ON e.event_id = x.event_id
           WHERE x.role = 'participant' AND a.country_code < b.country_code AND e.status = 'occurred'
           GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1"""
    ).fetchone()
    assert pair, "the sample has meetings between two countries"
    con.execute("SET VARIABLE country_a = ?", [pair[0]])
    con.execute("SET VARIABLE country_b = ?", [pair[1]])
    columns, rows = run(con, "meetings_between_countries.sql")
    assert columns[:3] == ["year", "meetings", "reports"]
    assert rows and all(r[1] >= 1 and r[2] >= r[1] for r in rows)


def test_agreements_in_force_on_a_date(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET VARIABLE as_of = DATE '2025-06-30'")
    _, rows = run(con, "agreements_in_force_on_date.sql")
    assert rows
    for name, status, _, from_year, to_year, parties, _ in rows:
        assert status in {"signed", "in_force"}
        assert from_year <= 2025 <= (to_year or from_year), name
        assert parties
    con.execute("SET VARIABLE as_of = DATE '1990-01-01'")
    assert run(con, "agreements_in_force_on_date.sql")[1] == []


def test_actor_timeline_is_ordered_and_about_the_actor(con: duckdb.DuckDBPyConnection) -> None:
    name = con.execute("""
        SELECT a.canonical_name FROM bridge_meeting_participant p JOIN dim_actor a USING (actor_id)
        WHERE a.actor_type = 'person' GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1""").fetchone()[0]
    con.execute("SET VARIABLE actor = ?", [name])
    _, rows = run(con, "actor_timeline.sql")
    assert rows
    dates = [r[0] for r in rows if r[0] is not None]
    assert dates == sorted(dates) and all(isinstance(d, dt.date) for d in dates)
    surname = name.split()[-1]
    assert any(surname in r[6] for r in rows)  # the evidence quotes the actor
    assert {r[2] for r in rows} <= {"meeting", "agreement", "funding given", "funding received"}


def test_office_holders_on_date(con: duckdb.DuckDBPyConnection) -> None:
    """The samples name Duale Kenya's Defence CS in 2023 and 2024 and Tuya in late 2024."""
    con.execute("SET VARIABLE office = 'Defence Cabinet Secretary'")
    con.execute("SET VARIABLE country = 'KE'")
    asked = {}
    for day in ("2024-01-15", "2024-08-01", "2024-11-27", "2020-01-01"):
        con.execute("SET VARIABLE on_date = ?", [dt.date.fromisoformat(day)])
        columns, rows = run(con, "office_holders_on_date.sql")
        asked[day] = [(r[0], r[6]) for r in rows]
    assert columns == ["holder", "title", "office_of", "first_seen", "last_seen", "article_count", "basis"]
    assert asked["2024-01-15"] == [("Aden Duale", "in office")]
    assert asked["2024-08-01"] == [("Aden Duale", "last seen before")]
    assert asked["2024-11-27"] == [("Soipan Tuya", "in office")]
    assert asked["2020-01-01"] == []
    for name in ("office", "country", "on_date"):
        con.execute(f"RESET VARIABLE {name}")
    # Unset, the view answers for every office today: each office's row(s), the same person never twice.
    _, everyone = run(con, "office_holders_on_date.sql")
    assert ("Aden Duale", "Environment Cabinet Secretary") in {(r[0], r[1]) for r in everyone}
    assert len({(r[0], r[1], r[2]) for r in everyone}) == len(everyone)


def test_each_sql_file_says_what_it_is_for() -> None:
    for path in sorted(SQL_DIR.rglob("*.sql")):
        assert Path(path).read_text().lstrip().startswith("--"), path
