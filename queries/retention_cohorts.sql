-- title: Retention by cohort
-- description: People (bots left out) grouped by the quarter of their first contribution to the project (the cohort), and for each later quarter the share of the cohort active in it (size is the n: no share for a cohort under 10 people, the minimum sample); a quarter still running at as_of is left out. CHAOSS: Contributor retention, cohort view.
-- unit: share
-- chart: table
-- groups: people
-- params: projects, repos, as_of
-- sample: size
WITH active AS (
  SELECT DISTINCT project, person_id, date_trunc('quarter', contributed_at) AS quarter
  FROM people_contributions($projects, $repos, $as_of)
  -- A quarter still running would read as people leaving.
  WHERE date_trunc('quarter', contributed_at) + INTERVAL 3 MONTH <= $as_of + INTERVAL 1 SECOND
),
cohorts AS (
  SELECT project, person_id, min(quarter) AS cohort FROM active GROUP BY project, person_id
),
sizes AS (
  SELECT project, cohort, count(*) AS size FROM cohorts GROUP BY project, cohort
)
SELECT c.project, CAST(c.cohort AS DATE) AS cohort, s.size,
  CAST(datediff('quarter', c.cohort, a.quarter) AS INTEGER) AS quarters_later,
  count(*) AS active,
  -- A cohort of a few people swings 0 ↔ 100%: no share below the minimum sample (size is its n).
  CASE WHEN s.size >= min_sample() THEN round(count(*) / s.size, 4) END AS value
FROM cohorts c
JOIN active a ON a.project = c.project AND a.person_id = c.person_id
JOIN sizes s ON s.project = c.project AND s.cohort = c.cohort
GROUP BY c.project, c.cohort, s.size, a.quarter
ORDER BY c.project, c.cohort, quarters_later
