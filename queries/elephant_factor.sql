-- title: Elephant factor
-- description: Over the window ending at as_of, the smallest number of companies whose contributions make up more than half of the contributions by people with a known company at that time (bots left out); beside it the affiliation coverage, the share of all contributions whose author had a known company, and the top company's share. CHAOSS: Elephant Factor.
-- unit: companies
-- chart: table
-- params: projects, repos, as_of, window INTEGER = 365, kind VARCHAR = 'all'
WITH base AS (
  SELECT project, company
  FROM contributions
  WHERE NOT is_bot AND ($kind = 'all' OR kind = $kind)
    AND contributed_at <= $as_of AND contributed_at > $as_of - to_days($window)
    AND ($projects::VARCHAR[] IS NULL OR list_contains($projects::VARCHAR[], project)) AND ($repos::VARCHAR[] IS NULL OR list_contains($repos::VARCHAR[], repo))
),
totals AS (
  SELECT project, count(*) AS contributions, count(company) AS with_company
  FROM base
  GROUP BY project
),
ranked AS (
  SELECT project, company, n,
    row_number() OVER (PARTITION BY project ORDER BY n DESC, company) AS rank,
    sum(n) OVER (PARTITION BY project ORDER BY n DESC, company ROWS UNBOUNDED PRECEDING) AS running,
    sum(n) OVER (PARTITION BY project) AS total
  FROM (SELECT project, company, count(*) AS n FROM base WHERE company IS NOT NULL GROUP BY project, company)
)
SELECT t.project,
  min(r.rank) FILTER (WHERE r.running * 2 > r.total) AS value,
  t.with_company AS contributions_with_company,
  t.contributions,
  round(t.with_company / t.contributions, 4) AS affiliation_coverage,
  any_value(r.company) FILTER (WHERE r.rank = 1) AS top_company,
  round(max(r.n) / any_value(r.total), 4) AS top_company_share
FROM totals t
LEFT JOIN ranked r ON r.project = t.project
GROUP BY t.project, t.with_company, t.contributions
ORDER BY t.project
