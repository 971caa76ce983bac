-- title: Time to first response
-- description: For issues and pull requests opened in each period: hours until the first comment or review by a person who is neither the author nor a bot, at least 30 s after opening (devstats' rule), as the 15th percentile, median and 85th percentile; those with no such response by as_of are counted apart as unanswered, never imputed. Bots' own items are left out. CHAOSS: Time to First Response.
-- unit: hours
-- chart: line
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests, github_issues
WITH items AS (
  SELECT k.project, k.ref AS item, k.person_id AS author, k.contributed_at AS opened_at
  FROM contributions k
  WHERE k.kind IN ('pr_opened', 'issue_opened') AND NOT k.is_bot
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], k.project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], k.repo))
    AND k.contributed_at <= $as_of
    AND ($from::TIMESTAMP IS NULL OR k.contributed_at >= $from) AND ($to::TIMESTAMP IS NULL OR k.contributed_at < $to)
),
responses AS (
  SELECT m.parent_node_id AS item, k.person_id, k.contributed_at AS at
  FROM contributions k
  JOIN comments m ON m.repo_id = k.repo_id AND m.node_id = k.ref
  WHERE k.kind IN ('pr_comment', 'issue_comment') AND NOT k.is_bot
  UNION ALL
  SELECT v.pr_node_id, k.person_id, k.contributed_at
  FROM contributions k
  JOIN pr_reviews v ON v.repo_id = k.repo_id AND v.node_id = k.ref
  WHERE k.kind = 'pr_review' AND NOT k.is_bot
),
events AS (
  SELECT i.project, i.item, date_trunc($period, i.opened_at) AS bucket, epoch(min(r.at) - i.opened_at) / 3600 AS hours
  FROM items i
  LEFT JOIN responses r ON r.item = i.item AND r.person_id <> i.author AND r.at >= i.opened_at + INTERVAL 30 SECOND AND r.at <= $as_of
  GROUP BY i.project, i.item, i.opened_at
),
covered AS (
  SELECT project, max(covered_until) AS until
  FROM coverage
  WHERE source IN ('github_pull_requests', 'github_issues') AND status = 'collected'
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
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE count(e.hours) END AS answered,
  CASE WHEN c.until IS NULL OR c.until < b.bucket THEN NULL ELSE count(e.item) - count(e.hours) END AS unanswered
FROM buckets b
LEFT JOIN covered c ON c.project = b.project
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, c.until
ORDER BY b.project, b.bucket
