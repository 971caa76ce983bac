-- title: Stars and forks
-- description: Stargazers at the end of each period (from the star history: people who star and unstar are counted while starred, as GitHub keeps them) and forks as counted by the last collect run in the period (missing when no run fell in it), summed over the project's repositories. Stars and forks are not contributions.
-- unit: stars, forks
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_stargazers
WITH stars AS (
  SELECT u.unit AS project, s.starred_at, date_trunc($period, s.starred_at) AS bucket
  FROM stargazers s JOIN repos r ON r.repo_id = s.repo_id JOIN scope_units($projects) u ON u.project = r.project
  WHERE in_repos(r.name, $repos)
),
-- Two collect runs in the same second: the later run's count (arg_max would pick either).
snapshots AS (
  SELECT u.unit AS project, r.repo_id, date_trunc($period, x.collected_at) AS bucket, first(x.forks ORDER BY x.collected_at DESC, x.run_id DESC) AS forks
  FROM repo_stats x JOIN repos r ON r.repo_id = x.repo_id JOIN scope_units($projects) u ON u.project = r.project
  WHERE x.collected_at <= $as_of AND in_repos(r.name, $repos)
  GROUP BY u.unit, r.repo_id, date_trunc($period, x.collected_at)
),
seen AS (
  SELECT project, bucket FROM stars WHERE starred_at <= $as_of
  UNION ALL
  SELECT project, bucket FROM snapshots
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  (SELECT count(*) FROM stars s WHERE s.project = b.project AND s.starred_at < least(b.next_bucket, $as_of)) AS value,
  (SELECT sum(forks) FROM snapshots x WHERE x.project = b.project AND x.bucket = b.bucket) AS forks
FROM period_buckets('seen', $period, $from, $to, $as_of) b
ORDER BY b.project, b.bucket
