-- Who held an office of a country (or a body) on a date, from v_office_holders
-- (see that view for what "held" means). Set the office, country and date first:
--   SET VARIABLE office = 'Defence Cabinet Secretary';
--   SET VARIABLE country = 'KE';
--   SET VARIABLE on_date = DATE '2024-01-15';
SELECT
    holder,
    title,
    coalesce(country_code, body) AS office_of,
    first_seen,
    last_seen,
    article_count,
    basis
FROM v_office_holders
ORDER BY title, office_of, basis, last_seen DESC, holder;
