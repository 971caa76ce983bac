-- title: Companies
-- description: Distinct companies with at least one contribution in each period, counting each contribution for the company of its author at that date (bots, the unknown identity, Independent and unknown affiliations left out). Beside it the affiliation coverage of the period: the share of its affiliation_n contributions by people whose author had a known affiliation (a company, or Independent) at that date, affiliation_known of them. Not representative, so NULL, under 50% coverage or 10 contributions. devstats: "Companies".
-- unit: companies
-- chart: line
-- groups: people
-- coverage: affiliation_coverage, affiliation_known, affiliation_n
-- missing: under half of the contributions by people have an author with a known company (or Independent) at that date, or there are under 10 of them, so the count of companies is not representative. Companies come from gitdm files (identity: gitdm), affiliations of people (identity: people) and an email domain map (identity: domains) in cdstats.yaml; `cdstats people --unaffiliated --top 50 --gitdm to-fill.txt` lists whom to fill in.
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, company, affiliation, date_trunc($period, contributed_at) AS bucket
  FROM people_contributions($projects, $repos, $as_of)
  WHERE in_window(contributed_at, $from, $to, $as_of)
),
counts AS (
  SELECT b.project, b.bucket, count(DISTINCT e.company) AS companies,
    count(e.bucket) FILTER (WHERE is_affiliated(e.affiliation)) AS known, count(e.bucket) AS n
  FROM period_buckets('events', $period, $from, $to, $as_of) b
  LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
  GROUP BY b.project, b.bucket
)
SELECT project, CAST(bucket AS DATE) AS period,
  CASE WHEN is_representative(known, n) THEN companies END AS value,
  coverage_share(known, n) AS affiliation_coverage, known AS affiliation_known, n AS affiliation_n
FROM counts
ORDER BY project, bucket
