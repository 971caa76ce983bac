-- title: Inactive contributors
-- description: People (bots left out) whose last contribution to the project is more than 6 months before as_of, counted in the period of that last contribution. CHAOSS: Inactive Contributors.
-- unit: people
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH lasts AS (
  SELECT project, person_id, max(contributed_at) AS last_at
  FROM contributions
  WHERE NOT is_bot AND contributed_at <= $as_of
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project))
    AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
  GROUP BY project, person_id
),
events AS (
  SELECT project, person_id, date_trunc($period, last_at) AS bucket
  FROM lasts
  WHERE last_at < $as_of - INTERVAL 6 MONTH
    AND ($from::TIMESTAMP IS NULL OR last_at >= $from) AND ($to::TIMESTAMP IS NULL OR last_at < $to)
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), min(bucket)) AS first_bucket
  FROM events
  GROUP BY project
),
buckets AS (
  SELECT project, unnest(period_series(first_bucket, $period, $to::TIMESTAMP, $as_of - INTERVAL 6 MONTH)) AS bucket
  FROM spans
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.person_id) AS value
FROM buckets b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
