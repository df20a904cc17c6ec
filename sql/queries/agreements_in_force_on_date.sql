-- Agreements in force on a date: signed or in force, started on or before the
-- date's year and not ended before it. Set the date first:
--   SET VARIABLE as_of = DATE '2025-06-30';
SELECT
    name,
    status,
    date_signed,
    from_year,
    to_year,
    parties,
    article_id
FROM v_agreements
WHERE status IN ('signed', 'in_force')
  AND from_year <= year(getvariable('as_of'))
  AND coalesce(to_year, from_year) >= year(getvariable('as_of'))
ORDER BY from_year, name;
