-- title: Active commit authors per month
-- description: People who authored at least one commit in the month, counted by lower-cased e-mail address. Until identity resolution arrives in a later release, one person with several addresses counts once per address.
-- unit: authors
-- chart: line
-- params: as_of TIMESTAMP
WITH project_commits AS (
  SELECT r.project, lower(c.author_email) AS author, date_trunc('month', c.authored_at) AS month
  FROM commits c
  JOIN repos r ON r.repo_id = c.repo_id
  WHERE c.authored_at <= $as_of
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
SELECT m.project, CAST(m.month AS DATE) AS period, count(DISTINCT pc.author) AS value
FROM months m
LEFT JOIN project_commits pc ON pc.project = m.project AND pc.month = m.month
GROUP BY m.project, m.month
ORDER BY m.project, m.month
