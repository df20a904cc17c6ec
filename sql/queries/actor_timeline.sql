-- One actor's timeline: every meeting, agreement and money flow they took
-- part in, in date order, with the sentence that says so. Set the actor first:
--   SET VARIABLE actor = 'William Ruto';
SELECT
    t.on_date,
    t.date_text,
    t.event,
    t.detail,
    t.status,
    t.article_id,
    t.evidence
FROM v_actor_timeline t
JOIN dim_actor a USING (actor_id)
WHERE a.canonical_name = getvariable('actor')
   OR a.actor_id IN (SELECT actor_id FROM actor_alias WHERE alias = getvariable('actor'))
ORDER BY t.on_date NULLS LAST, t.event, t.article_id;
