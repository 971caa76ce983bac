-- title: Active contributors
-- description: Distinct people (bots left out) with at least one contribution in each period, and split by kind: code authors (commits and co-authored commits), pull request authors, reviewers, commenters (issues and pull requests) and issue authors. devstats: "Contributors"; CHAOSS: Contributors.
-- unit: people
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, person_id, kind, date_trunc($period, contributed_at) AS bucket
  FROM people_contributions($projects, $repos, $as_of)
  WHERE in_window(contributed_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period,
  count(DISTINCT e.person_id) AS value,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind IN ('commit', 'co_author')) AS code_authors,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'pr_opened') AS pr_authors,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'pr_review') AS reviewers,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind IN ('pr_comment', 'issue_comment')) AS commenters,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'issue_opened') AS issue_authors
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
