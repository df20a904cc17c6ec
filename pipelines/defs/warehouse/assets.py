"""actors, then the star schema: dimensions and facts loaded from the cached
extractions in one transaction, so analysts never see half a load."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.extract.assets import article_extractions
from pipelines.defs.metadata import preview, table_metadata
from pipelines.defs.resources import WarehouseResource
from pipelines.nlp.version import EXTRACTOR_VERSION
from pipelines.store import articles
from pipelines.store.database import count_rows, replace_tables, transaction
from pipelines.store.events import fuse_events, rules_digest
from pipelines.store.star import (
    STAR_TABLE_NAMES,
    actor_tables,
    input_fingerprint,
    load_star,
    loaded_fingerprint,
    record_fingerprint,
)

TABLE_DESCRIPTIONS: dict[str, str] = {
    "dim_article": "One row per article (retracted ones aside): source file and whether it is still there, "
    "content hash and version, publication date, word count, text.",
    "article_source": "Every file an article was read from (the same text under two names is one article).",
    "dim_actor": "One row per real-world actor (person, organization, country) across all articles.",
    "actor_alias": "Every surface form under which an actor appears.",
    "fact_actor_mention": "Each time an actor is named in an article, with its title and character offsets.",
    "dim_location": "Places where meetings happened or agreements were signed, with coordinates when known.",
    "fact_meeting": "One meeting stated in one article, with date, precision, place, status, kind and evidence.",
    "bridge_meeting_participant": "The actors who took part in each meeting.",
    "fact_agreement": "One agreement stated in one article: name, signing date and place, period, status.",
    "bridge_agreement_party": "The parties to each agreement.",
    "fact_funding": "One money flow stated in one article: funder, recipient, amount, currency, its value in US "
    "dollars (amount_usd, fx_rate, fx_source), status, purpose.",
    "dim_actor_role": "One row per person and office the articles state (normalised title, country or body), "
    "with first and last publication dates.",
    "dim_event": "One row per real-world event (meeting, agreement, funding), however many articles report it: "
    "best date and status, report count, first and last report, PLOVER and CAMEO codes.",
    "bridge_event_actor": "The actors of each event and their role: participant, party, funder, recipient.",
}
# One asset per star table, in the store's order; a table without a description fails at import.
STAR_TABLES: dict[str, str] = {name: TABLE_DESCRIPTIONS[name] for name in STAR_TABLE_NAMES}


@dg.asset(
    deps=[article_extractions],
    group_name="warehouse",
    kinds={"python", "duckdb"},
    owners=["team:communique"],
    description="Actors resolved across all articles: surnames, titles, acronyms and country variants "
    "folded into one actor each (staging for dim_actor and actor_alias).",
)
def actors(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        fingerprint = input_fingerprint(con, EXTRACTOR_VERSION)
        rebuilt = fingerprint != loaded_fingerprint(con, "actors")
        if rebuilt:  # unchanged inputs would give the same rows: skip the work
            with transaction(con, "actors"):
                replace_tables(con, actor_tables(con, EXTRACTOR_VERSION), in_transaction=True)
                record_fingerprint(con, "actors", fingerprint)
        metadata = {
            "rebuilt": rebuilt,
            "dagster/row_count": count_rows(con, "stg_actor"),
            "aliases": count_rows(con, "stg_actor_alias"),
            "by_type": preview(con, "SELECT actor_type, count(*) AS actors FROM stg_actor GROUP BY ALL ORDER BY ALL"),
            "most_seen": preview(
                con,
                """
                SELECT a.canonical_name, a.actor_type, a.country_code, count(DISTINCT k.article_id) AS articles
                FROM stg_actor a JOIN stg_actor_key k USING (actor_id)
                GROUP BY ALL ORDER BY articles DESC, canonical_name LIMIT 10""",
            ),
        }
    return dg.MaterializeResult(metadata=metadata)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            name, deps=[actors], group_name="warehouse", kinds={"duckdb"}, owners=["team:communique"], description=text
        )
        for name, text in STAR_TABLES.items()
    ],
    can_subset=False,
)
def star_schema(warehouse: WarehouseResource):  # noqa: ANN201 - yields one result per table
    """Bring every dimension and fact table up to date in a single transaction:
    only articles whose inputs changed are rewritten (nothing at all when the
    inputs are exactly those of the last load). Events are fused in the same
    transaction, re-deciding only the events the rewritten facts can touch."""
    with warehouse.connect() as con:
        fingerprint = input_fingerprint(con, EXTRACTOR_VERSION)
        rebuilt = fingerprint != loaded_fingerprint(con, "star_schema")
        refused = rebuilt or f"{fingerprint}+{rules_digest()}" != loaded_fingerprint(con, "events")
        rewritten = 0
        fusion: dict[str, object] = {}
        if refused:
            with transaction(con, "star_schema"):
                if rebuilt:
                    rewritten = load_star(con, EXTRACTOR_VERSION)
                    record_fingerprint(con, "star_schema", fingerprint)
                fusion = fuse_events(con)
                record_fingerprint(con, "events", f"{fingerprint}+{rules_digest()}")
        store = articles.counts(con)
        for name in STAR_TABLES:
            extra: dict[str, object] = {}
            if name == "dim_article":
                extra = {"source_absent": store.absent, "retracted": store.retracted}
            if name == "dim_event":
                extra = {
                    "fused": bool(fusion),
                    **{f"fusion_{k}": v for k, v in fusion.items() if k != "events_by_kind"},
                }
                extra["events_by_kind"] = preview(
                    con,
                    """SELECT event_kind, count(*) AS events, sum(fact_count) AS facts, sum(report_count) AS reports
                       FROM dim_event GROUP BY ALL ORDER BY ALL""",
                )
            yield dg.MaterializeResult(
                asset_key=name,
                metadata={"rebuilt": rebuilt, "articles_rewritten": rewritten, **extra, **table_metadata(con, name)},
            )
