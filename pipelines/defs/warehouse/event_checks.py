"""Asset checks on the events: every fact has an event, every event has a
report (and counts its articles right), codes come from the PLOVER and CAMEO
lists, keys and bridges hold (the SQL lives in pipelines/store/events.py)."""

from collections.abc import Iterator

import dagster as dg

from pipelines.defs.metadata import preview
from pipelines.defs.resources import WarehouseResource
from pipelines.store.events import EVENT_CHECKS
from pipelines.store.integrity import bad_row_count


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(c.name, asset=c.table, description=c.description) for c in EVENT_CHECKS],
    can_subset=True,
    description="Integrity of the events: facts without an event, events without a report, codes off the codebook.",
)
def event_integrity(
    context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.AssetCheckResult]:
    selected = {key.name for key in context.selected_asset_check_keys}
    with warehouse.connect(read_only=True) as con:
        for spec in EVENT_CHECKS:
            if spec.name not in selected:
                continue
            bad = bad_row_count(con, spec)
            meta: dict[str, object] = {"bad_rows": bad}
            if bad:
                meta["examples"] = preview(con, f"SELECT * FROM ({spec.bad_rows_sql}) LIMIT 5")
            yield dg.AssetCheckResult(asset_key=spec.table, check_name=spec.name, passed=bad == 0, metadata=meta)
