"""Pictures for the asset metadata: who met whom as a network, and who funds
whom as bars. Plain matplotlib (Agg, no screen), PNG bytes out."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first


def _png(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def actor_network_png(pairs: Sequence[tuple], max_actors: int = 24) -> bytes:
    """Actors on a circle, a line per pair that met, thicker for more meetings.
    A pair is (actor_a, actor_b, meetings[, reports]): meetings are events,
    counted once however many articles report them; reports go in the title."""
    weight: dict[str, int] = {}
    for a, b, n, *_ in pairs:
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    actors = sorted(weight, key=lambda k: (-weight[k], k))[:max_actors]
    index = {name: i for i, name in enumerate(actors)}
    fig, ax = plt.subplots(figsize=(8, 8))
    ax.set_axis_off()
    reports = sum(p[3] for p in pairs if len(p) > 3)
    events = sum(p[2] for p in pairs)
    ax.set_title(
        f"Who met whom (top actors by meetings: {events} meeting pairs from {reports} reports)"
        if reports
        else "Who met whom (top actors by meetings)"
    )
    if not actors:
        ax.text(0.5, 0.5, "no meetings yet", ha="center", va="center")
        return _png(fig)
    pos = {
        name: (math.cos(2 * math.pi * i / len(actors)), math.sin(2 * math.pi * i / len(actors)))
        for name, i in index.items()
    }
    for a, b, n, *_ in pairs:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            ax.plot([x1, x2], [y1, y2], color="#4a6fa5", alpha=0.6, linewidth=0.8 + 1.2 * n)
    for name, (x, y) in pos.items():
        ax.scatter([x], [y], s=60 + 40 * weight[name], color="#d1495b", zorder=3)
        ax.text(x * 1.12, y * 1.12, name, ha="left" if x >= 0 else "right", va="center", fontsize=8)
    ax.set_xlim(-1.8, 1.8)
    ax.set_ylim(-1.4, 1.4)
    return _png(fig)


def funding_flows_png(flows: Sequence[tuple], max_rows: int = 15) -> bytes:
    """One bar per funder -> recipient pair: its number of flows, labelled with their
    total in US dollars, the pairs ranked by that total. A row is (funder, recipient,
    'USD', total_usd, flows[, reports]): flows are events, counted and summed once
    however many articles report them."""
    rows = sorted(flows, key=lambda r: (-r[3], -r[4]))[:max_rows]
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(rows), 2) + 1))
    ax.set_title("Funding flows: funder -> recipient")
    if not rows:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no funding yet", ha="center", va="center")
        return _png(fig)
    labels = [f"{f or '?'} -> {r or '?'}" for f, r, *_ in rows]
    counts = [row[4] for row in rows]
    ax.barh(range(len(rows)), counts, color="#00798c")
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("flows (events)")
    ax.set_xlim(0, max(counts) * 1.45)  # room for the totals written after each bar
    ax.xaxis.get_major_locator().set_params(integer=True)
    for i, (_, _, currency, total, n, *reports) in enumerate(rows):
        told = f" ({reports[0]} reports)" if reports and reports[0] != n else ""
        ax.text(n, i, f"  {currency} {total:,.0f}{told}", va="center", fontsize=7)
    return _png(fig)
