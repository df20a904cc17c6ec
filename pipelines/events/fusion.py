"""From facts to events: blocking, clustering, stable ids, and an incremental
entry point that gives the very result of fusion from scratch.

Blocking: a fact is filed under a few keys (its kind; a pair of sides, an
agreement's name or a sum; the months or years its date can mean); a fact is
only compared with facts under the keys its own date window reaches. Two facts the rules call one event
always share a key, so blocking never loses a pair, and no step looks at all
pairs of facts.

Clustering: connected components of the graph of compatible pairs; inside a
component, pairs are merged strongest first and a merge is refused when two
facts on either side are not compatible (no chain of near-misses makes one
event of a meeting and its follow-up a month later). Both steps read only the
facts of one component, which is what makes the incremental path exact."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pipelines.events.candidates import EventFact, date_interval
from pipelines.events.rules import (
    LIFECYCLE_WINDOW,
    MEETING_DAY_SLACK,
    name_affinity,
    name_keys,
    not_apart,
    report_window,
    same_event,
)

Key = tuple[Hashable, ...]
SUM_STEP = math.log(1.05)  # amounts are filed in 5 % steps ...
SUM_REACH = 3  # ... and compared with the three steps either side (covers the 10 % tolerance)


def _span(f: EventFact) -> tuple[dt.date, dt.date]:
    """The days a fact's date can mean; undated, the days before its report."""
    return date_interval(f.date, f.date_precision) or report_window(f)


def _months(start: dt.date, end: dt.date) -> Iterator[int]:
    return iter(range(start.year * 12 + start.month, end.year * 12 + end.month + 1))


def _years(start: dt.date, end: dt.date) -> Iterator[int]:
    return iter(range(start.year, end.year + 1))


def _sum_steps(f: EventFact) -> list[tuple[str, int]]:
    steps = []
    if f.amount and f.amount > 0:
        steps.append((f.currency or "?", round(math.log(f.amount) / SUM_STEP)))
    if f.amount_usd and f.amount_usd > 0:
        steps.append(("USD~", round(math.log(f.amount_usd) / SUM_STEP)))
    return steps


def _money_parties(f: EventFact) -> list[tuple[str, str]]:
    """Two facts of one flow share the recipient's side, or (one recipient
    unknown) the very same donor: file under both."""
    keys = [("to", f.recipient_side)] if f.recipient_side else []
    return keys + ([("from", f.funder)] if f.funder else [])


def _lifecycle_span(f: EventFact) -> tuple[dt.date, dt.date]:
    # Named agreements and sums compare dates (or report days) over a long window.
    span = date_interval(f.date, f.date_precision) or (f.published, f.published)
    around = report_window(f)
    return min(span[0], around[0]), max(span[1], around[1])


def _side_groups(f: EventFact) -> list[tuple[str, ...]]:
    """Meetings are one event only with the same sides (or two of them in
    common): file under each pair of sides, or the one side of a one-sided fact."""
    sides = sorted(f.sides)
    return [tuple(sides)] if len(sides) == 1 else [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]]


def _same_day_keys(f: EventFact) -> list[Key]:
    # Guessed or missing sides are forgiven on the very same day only: file every dated day under each side.
    return [("md", side, f.date) for side in f.sides] if f.date_precision == "day" else []


def index_keys(f: EventFact) -> list[Key]:
    """The keys a fact is filed under."""
    if f.kind == "meeting":
        start, end = _span(f)
        return [("m", g, m) for g in _side_groups(f) for m in _months(start, end)] + _same_day_keys(f)
    if f.kind == "agreement":
        return _agreement_keys(f)
    start, end = _lifecycle_span(f)
    return [
        ("f", who, cur, step, y) for who in _money_parties(f) for cur, step in _sum_steps(f) for y in _years(start, end)
    ]


def _agreement_keys(f: EventFact, probe: bool = False) -> list[Key]:
    """By name with a side (names identify an agreement over its life), and
    by parties and month (a description or a short name matches by parties
    and date; a report may miss a party). A fact with one side meets the facts
    with more that hold it: those file under each side ("multi"), and the
    one-sided look there; the one-sided file under "one", where the others look."""
    start, end = _span(f)
    named = [("an", side, key) for side in f.sides for key in name_keys(f.name or "")]
    months = list(_months(start, end))
    dated = [("ad", g, m) for g in _side_groups(f) for m in months]
    one_sided = len(f.sides) == 1
    tag = ("multi" if one_sided else "one") if probe else ("one" if one_sided else "multi")
    return named + dated + [("a" + tag, side, m) for side in f.sides for m in months]


def probe_keys(f: EventFact) -> list[Key]:
    """The keys under which a fact looks for partners: its own, widened by the
    rules' slack (widened alike on both sides, so that partners are symmetric)."""
    if f.kind == "meeting":
        start, end = _span(f)
        months = list(_months(start - MEETING_DAY_SLACK, end + MEETING_DAY_SLACK))
        return [("m", g, m) for g in _side_groups(f) for m in months] + _same_day_keys(f)
    if f.kind == "agreement":
        return _agreement_keys(f, probe=True)
    start, end = _lifecycle_span(f)
    years = list(_years(start - LIFECYCLE_WINDOW, end + LIFECYCLE_WINDOW))
    return [
        ("f", who, cur, step + d, y)
        for who in _money_parties(f)
        for cur, step in _sum_steps(f)
        for d in range(-SUM_REACH, SUM_REACH + 1)
        for y in years
    ]


class BlockIndex:
    """Facts filed by key; `partners` returns the facts the rules call one event with a given fact."""

    def __init__(self, facts: Iterable[EventFact] = ()) -> None:
        self.facts: dict[str, EventFact] = {}
        self._by_key: dict[Key, set[str]] = defaultdict(set)
        self.comparisons = 0
        for f in facts:
            self.add(f)

    def add(self, f: EventFact) -> None:
        self.facts[f.fact_id] = f
        for key in index_keys(f):
            self._by_key[key].add(f.fact_id)

    def candidates(self, f: EventFact) -> set[str]:
        """Every fact filed under a key `f` probes: a superset of its partners (tested against all pairs)."""
        seen: set[str] = set()
        for key in probe_keys(f):
            seen.update(self._by_key.get(key, ()))
        seen.discard(f.fact_id)
        return seen

    def partners(self, f: EventFact) -> set[str]:
        seen = self.candidates(f)
        self.comparisons += len(seen)
        return {g for g in seen if same_event(f, self.facts[g])}

    def all_edges(self) -> dict[str, set[str]]:
        """Every fact's partners, each pair decided once (the rules are symmetric, and each
        fact's candidates hold all its partners, so the pair is met from its smaller id)."""
        edges: dict[str, set[str]] = {fid: set() for fid in self.facts}
        for fid, f in self.facts.items():
            later = [g for g in self.candidates(f) if g > fid]
            self.comparisons += len(later)
            for g in later:
                if same_event(f, self.facts[g]):
                    edges[fid].add(g)
                    edges[g].add(fid)
        return edges


@dataclass
class Assignment:
    """Which event each fact belongs to, and which component (of the compatible
    pair graph) it sits in: the incremental path re-fuses whole components."""

    event_of: dict[str, str] = field(default_factory=dict)
    component_of: dict[str, str] = field(default_factory=dict)

    def events(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for fact_id, event_id in sorted(self.event_of.items()):
            out[event_id].append(fact_id)
        return dict(out)


def singleton_event_id(fact_id: str) -> str:
    """The id of the event a fact makes alone; a fused event keeps the id of its earliest report."""
    return "ev_" + hashlib.sha1(fact_id.encode()).hexdigest()[:16]


def event_id_for(members: Iterable[EventFact]) -> str:
    """Named after its earliest report (then the smallest fact id): the same members give the same id on every run."""
    return singleton_event_id(min(members, key=lambda f: f.order_key).fact_id)


def _affinity(a: EventFact, b: EventFact) -> int:
    """How much two compatible facts agree beyond the rules: stronger pairs merge first."""
    score = (a.date is not None and a.date == b.date) + (a.sides == b.sides)
    score += a.location_id is not None and a.location_id == b.location_id
    score += name_affinity(a, b)
    score += a.amount is not None and a.amount == b.amount and a.currency == b.currency
    score += a.funder is not None and a.funder == b.funder
    return int(score)


def cluster_component(facts: list[EventFact], edges: set[tuple[str, str]]) -> list[list[EventFact]]:
    """Split one component into events: merge the strongest pairs first, and
    never merge two groups holding a pair the rules keep apart (a pair they
    leave open, `not_apart`, does not block a merge)."""
    by_id = {f.fact_id: f for f in facts}
    group = {f.fact_id: {f.fact_id} for f in facts}
    ordered = sorted(
        edges,
        key=lambda e: (-_affinity(by_id[e[0]], by_id[e[1]]), by_id[e[0]].order_key, by_id[e[1]].order_key),
    )

    def linked(x: str, y: str) -> bool:
        return (x, y) in edges or (y, x) in edges or not_apart(by_id[x], by_id[y])

    for a, b in ordered:
        ga, gb = group[a], group[b]
        if ga is gb:
            continue
        if all(linked(x, y) for x in ga for y in gb):
            merged = ga | gb
            for x in merged:
                group[x] = merged
    unique = {id(g): g for g in group.values()}
    return [sorted((by_id[x] for x in g), key=lambda f: f.order_key) for g in unique.values()]


def _assign_components(region: Mapping[str, EventFact], edges: Mapping[str, set[str]], out: Assignment) -> None:
    """Connected components of `region` over `edges`, each clustered and named into `out`."""
    seen: set[str] = set()
    for start in sorted(region, key=lambda x: region[x].order_key):
        if start in seen:
            continue
        stack, members = [start], []
        seen.add(start)
        while stack:
            x = stack.pop()
            members.append(region[x])
            for y in edges.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        component = "cc_" + event_id_for(members)[3:]
        pairs = {(x, y) for x in (m.fact_id for m in members) for y in edges.get(x, ()) if x < y}
        for event in cluster_component(members, pairs):
            eid = event_id_for(event)
            for f in event:
                out.event_of[f.fact_id] = eid
                out.component_of[f.fact_id] = component


def fuse(facts: Iterable[EventFact]) -> Assignment:
    """Fusion from scratch."""
    index = BlockIndex(facts)
    edges = index.all_edges()
    out = Assignment()
    _assign_components(index.facts, edges, out)
    return out


def refuse(
    previous: Assignment,
    facts: Mapping[str, EventFact] | BlockIndex,
    changed: Iterable[str],
    removed: Iterable[str],
) -> tuple[Assignment, set[str]]:
    """Fusion after some facts were added or changed (`changed`) or removed
    (`removed`), given every current fact and the previous assignment. Only
    the components those facts touch are recomputed; the result equals
    `fuse(facts)`. Returns the new assignment and the facts re-decided."""
    index = facts if isinstance(facts, BlockIndex) else BlockIndex(facts.values())
    changed, removed = set(changed), set(removed)
    touched_components = {previous.component_of[f] for f in changed | removed if f in previous.component_of}
    seeds = {f for f in changed if f in index.facts}
    seeds |= {f for f, c in previous.component_of.items() if c in touched_components and f in index.facts}
    # Walk the new graph from the seeds: everything reached is re-decided.
    edges: dict[str, set[str]] = {}
    stack = sorted(seeds)
    region: dict[str, EventFact] = {}
    while stack:
        x = stack.pop()
        if x in region:
            continue
        region[x] = index.facts[x]
        edges[x] = index.partners(index.facts[x])
        stack.extend(y for y in edges[x] if y not in region)
    out = Assignment(
        {f: e for f, e in previous.event_of.items() if f not in region and f not in removed and f in index.facts},
        {f: c for f, c in previous.component_of.items() if f not in region and f not in removed and f in index.facts},
    )
    _assign_components(region, edges, out)
    return out, set(region)
