-- Releases, as the releases indicator and project health both count them.

-- One row per release of a repository (project, repo, repo_id, released_at): its GitHub
-- releases (publishedAt, else createdAt; drafts left out), or its git tags (tagger date, else
-- the commit's) when it has no GitHub release, so a git-only repository still has releases.
CREATE OR REPLACE TEMP VIEW released AS
  WITH github AS (
    SELECT repo_id, coalesce(published_at, created_at) AS released_at FROM releases WHERE NOT is_draft
  )
  SELECT r.project, r.name AS repo, x.repo_id, x.released_at
  FROM (
    SELECT repo_id, released_at FROM github
    UNION ALL
    SELECT repo_id, tagged_at FROM tags WHERE repo_id NOT IN (SELECT repo_id FROM github)
  ) x
  JOIN repos r ON r.repo_id = x.repo_id;

-- Releases of the scope up to as_of (project, repo, released_at), `project` the unit asked
-- (scope_units): a release is one repository's, so a group counts each once.
CREATE OR REPLACE TEMP MACRO scoped_releases(projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  SELECT u.unit AS project, r.repo, r.repo_id, r.released_at
  FROM released r
  JOIN scope_units(projects) u ON u.project = r.project
  WHERE r.released_at <= as_of AND in_repos(r.repo, repos);
