"""The warehouse, read back as one JSON file per article in the schema of
the gold annotations (shared/corpus/ANNOTATION.md), so that score.py can
measure what analysts actually query."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

ARTICLE_ACTORS = """
    WITH used AS (
        SELECT article_id, actor_id FROM fact_actor_mention
        UNION SELECT m.article_id, p.actor_id FROM fact_meeting m JOIN bridge_meeting_participant p USING (meeting_id)
        UNION SELECT g.article_id, p.actor_id FROM fact_agreement g JOIN bridge_agreement_party p USING (agreement_id)
    )
    SELECT u.article_id, d.actor_id, d.canonical_name, d.actor_type, d.country_code,
           list(DISTINCT m.mention_text) FILTER (WHERE m.mention_text IS NOT NULL) AS forms,
           -- The longest title; on a tie the one not in capitals, then by text, so that exports are repeatable.
           first(m.title ORDER BY length(m.title) DESC, m.title = upper(m.title), m.title)
               FILTER (WHERE m.title IS NOT NULL) AS title
    FROM used u
    JOIN dim_actor d USING (actor_id)
    LEFT JOIN fact_actor_mention m ON m.article_id = u.article_id AND m.actor_id = u.actor_id
    GROUP BY ALL
    ORDER BY u.article_id, min(m.char_start) NULLS LAST, d.actor_id
"""


def article_documents(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for article_id, published in con.execute(
        "SELECT article_id, published_date FROM dim_article ORDER BY article_id"
    ).fetchall():
        docs[article_id] = {
            "article_id": article_id,
            "published": published.isoformat(),
            "source_url": None,
            "actors": [],
            "meetings": [],
            "agreements": [],
            "funding": [],
        }
    names = dict(con.execute("SELECT actor_id, canonical_name FROM dim_actor").fetchall())
    locations = {
        lid: (name, cc)
        for lid, name, cc in con.execute("SELECT location_id, name, country_code FROM dim_location").fetchall()
    }

    for article_id, _aid, name, atype, cc, forms, title in con.execute(ARTICLE_ACTORS).fetchall():
        aliases = sorted({f for f in forms or [] if f != name})
        docs[article_id]["actors"].append(
            {"name": name, "type": atype, "country": cc, "title": title, "aliases": aliases}
        )

    def members(sql: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key, actor_id in con.execute(sql).fetchall():
            out[key].append(names[actor_id])
        return out

    participants = members("SELECT meeting_id, actor_id FROM bridge_meeting_participant ORDER BY ALL")
    for mid, article_id, date, lid, status, kind, evidence, event_id in con.execute(
        "SELECT meeting_id, article_id, meeting_date, location_id, status, kind, evidence, event_id "
        "FROM fact_meeting ORDER BY article_id, char_start, meeting_id"
    ).fetchall():
        name, cc = locations.get(lid, (None, None))
        docs[article_id]["meetings"].append(
            {
                "participants": participants.get(mid, []),
                "date": date,
                "location": name,
                "country": cc,
                "status": status,
                "kind": kind,
                "evidence": evidence,
                "event_id": event_id,
            }
        )

    parties = members("SELECT agreement_id, actor_id FROM bridge_agreement_party ORDER BY ALL")
    for gid, article_id, name, signed, lid, eff_from, eff_to, status, evidence, event_id in con.execute(
        "SELECT agreement_id, article_id, name, date_signed, location_id, effective_from, effective_to, status, "
        "evidence, event_id FROM fact_agreement ORDER BY article_id, char_start, agreement_id"
    ).fetchall():
        place = locations.get(lid, (None, None))[0]
        docs[article_id]["agreements"].append(
            {
                "name": name,
                "parties": parties.get(gid, []),
                "date_signed": signed,
                "location": place,
                "effective_from": eff_from,
                "effective_to": eff_to,
                "status": status,
                "evidence": evidence,
                "event_id": event_id,
            }
        )

    for (
        article_id,
        funder,
        recipient,
        amount,
        currency,
        qualifier,
        status,
        purpose,
        date,
        evidence,
        event_id,
    ) in con.execute(
        "SELECT article_id, funder_actor_id, recipient_actor_id, amount, currency, qualifier, status, purpose, "
        "funding_date, evidence, event_id FROM fact_funding ORDER BY article_id, char_start, funding_id"
    ).fetchall():
        docs[article_id]["funding"].append(
            {
                "funder": names.get(funder),
                "recipient": names.get(recipient),
                "amount": int(amount) if float(amount).is_integer() else amount,
                "currency": currency,
                "qualifier": qualifier,
                "status": status,
                "purpose": purpose,
                "date": date,
                "evidence": evidence,
                "event_id": event_id,
            }
        )
    return docs


def export_articles(con: duckdb.DuckDBPyConnection, outdir: Path) -> int:
    """Write <article_id>.json per article; returns how many were written."""
    outdir.mkdir(parents=True, exist_ok=True)
    docs = article_documents(con)
    for article_id, doc in docs.items():
        target = outdir / f"{article_id}.json"
        target.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(docs)
