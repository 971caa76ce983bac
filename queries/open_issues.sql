-- title: Open issues
-- description: Issues open at the end of each period (opened by then and not closed by then; a reopened issue counts from its last close only, as GitHub reports the latest state), bots' issues left out; missing (NULL) where GitHub issues were not collected. devstats: "Issues backlog".
-- unit: issues
-- chart: line
-- params: projects, repos, period, from, to, as_of
-- sources: github_issues
WITH items AS (
  SELECT k.project, i.created_at, i.closed_at
  FROM contributions k
  JOIN issues i ON i.repo_id = k.repo_id AND i.node_id = k.ref
  WHERE k.kind = 'issue_opened' AND NOT k.is_bot
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], k.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], k.repo))
),
covered AS (
  SELECT project, max(covered_until) AS until
  FROM coverage
  WHERE source = 'github_issues' AND status = 'collected'
  GROUP BY project
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), date_trunc($period, min(created_at))) AS first_bucket
  FROM items
  WHERE created_at <= $as_of
  GROUP BY project
),
buckets AS (
  SELECT project, bucket, least(bucket + period_step($period), $as_of) AS period_end
  FROM (
    SELECT project, unnest(period_series(first_bucket, $period, $to::TIMESTAMP, $as_of)) AS bucket
    FROM spans
  )
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL
       ELSE count(i.created_at) FILTER (WHERE i.created_at < b.period_end AND (i.closed_at IS NULL OR i.closed_at >= b.period_end)) END AS value
FROM buckets b
LEFT JOIN covered c ON c.project = b.project
LEFT JOIN items i ON i.project = b.project
GROUP BY b.project, b.bucket, b.period_end, c.until
ORDER BY b.project, b.bucket
