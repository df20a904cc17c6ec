-- Funding by funder and year, per currency (amounts in different currencies
-- are never added together). A flow is a funding event: reported by several
-- articles, it is counted and summed once (as its first report states it).
WITH flows AS (
    SELECT
        event_id,
        arg_min(funder, article_id) AS funder,
        arg_min(year, article_id) AS year,
        arg_min(currency, article_id) AS currency,
        arg_min(amount, article_id) AS amount,
        bool_or(status = 'disbursed') AS disbursed,
        count(DISTINCT article_id) AS reports
    FROM v_funding_flows
    GROUP BY event_id
)
SELECT
    coalesce(funder, '(unnamed)') AS funder,
    year,
    currency,
    count(*) AS flows,
    sum(amount) AS total_amount,
    count(*) FILTER (WHERE disbursed) AS disbursed_flows,
    sum(reports) AS reports
FROM flows
GROUP BY ALL
ORDER BY funder, year, currency;
