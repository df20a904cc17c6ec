"""Integrity of the warehouse, as plain SQL: each check selects the rows that
break a rule (zero rows passes). The Dagster asset checks and `communique
doctor` both run these, so the UI and the command line report the same."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pycountry

from pipelines.nlp.places import is_valid_country_code
from pipelines.store.database import count_rows
from pipelines.store.star import STAR_TABLE_NAMES


@dataclass(frozen=True)
class SqlCheck:
    table: str
    name: str
    description: str
    bad_rows_sql: str  # selects the offending rows; zero rows means the check passes


def _unique(table: str, key: str) -> SqlCheck:
    return SqlCheck(
        table,
        f"{table}_key_unique",
        f"{key} is unique and never null",
        f'SELECT {key}, count(*) AS n FROM "{table}" GROUP BY ALL HAVING count(*) > 1 OR {key} IS NULL',
    )


def _orphan(table: str, column: str, parent: str, parent_key: str) -> SqlCheck:
    return SqlCheck(
        table,
        f"{table}_{column}_has_parent",
        f"every {column} exists in {parent}",
        f'SELECT t.* FROM "{table}" t LEFT JOIN "{parent}" p ON p.{parent_key} = t.{column} '
        f"WHERE t.{column} IS NOT NULL AND p.{parent_key} IS NULL",
    )


def _plausible_date(table: str, column: str) -> SqlCheck:
    return SqlCheck(
        table,
        f"{table}_{column}_plausible",
        f"{column} lies between 1900 and five years after publication",
        f'SELECT t.* FROM "{table}" t JOIN dim_article d USING (article_id) '
        f"WHERE t.{column} IS NOT NULL AND (try_cast(left(t.{column}, 4) AS INTEGER) IS NULL "
        f"OR try_cast(left(t.{column}, 4) AS INTEGER) NOT BETWEEN 1900 AND year(d.published_date) + 5)",
    )


SQL_CHECKS: list[SqlCheck] = [
    _unique("dim_article", "article_id"),
    _unique("dim_actor", "actor_id"),
    _unique("dim_location", "location_id"),
    _unique("fact_actor_mention", "mention_id"),
    _unique("fact_meeting", "meeting_id"),
    _unique("fact_agreement", "agreement_id"),
    _unique("fact_funding", "funding_id"),
    _orphan("fact_actor_mention", "actor_id", "dim_actor", "actor_id"),
    _orphan("fact_actor_mention", "article_id", "dim_article", "article_id"),
    _orphan("actor_alias", "actor_id", "dim_actor", "actor_id"),
    _orphan("fact_meeting", "article_id", "dim_article", "article_id"),
    _orphan("fact_meeting", "location_id", "dim_location", "location_id"),
    _orphan("bridge_meeting_participant", "meeting_id", "fact_meeting", "meeting_id"),
    _orphan("bridge_meeting_participant", "actor_id", "dim_actor", "actor_id"),
    _orphan("fact_agreement", "article_id", "dim_article", "article_id"),
    _orphan("bridge_agreement_party", "agreement_id", "fact_agreement", "agreement_id"),
    _orphan("bridge_agreement_party", "actor_id", "dim_actor", "actor_id"),
    _orphan("fact_funding", "funder_actor_id", "dim_actor", "actor_id"),
    _orphan("fact_funding", "recipient_actor_id", "dim_actor", "actor_id"),
    _plausible_date("fact_meeting", "meeting_date"),
    _plausible_date("fact_agreement", "date_signed"),
    _plausible_date("fact_funding", "funding_date"),
    SqlCheck(
        "dim_article",
        "dim_article_published_plausible",
        "publication dates lie between 1900 and today",
        "SELECT * EXCLUDE (text) FROM dim_article WHERE published_date NOT BETWEEN DATE '1900-01-01' "
        "AND current_date + INTERVAL 1 DAY",
    ),
    SqlCheck(
        "fact_funding",
        "fact_funding_amount_positive",
        "every amount is above zero",
        "SELECT * FROM fact_funding WHERE amount IS NULL OR amount <= 0",
    ),
    SqlCheck(
        "dim_location",
        "dim_location_coordinates_valid",
        "latitude in -90..90, longitude in -180..180, both or neither set, feature country/region/city/site",
        "SELECT * FROM dim_location WHERE latitude NOT BETWEEN -90 AND 90 OR longitude NOT BETWEEN -180 AND 180 "
        "OR (latitude IS NULL) <> (longitude IS NULL) OR feature NOT IN ('country', 'region', 'city', 'site') "
        "OR (feature IS NULL) <> (latitude IS NULL)",
    ),
    SqlCheck(
        "fact_meeting",
        "fact_meeting_evidence_offsets",
        "evidence offsets fall inside the article text",
        "SELECT m.* FROM fact_meeting m JOIN dim_article d USING (article_id) "
        "WHERE m.char_start < 0 OR m.char_end > length(d.text) OR m.char_start >= m.char_end",
    ),
    _orphan("dim_actor_role", "actor_id", "dim_actor", "actor_id"),
    _orphan("dim_actor_role", "org_actor_id", "dim_actor", "actor_id"),
    SqlCheck(
        "dim_actor_role",
        "dim_actor_role_seen_span",
        "first_seen <= last_seen and article_count >= 1",
        "SELECT * FROM dim_actor_role WHERE first_seen > last_seen OR article_count < 1",
    ),
]


def invalid_country_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    codes = [
        r[0]
        for r in con.execute("SELECT DISTINCT country_code FROM dim_actor WHERE country_code IS NOT NULL").fetchall()
    ]
    return sorted(c for c in codes if not is_valid_country_code(c))


def invalid_currencies(con: duckdb.DuckDBPyConnection) -> list[str]:
    codes = [r[0] for r in con.execute("SELECT DISTINCT currency FROM fact_funding").fetchall()]
    return sorted(c for c in codes if pycountry.currencies.get(alpha_3=c) is None)


def bad_row_count(con: duckdb.DuckDBPyConnection, check: SqlCheck) -> int:
    row = con.execute(f"SELECT count(*) FROM ({check.bad_rows_sql})").fetchone()
    return int(row[0]) if row else 0


REPORT_TABLES = [*STAR_TABLE_NAMES, "quarantine", "extraction_cache", "article_version", "retraction"]


def integrity_report(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts per table, every failed check, articles without facts, quarantine by reason."""
    failed = {c.name: n for c in SQL_CHECKS if (n := bad_row_count(con, c))}
    if bad := invalid_country_codes(con):
        failed["dim_actor_country_codes_valid"] = len(bad)
    if bad := invalid_currencies(con):
        failed["fact_funding_currency_valid"] = len(bad)
    without_facts = con.execute("""
        SELECT count(*) FROM dim_article d
        WHERE NOT EXISTS (SELECT 1 FROM fact_meeting m WHERE m.article_id = d.article_id)
          AND NOT EXISTS (SELECT 1 FROM fact_agreement g WHERE g.article_id = d.article_id)
          AND NOT EXISTS (SELECT 1 FROM fact_funding f WHERE f.article_id = d.article_id)""").fetchone()
    return {
        "tables": {t: count_rows(con, t) for t in REPORT_TABLES},
        "failed_checks": failed,
        "articles_without_facts": int(without_facts[0]) if without_facts else 0,
        "extraction_errors": count_rows_where(con, "dim_article", "extraction_error IS NOT NULL"),
        "source_absent": count_rows_where(con, "dim_article", "NOT source_present"),
        "retracted": count_rows(con, "retraction"),
        "quarantine_by_reason": dict(
            con.execute("SELECT reason, count(*) FROM quarantine GROUP BY ALL ORDER BY ALL").fetchall()
        ),
    }


def count_rows_where(con: duckdb.DuckDBPyConnection, table: str, condition: str) -> int:
    row = con.execute(f'SELECT count(*) FROM "{table}" WHERE {condition}').fetchone()  # our own SQL only
    return int(row[0]) if row else 0
