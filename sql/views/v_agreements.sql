-- Agreements with their parties as one list and their period as years, so
-- "what was in force on a date" is a simple filter.
CREATE OR REPLACE VIEW v_agreements AS
SELECT
    g.agreement_id,
    g.article_id,
    g.name,
    g.status,
    g.date_signed,
    try_cast(left(coalesce(g.effective_from, g.date_signed), 4) AS INTEGER) AS from_year,
    try_cast(left(g.effective_to, 4) AS INTEGER) AS to_year,
    l.name AS location,
    list(a.canonical_name ORDER BY a.canonical_name) AS parties,
    g.evidence
FROM fact_agreement g
LEFT JOIN bridge_agreement_party p USING (agreement_id)
LEFT JOIN dim_actor a ON a.actor_id = p.actor_id
LEFT JOIN dim_location l ON l.location_id = g.location_id
GROUP BY ALL;
