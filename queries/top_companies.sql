-- title: Top companies
-- description: Companies by contributions over the window ending at as_of (default 365 days), each contribution counted for the company of its author at that date, bots left out; with their people and their share of the contributions whose author had a known company. devstats: "Companies table".
-- unit: contributions
-- chart: table
-- params: projects, repos, as_of, window INTEGER = 365
SELECT project, company, count(*) AS contributions, count(DISTINCT person_id) AS contributors,
  round(count(*) / sum(count(*)) OVER (PARTITION BY project), 4) AS share
FROM scoped_contributions($projects, $repos, $as_of)
WHERE NOT is_bot AND company IS NOT NULL AND in_last_days(contributed_at, $as_of, $window)
GROUP BY project, company
ORDER BY project, contributions DESC, company
