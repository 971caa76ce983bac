-- title: Active contributors
-- description: Distinct people (bots left out) with at least one contribution in each period, and split by kind: code authors (commits and co-authored commits), pull request authors, reviewers, commenters (issues and pull requests) and issue authors; a kind from GitHub is missing (NULL), not 0, in periods its source was not collected for (commenters: neither pull requests nor issues). devstats: "Contributors"; CHAOSS: Contributors.
-- unit: people
-- chart: line
-- groups: people
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, person_id, kind, date_trunc($period, contributed_at) AS bucket
  FROM people_contributions($projects, $repos, $as_of)
  WHERE in_window(contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  count(DISTINCT e.person_id) AS value,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind IN ('commit', 'co_author')) AS code_authors,
  CASE WHEN b.prs THEN count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'pr_opened') END AS pr_authors,
  CASE WHEN b.prs THEN count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'pr_review') END AS reviewers,
  CASE WHEN b.prs OR b.issues THEN count(DISTINCT e.person_id) FILTER (WHERE e.kind IN ('pr_comment', 'issue_comment')) END AS commenters,
  CASE WHEN b.issues THEN count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'issue_opened') END AS issue_authors
FROM (
  -- Whether each GitHub source covered the period, as period_buckets decides it for one source.
  SELECT b.*, coalesce(p.until >= b.bucket, false) AS prs, coalesce(i.until >= b.bucket, false) AS issues
  FROM period_buckets('events', $period, $from, $to, $as_of) b
  LEFT JOIN collected_until(['github_pull_requests']) p ON p.project = b.project
  LEFT JOIN collected_until(['github_issues']) i ON i.project = b.project
) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket, b.prs, b.issues
ORDER BY b.project, b.bucket
