-- Who met whom: one row per pair of actors in a reported meeting, with the
-- meeting's date, place, kind, the sentence that says so and its event
-- (count DISTINCT event_id for meetings, DISTINCT article_id for reports).
CREATE OR REPLACE VIEW v_meeting_pairs AS
WITH participants AS (
    SELECT p.meeting_id, p.actor_id, a.canonical_name, a.actor_type
    FROM bridge_meeting_participant p
    JOIN dim_actor a USING (actor_id)
)
SELECT
    m.meeting_id,
    m.event_id,
    m.article_id,
    m.meeting_date,
    m.date_precision,
    m.date_start,
    m.status,
    m.kind,
    l.name AS location,
    x.actor_id AS actor_a_id,
    x.canonical_name AS actor_a,
    y.actor_id AS actor_b_id,
    y.canonical_name AS actor_b,
    m.evidence
FROM fact_meeting m
JOIN participants x ON x.meeting_id = m.meeting_id
JOIN participants y ON y.meeting_id = m.meeting_id AND x.actor_id < y.actor_id
LEFT JOIN dim_location l ON l.location_id = m.location_id;
