-- title: Repository totals
-- description: Per repository: its URL and analysed branch, the commits on that branch and the date of the latest one.
-- unit: commits
-- chart: table
-- groups: no
-- params: as_of TIMESTAMP
SELECT
  r.project,
  r.name,
  r.url,
  r.default_branch,
  count(c.sha) AS commits,
  CAST(max(c.authored_at) AS DATE) AS last_commit
FROM repos r
LEFT JOIN commits c ON c.repo_id = r.repo_id AND c.authored_at <= $as_of
GROUP BY r.project, r.name, r.url, r.default_branch
ORDER BY r.project, r.name
