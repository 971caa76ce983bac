-- title: Time to first response
-- description: For issues and pull requests opened in each period: hours until the first comment or review by a person who is neither the author nor a bot, at least 30 s after opening (devstats' rule), as the 15th percentile, median and 85th percentile; those with no such response by as_of are counted apart as unanswered, never imputed. Bots' own items are left out. CHAOSS: Time to First Response.
-- unit: hours
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests, github_issues
WITH events AS (
  SELECT project, item, date_trunc($period, opened_at) AS bucket, hours
  FROM first_responses($projects, $repos, $as_of)
  WHERE in_window(opened_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  CASE WHEN b.collected THEN round(quantile_cont(e.hours, 0.5), 2) END AS value,
  CASE WHEN b.collected THEN round(quantile_cont(e.hours, 0.15), 2) END AS p15,
  CASE WHEN b.collected THEN round(quantile_cont(e.hours, 0.85), 2) END AS p85,
  CASE WHEN b.collected THEN count(e.hours) END AS answered,
  CASE WHEN b.collected THEN count(e.item) - count(e.hours) END AS unanswered
FROM period_buckets('events', $period, $from, $to, $as_of, ['github_pull_requests', 'github_issues']) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, b.collected
ORDER BY b.project, b.bucket
