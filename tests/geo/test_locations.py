"""dim_location rows: the article's countries settle an ambiguous name, and
the asset check rejects a point off the globe or an unknown feature."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.geo.locations import location_rows
from pipelines.settings import SQL_DIR
from pipelines.store.database import insert_rows
from pipelines.store.integrity import SQL_CHECKS, bad_row_count

CHECK = next(c for c in SQL_CHECKS if c.name == "dim_location_coordinates_valid")


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    return con


def _article(con: duckdb.DuckDBPyConnection, article: str, place: str, code: str | None, countries: list[str]) -> None:
    insert_rows(
        con,
        "stg_location_use",
        [{"article_id": article, "seq": 0, "location_id": f"loc_{article}", "name": place, "country_code": code}],
    )
    for i, c in enumerate(countries):
        con.execute("INSERT INTO dim_actor VALUES (?, ?, 'country', ?, NULL, 1) ON CONFLICT DO NOTHING", [c, c, c])
        for k in range(len(countries) - i):  # the first country is the most mentioned
            insert_rows(
                con,
                "fact_actor_mention",
                [
                    {"mention_id": f"{article}#{c}{k}", "article_id": article, "actor_id": c, "mention_text": c}
                    | {"char_start": k, "char_end": k + 1}
                ],
            )


def test_the_articles_countries_decide(con: duckdb.DuckDBPyConnection) -> None:
    _article(con, "a1", "Georgia", "GE", ["US", "KE"])  # an American state
    _article(con, "a2", "Georgia", "GE", ["GE", "US"])  # the country
    _article(con, "a3", "Bogota", None, ["CO"])  # a country the extraction did not know
    _article(con, "a4", "Signing Ceremony", None, ["US"])  # no place at all
    rows = {r["location_id"]: r for r in location_rows(con)}
    assert (rows["loc_a1"]["country_code"], rows["loc_a1"]["feature"]) == ("US", "region")
    assert (rows["loc_a2"]["country_code"], rows["loc_a2"]["feature"]) == ("GE", "country")
    assert (rows["loc_a3"]["country_code"], rows["loc_a3"]["feature"]) == ("CO", "city")
    assert rows["loc_a3"]["geonames_id"] and rows["loc_a3"]["latitude"] == pytest.approx(4.61, abs=0.1)
    assert rows["loc_a4"]["latitude"] is None and rows["loc_a4"]["feature"] is None
    insert_rows(con, "dim_location", list(rows.values()))
    assert bad_row_count(con, CHECK) == 0


@pytest.mark.parametrize(
    ("lat", "lon", "feature"),
    [(91.0, 10.0, "city"), (10.0, -181.0, "city"), (10.0, 10.0, "village"), (10.0, None, "city"), (None, None, "city")],
)
def test_check_rejects_bad_points(con: duckdb.DuckDBPyConnection, lat: float, lon: float, feature: str) -> None:
    insert_rows(
        con,
        "dim_location",
        [
            {"location_id": "x", "name": "X", "country_code": None, "latitude": lat, "longitude": lon}
            | {"geonames_id": None, "feature": feature}
        ],
    )
    assert bad_row_count(con, CHECK) == 1
