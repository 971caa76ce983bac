-- title: Stars and forks
-- description: Stargazers at the end of each period (from the star history: people who star and unstar are counted while starred, as GitHub keeps them) and forks as counted by the last collect run in the period (missing when no run fell in it), summed over the project's repositories. Stars and forks are not contributions.
-- unit: stars, forks
-- chart: line
-- params: projects, repos, period, from, to, as_of
-- sources: github_stargazers
WITH stars AS (
  SELECT r.project, s.starred_at
  FROM stargazers s JOIN repos r ON r.repo_id = s.repo_id
  WHERE ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], r.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], r.name))
),
snapshots AS (
  SELECT r.project, r.repo_id, date_trunc($period, x.collected_at) AS bucket, arg_max(x.forks, x.collected_at) AS forks
  FROM repo_stats x JOIN repos r ON r.repo_id = x.repo_id
  WHERE x.collected_at <= $as_of AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], r.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], r.name))
  GROUP BY r.project, r.repo_id, date_trunc($period, x.collected_at)
),
spans AS (
  SELECT project, coalesce(date_trunc($period, $from::TIMESTAMP), date_trunc($period, min(seen_at))) AS first_bucket
  FROM (SELECT project, starred_at AS seen_at FROM stars UNION ALL SELECT project, bucket FROM snapshots)
  WHERE seen_at <= $as_of
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
  (SELECT count(*) FROM stars s WHERE s.project = b.project AND s.starred_at < b.period_end) AS value,
  (SELECT sum(forks) FROM snapshots x WHERE x.project = b.project AND x.bucket = b.bucket) AS forks
FROM buckets b
ORDER BY b.project, b.bucket
