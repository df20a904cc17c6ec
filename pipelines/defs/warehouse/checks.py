"""Asset checks on the star schema: keys, orphans, plausible dates, positive
amounts, valid ISO codes (the rules live in pipelines/store/integrity.py)."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.metadata import preview
from pipelines.defs.resources import WarehouseResource
from pipelines.store.integrity import SQL_CHECKS, SqlCheck, bad_row_count, invalid_country_codes, invalid_currencies


def _make_sql_check(spec: SqlCheck) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=spec.table, name=spec.name, description=spec.description, blocking=False)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            bad = bad_row_count(con, spec)
            meta: dict[str, object] = {"bad_rows": bad}
            if bad:
                meta["examples"] = preview(con, f"SELECT * FROM ({spec.bad_rows_sql}) LIMIT 5")
        return dg.AssetCheckResult(passed=bad == 0, metadata=meta)

    return _check


sql_checks = [_make_sql_check(spec) for spec in SQL_CHECKS]


@dg.asset_check(asset="dim_actor", description="every country_code is an ISO 3166-1 alpha-2 code")
def dim_actor_country_codes_valid(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as con:
        bad = invalid_country_codes(con)
    return dg.AssetCheckResult(passed=not bad, metadata={"invalid_codes": ", ".join(bad) or "none"})


@dg.asset_check(asset="fact_funding", description="every currency is an ISO 4217 code")
def fact_funding_currency_valid(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as con:
        bad = invalid_currencies(con)
    return dg.AssetCheckResult(passed=not bad, metadata={"invalid_codes": ", ".join(bad) or "none"})
