-- title: Companies
-- description: Distinct companies with at least one contribution in each period, counting each contribution for the company of its author at that date (bots, Independent and unknown left out), with the share of contributions whose author had a known company. devstats: "Companies".
-- unit: companies
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, company, date_trunc($period, contributed_at) AS bucket
  FROM scoped_contributions($projects, $repos, $as_of)
  WHERE NOT is_bot AND in_window(contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(DISTINCT e.company) AS value,
  round(count(e.company) / nullif(count(e.bucket), 0), 4) AS affiliation_coverage
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
