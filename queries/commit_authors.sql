-- title: Active commit authors
-- description: People (after identity resolution, bots left out) who authored at least one commit in each period, author date, UTC.
-- unit: authors
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, person_id, date_trunc($period, contributed_at) AS bucket
  FROM contributions
  WHERE kind = 'commit' AND NOT is_bot AND contributed_at <= $as_of
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
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(DISTINCT e.person_id) AS value
FROM buckets b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
