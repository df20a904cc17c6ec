"""The warehouse side of event fusion: read the star schema's meetings,
agreements and funding as candidate facts, fuse them (pipelines/events),
and write dim_event, bridge_event_actor and event_id on every fact row.

Incremental: stg_event_fact keeps each fact's signature, event and
component from the last fusion; only facts whose signature changed (or that
appeared or went) re-open the components they touch. A change of the fusion
code (rules_digest) re-fuses everything."""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from pipelines.events import candidates, codes, fusion, rules, summary
from pipelines.events.candidates import EventFact, is_channel_name, looks_proper, precision_of, qualifier_direction
from pipelines.events.fusion import Assignment, fuse, refuse
from pipelines.store.database import insert_rows
from pipelines.store.integrity import SqlCheck

FACT_TABLES = {"meeting": ("fact_meeting", "meeting_id"), "agreement": ("fact_agreement", "agreement_id"),
               "funding": ("fact_funding", "funding_id")}  # fmt: skip


@lru_cache(maxsize=1)
def rules_digest() -> str:
    sources = (candidates, codes, fusion, rules, summary)
    return hashlib.md5(b"".join(Path(m.__file__).read_bytes() for m in sources if m.__file__)).hexdigest()


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchone()
    return bool(row and row[0])


class Sides:
    """A person or a national body stands for its country (the country actor's
    id, or 'country:XX' when no article names the country itself); anyone
    without a country stands for themselves."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.actors: dict[str, tuple[str, str, str | None]] = {}
        self.guessed: set[str] = set()  # actors whose country is the resolver's guess, not stated
        for aid, name, atype, cc, basis in con.execute(
            "SELECT actor_id, canonical_name, actor_type, country_code, country_basis FROM dim_actor"
        ).fetchall():
            self.actors[aid] = (name, atype, cc)
            if cc and atype != "country" and basis == "inferred":
                self.guessed.add(aid)
        country_actor: dict[str, str] = {}
        for aid, (_, atype, cc) in sorted(self.actors.items()):
            if atype == "country" and cc and cc not in country_actor:
                country_actor[cc] = aid
        self.country_actor = country_actor
        self.country_of_side = {aid: cc for cc, aid in country_actor.items()}

    def side(self, actor_id: str | None) -> str | None:
        if actor_id is None or actor_id not in self.actors:
            return actor_id
        _, atype, cc = self.actors[actor_id]
        if atype == "country" or not cc:
            return actor_id
        side = self.country_actor.get(cc)
        if side is None:
            side = f"country:{cc}"
            self.country_of_side[side] = cc
        return side

    def of(self, actors: list[str]) -> dict[str, Any]:
        """The sides fields of a fact with these actors."""
        sure = {self.side(a) for a in actors if a not in self.guessed}
        persons = [a for a in actors if a in self.actors and self.actors[a][1] == "person"]
        return {
            "sides": frozenset(s for s in map(self.side, actors) if s),
            "sure_sides": frozenset(s for s in sure if s),
            "guessed": sum(a in self.guessed for a in actors),
            "persons": frozenset(persons),
            "surnames": frozenset(self.actors[a][0].split()[-1].lower() for a in persons if self.actors[a][0].split()),
        }

    def name(self, actor_id: str | None) -> str:
        return self.actors[actor_id][0] if actor_id in self.actors else "?"


def read_facts(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, EventFact], dict[str, str]]:
    """Every meeting, agreement and funding row as a candidate fact, and the country each side stands for."""
    sides = Sides(con)
    facts: dict[str, EventFact] = {}
    for fid, art, pub, date, prec, lid, lcc, status, mkind, evidence, actors in con.execute(
        """SELECT m.meeting_id, m.article_id, d.published_date, m.meeting_date, m.date_precision, m.location_id,
                  l.country_code, m.status, m.kind, m.evidence,
                  list(p.actor_id ORDER BY p.actor_id) FILTER (WHERE p.actor_id IS NOT NULL)
           FROM fact_meeting m JOIN dim_article d USING (article_id)
           LEFT JOIN dim_location l USING (location_id)
           LEFT JOIN bridge_meeting_participant p USING (meeting_id)
           GROUP BY ALL"""
    ).fetchall():
        actors = actors or []
        names = sorted({sides.name(a) for a in actors})
        facts[fid] = EventFact(
            fact_id=fid, kind="meeting", article_id=art, published=pub, date=date,
            date_precision=prec or precision_of(date), location_id=lid, location_country=lcc, status=status,
            label=(" – ".join(names[:4]) + (" and others" if len(names) > 4 else "") + " meeting").strip(),
            actors=frozenset(actors), **sides.of(actors), meeting_kind=mkind, evidence=evidence,
        )  # fmt: skip
    for fid, art, pub, name, date, prec, lid, lcc, status, evidence, actors in con.execute(
        """SELECT g.agreement_id, g.article_id, d.published_date, g.name, g.date_signed, g.date_precision,
                  g.location_id, l.country_code, g.status, g.evidence,
                  list(p.actor_id ORDER BY p.actor_id) FILTER (WHERE p.actor_id IS NOT NULL)
           FROM fact_agreement g JOIN dim_article d USING (article_id)
           LEFT JOIN dim_location l USING (location_id)
           LEFT JOIN bridge_agreement_party p USING (agreement_id)
           GROUP BY ALL"""
    ).fetchall():
        actors = actors or []
        facts[fid] = EventFact(
            fact_id=fid, kind="agreement", article_id=art, published=pub, date=date,
            date_precision=prec or precision_of(date), location_id=lid, location_country=lcc, status=status,
            label=name, actors=frozenset(actors), **sides.of(actors),
            name=name, name_is_proper=looks_proper(name), context=rules.sentence_stems(evidence or ""),
            evidence=evidence,
        )  # fmt: skip
    usd = "f.amount_usd" if _has_column(con, "fact_funding", "amount_usd") else "NULL::DOUBLE"
    for (
        fid,
        art,
        pub,
        funder,
        recipient,
        amount,
        currency,
        amount_usd,
        qualifier,
        status,
        purpose,
        date,
        evidence,
    ) in con.execute(
        f"""SELECT f.funding_id, f.article_id, d.published_date, f.funder_actor_id, f.recipient_actor_id,
                       f.amount, f.currency, {usd}, f.qualifier, f.status, f.purpose, f.funding_date, f.evidence
                FROM fact_funding f JOIN dim_article d USING (article_id)"""
    ).fetchall():
        donor = None if is_channel_name(sides.name(funder) if funder else None) else funder
        facts[fid] = EventFact(
            fact_id=fid, kind="funding", article_id=art, published=pub, date=date,
            date_precision=precision_of(date), status=status,
            label=f"{sides.name(funder) if funder else '?'} → {sides.name(recipient) if recipient else '?'}: "
            f"{currency} {amount:,.0f}",
            actors=frozenset(a for a in (funder, recipient) if a), funder=donor, recipient=recipient,
            funder_side=sides.side(donor), recipient_side=sides.side(recipient), amount=amount, currency=currency,
            amount_usd=amount_usd, qualifier=qualifier_direction(qualifier, evidence), purpose=purpose,
            sector=codes.aid_sector([purpose] if purpose else []) or codes.aid_sector([evidence or ""]),
            evidence=evidence,
        )  # fmt: skip
    return facts, sides.country_of_side


def _previous(con: duckdb.DuckDBPyConnection) -> tuple[Assignment, dict[str, str]]:
    row = con.execute("SELECT value FROM warehouse_meta WHERE key = 'fusion_rules'").fetchone()
    if not row or row[0] != rules_digest():
        return Assignment(), {}
    prev, signatures = Assignment(), {}
    for fid, sig, eid, cid in con.execute(
        "SELECT fact_id, signature, event_id, component_id FROM stg_event_fact"
    ).fetchall():
        prev.event_of[fid], prev.component_of[fid], signatures[fid] = eid, cid, sig
    return prev, signatures


def fuse_events(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Bring dim_event, bridge_event_actor, stg_event_fact and the facts'
    event_id in line with the fact tables, inside the caller's transaction."""
    started = time.perf_counter()
    facts, country_of_side = read_facts(con)
    previous, signatures = _previous(con)
    current = {fid: f.signature() for fid, f in facts.items()}
    changed = {fid for fid, sig in current.items() if signatures.get(fid) != sig}
    removed = set(signatures) - set(facts)
    if not signatures:
        assignment, region = fuse(facts.values()), set(facts)
        for table in ("dim_event", "bridge_event_actor", "stg_event_fact"):
            con.execute(f'DELETE FROM "{table}"')
    else:
        assignment, region = refuse(previous, facts, changed, removed)
    stale = {previous.event_of[f] for f in region | removed if f in previous.event_of}
    members: dict[str, list[EventFact]] = defaultdict(list)
    for fid in region:
        members[assignment.event_of[fid]].append(facts[fid])
    redo = sorted(stale | set(members))
    con.execute("DELETE FROM dim_event WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [redo])
    con.execute("DELETE FROM bridge_event_actor WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [redo])
    con.execute("DELETE FROM stg_event_fact WHERE fact_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(region | removed)])
    insert_rows(con, "dim_event", [summary.event_row(e, ms, country_of_side) for e, ms in sorted(members.items())])
    insert_rows(
        con, "bridge_event_actor", [r for e, ms in sorted(members.items()) for r in summary.event_actor_rows(e, ms)]
    )
    insert_rows(
        con,
        "stg_event_fact",
        [
            {"fact_id": f, "kind": facts[f].kind, "signature": current[f], "event_id": assignment.event_of[f],
             "component_id": assignment.component_of[f]}
            for f in sorted(region)
        ],
    )  # fmt: skip
    _write_fact_event_ids(con, assignment)
    con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES ('fusion_rules', ?)", [rules_digest()])
    by_kind = dict(con.execute("SELECT event_kind, count(*) FROM dim_event GROUP BY ALL ORDER BY ALL").fetchall())
    return {
        "facts": len(facts),
        "events": sum(by_kind.values()),
        "events_by_kind": by_kind,
        "facts_refused": len(region),
        "facts_fused": len(facts) - sum(by_kind.values()),
        "seconds": round(time.perf_counter() - started, 3),
    }


def _write_fact_event_ids(con: duckdb.DuckDBPyConnection, assignment: Assignment) -> None:
    """Set event_id on every fact row whose event is new or changed (rows a load rewrote have none yet)."""
    import pyarrow as pa

    table = pa.table(
        {"fact_id": list(assignment.event_of), "event_id": list(assignment.event_of.values())},
        schema=pa.schema([("fact_id", pa.string()), ("event_id", pa.string())]),
    )
    con.register("_fact_event", table)
    try:
        for fact_table, key in FACT_TABLES.values():
            con.execute(
                f"""UPDATE "{fact_table}" t SET event_id = e.event_id FROM _fact_event e
                    WHERE e.fact_id = t.{key} AND t.event_id IS DISTINCT FROM e.event_id"""
            )
    finally:
        con.unregister("_fact_event")


def _codebook_sql() -> str:
    def listed(values: Iterable[str]) -> str:
        return ", ".join(f"'{v}'" for v in values)  # constants from codes.py, never input

    return (
        f"SELECT * FROM dim_event WHERE plover_type NOT IN ({listed(codes.PLOVER_TYPES)}) "
        f"OR cameo_code NOT IN ({listed(codes.CAMEO_CODES)}) "
        f"OR (plover_mode IS NOT NULL AND plover_mode NOT IN ({listed(codes.PLOVER_MODES)}))"
    )


def _fact_has_event(kind: str) -> SqlCheck:
    table, key = FACT_TABLES[kind]
    return SqlCheck(
        table,
        f"{table}_has_event",
        "every fact belongs to an event in dim_event",
        f'SELECT t.{key}, t.event_id FROM "{table}" t LEFT JOIN dim_event e USING (event_id) WHERE e.event_id IS NULL',
    )


# Integrity of the events, run as asset checks (pipelines/defs/warehouse/checks.py).
EVENT_CHECKS: list[SqlCheck] = [
    *(_fact_has_event(kind) for kind in FACT_TABLES),
    SqlCheck(
        "dim_event",
        "dim_event_has_reports",
        "every event has at least one report, and report_count counts its articles",
        """SELECT e.event_id, e.report_count, r.articles FROM dim_event e
           LEFT JOIN (SELECT event_id, count(DISTINCT article_id) AS articles FROM (
               SELECT event_id, article_id FROM fact_meeting UNION ALL SELECT event_id, article_id FROM fact_agreement
               UNION ALL SELECT event_id, article_id FROM fact_funding) GROUP BY event_id) r USING (event_id)
           WHERE r.articles IS NULL OR r.articles <> e.report_count OR e.report_count < 1""",
    ),
    SqlCheck(
        "dim_event",
        "dim_event_codes_in_codebook",
        "PLOVER type and mode and CAMEO code from the codebook lists",
        _codebook_sql(),
    ),  # fmt: skip
    SqlCheck(
        "dim_event",
        "dim_event_key_unique",
        "event_id is unique and never null",
        "SELECT event_id, count(*) FROM dim_event GROUP BY ALL HAVING count(*) > 1 OR event_id IS NULL",
    ),
    SqlCheck(
        "bridge_event_actor",
        "bridge_event_actor_has_parents",
        "every row names an event in dim_event and an actor in dim_actor",
        """SELECT b.* FROM bridge_event_actor b LEFT JOIN dim_event e USING (event_id)
           LEFT JOIN dim_actor a USING (actor_id) WHERE e.event_id IS NULL OR a.actor_id IS NULL""",
    ),
]
