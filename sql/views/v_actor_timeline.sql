-- Everything one actor did, in date order: meetings, agreements, funding
-- given or received. Filter on actor_id or canonical_name.
CREATE OR REPLACE VIEW v_actor_timeline AS
SELECT p.actor_id, m.date_start AS on_date, m.meeting_date AS date_text, 'meeting' AS event,
       m.kind AS detail, m.status, m.article_id, m.evidence
FROM bridge_meeting_participant p JOIN fact_meeting m USING (meeting_id)
UNION ALL
SELECT p.actor_id, try_cast(g.date_signed AS DATE), g.date_signed, 'agreement', g.name, g.status,
       g.article_id, g.evidence
FROM bridge_agreement_party p JOIN fact_agreement g USING (agreement_id)
UNION ALL
SELECT f.funder_actor_id, try_cast(f.funding_date AS DATE), f.funding_date, 'funding given',
       format('{} {:,.0f}', f.currency, f.amount), f.status, f.article_id, f.evidence
FROM fact_funding f WHERE f.funder_actor_id IS NOT NULL
UNION ALL
SELECT f.recipient_actor_id, try_cast(f.funding_date AS DATE), f.funding_date, 'funding received',
       format('{} {:,.0f}', f.currency, f.amount), f.status, f.article_id, f.evidence
FROM fact_funding f WHERE f.recipient_actor_id IS NOT NULL;
