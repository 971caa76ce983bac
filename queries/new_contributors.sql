-- title: New contributors
-- description: People (bots left out) whose first-ever contribution to the project, over all collected history, falls in each period. devstats: "New contributors"; CHAOSS: New Contributors.
-- unit: people
-- chart: line
-- groups: people
-- params: projects, repos, period, from, to, as_of
WITH firsts AS (
  SELECT project, person_id, min(contributed_at) AS first_at
  FROM people_contributions($projects, $repos, $as_of)
  GROUP BY project, person_id
),
events AS (
  SELECT project, person_id, date_trunc($period, first_at) AS bucket
  FROM firsts
  WHERE in_window(first_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.person_id) AS value
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
