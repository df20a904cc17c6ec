-- Funding in US dollars by funder and year: every currency converted (fact_funding.amount_usd,
-- at the funding's date, else the article's). A flow is a funding event: reported by several
-- articles, it is counted and summed once (as its first report states it). Flows with no
-- known rate are counted apart, never added as zero.
SELECT
    coalesce(funder, '(unnamed)') AS funder,
    year,
    count(*) AS flows,
    sum(amount_usd) AS total_usd,
    count(*) FILTER (WHERE amount_usd IS NULL) AS flows_without_rate,
    string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies,
    sum(reports) AS reports
FROM v_funding_events
GROUP BY ALL
ORDER BY total_usd DESC NULLS LAST, funder, year;
