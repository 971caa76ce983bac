-- title: New contributors
-- description: People (bots left out) whose first-ever contribution to the project, over all collected history, falls in each period. devstats: "New contributors"; CHAOSS: New Contributors.
-- unit: people
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH firsts AS (
  SELECT project, person_id, min(contributed_at) AS first_at
  FROM contributions
  WHERE NOT is_bot AND contributed_at <= $as_of
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
  GROUP BY project, person_id
),
events AS (
  SELECT project, person_id, date_trunc($period, first_at) AS bucket
  FROM firsts
  WHERE ($from::TIMESTAMP IS NULL OR first_at >= $from) AND ($to::TIMESTAMP IS NULL OR first_at < $to)
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
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.person_id) AS value
FROM buckets b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
