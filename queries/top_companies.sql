-- title: Top companies
-- description: Companies by contributions over the window ending at as_of (default 365 days), each contribution counted for the company of its author at that date (bots and the unknown identity left out), with their people and their share of the contributions whose author had a known company. Beside each row the project's affiliation coverage over the window: the share of its affiliation_n contributions by people whose author had a known affiliation (a company, or Independent) at that date, affiliation_known of them. Under 50% coverage or 10 contributions the ranking is not representative: the report shows none. devstats: "Companies table".
-- unit: contributions
-- chart: table
-- coverage: affiliation_coverage, affiliation_known, affiliation_n
-- params: projects, repos, as_of, window INTEGER = 365
SELECT k.project, k.company, count(*) AS contributions, count(DISTINCT k.person_id) AS contributors,
  round(count(*) / sum(count(*)) OVER (PARTITION BY k.project), 4) AS share,
  any_value(c.coverage) AS affiliation_coverage, any_value(c.known) AS affiliation_known, any_value(c.n) AS affiliation_n
FROM people_contributions($projects, $repos, $as_of) k
JOIN affiliation_coverage($projects, $repos, $as_of, after_ts := $as_of - to_days($window)) c ON c.project = k.project
WHERE k.company IS NOT NULL AND in_last_days(k.contributed_at, $as_of, $window)
GROUP BY k.project, k.company
ORDER BY k.project, contributions DESC, k.company
