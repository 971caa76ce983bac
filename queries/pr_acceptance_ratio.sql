-- title: Pull request acceptance ratio
-- description: Of the pull requests closed in each period (merged or not; closedAt), the share that was merged: merged ÷ (merged + closed unmerged), bots left out, with both counts; NULL when fewer than 10 closed (the minimum sample) or GitHub was not collected. CHAOSS: Change Request Acceptance Ratio.
-- unit: ratio
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
-- sample: closed
WITH events AS (
  SELECT project, closed_at AS at, date_trunc($period, closed_at) AS bucket, merged_at IS NOT NULL AS merged
  FROM staged_pull_requests($projects, $repos)
  WHERE in_window(closed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  -- No ratio of a handful of pull requests (min_sample); merged and closed_unmerged are its n.
  CASE WHEN b.collected AND count(e.at) >= min_sample() THEN round(count(e.at) FILTER (WHERE e.merged) / count(e.at), 4) END AS value,
  CASE WHEN b.collected THEN count(e.at) FILTER (WHERE e.merged) END AS merged,
  CASE WHEN b.collected THEN count(e.at) FILTER (WHERE NOT e.merged) END AS closed_unmerged,
  CASE WHEN b.collected THEN count(e.at) END AS closed
FROM period_buckets('events', $period, $from, $to, $as_of, ['github_pull_requests']) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, b.collected
ORDER BY b.project, b.bucket
