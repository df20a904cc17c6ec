-- Who met whom most often: pairs of actors by number of meetings, with the
-- first and last date and how many articles report them.
SELECT
    actor_a,
    actor_b,
    count(DISTINCT meeting_id) AS meetings,
    count(DISTINCT article_id) AS articles,
    min(date_start) AS first_met,
    max(date_start) AS last_met
FROM v_meeting_pairs
GROUP BY actor_a, actor_b
ORDER BY meetings DESC, articles DESC, actor_a, actor_b
LIMIT 20;
