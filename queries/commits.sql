-- title: Commits
-- description: Commits authored in each period (author date, UTC) on the default branches of the project's repositories, merges included; a commit found in several of its repositories counts once; commits by bots are left out. devstats: "Commits".
-- unit: commits
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT DISTINCT project, ref AS sha, date_trunc($period, contributed_at) AS bucket
  FROM scoped_contributions($projects, $repos, $as_of)
  WHERE kind = 'commit' AND NOT is_bot AND in_window(contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.sha) AS value
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
