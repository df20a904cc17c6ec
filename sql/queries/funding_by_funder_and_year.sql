-- Funding by funder and year, per currency (amounts in different currencies
-- are never added together).
SELECT
    coalesce(funder, '(unnamed)') AS funder,
    year,
    currency,
    count(*) AS flows,
    sum(amount) AS total_amount,
    count(*) FILTER (WHERE status = 'disbursed') AS disbursed_flows
FROM v_funding_flows
GROUP BY ALL
ORDER BY funder, year, currency;
