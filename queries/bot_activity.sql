-- title: Bot activity
-- description: Contributions by bots (GitHub Bot accounts, [bot] logins, the default bot patterns and the config's) in each period, with all contributions and the bots' share: how much of a project's activity is automation.
-- unit: contributions
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, is_bot, date_trunc($period, contributed_at) AS bucket
  FROM scoped_contributions($projects, $repos, $as_of)
  WHERE in_window(contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.bucket) FILTER (WHERE e.is_bot) AS value, count(e.bucket) AS total,
       CASE WHEN count(e.bucket) > 0 THEN round(count(e.bucket) FILTER (WHERE e.is_bot) / count(e.bucket), 4) END AS share
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
