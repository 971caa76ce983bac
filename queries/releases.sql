-- title: Releases
-- description: Releases published in each period: a repository's GitHub releases (publishedAt, else createdAt; drafts left out), or its git tags (tagger date, else the commit's) when it has no GitHub release. devstats: "Releases".
-- unit: releases
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
WITH events AS (
  SELECT project, released_at AS at, date_trunc($period, released_at) AS bucket
  FROM scoped_releases($projects, $repos, $as_of)
  WHERE in_window(released_at, $from, $to, $as_of)
)
SELECT b.project, CAST(b.bucket AS DATE) AS period, count(e.at) AS value
FROM period_buckets('events', $period, $from, $to, $as_of) b
LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
GROUP BY b.project, b.bucket
ORDER BY b.project, b.bucket
