-- One row per real-world event, however many articles report it: its codes,
-- its actors, and its sources (the articles and the sentences that tell it).
CREATE OR REPLACE VIEW v_events AS
WITH reports AS (
    SELECT event_id, article_id, evidence, char_start FROM fact_meeting
    UNION ALL SELECT event_id, article_id, evidence, char_start FROM fact_agreement
    UNION ALL SELECT event_id, article_id, evidence, char_start FROM fact_funding
),
sources AS (
    SELECT event_id,
           list(DISTINCT article_id ORDER BY article_id) AS article_ids,
           list(evidence ORDER BY article_id, char_start) AS quotes
    FROM reports
    GROUP BY event_id
),
actors AS (
    SELECT b.event_id, list(DISTINCT a.canonical_name ORDER BY a.canonical_name) AS actors
    FROM bridge_event_actor b JOIN dim_actor a USING (actor_id)
    GROUP BY b.event_id
)
SELECT
    e.event_id,
    e.event_kind,
    e.label,
    e.event_date,
    e.date_precision,
    e.date_start,
    coalesce(year(e.date_start), year(e.first_reported)) AS year,
    l.name AS location,
    e.status,
    e.planned_first_reported,
    e.plover_type,
    e.plover_mode,
    e.cameo_code,
    x.actors,
    e.report_count,
    e.first_reported,
    e.last_reported,
    s.article_ids,
    s.quotes
FROM dim_event e
JOIN sources s USING (event_id)
LEFT JOIN actors x USING (event_id)
LEFT JOIN dim_location l ON l.location_id = e.location_id;
