"""What the meetings map draws, read from the warehouse (no matplotlib here,
so the report asset can tell whether the picture changed before drawing it)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import duckdb

from pipelines.geo.gazetteer import locate
from pipelines.nlp.places import country_name

Place = tuple[str, float, float, int]  # name, latitude, longitude, meetings
Link = tuple[float, float, float, float, int]  # from (lat, lon) to (lat, lon), meetings

# Meetings are events: one meeting reported by five articles is one dot's worth, not five.
PLACES_SQL = """
    SELECT l.name, l.latitude, l.longitude, count(DISTINCT m.event_id) AS meetings
    FROM fact_meeting m JOIN dim_location l USING (location_id)
    WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    GROUP BY ALL ORDER BY meetings DESC, l.name
"""
# Meetings with no place on the map: the countries of their sides.
SIDES_SQL = """
    SELECT m.event_id, list(DISTINCT a.country_code ORDER BY a.country_code)
    FROM fact_meeting m
    LEFT JOIN dim_location l USING (location_id)
    JOIN bridge_meeting_participant b USING (meeting_id)
    JOIN dim_actor a USING (actor_id)
    WHERE l.latitude IS NULL AND a.country_code IS NOT NULL
    GROUP BY ALL ORDER BY m.event_id
"""


def meeting_places(con: duckdb.DuckDBPyConnection) -> list[Place]:
    return [(name, lat, lon, n) for name, lat, lon, n in con.execute(PLACES_SQL).fetchall()]


def meeting_sides(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """Each two countries that met where no place is known, with how often."""
    pairs: Counter[tuple[str, str]] = Counter()
    for _, codes in con.execute(SIDES_SQL).fetchall():
        pairs.update(combinations(codes, 2))
    return [(a, b, n) for (a, b), n in sorted(pairs.items())]


def capital_links(sides: list[tuple[str, str, int]]) -> list[Link]:
    """A line between the two countries' capitals (loads the gazetteer: call it only to draw)."""
    links = []
    for a, b, n in sides:
        one, two = locate(country_name(a), [a]), locate(country_name(b), [b])
        if one and two:
            links.append((one.latitude, one.longitude, two.latitude, two.longitude, n))
    return links
