-- title: Elephant factor
-- description: Over the window ending at as_of, the smallest number of companies whose contributions make up more than half of the contributions by people with a known company at that time (bots and the unknown identity left out), with the top company and its share. Beside it the affiliation coverage: the share of the affiliation_n contributions by people whose author had a known affiliation (a company, or Independent) at that date, affiliation_known of them. Under 50% coverage or 10 contributions the factor is not representative, so NULL. CHAOSS: Elephant Factor.
-- unit: companies
-- chart: table
-- groups: people
-- coverage: affiliation_coverage, affiliation_known, affiliation_n
-- missing: under half of the contributions by people in the window have an author with a known company (or Independent) at that date, or there are under 10 of them, so the elephant factor is not representative. What is missing is affiliation data, not GitHub data: add gitdm files (identity: gitdm), affiliations of people (identity: people) or an email domain map (identity: domains) to cdstats.yaml, as README's "People, bots and companies" shows (`cdstats people --unaffiliated --top 50 --gitdm to-fill.txt` lists whom to fill in), then build the report again.
-- params: projects, repos, as_of, window INTEGER = 365, kind VARCHAR = 'all'
WITH counts AS (
  SELECT project, company AS key, count(*) AS n
  FROM people_contributions($projects, $repos, $as_of)
  WHERE company IS NOT NULL AND ($kind = 'all' OR kind = $kind) AND in_last_days(contributed_at, $as_of, $window)
  GROUP BY project, company
),
factor AS (
  SELECT project, min(rank) FILTER (WHERE running * 2 > total) AS value, any_value(key) FILTER (WHERE rank = 1) AS top_company,
    round(max(n) / any_value(total), 4) AS top_company_share, any_value(total) AS with_company
  FROM ranked_shares('counts')
  GROUP BY project
)
SELECT c.project,
  CASE WHEN c.representative THEN f.value END AS value,
  CASE WHEN c.representative THEN f.top_company END AS top_company,
  CASE WHEN c.representative THEN f.top_company_share END AS top_company_share,
  coalesce(f.with_company, 0) AS contributions_with_company,
  c.coverage AS affiliation_coverage, c.known AS affiliation_known, c.n AS affiliation_n
FROM affiliation_coverage($projects, $repos, $as_of, after_ts := $as_of - to_days($window), of_kind := $kind) c
LEFT JOIN factor f ON f.project = c.project
ORDER BY c.project
