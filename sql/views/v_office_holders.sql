-- Who held an office on a date. Set any of these first (an unset one does
-- not filter):
--   SET VARIABLE office  = 'Defence Cabinet Secretary';  -- a title as in dim_actor_role, or its office_key
--   SET VARIABLE country = 'KE';                         -- ISO code of the office's country
--   SET VARIABLE body    = 'USAID';                      -- or the body it belongs to (a name or alias)
--   SET VARIABLE on_date = DATE '2024-01-15';            -- default: today
-- "Held on D" means an article published on or before D and one published on
-- or after D both name the person so (first_seen <= D <= last_seen: basis
-- 'in office'). When no holder spans D, the holder last named so before D
-- is given instead (basis 'last seen before'): the articles only say when
-- someone was named in an office, never when a term began or ended, so check
-- last_seen. A holder first named after D is never returned.
CREATE OR REPLACE VIEW v_office_holders AS
WITH params AS (
    SELECT lower(getvariable('office')) AS office,
           upper(getvariable('country')) AS country,
           lower(getvariable('body')) AS body,
           coalesce(CAST(getvariable('on_date') AS DATE), current_date) AS on_date
),
candidates AS (
    SELECT r.*, a.canonical_name AS holder, o.canonical_name AS body_name, p.on_date
    FROM dim_actor_role r
    JOIN dim_actor a USING (actor_id)
    LEFT JOIN dim_actor o ON o.actor_id = r.org_actor_id
    CROSS JOIN params p
    WHERE (p.office IS NULL OR lower(r.title) = p.office OR r.office_key = p.office)
      AND (p.country IS NULL OR r.country_code = p.country)
      AND (p.body IS NULL OR lower(o.canonical_name) = p.body
           OR r.org_actor_id IN (SELECT actor_id FROM actor_alias WHERE lower(alias) = p.body))
      AND r.first_seen <= p.on_date
),
ranked AS (
    SELECT *,
           on_date <= last_seen AS spans,
           bool_or(on_date <= last_seen) OVER office AS someone_spans,
           max(last_seen) OVER office AS latest_seen
    FROM candidates
    -- An office of no known country or body is nobody else's: it stands alone.
    WINDOW office AS (PARTITION BY office_key, coalesce(country_code, org_actor_id, actor_id), org_actor_id)
)
SELECT holder, actor_id, title, country_code, body_name AS body, first_seen, last_seen, article_count,
       on_date, CASE WHEN spans THEN 'in office' ELSE 'last seen before' END AS basis
FROM ranked
WHERE spans OR (NOT someone_spans AND last_seen = latest_seen);
