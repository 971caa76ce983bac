-- Affiliation coverage: how much of a company figure rests on what is known of employers.
--
-- A company figure (companies, top companies, the elephant factor, the health table's elephant
-- factor) counts only the contributions whose author had a known company at that date. Its
-- coverage is the share of the contributions by people in the same scope and time whose
-- author's affiliation at that date was known: a company, or Independent (known to work for no
-- company; devstats counts it as a known affiliation). Unknown, gitdm's NotFound and no
-- affiliation at all are not known. Bots and the unknown identity (emails that name a machine)
-- are in neither count: they have no employer to find. README.md, "Company figures and coverage".

-- The least coverage for a company figure to be representative: under it, or on fewer
-- contributions than min_sample(), the figure is NULL ("not representative"), and its coverage
-- and n beside it say why.
CREATE OR REPLACE TEMP MACRO min_coverage() AS 0.5;

-- A contribution's author had a known affiliation at that date (contributions.affiliation).
CREATE OR REPLACE TEMP MACRO is_affiliated(affiliation) AS affiliation IN ('company', 'independent');

-- `known` of `n` as a share, 4 decimals; NULL when n is 0.
CREATE OR REPLACE TEMP MACRO coverage_share(known, n) AS round(known / nullif(n, 0), 4);

-- A company figure over n contributions by people, `known` of them with a known affiliation,
-- is representative: at least min_sample() contributions and min_coverage() of them known.
CREATE OR REPLACE TEMP MACRO is_representative(known, n) AS n >= min_sample() AND known >= n * min_coverage();

-- Per project of the scope, the contributions by people after after_ts (exclusive; NULL: since
-- ever) up to as_of, of one kind (or 'all'): how many (n), how many by an author with a known
-- affiliation at that date (known), the share (coverage) and whether a company figure over them
-- is representative. A project with no contribution by people there has no row.
CREATE OR REPLACE TEMP MACRO affiliation_coverage(projects, repos, as_of, after_ts := NULL, of_kind := 'all') AS TABLE
  SELECT project, count(*) AS n, count(*) FILTER (WHERE is_affiliated(affiliation)) AS known,
    coverage_share(known, n) AS coverage, is_representative(known, n) AS representative
  FROM people_contributions(projects, repos, as_of)
  WHERE (after_ts IS NULL OR contributed_at > after_ts) AND (of_kind = 'all' OR kind = of_kind)
  GROUP BY project;
