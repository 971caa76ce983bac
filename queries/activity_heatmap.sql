-- title: Activity heatmap
-- description: Commits by weekday (1 Monday … 7 Sunday) and hour of the author's local time, from the UTC offset git records, bots left out. GitHub events carry no time zone, so they are not in it.
-- unit: commits
-- chart: table
-- groups: items
-- params: projects, repos, from, to, as_of
SELECT k.project,
  isodow(c.authored_at + to_minutes(CAST(c.author_tz_offset AS BIGINT))) AS weekday,
  hour(c.authored_at + to_minutes(CAST(c.author_tz_offset AS BIGINT))) AS hour,
  count(DISTINCT c.sha) AS value
FROM scoped_contributions($projects, $repos, $as_of) k
JOIN commits c ON c.repo_id = k.repo_id AND c.sha = k.ref
WHERE k.kind = 'commit' AND NOT k.is_bot AND in_window(k.contributed_at, $from, $to, $as_of)
GROUP BY ALL
ORDER BY k.project, weekday, hour
