-- title: Commits per month
-- description: Commits authored each month (author date, UTC) on the default branches of the project's repositories, merges included; a commit found in several of its repositories counts once; commits by bots are left out.
-- unit: commits
-- chart: line
-- params: as_of TIMESTAMP
WITH project_commits AS (
  SELECT DISTINCT project, ref AS sha, date_trunc('month', contributed_at) AS month
  FROM contributions
  WHERE kind = 'commit' AND NOT is_bot AND contributed_at <= $as_of
),
spans AS (
  SELECT project, min(month) AS first_month
  FROM project_commits
  GROUP BY project
),
months AS (
  SELECT project, unnest(generate_series(first_month, date_trunc('month', $as_of), INTERVAL 1 MONTH)) AS month
  FROM spans
)
SELECT m.project, CAST(m.month AS DATE) AS period, count(pc.sha) AS value
FROM months m
LEFT JOIN project_commits pc ON pc.project = m.project AND pc.month = m.month
GROUP BY m.project, m.month
ORDER BY m.project, m.month
