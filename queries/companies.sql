-- title: Companies
-- description: Distinct companies with at least one contribution in each period, counting each contribution for the company of its author at that date (bots, Independent and unknown left out), with the share of contributions whose author had a known company. devstats: "Companies".
-- unit: companies
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, company, date_trunc($period, contributed_at) AS bucket
  FROM contributions
  WHERE NOT is_bot AND contributed_at <= $as_of
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
    AND ($from::TIMESTAMP IS NULL OR contributed_at >= $from) AND ($to::TIMESTAMP IS NULL OR contributed_at < $to)
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), min(bucket)) AS first_bucket
  FROM events
  GROUP BY project
),
buckets AS (
  SELECT project, unnest(period_series(first_bucket, $period, $to::TIMESTAMP, $as_of)) AS bucket
  FROM spans
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(DISTINCT e.company) AS value,
  round(count(e.company) / nullif(count(e.bucket), 0), 4) AS affiliation_coverage
FROM buckets b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
