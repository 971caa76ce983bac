-- title: Active commit authors
-- description: People (after identity resolution, bots left out) who authored at least one commit in each period, author date, UTC.
-- unit: authors
-- chart: line
-- groups: people
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, person_id, date_trunc($period, contributed_at) AS bucket
  FROM people_contributions($projects, $repos, $as_of)
  WHERE kind = 'commit' AND in_window(contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(DISTINCT e.person_id) AS value
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
