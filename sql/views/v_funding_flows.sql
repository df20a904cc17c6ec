-- Money flows with readable names and a year: the funding date when the text
-- gives one, else the article's publication year. One row per report; its
-- event_id says which reports are one flow (sum amounts once per event).
-- amount_usd is the amount in US dollars (NULL when no rate is known;
-- fx_source says why): sum it across currencies.
CREATE OR REPLACE VIEW v_funding_flows AS
SELECT
    f.funding_id,
    f.event_id,
    f.article_id,
    coalesce(try_cast(left(f.funding_date, 4) AS INTEGER), year(d.published_date)) AS year,
    fa.canonical_name AS funder,
    ra.canonical_name AS recipient,
    f.amount,
    f.currency,
    f.amount_usd,
    f.fx_rate,
    f.fx_source,
    f.qualifier,
    f.status,
    f.purpose,
    f.evidence
FROM fact_funding f
JOIN dim_article d USING (article_id)
LEFT JOIN dim_actor fa ON fa.actor_id = f.funder_actor_id
LEFT JOIN dim_actor ra ON ra.actor_id = f.recipient_actor_id;

-- One row per funding event, as its first report states it, with its number of
-- reports: totals are summed here, never over the reports above.
CREATE OR REPLACE VIEW v_funding_events AS
SELECT
    event_id,
    arg_min(year, article_id) AS year,
    arg_min(funder, article_id) AS funder,
    arg_min(recipient, article_id) AS recipient,
    arg_min(currency, article_id) AS currency,
    arg_min(amount, article_id) AS amount,
    arg_min(amount_usd, article_id) AS amount_usd,
    bool_or(status = 'disbursed') AS disbursed,
    count(DISTINCT article_id) AS reports
FROM v_funding_flows
GROUP BY event_id;
