"""Asset checks on the star schema: keys, orphans, plausible dates, positive
amounts, valid ISO codes. Each check is a SQL query that counts bad rows."""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg
import pycountry

from pipelines.defs.metadata import preview
from pipelines.defs.resources import WarehouseResource
from pipelines.nlp.places import is_valid_country_code


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
        "fact_meeting",
        "fact_meeting_evidence_offsets",
        "evidence offsets fall inside the article text",
        "SELECT m.* FROM fact_meeting m JOIN dim_article d USING (article_id) "
        "WHERE m.char_start < 0 OR m.char_end > length(d.text) OR m.char_start >= m.char_end",
    ),
]


def _make_sql_check(spec: SqlCheck) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=spec.table, name=spec.name, description=spec.description, blocking=False)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            bad = con.execute(f"SELECT count(*) FROM ({spec.bad_rows_sql})").fetchone()[0]
            meta: dict[str, object] = {"bad_rows": bad}
            if bad:
                meta["examples"] = preview(con, f"SELECT * FROM ({spec.bad_rows_sql}) LIMIT 5")
        return dg.AssetCheckResult(passed=bad == 0, metadata=meta)

    return _check


sql_checks = [_make_sql_check(spec) for spec in SQL_CHECKS]


@dg.asset_check(asset="dim_actor", description="every country_code is an ISO 3166-1 alpha-2 code")
def dim_actor_country_codes_valid(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as con:
        codes = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT country_code FROM dim_actor WHERE country_code IS NOT NULL"
            ).fetchall()
        ]
    bad = sorted(c for c in codes if not is_valid_country_code(c))
    return dg.AssetCheckResult(passed=not bad, metadata={"invalid_codes": ", ".join(bad) or "none"})


@dg.asset_check(asset="fact_funding", description="every currency is an ISO 4217 code")
def fact_funding_currency_valid(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as con:
        codes = [r[0] for r in con.execute("SELECT DISTINCT currency FROM fact_funding").fetchall()]
    bad = sorted(c for c in codes if pycountry.currencies.get(alpha_3=c) is None)
    return dg.AssetCheckResult(passed=not bad, metadata={"invalid_codes": ", ".join(bad) or "none"})
