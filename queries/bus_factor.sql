-- title: Bus factor
-- description: Over the window ending at as_of, the smallest number of people (bots left out) whose contributions of the chosen kind make up more than half of all of them, with the top 10's share. CHAOSS: Contributor Absence Factor; devstats: "Bus factor". Ties do not change it: the top n sum the same whichever of the tied people is named.
-- unit: people
-- chart: table
-- groups: people
-- params: projects, repos, as_of, window INTEGER = 365, kind VARCHAR = 'commit'
WITH counts AS (
  SELECT project, person_id AS key, count(*) AS n
  FROM people_contributions($projects, $repos, $as_of)
  WHERE ($kind = 'all' OR kind = $kind) AND in_last_days(contributed_at, $as_of, $window)
  GROUP BY project, person_id
)
SELECT project,
  min(rank) FILTER (WHERE running * 2 > total) AS value,
  CAST(any_value(total) AS BIGINT) AS contributions,
  count(*) AS people,
  round(sum(n) FILTER (WHERE rank <= 10) / any_value(total), 4) AS top10_share
FROM ranked_shares('counts')
GROUP BY project
ORDER BY project
