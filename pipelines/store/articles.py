"""The article store: what the warehouse keeps of every article it has loaded,
whatever later happens to the file. Files leaving the raw folder mark their
articles absent; an edited text is a new version; only an explicit
retraction takes an article's facts out of the star schema."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.store.database import insert_rows

LAST_INGEST_KEY = "last_ingest_at"


class UnknownArticle(LookupError):
    pass


@dataclass(frozen=True)
class StoreCounts:
    articles: int
    absent: int
    retracted: int
    superseded_versions: int


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def stored_texts(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """content hash -> article id of every stored article, so that a text that
    turns up under a new file name is recognised as the article it already is."""
    rows = con.execute("SELECT content_sha256, min(article_id) FROM stg_article GROUP BY ALL").fetchall()
    return dict(rows)


def record_versions(con: duckdb.DuckDBPyConnection, articles: Sequence[dict[str, Any]], at: dt.datetime) -> None:
    """Add a version for each article whose text differs from its latest
    recorded one (a new article is version 1); the superseded version keeps
    its content hash, with the time it was replaced."""
    ids = [a["article_id"] for a in articles]
    latest = {
        aid: (version, sha)
        for aid, version, sha in con.execute(
            """SELECT article_id, max(version), arg_max(content_sha256, version) FROM article_version
               WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL""",
            [ids],
        ).fetchall()
    }
    rows = []
    for a in articles:
        version, sha = latest.get(a["article_id"], (0, None))
        if sha == a["content_sha256"]:
            continue  # the same text (a file moved or touched): no new version
        if version:
            con.execute(
                "UPDATE article_version SET superseded_at = ? WHERE article_id = ? AND version = ?",
                [at, a["article_id"], version],
            )
        rows.append(
            {
                "article_id": a["article_id"],
                "version": version + 1,
                "content_sha256": a["content_sha256"],
                "source_path": a["source_path"],
                "published_date": a["published_date"],
                "word_count": a["word_count"],
                "loaded_at": at,
                "superseded_at": None,
            }
        )
    insert_rows(con, "article_version", rows)


def mark_presence(con: duckdb.DuckDBPyConnection, present: Sequence[str], at: dt.datetime, mirror: bool) -> int:
    """Record which stored articles still have their file. An article whose
    file went is kept (absent, last seen by the previous run), or deleted when
    the warehouse mirrors the raw folder. Returns how many went (absent or deleted) now."""
    con.execute("CREATE OR REPLACE TEMP TABLE _present (article_id VARCHAR PRIMARY KEY)")
    insert_rows(con, "_present", [{"article_id": a} for a in present])
    row = con.execute("SELECT value FROM warehouse_meta WHERE key = ?", [LAST_INGEST_KEY]).fetchone()
    previous = dt.datetime.fromisoformat(row[0]) if row else at
    if mirror:
        gone = con.execute("DELETE FROM stg_article WHERE article_id NOT IN (SELECT article_id FROM _present)")
    else:
        gone = con.execute(
            """UPDATE stg_article SET source_present = false, last_seen_at = ?
               WHERE source_present AND article_id NOT IN (SELECT article_id FROM _present)""",
            [previous],
        )
    went = gone.fetchone()
    con.execute(
        """UPDATE stg_article SET source_present = true, last_seen_at = NULL
           WHERE NOT source_present AND article_id IN (SELECT article_id FROM _present)"""
    )
    # Articles stored before versions were recorded (an upgraded warehouse) start at version 1.
    con.execute(
        """INSERT INTO article_version
           SELECT article_id, 1, content_sha256, source_path, published_date, word_count, ?, NULL FROM stg_article
           WHERE article_id NOT IN (SELECT article_id FROM article_version)""",
        [at],
    )
    con.execute("INSERT OR REPLACE INTO warehouse_meta VALUES (?, ?)", [LAST_INGEST_KEY, at.isoformat()])
    return int(went[0]) if went else 0


def counts(con: duckdb.DuckDBPyConnection) -> StoreCounts:
    row = con.execute(
        """SELECT (SELECT count(*) FROM stg_article),
                  (SELECT count(*) FROM stg_article WHERE NOT source_present),
                  (SELECT count(*) FROM retraction),
                  (SELECT count(*) FROM article_version WHERE superseded_at IS NOT NULL)"""
    ).fetchone()
    return StoreCounts(*(int(v) for v in row)) if row else StoreCounts(0, 0, 0, 0)


def who() -> str:
    """The person retracting: COMMUNIQUE_USER, else the login name."""
    try:
        return os.environ.get("COMMUNIQUE_USER") or getpass.getuser()
    except (KeyError, OSError):  # no user database entry (some containers)
        return f"uid {os.getuid()}"


def retract(con: duckdb.DuckDBPyConnection, article_id: str, reason: str, by: str, at: dt.datetime) -> None:
    """Take an article out of the star schema for good (until unretracted);
    its text stays in the store so that the decision can be undone."""
    if not reason.strip():
        raise ValueError("a retraction needs a reason (--reason TEXT)")
    row = con.execute("SELECT content_sha256 FROM stg_article WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        raise UnknownArticle(f"no article {article_id!r} in the warehouse (article ids are file names without .txt)")
    con.execute(
        "INSERT OR REPLACE INTO retraction VALUES (?, ?, ?, ?, ?)", [article_id, reason.strip(), at, by, row[0]]
    )
    con.execute("INSERT INTO retraction_log VALUES (?, 'retract', ?, ?, ?)", [article_id, reason.strip(), at, by])


def unretract(con: duckdb.DuckDBPyConnection, article_id: str, reason: str, by: str, at: dt.datetime) -> None:
    gone = con.execute("DELETE FROM retraction WHERE article_id = ? RETURNING article_id", [article_id]).fetchall()
    if not gone:
        raise UnknownArticle(f"article {article_id!r} is not retracted")
    con.execute(
        "INSERT INTO retraction_log VALUES (?, 'unretract', ?, ?, ?)", [article_id, reason.strip() or None, at, by]
    )
