-- Scope and time: which contributions an indicator looks at, and the unit each is counted for.

-- What cdstats.yaml says of projects beyond their repositories, filled by every session from
-- the config as it is now (src/store/scope.ts), so an edit counts at once, with no collect;
-- empty in a session with no config. docs/schema.md.
CREATE TEMP TABLE IF NOT EXISTS project_groups (group_name VARCHAR NOT NULL, project VARCHAR NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS project_meta (project VARCHAR NOT NULL, maturity VARCHAR, joined DATE);
CREATE TEMP TABLE IF NOT EXISTS repo_groups (project VARCHAR NOT NULL, repo VARCHAR NOT NULL, repo_group VARCHAR NOT NULL);

-- Every unit a figure can be counted for, and the projects it counts (project, unit, unit_kind):
-- each project for itself ('project'), each group of the config for each of its projects
-- ('group'), and 'all' for every project of the config ('all'; every project collected in a
-- session with no config). Group names never clash with project names or 'all' (the config
-- refuses them), so a unit's name says which it is.
CREATE OR REPLACE TEMP VIEW units AS
  WITH named AS (
    SELECT name AS project FROM projects UNION SELECT project FROM repos
  )
  SELECT project, project AS unit, 'project' AS unit_kind FROM named WHERE project NOT IN (SELECT group_name FROM project_groups)
  UNION ALL
  SELECT project, group_name, 'group' FROM project_groups
  UNION ALL
  SELECT project, 'all', 'all' FROM project_meta
  UNION ALL
  SELECT project, 'all', 'all' FROM named WHERE NOT EXISTS (SELECT 1 FROM project_meta);

-- The units a `projects` list asks for, with the projects each counts (project, unit): a project
-- name is that project, a group name each of the group's projects, 'all' every project of the
-- config; NULL is every project, each for itself. A project in two of the asked groups counts
-- in both. Counting per unit counts a person once in a group, however many of its projects they
-- contributed to (devstats' "All"), and an item (a commit in two repositories) once.
CREATE OR REPLACE TEMP MACRO scope_units(projects VARCHAR[]) AS TABLE
  SELECT project, unit FROM units
  WHERE CASE WHEN projects IS NULL THEN unit_kind = 'project' ELSE list_contains(projects, unit) END;

-- A row belongs to the chosen projects and repositories (NULL: all of them), by project name:
-- a group's projects are not among them (scope_units maps projects to the units asked).
CREATE OR REPLACE TEMP MACRO in_scope(project, repo, projects VARCHAR[], repos VARCHAR[]) AS
  (projects IS NULL OR list_contains(projects, project)) AND (repos IS NULL OR list_contains(repos, repo));

-- A repository is one of the chosen ones (NULL: all of them).
CREATE OR REPLACE TEMP MACRO in_repos(repo, repos VARCHAR[]) AS
  repos IS NULL OR list_contains(repos, repo);

-- An instant counts: not after as_of, and inside [from_ts, to_ts) where those are given.
CREATE OR REPLACE TEMP MACRO in_window(ts, from_ts TIMESTAMP, to_ts TIMESTAMP, as_of TIMESTAMP) AS
  ts <= as_of AND (from_ts IS NULL OR ts >= from_ts) AND (to_ts IS NULL OR ts < to_ts);

-- An instant falls in the `days` days that end at as_of (as_of included).
CREATE OR REPLACE TEMP MACRO in_last_days(ts, as_of TIMESTAMP, days INTEGER) AS
  ts <= as_of AND ts > as_of - to_days(days);

-- Contributions of the scope, up to as_of, bots and the unknown identity included: counts of
-- commits or lines say NOT is_bot, counts of people read people_contributions. `project` is
-- the unit asked (scope_units): the project itself, or a group or 'all' holding it.
CREATE OR REPLACE TEMP MACRO scoped_contributions(projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  SELECT c.* REPLACE (u.unit AS project)
  FROM contributions c
  JOIN scope_units(projects) u ON u.project = c.project
  WHERE c.contributed_at <= as_of AND in_repos(c.repo, repos);

-- Contributions of people in the scope, up to as_of: no bot, no unknown identity (an email
-- that names a machine). What every count of people reads; counts of commits or lines read
-- scoped_contributions, where an unknown identity's commit still counts.
CREATE OR REPLACE TEMP MACRO people_contributions(projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  SELECT * FROM scoped_contributions(projects, repos, as_of) WHERE is_person;
