-- title: New contributors, one by one
-- description: Each person (bots left out) whose first-ever contribution to the project falls between from and to (or any time up to as_of), with the date and kind of that first contribution. devstats: "New contributors" table.
-- unit: people
-- chart: table
-- groups: people
-- params: projects, repos, from, to, as_of
WITH firsts AS (
  SELECT project, person_id, any_value(person) AS person, min(contributed_at) AS first_at,
    -- Contributions in the same second: the first by kind, then ref, every time (arg_min picks any).
    first(kind ORDER BY contributed_at, kind, ref) AS first_kind
  FROM people_contributions($projects, $repos, $as_of)
  GROUP BY project, person_id
)
SELECT project, person, person_id, CAST(first_at AS DATE) AS first_contribution, first_kind
FROM firsts
WHERE in_window(first_at, $from, $to, $as_of)
ORDER BY project, first_at, person_id
