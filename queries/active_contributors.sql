-- title: Active contributors
-- description: Distinct people (bots left out) with at least one contribution in each period, and split by kind: code authors (commits and co-authored commits), pull request authors, reviewers, commenters (issues and pull requests) and issue authors. devstats: "Contributors"; CHAOSS: Contributors.
-- unit: people
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, person_id, kind, date_trunc($period, contributed_at) AS bucket
  FROM contributions
  WHERE NOT is_bot AND contributed_at <= $as_of
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
    AND ($from::TIMESTAMP IS NULL OR contributed_at >= $from) AND ($to::TIMESTAMP IS NULL OR contributed_at < $to)
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
  count(DISTINCT e.person_id) AS value,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind IN ('commit', 'co_author')) AS code_authors,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'pr_opened') AS pr_authors,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'pr_review') AS reviewers,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind IN ('pr_comment', 'issue_comment')) AS commenters,
  count(DISTINCT e.person_id) FILTER (WHERE e.kind = 'issue_opened') AS issue_authors
FROM buckets b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
