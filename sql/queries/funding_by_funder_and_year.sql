-- Funding by funder and year, per currency (amounts in different currencies
-- are never added together). A flow is a funding event: reported by several
-- articles, it is counted and summed once (as its first report states it).
SELECT
    coalesce(funder, '(unnamed)') AS funder,
    year,
    currency,
    count(*) AS flows,
    sum(amount) AS total_amount,
    count(*) FILTER (WHERE disbursed) AS disbursed_flows,
    sum(reports) AS reports
FROM v_funding_events
GROUP BY ALL
ORDER BY funder, year, currency;
