-- title: Contributors
-- description: Distinct people (bots left out) with at least one contribution between from and to (or over all the collected history up to as_of), and their contributions; 0 for a project with none. With `cdstats query contributors --from joined`, each project's contributors since the day it joined the foundation (the report's groups page shows them so).
-- unit: people
-- chart: table
-- groups: people
-- params: projects, repos, from, to, as_of
WITH scoped AS (
  SELECT project, person_id, contributed_at
  FROM people_contributions($projects, $repos, $as_of)
  WHERE in_window(contributed_at, $from, $to, $as_of)
)
SELECT u.project,
  count(DISTINCT s.person_id) AS value,
  count(s.person_id) AS contributions,
  CAST(min(s.contributed_at) AS DATE) AS first_contribution
FROM (SELECT DISTINCT unit AS project FROM scope_units($projects)) u
LEFT JOIN scoped s ON s.project = u.project
GROUP BY u.project
ORDER BY u.project
