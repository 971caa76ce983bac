-- title: Open issues
-- description: Issues open at the end of each period (opened by then and not closed by then; a reopened issue counts from its last close only, as GitHub reports the latest state), bots' issues left out; missing (NULL) where GitHub issues were not collected. devstats: "Issues backlog".
-- unit: issues
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_issues
WITH items AS (
  SELECT project, created_at, closed_at, date_trunc($period, created_at) AS bucket
  FROM staged_issues($projects, $repos)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  CASE WHEN b.collected THEN count(i.created_at) FILTER (WHERE i.created_at < least(b.next_bucket, $as_of) AND (i.closed_at IS NULL OR i.closed_at >= least(b.next_bucket, $as_of))) END AS value
FROM period_buckets('items', $period, $from, $to, $as_of, ['github_issues']) b
LEFT JOIN items i ON i.project = b.project
GROUP BY b.project, b.bucket, b.next_bucket, b.collected
ORDER BY b.project, b.bucket
