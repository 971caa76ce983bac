-- title: Project totals
-- description: Per project: repositories, commits (a commit found in several of its repositories counts once), commit authors (people, after identity resolution), first and last commit dates, and lines added and deleted by non-merge commits; bots left out.
-- unit: repositories, commits, authors, lines
-- chart: table
-- groups: no
-- params: as_of TIMESTAMP
WITH project_commits AS (
  SELECT DISTINCT ON (r.project, c.sha)
    r.project, c.sha, CASE WHEN k.is_person THEN k.person_id END AS person_id, c.authored_at, c.is_merge, c.lines_added, c.lines_deleted
  FROM commits c
  JOIN repos r ON r.repo_id = c.repo_id
  JOIN contributions k ON k.kind = 'commit' AND k.repo_id = c.repo_id AND k.ref = c.sha
  WHERE c.authored_at <= $as_of AND NOT k.is_bot
),
repo_counts AS (
  SELECT project, count(*) AS repos
  FROM repos
  GROUP BY project
)
SELECT
  rc.project,
  rc.repos,
  count(pc.sha) AS commits,
  count(DISTINCT pc.person_id) AS authors,
  CAST(min(pc.authored_at) AS DATE) AS first_commit,
  CAST(max(pc.authored_at) AS DATE) AS last_commit,
  sum(pc.lines_added) FILTER (WHERE NOT pc.is_merge) AS lines_added,
  sum(pc.lines_deleted) FILTER (WHERE NOT pc.is_merge) AS lines_deleted
FROM repo_counts rc
LEFT JOIN project_commits pc ON pc.project = rc.project
GROUP BY rc.project, rc.repos
ORDER BY rc.project
