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
numbered AS (
  SELECT project, person_id, contributed_at, date_trunc($period, contributed_at) AS bucket,
    row_number() OVER mine - 1 AS earlier,
    lag(contributed_at) OVER mine AS previous_at,
    row_number() OVER (PARTITION BY project, person_id, date_trunc($period, contributed_at) ORDER BY contributed_at) AS nth_in_period
  FROM all_events
  WINDOW mine AS (PARTITION BY project, person_id ORDER BY contributed_at)
),
events AS (
  SELECT project, person_id, bucket, earlier, previous_at
  FROM numbered
  WHERE nth_in_period = 1
    AND ($from::TIMESTAMP IS NULL OR contributed_at >= $from) AND ($to::TIMESTAMP IS NULL OR contributed_at < $to)
),
episodic AS (
  SELECT project, person_id, bucket
  FROM events
  WHERE (previous_at IS NULL OR previous_at < bucket - INTERVAL 3 MONTH) AND earlier <= 12
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
LEFT JOIN episodic e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
