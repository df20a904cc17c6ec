-- Meetings between two countries per year, each meeting counted once however
-- many articles report it (a person stands for their country). Set them first:
--   SET VARIABLE country_a = 'KE'; SET VARIABLE country_b = 'US';
WITH sides AS (
    SELECT DISTINCT b.event_id, a.country_code
    FROM bridge_event_actor b
    JOIN dim_actor a USING (actor_id)
    WHERE b.role = 'participant' AND a.country_code IS NOT NULL
)
SELECT
    coalesce(year(e.date_start), year(e.first_reported)) AS year,
    count(*) AS meetings,
    sum(e.report_count) AS reports,
    list(e.label ORDER BY e.date_start) AS which
FROM dim_event e
WHERE e.event_kind = 'meeting'
  AND e.status = 'occurred'
  AND e.event_id IN (SELECT event_id FROM sides WHERE country_code = getvariable('country_a'))
  AND e.event_id IN (SELECT event_id FROM sides WHERE country_code = getvariable('country_b'))
GROUP BY ALL
ORDER BY year;
