-- title: Lines changed
-- description: Lines added plus lines deleted by the non-merge commits authored in each period (bots left out; a commit found in several repositories of the project counts once), with added and deleted apart and the share of those commits whose line counts are known (a damaged clone can hide some). devstats: "Lines of code changed".
-- unit: lines
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT DISTINCT ON (k.project, c.sha) k.project, c.sha, date_trunc($period, k.contributed_at) AS bucket, c.lines_added, c.lines_deleted, c.lines_known
  FROM scoped_contributions($projects, $repos, $as_of) k
  JOIN commits c ON c.repo_id = k.repo_id AND c.sha = k.ref
  WHERE k.kind = 'commit' AND NOT k.is_bot AND NOT c.is_merge AND in_window(k.contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  coalesce(sum(e.lines_added + e.lines_deleted), 0) AS value,
  coalesce(sum(e.lines_added), 0) AS added,
  coalesce(sum(e.lines_deleted), 0) AS deleted,
  round(avg(CAST(e.lines_known AS INTEGER)), 4) AS lines_known_share
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
