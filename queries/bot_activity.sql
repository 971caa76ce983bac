-- title: Bot activity
-- description: Contributions by bots (GitHub Bot accounts, [bot] logins, the default bot patterns and the config's) in each period, with all contributions and the bots' share: how much of a project's activity is automation.
-- unit: contributions
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, is_bot, date_trunc($period, contributed_at) AS bucket
  FROM contributions
  WHERE contributed_at <= $as_of
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
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.bucket) FILTER (WHERE e.is_bot) AS value, count(e.bucket) AS total,
       CASE WHEN count(e.bucket) > 0 THEN round(count(e.bucket) FILTER (WHERE e.is_bot) / count(e.bucket), 4) END AS share
FROM buckets b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
