-- title: Releases
-- description: Releases published in each period: a repository's GitHub releases (publishedAt, else createdAt; drafts left out), or its git tags (tagger date, else the commit's) when it has no GitHub release. devstats: "Releases".
-- unit: releases
-- chart: line
-- params: projects, repos, period, from, to, as_of
WITH github AS (
  SELECT repo_id, coalesce(published_at, created_at) AS released_at
  FROM releases
  WHERE NOT is_draft
),
events AS (
  SELECT r.project, x.released_at AS at, date_trunc($period, x.released_at) AS bucket
  FROM (
    SELECT repo_id, released_at FROM github
    UNION ALL
    SELECT repo_id, tagged_at FROM tags WHERE repo_id NOT IN (SELECT repo_id FROM github)
  ) x
  JOIN repos r ON r.repo_id = x.repo_id
  WHERE in_scope(r.project, r.name, $projects, $repos) AND in_window(x.released_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.at) AS value
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
