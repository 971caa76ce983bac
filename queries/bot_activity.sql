-- title: Bot activity per month
-- description: Contributions by bots (GitHub Bot accounts, [bot] logins, the default bot patterns and the config's) per month, with all contributions and the bots' share: how much of a project's activity is automation.
-- unit: contributions
-- chart: line
-- params: as_of TIMESTAMP
WITH monthly AS (
  SELECT project, date_trunc('month', contributed_at) AS month, count(*) FILTER (WHERE is_bot) AS bots, count(*) AS total
  FROM contributions
  WHERE contributed_at <= $as_of
  GROUP BY ALL
),
spans AS (
  SELECT project, min(month) AS first_month
  FROM monthly
  GROUP BY project
),
months AS (
  SELECT project, unnest(generate_series(first_month, date_trunc('month', $as_of), INTERVAL 1 MONTH)) AS month
  FROM spans
)
SELECT m.project, CAST(m.month AS DATE) AS period, coalesce(x.bots, 0) AS value, coalesce(x.total, 0) AS total,
       CASE WHEN x.total > 0 THEN round(x.bots / x.total, 4) END AS share
FROM months m
LEFT JOIN monthly x ON x.project = m.project AND x.month = m.month
ORDER BY m.project, m.month
