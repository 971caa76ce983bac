-- title: Issues closed
-- description: Issues closed in each period (closedAt; an issue closed, reopened and closed again counts at its last close), bots left out; missing (NULL) where GitHub issues were not collected. devstats: "Issues closed".
-- unit: issues
-- chart: line
-- params: projects, repos, period, from, to, as_of
-- sources: github_issues
WITH events AS (
  SELECT k.project, i.closed_at AS at, date_trunc($period, i.closed_at) AS bucket
  FROM contributions k
  JOIN issues i ON i.repo_id = k.repo_id AND i.node_id = k.ref
  WHERE k.kind = 'issue_opened' AND NOT k.is_bot AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], k.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], k.repo))
    AND i.closed_at IS NOT NULL AND i.closed_at <= $as_of
    AND ($from::TIMESTAMP IS NULL OR i.closed_at >= $from) AND ($to::TIMESTAMP IS NULL OR i.closed_at < $to)
),
covered AS (
  SELECT project, max(covered_until) AS until
  FROM coverage
  WHERE source = 'github_issues' AND status = 'collected'
  GROUP BY project
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), min(bucket)) AS first_bucket
  FROM events
  GROUP BY project
),
buckets AS (
  SELECT project, unnest(period_series(first_bucket, $period, $to::TIMESTAMP, $as_of)) AS bucket
  FROM spans
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE count(e.at) END AS value
FROM buckets b
LEFT JOIN covered c ON c.project = b.project
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, c.until
ORDER BY b.project, b.bucket
