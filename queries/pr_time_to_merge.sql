-- title: Pull request time to merge
-- description: For pull requests merged in each period (grouped by merge date, which avoids the right-censoring of grouping by creation date): the 15th percentile, median and 85th percentile of mergedAt − createdAt, in hours; bots left out; missing (NULL) where GitHub was not collected. devstats: "Time to merge" (by creation date there).
-- unit: hours
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
WITH events AS (
  SELECT project, merged_at AS at, date_trunc($period, merged_at) AS bucket, epoch(merged_at - created_at) / 3600 AS hours
  FROM staged_pull_requests($projects, $repos)
  WHERE in_window(merged_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  CASE WHEN b.collected THEN round(quantile_cont(e.hours, 0.5), 2) END AS value,
  CASE WHEN b.collected THEN round(quantile_cont(e.hours, 0.15), 2) END AS p15,
  CASE WHEN b.collected THEN round(quantile_cont(e.hours, 0.85), 2) END AS p85,
  CASE WHEN b.collected THEN count(e.at) END AS merged
FROM period_buckets('events', $period, $from, $to, $as_of, ['github_pull_requests']) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, b.collected
ORDER BY b.project, b.bucket
