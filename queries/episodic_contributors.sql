-- title: Episodic contributors
-- description: People (bots left out) active in each period who had no contribution to the project in the 3 months before the period and at most 12 contributions ever before it. devstats: "Episodic contributors"; CHAOSS: Occasional Contributors.
-- unit: people
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH all_events AS (
  SELECT project, person_id, contributed_at
  FROM contributions
  WHERE NOT is_bot AND contributed_at <= $as_of
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project))
    AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
),
events AS (
  SELECT project, person_id, date_trunc($period, contributed_at) AS bucket
  FROM all_events
  WHERE ($from::TIMESTAMP IS NULL OR contributed_at >= $from) AND ($to::TIMESTAMP IS NULL OR contributed_at < $to)
),
active AS (
  SELECT DISTINCT project, person_id, bucket FROM events
),
episodic AS (
  SELECT a.project, a.person_id, a.bucket
  FROM active a
  WHERE NOT EXISTS (
      SELECT 1 FROM all_events x
      WHERE x.project = a.project AND x.person_id = a.person_id AND x.contributed_at >= a.bucket - INTERVAL 3 MONTH AND x.contributed_at < a.bucket)
    AND (SELECT count(*) FROM all_events x WHERE x.project = a.project AND x.person_id = a.person_id AND x.contributed_at < a.bucket) <= 12
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), min(bucket)) AS first_bucket
  FROM events
  GROUP BY project
),
buckets AS (
  SELECT project, unnest(generate_series(first_bucket, date_trunc($period, least(coalesce($to::TIMESTAMP - INTERVAL 1 MICROSECOND, $as_of), $as_of)), period_step($period))) AS bucket
  FROM spans
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.person_id) AS value
FROM buckets b
LEFT JOIN episodic e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
