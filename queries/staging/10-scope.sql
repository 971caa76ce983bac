-- Scope and time: which contributions an indicator looks at.

-- A row belongs to the chosen projects and repositories (NULL: all of them).
CREATE OR REPLACE TEMP MACRO in_scope(project, repo, projects VARCHAR[], repos VARCHAR[]) AS
  (projects IS NULL OR list_contains(projects, project)) AND (repos IS NULL OR list_contains(repos, repo));

-- An instant counts: not after as_of, and inside [from_ts, to_ts) where those are given.
CREATE OR REPLACE TEMP MACRO in_window(ts, from_ts TIMESTAMP, to_ts TIMESTAMP, as_of TIMESTAMP) AS
  ts <= as_of AND (from_ts IS NULL OR ts >= from_ts) AND (to_ts IS NULL OR ts < to_ts);

-- An instant falls in the `days` days that end at as_of (as_of included).
CREATE OR REPLACE TEMP MACRO in_last_days(ts, as_of TIMESTAMP, days INTEGER) AS
  ts <= as_of AND ts > as_of - to_days(days);

-- Contributions of the scope, up to as_of, bots and the unknown identity included: counts of
-- commits or lines say NOT is_bot, counts of people read people_contributions.
CREATE OR REPLACE TEMP MACRO scoped_contributions(projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  SELECT * FROM contributions
  WHERE contributed_at <= as_of AND in_scope(project, repo, projects, repos);

-- Contributions of people in the scope, up to as_of: no bot, no unknown identity (an email
-- that names a machine). What every count of people reads; counts of commits or lines read
-- scoped_contributions, where an unknown identity's commit still counts.
CREATE OR REPLACE TEMP MACRO people_contributions(projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  SELECT * FROM scoped_contributions(projects, repos, as_of) WHERE is_person;
