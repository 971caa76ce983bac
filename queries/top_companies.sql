-- title: Top companies
-- description: Companies by contributions over the window ending at as_of (default 365 days), each contribution counted for the company of its author at that date (bots and the unknown identity left out), with their people and their share of the contributions whose author had a known company. Beside each row the project's affiliation coverage over the window: the share of its affiliation_n contributions by people whose author had a known affiliation (a company, or Independent) at that date, affiliation_known of them. A project with contributions by people but no company has one row with no company, which carries its coverage. Under 50% coverage or 10 contributions the ranking is not representative: the report shows none. devstats: "Companies table".
-- unit: contributions
-- chart: table
-- groups: people
-- coverage: affiliation_coverage, affiliation_known, affiliation_n
-- params: projects, repos, as_of, window INTEGER = 365
WITH counts AS (
  SELECT project, company, count(*) AS contributions, count(DISTINCT person_id) AS contributors
  FROM people_contributions($projects, $repos, $as_of)
  WHERE company IS NOT NULL AND in_last_days(contributed_at, $as_of, $window)
  GROUP BY project, company
)
SELECT c.project, k.company, coalesce(k.contributions, 0) AS contributions, coalesce(k.contributors, 0) AS contributors,
  round(k.contributions / sum(k.contributions) OVER (PARTITION BY c.project), 4) AS share,
  c.coverage AS affiliation_coverage, c.known AS affiliation_known, c.n AS affiliation_n
FROM affiliation_coverage($projects, $repos, $as_of, after_ts := $as_of - to_days($window)) c
LEFT JOIN counts k ON k.project = c.project
ORDER BY c.project, k.contributions DESC NULLS LAST, k.company
