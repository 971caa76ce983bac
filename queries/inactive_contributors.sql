-- title: Inactive contributors
-- description: People (bots left out) whose last contribution to the project is more than 6 months before as_of, counted in the period of that last contribution. CHAOSS: Inactive Contributors.
-- unit: people
-- chart: line
-- groups: people
-- params: projects, repos, period, from, to, as_of
WITH lasts AS (
  SELECT project, person_id, max(contributed_at) AS last_at
  FROM people_contributions($projects, $repos, $as_of)
  GROUP BY project, person_id
),
events AS (
  SELECT project, person_id, date_trunc($period, last_at) AS bucket
  FROM lasts
  WHERE last_at < $as_of - INTERVAL 6 MONTH AND in_window(last_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.person_id) AS value
FROM period_buckets('events', $period, $from, $to, $as_of - INTERVAL 6 MONTH) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
