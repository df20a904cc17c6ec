-- Who met whom most often: pairs of actors by number of meetings (events,
-- each counted once however many articles report it), with the number of
-- reports, the first and last date.
SELECT
    actor_a,
    actor_b,
    count(DISTINCT event_id) AS meetings,
    count(DISTINCT meeting_id) AS reports,
    count(DISTINCT article_id) AS articles,
    min(date_start) AS first_met,
    max(date_start) AS last_met
FROM v_meeting_pairs
GROUP BY actor_a, actor_b
ORDER BY meetings DESC, reports DESC, actor_a, actor_b
LIMIT 20;
