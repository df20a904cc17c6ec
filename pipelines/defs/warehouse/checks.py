"""Asset checks on the star schema: keys, orphans, plausible dates, positive
amounts, valid ISO codes (the rules live in pipelines/store/integrity.py), and
the events: every fact has one, every event a report, codes from the codebooks
(pipelines/store/events.py)."""

from collections.abc import Iterator

import dagster as dg

from pipelines.defs.metadata import preview
from pipelines.defs.resources import WarehouseResource
from pipelines.money_fx import fx_check_failures
from pipelines.store.events import EVENT_CHECKS
from pipelines.store.integrity import SQL_CHECKS, bad_row_count, invalid_country_codes, invalid_currencies

ROW_CHECKS = [*SQL_CHECKS, *EVENT_CHECKS]  # each passes when its query finds no bad row

COUNTRY_CHECK = dg.AssetCheckSpec(
    "dim_actor_country_codes_valid", asset="dim_actor", description="every country_code is an ISO 3166-1 alpha-2 code"
)
CURRENCY_CHECK = dg.AssetCheckSpec(
    "fact_funding_currency_valid", asset="fact_funding", description="every currency is an ISO 4217 code"
)

FX_CHECK = dg.AssetCheckSpec(
    "fact_funding_usd_plausible",
    asset="fact_funding",
    description="fx rates positive, amount_usd >= 0, a stated dollar figure's rate within a factor 2 of the table's",
)


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(c.name, asset=c.table, description=c.description) for c in ROW_CHECKS]
    + [COUNTRY_CHECK, CURRENCY_CHECK, FX_CHECK],
    can_subset=True,
    description="Integrity of the star schema and its events: keys, orphans, dates, amounts, ISO codes, "
    "a report for every event and an event for every fact, codebook codes (one step for all).",
)
def warehouse_integrity(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.AssetCheckResult]:
    selected = {key.name for key in context.selected_asset_check_keys}
    with warehouse.connect(read_only=True) as con:
        for spec in ROW_CHECKS:
            if spec.name not in selected:
                continue
            bad = bad_row_count(con, spec)
            meta: dict[str, object] = {"bad_rows": bad}
            if bad:
                meta["examples"] = preview(con, f"SELECT * FROM ({spec.bad_rows_sql}) LIMIT 5")
            yield dg.AssetCheckResult(asset_key=spec.table, check_name=spec.name, passed=bad == 0, metadata=meta)
        for check, bad_codes in ((COUNTRY_CHECK, invalid_country_codes), (CURRENCY_CHECK, invalid_currencies)):
            if check.name in selected:
                bad = bad_codes(con)
                yield dg.AssetCheckResult(
                    asset_key=check.asset_key,
                    check_name=check.name,
                    passed=not bad,
                    metadata={"invalid_codes": ", ".join(bad) or "none"},
                )
        if FX_CHECK.name in selected:
            bad = fx_check_failures(con)
            yield dg.AssetCheckResult(
                asset_key=FX_CHECK.asset_key,
                check_name=FX_CHECK.name,
                passed=not bad,
                metadata={"bad_rows": len(bad), "examples": "; ".join(bad[:5]) or "none"},
            )
