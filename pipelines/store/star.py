"""From cached extractions to the star schema. Pure functions of what the
warehouse's staging tables hold, so a rerun over the same files writes the
same rows (ids are derived, never counted from a sequence)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.nlp.places import find_city
from pipelines.nlp.records import ArticleExtraction, Place
from pipelines.nlp.resolve import resolve_actors

Rows = list[dict[str, Any]]
# Every table of the star schema, replaced together in one transaction.
STAR_TABLE_NAMES = (
    "dim_article",
    "article_source",
    "dim_actor",
    "actor_alias",
    "fact_actor_mention",
    "dim_location",
    "fact_meeting",
    "bridge_meeting_participant",
    "fact_agreement",
    "bridge_agreement_party",
    "fact_funding",
)


@dataclass(frozen=True)
class CurrentArticle:
    article_id: str
    source_path: str
    content_sha256: str
    published_date: dt.date
    word_count: int
    text: str
    extraction: ArticleExtraction
    error: str | None


def current_articles(con: duckdb.DuckDBPyConnection, version: str) -> Iterator[CurrentArticle]:
    """Every article in the raw folder with its extraction under `version`."""
    cur = con.execute(
        """
        SELECT a.article_id, a.source_path, a.content_sha256, a.published_date, a.word_count, a.text, c.payload,
               c.error
        FROM stg_article a
        JOIN extraction_cache c ON c.content_sha256 = a.content_sha256 AND c.extractor_version = ?
        ORDER BY a.article_id
        """,
        [version],
    )
    while batch := cur.fetchmany(512):
        for article_id, source, sha, published, words, text, payload, error in batch:
            extraction = ArticleExtraction.from_dict(json.loads(payload))
            yield CurrentArticle(article_id, source, sha, published, words, text, extraction, error)


def input_fingerprint(con: duckdb.DuckDBPyConnection, version: str) -> str:
    """A digest of everything the actor and star tables are built from: the
    current articles, their sources and the extractor and schema versions.
    Equal digests mean a rebuild would write the very same rows."""
    from pipelines.store.database import SCHEMA_VERSION

    row = con.execute(
        """
        SELECT md5(
            coalesce((SELECT string_agg(article_id || ':' || content_sha256 || ':' || source_path, '|'
                                        ORDER BY article_id) FROM stg_article), '')
            || '#' ||
            coalesce((SELECT string_agg(article_id || ':' || source_path, '|' ORDER BY source_path)
                      FROM stg_article_source), '')
            || '#' || ? || '#' || ?)
        """,
        [version, SCHEMA_VERSION],
    ).fetchone()
    return str(row[0]) if row else ""


def loaded_fingerprint(con: duckdb.DuckDBPyConnection, stage: str) -> str | None:
    row = con.execute("SELECT value FROM warehouse_meta WHERE key = ?", [f"fingerprint:{stage}"]).fetchone()
    return row[0] if row else None


def record_fingerprint(con: duckdb.DuckDBPyConnection, stage: str, fingerprint: str) -> None:
    con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES (?, ?)", [f"fingerprint:{stage}", fingerprint])


def actor_tables(con: duckdb.DuckDBPyConnection, version: str) -> dict[str, Rows]:
    """Resolve actors across all current articles into the stg_actor* tables."""
    per_article = {a.article_id: a.extraction.actors for a in current_articles(con, version)}
    resolved, mapping = resolve_actors(per_article)
    return {
        "stg_actor": [
            {
                "actor_id": r.actor_id,
                "canonical_name": r.canonical_name,
                "actor_type": r.actor_type,
                "country_code": r.country_code,
                "country_basis": r.country_basis,
            }
            for r in resolved
        ],
        "stg_actor_alias": [{"actor_id": r.actor_id, "alias": a} for r in resolved for a in sorted(r.aliases)],
        "stg_actor_key": [
            {"article_id": art, "actor_key": key, "actor_id": actor_id} for (art, key), actor_id in mapping.items()
        ],
    }


def _location_id(place: Place) -> str:
    return "loc_" + hashlib.sha1(f"{place.name.lower()}|{place.country_code}".encode()).hexdigest()[:12]


def date_start(value: str | None) -> dt.date | None:
    """The first day an ISO date of any precision can mean: '2024' -> 2024-01-01."""
    if not value:
        return None
    parts = value.split("-") + ["01", "01"]
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def star_tables(con: duckdb.DuckDBPyConnection, version: str) -> dict[str, Rows]:
    """Every dimension and fact row, ready for one transactional load."""
    actor_of = {
        (art, key): aid
        for art, key, aid in con.execute("SELECT article_id, actor_key, actor_id FROM stg_actor_key").fetchall()
    }
    t: dict[str, Rows] = {name: [] for name in STAR_TABLE_NAMES}
    locations: dict[str, dict[str, Any]] = {}
    articles_per_actor: dict[str, set[str]] = {}

    def location(place: Place | None) -> str | None:
        if place is None:
            return None
        lid = _location_id(place)
        if lid not in locations:
            city = find_city(place.name)
            same_country = city is not None and city.country_code == place.country_code
            locations[lid] = {
                "location_id": lid,
                "name": place.name,
                "country_code": place.country_code,
                "latitude": city.latitude if same_country else None,
                "longitude": city.longitude if same_country else None,
            }
        return lid

    for art in current_articles(con, version):
        aid = art.article_id
        ex = art.extraction
        t["dim_article"].append(
            {
                "article_id": aid,
                "source_path": art.source_path,
                "content_sha256": art.content_sha256,
                "published_date": art.published_date,
                "word_count": art.word_count,
                "extractor_version": version,
                "extraction_error": art.error,
                "text": art.text,
            }
        )

        def actor(key: str | None, aid: str = aid) -> str | None:
            if key is None:
                return None
            found = actor_of[(aid, key)]
            articles_per_actor.setdefault(found, set()).add(aid)
            return found

        for a in ex.actors:
            for m in a.mentions:
                t["fact_actor_mention"].append(
                    {
                        "mention_id": f"{aid}#a{m.char_start}",
                        "article_id": aid,
                        "actor_id": actor(a.key),
                        "mention_text": m.text,
                        "title": m.title,
                        "char_start": m.char_start,
                        "char_end": m.char_end,
                    }
                )
        for i, m in enumerate(ex.meetings):
            mid = f"{aid}#m{i}"
            t["fact_meeting"].append(
                {
                    "meeting_id": mid,
                    "article_id": aid,
                    "meeting_date": m.date,
                    "date_precision": m.date_precision,
                    "date_start": date_start(m.date),
                    "location_id": location(m.location),
                    "status": m.status,
                    "kind": m.kind,
                    "evidence": m.evidence.text,
                    "char_start": m.evidence.char_start,
                    "char_end": m.evidence.char_end,
                }
            )
            for p in dict.fromkeys(actor(k) for k in m.participants):
                t["bridge_meeting_participant"].append({"meeting_id": mid, "actor_id": p})
        for i, g in enumerate(ex.agreements):
            gid = f"{aid}#g{i}"
            t["fact_agreement"].append(
                {
                    "agreement_id": gid,
                    "article_id": aid,
                    "name": g.name,
                    "date_signed": g.date_signed,
                    "date_precision": g.date_precision,
                    "location_id": location(g.location),
                    "effective_from": g.effective_from,
                    "effective_to": g.effective_to,
                    "status": g.status,
                    "evidence": g.evidence.text,
                    "char_start": g.evidence.char_start,
                    "char_end": g.evidence.char_end,
                }
            )
            for p in dict.fromkeys(actor(k) for k in g.parties):
                t["bridge_agreement_party"].append({"agreement_id": gid, "actor_id": p})
        for i, f in enumerate(ex.funding):
            t["fact_funding"].append(
                {
                    "funding_id": f"{aid}#f{i}",
                    "article_id": aid,
                    "funder_actor_id": actor(f.funder),
                    "recipient_actor_id": actor(f.recipient),
                    "amount": f.amount,
                    "currency": f.currency,
                    "qualifier": f.qualifier,
                    "status": f.status,
                    "purpose": f.purpose,
                    "funding_date": f.date,
                    "evidence": f.evidence.text,
                    "char_start": f.evidence.char_start,
                    "char_end": f.evidence.char_end,
                }
            )

    for actor_id, name, atype, cc, basis in con.execute(
        "SELECT actor_id, canonical_name, actor_type, country_code, country_basis FROM stg_actor ORDER BY actor_id"
    ).fetchall():
        t["dim_actor"].append(
            {
                "actor_id": actor_id,
                "canonical_name": name,
                "actor_type": atype,
                "country_code": cc,
                "country_basis": basis,
                "article_count": len(articles_per_actor.get(actor_id, ())),
            }
        )
    t["actor_alias"] = [
        {"actor_id": a, "alias": al}
        for a, al in con.execute("SELECT DISTINCT actor_id, alias FROM stg_actor_alias ORDER BY ALL").fetchall()
    ]
    t["dim_location"] = sorted(locations.values(), key=lambda r: r["location_id"])
    t["article_source"] = [
        {"article_id": a, "source_path": p}
        for a, p in con.execute("SELECT article_id, source_path FROM stg_article_source ORDER BY ALL").fetchall()
    ]
    return t
