"""From cached extractions to the star schema. Pure functions of what the
warehouse's staging tables hold, so a rerun over the same files writes the
same rows (ids are derived, never counted from a sequence)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import count
from pathlib import Path
from typing import Any

import duckdb

from pipelines.batching import batched
from pipelines.events.candidates import first_day
from pipelines.events.fusion import singleton_event_id
from pipelines.geo import gazetteer, locations
from pipelines.money_fx import ANNUAL_RATES, funding_fx
from pipelines.nlp.records import ArticleExtraction, Place
from pipelines.nlp.resolve import resolve_actors
from pipelines.store.database import insert_rows
from pipelines.store.roles import rebuild_actor_roles

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
    "dim_actor_role",
    "dim_event",
    "bridge_event_actor",
)


@dataclass(frozen=True)
class CurrentArticle:
    article_id: str
    source_path: str
    content_sha256: str
    published_date: dt.date
    word_count: int
    extraction: ArticleExtraction
    error: str | None


READ_PAGE = 512  # articles per query: DuckDB materialises a sorted result whole, so keep each one small


def current_articles(
    con: duckdb.DuckDBPyConnection, version: str, ids: list[str] | None = None
) -> Iterator[CurrentArticle]:
    """Every live article (stored, not retracted) with its extraction under `version`
    (only those in `ids` when given), in article order. Streams: the ids are
    listed first, then the payloads are read a page of ids at a time (one
    ordered query over every payload would hold them all in memory at once)."""
    join = """FROM live_article a
              JOIN extraction_cache c ON c.content_sha256 = a.content_sha256 AND c.extractor_version = ?"""
    if ids is None:
        ids = [r[0] for r in con.execute(f"SELECT a.article_id {join} ORDER BY a.article_id", [version]).fetchall()]
    for page in batched(sorted(ids), READ_PAGE):
        rows = con.execute(
            f"""
            SELECT a.article_id, a.source_path, a.content_sha256, a.published_date, a.word_count, c.payload, c.error
            {join}
            WHERE a.article_id IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY a.article_id
            """,
            [version, page],
        ).fetchall()
        for article_id, source, sha, published, words, payload, error in rows:
            extraction = ArticleExtraction.from_dict(json.loads(payload))
            yield CurrentArticle(article_id, source, sha, published, words, extraction, error)


@lru_cache(maxsize=1)
def builder_digest() -> str:
    """The code that turns extractions into rows (this module, actor resolution,
    place lookup): editing it must rebuild the rows even with the extractor
    and schema versions unchanged."""
    from pipelines import money_fx
    from pipelines.nlp import offices, places, resolve
    from pipelines.store import roles

    modules = (resolve, places, money_fx, offices, roles, gazetteer, locations)
    sources = (Path(__file__), *(Path(m.__file__ or "") for m in modules), ANNUAL_RATES)
    sources += tuple(sorted(gazetteer.DATA_DIR.glob("*.tsv")))
    return hashlib.md5(b"".join(p.read_bytes() for p in sources)).hexdigest()


def input_fingerprint(con: duckdb.DuckDBPyConnection, version: str) -> str:
    """A digest of everything the actor and star tables are built from: the
    live articles, their sources and presence, the extractor and schema versions and
    the code that builds the rows (builder_digest). Equal digests mean a rebuild would write the very same rows."""
    from pipelines.store.database import SCHEMA_VERSION

    row = con.execute(
        """
        SELECT md5(
            coalesce((SELECT string_agg(concat_ws(':', article_id, content_sha256, source_path, source_present,
                                                  last_seen_at), '|' ORDER BY article_id) FROM live_article), '')
            || '#' ||
            coalesce((SELECT string_agg(article_id || ':' || source_path, '|' ORDER BY source_path)
                      FROM stg_article_source WHERE article_id IN (SELECT article_id FROM live_article)), '')
            || '#' || ? || '#' || ? || '#' || ?)
        """,
        [version, SCHEMA_VERSION, builder_digest()],
    ).fetchone()
    return str(row[0]) if row else ""


def loaded_fingerprint(con: duckdb.DuckDBPyConnection, stage: str) -> str | None:
    row = con.execute("SELECT value FROM warehouse_meta WHERE key = ?", [f"fingerprint:{stage}"]).fetchone()
    return row[0] if row else None


def record_fingerprint(con: duckdb.DuckDBPyConnection, stage: str, fingerprint: str) -> None:
    con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES (?, ?)", [f"fingerprint:{stage}", fingerprint])


def actor_tables(con: duckdb.DuckDBPyConnection, version: str) -> dict[str, Rows]:
    """Resolve actors across all current articles into the stg_actor* tables."""
    # Resolution reads names, types, aliases and countries: drop the mentions
    # as we go, so memory holds one small record per actor, not every mention.
    per_article = {
        a.article_id: [replace(actor, mentions=[]) for actor in a.extraction.actors]
        for a in current_articles(con, version)
    }
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


# Per-article star tables: rows belong to one article, keyed by article_id
# (bridges through their fact). Replaced article by article.
ARTICLE_TABLES = ("dim_article", "fact_actor_mention", "fact_meeting", "fact_agreement", "fact_funding")
BRIDGES = {
    "bridge_meeting_participant": ("meeting_id", "fact_meeting"),
    "bridge_agreement_party": ("agreement_id", "fact_agreement"),
}
LOAD_BATCH = 256  # articles whose rows are built and inserted together: bounds memory

DIGEST_SQL = """
    SELECT a.article_id,
           md5(concat_ws('|', a.content_sha256, a.source_path, ?, coalesce(k.keys, ''))) AS digest
    FROM live_article a
    JOIN extraction_cache c ON c.content_sha256 = a.content_sha256 AND c.extractor_version = ?
    LEFT JOIN (SELECT article_id, string_agg(actor_key || '=' || actor_id, ',' ORDER BY actor_key) AS keys
               FROM stg_actor_key GROUP BY article_id) k USING (article_id)
"""

ARTICLE_COUNT_SQL = """
    WITH uses AS (
        SELECT article_id, actor_id FROM fact_actor_mention
        UNION SELECT m.article_id, b.actor_id FROM bridge_meeting_participant b JOIN fact_meeting m USING (meeting_id)
        UNION SELECT g.article_id, b.actor_id FROM bridge_agreement_party b JOIN fact_agreement g USING (agreement_id)
        UNION SELECT article_id, funder_actor_id FROM fact_funding WHERE funder_actor_id IS NOT NULL
        UNION SELECT article_id, recipient_actor_id FROM fact_funding WHERE recipient_actor_id IS NOT NULL
    )
    INSERT INTO dim_actor
    SELECT s.actor_id, s.canonical_name, s.actor_type, s.country_code, s.country_basis, count(DISTINCT u.article_id)
    FROM stg_actor s LEFT JOIN uses u USING (actor_id)
    GROUP BY ALL
"""


def load_star(con: duckdb.DuckDBPyConnection, version: str) -> int:
    """Bring every star table in line with the staging tables, inside the
    caller's transaction; return how many articles' rows were (re)written.

    Only articles whose digest (content, sources, extractor version, actor
    ids) changed are rewritten, in batches; the cross-article tables
    (dim_actor, actor_alias, dim_location, article_source) are rebuilt in SQL.
    The result is the same as loading everything from scratch."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _star_digest AS {DIGEST_SQL}", [f"{version}+{builder_digest()}", version]
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _star_keep AS
           SELECT article_id FROM _star_digest JOIN stg_star_article USING (article_id, digest)"""
    )
    # Drop the rows of every article that is gone or changed (or was loaded without a digest).
    for table in ARTICLE_TABLES:
        con.execute(f'DELETE FROM "{table}" WHERE article_id NOT IN (SELECT article_id FROM _star_keep)')
    for bridge, (key, fact) in BRIDGES.items():
        con.execute(f'DELETE FROM "{bridge}" WHERE {key} NOT IN (SELECT {key} FROM "{fact}")')
    for table in ("stg_location_use", "stg_star_article"):
        con.execute(f'DELETE FROM "{table}" WHERE article_id NOT IN (SELECT article_id FROM _star_keep)')

    redo = [
        r[0]
        for r in con.execute(
            "SELECT article_id FROM _star_digest WHERE article_id NOT IN (SELECT article_id FROM _star_keep) "
            "ORDER BY article_id"
        ).fetchall()
    ]
    for start in range(0, len(redo), LOAD_BATCH):
        batch = redo[start : start + LOAD_BATCH]
        for table, rows in _article_rows(con, version, batch).items():
            insert_rows(con, table, rows)
    con.execute(
        """INSERT INTO dim_article BY NAME
           SELECT a.article_id, a.source_path, a.content_sha256, a.published_date, a.word_count,
                  ? AS extractor_version, c.error AS extraction_error, a.text,
                  coalesce(v.version, 1) AS version, a.source_present, a.last_seen_at
           FROM live_article a
           JOIN extraction_cache c ON c.content_sha256 = a.content_sha256 AND c.extractor_version = ?
           LEFT JOIN (SELECT article_id, max(version) AS version FROM article_version GROUP BY ALL) v
                USING (article_id)
           WHERE a.article_id NOT IN (SELECT article_id FROM _star_keep)""",
        [version, version],
    )
    # Whether a kept article's file is still there is no reason to rewrite its facts: update in place.
    con.execute(
        """UPDATE dim_article d SET source_present = a.source_present, last_seen_at = a.last_seen_at
           FROM stg_article a
           WHERE a.article_id = d.article_id
             AND (d.source_present <> a.source_present OR d.last_seen_at IS DISTINCT FROM a.last_seen_at)"""
    )
    con.execute(
        """INSERT INTO stg_star_article
           SELECT article_id, digest FROM _star_digest WHERE article_id NOT IN (SELECT article_id FROM _star_keep)"""
    )
    _rebuild_shared_tables(con)
    return len(redo)


def _rebuild_shared_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("dim_actor", "actor_alias", "dim_location", "article_source"):
        con.execute(f'DELETE FROM "{table}"')
    con.execute(ARTICLE_COUNT_SQL)
    con.execute("INSERT INTO actor_alias SELECT DISTINCT actor_id, alias FROM stg_actor_alias")
    con.execute(
        """INSERT INTO article_source SELECT article_id, source_path FROM stg_article_source
           WHERE article_id IN (SELECT article_id FROM live_article)"""
    )
    insert_rows(con, "dim_location", locations.location_rows(con))  # with the gazetteer's coordinates
    rebuild_actor_roles(con)  # from the mentions and actors above; small, so whole each load


def _article_rows(con: duckdb.DuckDBPyConnection, version: str, ids: list[str]) -> dict[str, Rows]:
    """The fact, bridge and mention rows of these articles (and the places they name)."""
    actor_of = {
        (art, key): aid
        for art, key, aid in con.execute(
            "SELECT article_id, actor_key, actor_id FROM stg_actor_key "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall()
    }
    t: dict[str, Rows] = {
        name: [] for name in ("fact_actor_mention", "fact_meeting", "fact_agreement", "fact_funding", *BRIDGES)
    }
    t["stg_location_use"] = []
    for art in list(current_articles(con, version, ids)):  # read the batch whole before any insert
        aid = art.article_id
        ex = art.extraction
        seq = count()  # the order in which this article names places

        def location(place: Place | None, aid: str = aid, seq: Iterator[int] = seq) -> str | None:
            if place is None:
                return None
            lid = _location_id(place)
            t["stg_location_use"].append(
                {
                    "article_id": aid,
                    "seq": next(seq),
                    "location_id": lid,
                    "name": place.name,
                    "country_code": place.country_code,
                }
            )
            return lid

        def actor(key: str | None, aid: str = aid) -> str | None:
            return None if key is None else actor_of[(aid, key)]

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
                    "date_start": first_day(m.date),
                    "location_id": location(m.location),
                    "status": m.status,
                    "kind": m.kind,
                    "evidence": m.evidence.text,
                    "char_start": m.evidence.char_start,
                    "char_end": m.evidence.char_end,
                    "event_id": singleton_event_id(mid),  # fusion (store/events.py) may join it to others
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
                    "event_id": singleton_event_id(gid),
                }
            )
            for p in dict.fromkeys(actor(k) for k in g.parties):
                t["bridge_agreement_party"].append({"agreement_id": gid, "actor_id": p})
        for i, f in enumerate(ex.funding):
            fid = f"{aid}#f{i}"
            t["fact_funding"].append(
                {
                    "funding_id": fid,
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
                    **funding_fx(f.amount, f.currency, f.date, art.published_date, f.stated_usd),
                    "event_id": singleton_event_id(fid),
                }
            )
    return t
