-- title: Issues closed
-- description: Issues closed in each period (closedAt; an issue closed, reopened and closed again counts at its last close), bots left out; missing (NULL) where GitHub issues were not collected. devstats: "Issues closed".
-- unit: issues
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_issues
SELECT * FROM event_counts('issue_closed', $projects, $repos, $period, $from, $to, $as_of)
ORDER BY project, period
