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
