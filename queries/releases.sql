-- title: Releases
-- description: GitHub releases published in each period (publishedAt, else createdAt), drafts left out; missing (NULL) where GitHub releases were not collected.
-- unit: releases
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT r.project, coalesce(x.published_at, x.created_at) AS at, date_trunc($period, coalesce(x.published_at, x.created_at)) AS bucket
  FROM releases x
  JOIN repos r ON r.repo_id = x.repo_id
  WHERE NOT x.is_draft AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], r.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], r.name))
    AND coalesce(x.published_at, x.created_at) IS NOT NULL AND coalesce(x.published_at, x.created_at) <= $as_of
    AND ($from::TIMESTAMP IS NULL OR coalesce(x.published_at, x.created_at) >= $from) AND ($to::TIMESTAMP IS NULL OR coalesce(x.published_at, x.created_at) < $to)
),
covered AS (
  SELECT project, max(covered_until) AS until
  FROM coverage
  WHERE source = 'github_releases' AND status = 'collected'
  GROUP BY project
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), min(bucket)) AS first_bucket
  FROM events
  GROUP BY project
),
buckets AS (
  SELECT project, unnest(generate_series(first_bucket, date_trunc($period, least(coalesce($to::TIMESTAMP - INTERVAL 1 MICROSECOND, $as_of), $as_of)), period_step($period))) AS bucket
  FROM spans
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE count(e.at) END AS value
FROM buckets b
LEFT JOIN covered c ON c.project = b.project
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, c.until
ORDER BY b.project, b.bucket
