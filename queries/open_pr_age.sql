-- title: Open pull request age
-- description: Of the pull requests open at as_of (bots' left out), how many, and the median and 85th percentile of their age in days; NULL where GitHub was not collected. devstats: "Open pull requests age".
-- unit: days
-- chart: table
-- params: projects, repos, as_of
-- sources: github_pull_requests
WITH items AS (
  SELECT k.project, x.created_at, x.closed_at
  FROM contributions k
  JOIN pull_requests x ON x.repo_id = k.repo_id AND x.node_id = k.ref
  WHERE k.kind = 'pr_opened' AND NOT k.is_bot AND x.created_at <= $as_of AND (x.closed_at IS NULL OR x.closed_at > $as_of)
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], k.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], k.repo))
),
covered AS (
  SELECT DISTINCT project FROM coverage WHERE source = 'github_pull_requests' AND status = 'collected'
)
SELECT c.project,
  round(quantile_cont(epoch($as_of - i.created_at) / 86400, 0.5), 1) AS value,
  round(quantile_cont(epoch($as_of - i.created_at) / 86400, 0.85), 1) AS p85,
  count(i.created_at) AS open
FROM covered c
LEFT JOIN items i ON i.project = c.project
WHERE ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], c.project))
GROUP BY c.project
ORDER BY c.project
