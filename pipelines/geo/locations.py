"""dim_location rows: each place the facts name, with the point the gazetteer
gives it in the light of the countries of the articles that name it."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.geo.gazetteer import locate

# The countries of each place's articles, most mentioned first: they settle "Georgia" or "Victoria".
HINTS_SQL = """
    SELECT u.location_id, d.country_code, count(*) AS mentions
    FROM (SELECT DISTINCT location_id, article_id FROM stg_location_use) u
    JOIN fact_actor_mention m USING (article_id)
    JOIN dim_actor d USING (actor_id)
    WHERE d.country_code IS NOT NULL
    GROUP BY ALL
    ORDER BY u.location_id, mentions DESC, d.country_code
"""


def location_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    hints: dict[str, list[str]] = {}
    for lid, code, _ in con.execute(HINTS_SQL).fetchall():
        hints.setdefault(lid, []).append(code)
    # A place keeps the spelling of its first use, in article order.
    places = con.execute(
        """SELECT location_id, first(name ORDER BY article_id, seq), first(country_code ORDER BY article_id, seq)
           FROM stg_location_use GROUP BY location_id ORDER BY location_id"""
    ).fetchall()
    rows = []
    for lid, name, code in places:
        point = locate(name, hints.get(lid, []))
        rows.append(
            {
                "location_id": lid,
                "name": name,
                "country_code": (point.country_code if point else None) or code,
                "latitude": point.latitude if point else None,
                "longitude": point.longitude if point else None,
                "geonames_id": point.geonames_id if point else None,
                "feature": point.feature if point else None,
            }
        )
    return rows
