-- title: Bus factor
-- description: Over the window ending at as_of, the smallest number of people (bots left out) whose contributions of the chosen kind make up more than half of all of them, with the top 10's share. CHAOSS: Contributor Absence Factor; devstats: "Bus factor". Ties do not change it: the top n sum the same whichever of the tied people is named.
-- unit: people
-- chart: table
-- params: projects, repos, as_of, window INTEGER = 365, kind VARCHAR = 'commit'
WITH counts AS (
  SELECT project, person_id, count(*) AS n
  FROM contributions
  WHERE NOT is_bot AND ($kind = 'all' OR kind = $kind)
    AND contributed_at <= $as_of AND contributed_at > $as_of - to_days($window)
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
  GROUP BY project, person_id
),
ranked AS (
  SELECT project, n,
    row_number() OVER (PARTITION BY project ORDER BY n DESC, person_id) AS rank,
    sum(n) OVER (PARTITION BY project ORDER BY n DESC, person_id ROWS UNBOUNDED PRECEDING) AS running,
    sum(n) OVER (PARTITION BY project) AS total
  FROM counts
)
SELECT project,
  min(rank) FILTER (WHERE running * 2 > total) AS value,
  CAST(any_value(total) AS BIGINT) AS contributions,
  count(*) AS people,
  round(sum(n) FILTER (WHERE rank <= 10) / any_value(total), 4) AS top10_share
FROM ranked
GROUP BY project
ORDER BY project
