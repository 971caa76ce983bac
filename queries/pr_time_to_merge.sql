-- title: Pull request time to merge
-- description: For pull requests merged in each period (grouped by merge date, which avoids the right-censoring of grouping by creation date): the 15th percentile, median and 85th percentile of mergedAt − createdAt, in hours; bots left out; missing (NULL) where GitHub was not collected. devstats: "Time to merge" (by creation date there).
-- unit: hours
-- chart: line
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
WITH events AS (
  SELECT k.project, p.merged_at AS at, date_trunc($period, p.merged_at) AS bucket, epoch(p.merged_at - p.created_at) / 3600 AS hours
  FROM contributions k
  JOIN pull_requests p ON p.repo_id = k.repo_id AND p.node_id = k.ref
  WHERE k.kind = 'pr_opened' AND NOT k.is_bot AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], k.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], k.repo))
    AND p.merged_at IS NOT NULL AND p.merged_at <= $as_of
    AND ($from::TIMESTAMP IS NULL OR p.merged_at >= $from) AND ($to::TIMESTAMP IS NULL OR p.merged_at < $to)
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
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE round(quantile_cont(e.hours, 0.5), 2) END AS value,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE round(quantile_cont(e.hours, 0.15), 2) END AS p15,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE round(quantile_cont(e.hours, 0.85), 2) END AS p85,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE count(e.at) END AS merged
FROM buckets b
LEFT JOIN covered c ON c.project = b.project
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, c.until
ORDER BY b.project, b.bucket
