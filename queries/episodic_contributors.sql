-- title: Episodic contributors
-- description: People (bots left out) active in each period who had no contribution to the project in the 3 months before the period and at most 12 contributions ever before it. devstats: "Episodic contributors"; CHAOSS: Occasional Contributors.
-- unit: people
-- chart: line
-- groups: people
-- params: projects, repos, period, from, to, as_of
WITH numbered AS (
  SELECT project, person_id, contributed_at, date_trunc($period, contributed_at) AS bucket,
    row_number() OVER mine - 1 AS earlier,
    lag(contributed_at) OVER mine AS previous_at,
    row_number() OVER (PARTITION BY project, person_id, date_trunc($period, contributed_at) ORDER BY contributed_at, kind, ref) AS nth_in_period
  FROM people_contributions($projects, $repos, $as_of)
  -- Ties in time are broken by kind and ref, so the same row is first every time.
  WINDOW mine AS (PARTITION BY project, person_id ORDER BY contributed_at, kind, ref)
),
events AS (
  SELECT project, person_id, bucket, earlier, previous_at
  FROM numbered
  WHERE nth_in_period = 1 AND in_window(contributed_at, $from, $to, $as_of)
),
episodic AS (
  SELECT project, person_id, bucket
  FROM events
  WHERE (previous_at IS NULL OR previous_at < bucket - INTERVAL 3 MONTH) AND earlier <= 12
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.person_id) AS value
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN episodic e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
