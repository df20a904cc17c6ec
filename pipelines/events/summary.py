"""One event's row from its reports: the most precise date, the best-supported
status (held beats planned), how many articles told it and when."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pipelines.events.candidates import EventFact, date_interval
from pipelines.events.codes import event_codes

PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
# How far along each status is: the event's status is the furthest any report supports.
STATUS_RANK = {
    "meeting": {"planned": 0, "occurred": 1},
    "agreement": {"planned": 0, "negotiating": 1, "signed": 2, "in_force": 3},
    "funding": {"requested": 0, "pledged": 1, "approved": 2, "disbursed": 3},
}
PLANNED = {"meeting": {"planned"}, "agreement": {"planned", "negotiating"}, "funding": {"requested", "pledged"}}


def _most_common(values: list[Any]) -> Any:
    """The value most reports give; on a tie the one reported first (values come in report order)."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in values if v is not None and counts[v] == best)


def event_date(members: Sequence[EventFact]) -> tuple[str | None, str | None]:
    """The earliest report's date, sharpened by any later report whose more
    precise date lies inside it ("September 2023", then "25 September 2023").
    Later reports of an agreement or a grant often date a later step (entry
    into force, launch): they do not move the event."""
    dated = [m for m in members if date_interval(m.date, m.date_precision)]
    if not dated:
        return None, None
    base = dated[0]
    best = (base.date, base.date_precision)
    outer = date_interval(base.date, base.date_precision)
    for m in dated[1:]:
        inner = date_interval(m.date, m.date_precision)
        inside = outer and inner and outer[0] <= inner[0] and inner[1] <= outer[1]
        if inside and PRECISION_RANK[m.date_precision] > PRECISION_RANK[best[1]]:
            best = (m.date, m.date_precision)
    return best


def event_row(event_id: str, members: Sequence[EventFact], country_of_side: dict[str, str]) -> dict[str, Any]:
    members = sorted(members, key=lambda f: f.order_key)
    kind = members[0].kind
    date, precision = event_date(members)
    interval = date_interval(date, precision)
    ranks = STATUS_RANK[kind]
    status = max((m.status for m in members), key=lambda s: (ranks.get(s, -1), s))
    codes = event_codes(kind, status, members, country_of_side)
    return {
        "event_id": event_id,
        "event_kind": kind,
        "label": _most_common([m.label for m in members]) or kind,
        "event_date": date,
        "date_precision": precision,
        "date_start": interval[0] if interval else None,
        "location_id": _most_common([m.location_id for m in members]),
        "status": status,
        "planned_first_reported": members[0].status in PLANNED[kind] and status not in PLANNED[kind],
        "report_count": len({m.article_id for m in members}),
        "fact_count": len(members),
        "first_reported": members[0].published,
        "last_reported": max(m.published for m in members),
        "plover_type": codes.plover_type,
        "plover_mode": codes.plover_mode,
        "cameo_code": codes.cameo_code,
    }


ROLES = {"meeting": "participant", "agreement": "party"}


def event_actor_rows(event_id: str, members: Sequence[EventFact]) -> list[dict[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for m in members:
        if m.kind == "funding":
            pairs.update((a, role) for a, role in ((m.funder, "funder"), (m.recipient, "recipient")) if a)
        else:
            pairs.update((a, ROLES[m.kind]) for a in m.actors)
    return [{"event_id": event_id, "actor_id": a, "role": r} for a, r in sorted(pairs)]
