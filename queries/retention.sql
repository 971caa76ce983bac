-- title: Retention
-- description: Of the people (bots left out) active in each quarter, the share active again in the next quarter, with both counts (active is the n; no share when fewer than 10 people were active, the minimum sample); a quarter whose next quarter is still running at as_of (not complete) is left out, as its share would still grow. CHAOSS: Contributor retention.
-- unit: share
-- chart: line
-- groups: people
-- params: projects, repos, from, to, as_of
-- sample: active
WITH active AS (
  SELECT DISTINCT project, person_id, date_trunc('quarter', contributed_at) AS quarter
  FROM people_contributions($projects, $repos, $as_of)
),
quarters AS (
  -- The last quarter is the one whose next quarter ends by as_of (an as_of in the last second of a day closes it).
  SELECT project, unnest(generate_series(coalesce(date_trunc('quarter', $from::TIMESTAMP), min(quarter)),
    least(date_trunc('quarter', $to::TIMESTAMP - INTERVAL 1 MICROSECOND) - INTERVAL 3 MONTH, date_trunc('quarter', $as_of + INTERVAL 1 SECOND) - INTERVAL 6 MONTH), INTERVAL 3 MONTH)) AS quarter
  FROM active
  GROUP BY project
)
SELECT q.project, CAST(q.quarter AS DATE) AS period,
  -- A share of one or two people swings 0 ↔ 100%: none below the minimum sample (active is its n).
  CASE WHEN count(a.person_id) >= min_sample() THEN round(count(n.person_id) / count(a.person_id), 4) END AS value,
  count(a.person_id) AS active,
  count(n.person_id) AS retained
FROM quarters q
LEFT JOIN active a ON a.project = q.project AND a.quarter = q.quarter
LEFT JOIN active n ON n.project = a.project AND n.person_id = a.person_id AND n.quarter = a.quarter + INTERVAL 3 MONTH
GROUP BY q.project, q.quarter
ORDER BY q.project, q.quarter
