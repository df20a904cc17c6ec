"""dim_actor_role and v_office_holders after real pipeline runs on a few
invented articles: one person in two offices at different dates, a successor
in the first office, and an article removed between runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.conftest import materialize_all

ARTICLES = {
    "interior_2022.txt": " date 2022-03-10 Interior CS Amani Korir met police commanders in Eldoret on Monday "
    "to review security along the highway.\n",
    "interior_2023.txt": " date 2023-02-14 Kenya's Interior Cabinet Secretary Amani Korir said on Sunday that "
    "the curfew in the valley would be lifted next week.\n",
    "energy_2024.txt": " date 2024-07-01 Energy Cabinet Secretary Amani Korir opened a solar plant in Garissa "
    "on Friday. Interior Cabinet Secretary Wanjiru Kamau said police would guard the site.\n",
}
D = dt.date


def roles(warehouse: Path) -> dict[tuple[str, str], tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""
            SELECT a.canonical_name, r.title, r.country_code, r.first_seen, r.last_seen, r.article_count
            FROM dim_actor_role r JOIN dim_actor a USING (actor_id)""").fetchall()
    return {(name, title): tuple(rest) for name, title, *rest in rows}


def holders(warehouse: Path, office: str, country: str, on: dt.date) -> list[tuple[str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("SET VARIABLE office = ?", [office])
        con.execute("SET VARIABLE country = ?", [country])
        con.execute("SET VARIABLE on_date = ?", [on])
        return con.execute("SELECT holder, basis FROM v_office_holders ORDER BY holder").fetchall()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("roles")
    raw = base / "raw"
    raw.mkdir()
    for name, text in ARTICLES.items():
        (raw / name).write_text(text, encoding="utf-8")
    warehouse = base / "w.duckdb"
    result = materialize_all(raw, warehouse)
    assert result.success
    failed = [e.check_name for e in result.get_asset_check_evaluations() if not e.passed]
    assert not any(name.startswith("dim_actor_role") for name in failed), failed
    return raw, warehouse


def test_one_person_two_offices_with_their_dates(run: tuple[Path, Path]) -> None:
    _, warehouse = run
    found = roles(warehouse)
    # "Interior CS" and "Interior Cabinet Secretary" are one office, seen in two articles a year apart.
    assert found[("Amani Korir", "Interior Cabinet Secretary")] == ("KE", D(2022, 3, 10), D(2023, 2, 14), 2)
    assert found[("Amani Korir", "Energy Cabinet Secretary")] == ("KE", D(2024, 7, 1), D(2024, 7, 1), 1)
    assert found[("Wanjiru Kamau", "Interior Cabinet Secretary")] == ("KE", D(2024, 7, 1), D(2024, 7, 1), 1)
    assert len(found) == 3


def test_who_held_the_office_on_a_date(run: tuple[Path, Path]) -> None:
    _, warehouse = run
    office = "Interior Cabinet Secretary"
    assert holders(warehouse, office, "KE", D(2022, 12, 1)) == [("Amani Korir", "in office")]
    # Between the last article naming Korir and the first naming Kamau: the last holder seen, so marked.
    assert holders(warehouse, office, "KE", D(2023, 9, 1)) == [("Amani Korir", "last seen before")]
    assert holders(warehouse, office, "KE", D(2024, 7, 1)) == [("Wanjiru Kamau", "in office")]
    assert holders(warehouse, office, "KE", D(2021, 1, 1)) == []  # before anyone was named so
    assert holders(warehouse, office, "UG", D(2022, 12, 1)) == []  # another country's office
    assert holders(warehouse, "cabinet_secretary energy", "KE", D(2024, 8, 1)) == [("Amani Korir", "last seen before")]


def test_removing_an_article_shrinks_the_span(run: tuple[Path, Path]) -> None:
    raw, warehouse = run
    (raw / "interior_2023.txt").unlink()
    assert materialize_all(raw, warehouse, mirror=True).success  # mirrored: the file leaving removes its article
    found = roles(warehouse)
    assert found[("Amani Korir", "Interior Cabinet Secretary")] == ("KE", D(2022, 3, 10), D(2022, 3, 10), 1)
    assert found[("Amani Korir", "Energy Cabinet Secretary")] == ("KE", D(2024, 7, 1), D(2024, 7, 1), 1)


def test_a_bare_envoy_title_joins_the_one_posting_named() -> None:
    from pipelines.nlp.offices import read_office
    from pipelines.store.roles import _with_postings

    day = D(2024, 1, 1)
    read = [
        ("p1", t, "a1", day, read_office(t))
        for t in ("U.S. Ambassador to Somalia", "Ambassador", "U.S. Ambassador", "Ambassador to Kenya")
    ]
    read.append(("p2", "Ambassador", "a2", day, read_office("Ambassador")))  # another person: left alone
    out = [(actor, office.title) for actor, _, _, _, office in _with_postings(read)]  # type: ignore[arg-type]
    # p1 is named envoy to two places, so a bare title could be either: it stays bare.
    assert out == [
        ("p1", "Ambassador to Somalia"),
        ("p1", "Ambassador"),
        ("p1", "Ambassador"),
        ("p1", "Ambassador to Kenya"),
        ("p2", "Ambassador"),
    ]
    single = [r for r in read if r[1] != "Ambassador to Kenya"]
    assert [o.title for *_, o in _with_postings(single)][:3] == ["Ambassador to Somalia"] * 3  # type: ignore[arg-type]
