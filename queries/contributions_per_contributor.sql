-- title: Contributions per contributor
-- description: Over the window ending at as_of (default the last 365 days): all contributions divided by the distinct people who made them, per project, bots left out, with both numbers shown. The CD Foundation's comparison of projects.
-- unit: contributions per person
-- chart: table
-- groups: people
-- params: projects, repos, as_of, window INTEGER = 365
SELECT project,
  round(count(*) / count(DISTINCT person_id), 2) AS value,
  count(*) AS contributions,
  count(DISTINCT person_id) AS contributors
FROM people_contributions($projects, $repos, $as_of)
WHERE in_last_days(contributed_at, $as_of, $window)
GROUP BY project
ORDER BY project
