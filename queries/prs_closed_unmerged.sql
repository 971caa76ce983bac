-- title: Pull requests closed without merge
-- description: Pull requests closed without being merged in each period (closedAt), bots left out; missing (NULL) where GitHub was not collected.
-- unit: pull requests
-- chart: line
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
WITH prs AS (
  SELECT k.project, p.created_at, p.merged_at, p.closed_at
  FROM contributions k
  JOIN pull_requests p ON p.repo_id = k.repo_id AND p.node_id = k.ref
  WHERE k.kind = 'pr_opened' AND NOT k.is_bot
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], k.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], k.repo))
),
events AS (
  SELECT project, closed_at AS at, date_trunc($period, closed_at) AS bucket
  FROM prs
  WHERE closed_at IS NOT NULL AND merged_at IS NULL AND closed_at <= $as_of
    AND ($from::TIMESTAMP IS NULL OR closed_at >= $from) AND ($to::TIMESTAMP IS NULL OR closed_at < $to)
),
covered AS (
  SELECT project, max(covered_until) AS until
  FROM coverage
  WHERE source = 'github_pull_requests' AND status = 'collected'
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
