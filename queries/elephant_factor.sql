-- title: Elephant factor
-- description: Over the window ending at as_of, the smallest number of companies whose contributions make up more than half of the contributions by people with a known company at that time (bots left out); beside it the affiliation coverage, the share of all contributions whose author had a known company, and the top company's share. CHAOSS: Elephant Factor.
-- unit: companies
-- chart: table
-- missing: no contribution in the window has an author with a known company. What is missing is affiliation data, not GitHub data: add gitdm files (identity: gitdm), an email domain map (identity: domains) or affiliations of people (identity: people) to cdstats.yaml, as README's "People, bots and companies" shows, then build the report again.
-- params: projects, repos, as_of, window INTEGER = 365, kind VARCHAR = 'all'
WITH base AS (
  SELECT project, company
  FROM scoped_contributions($projects, $repos, $as_of)
  WHERE NOT is_bot AND ($kind = 'all' OR kind = $kind) AND in_last_days(contributed_at, $as_of, $window)
),
totals AS (
  SELECT project, count(*) AS contributions, count(company) AS with_company
  FROM base
  GROUP BY project
),
counts AS (
  SELECT project, company AS key, count(*) AS n FROM base WHERE company IS NOT NULL GROUP BY project, company
)
SELECT t.project,
  min(r.rank) FILTER (WHERE r.running * 2 > r.total) AS value,
  t.with_company AS contributions_with_company,
  t.contributions,
  round(t.with_company / t.contributions, 4) AS affiliation_coverage,
  any_value(r.key) FILTER (WHERE r.rank = 1) AS top_company,
  round(max(r.n) / any_value(r.total), 4) AS top_company_share
FROM totals t
LEFT JOIN ranked_shares('counts') r ON r.project = t.project
GROUP BY t.project, t.with_company, t.contributions
ORDER BY t.project
