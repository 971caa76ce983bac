-- title: Issues opened
-- description: Issues opened in each period (createdAt), bots left out; missing (NULL) where GitHub issues were not collected. devstats: "Issues opened".
-- unit: issues
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_issues
SELECT * FROM event_counts('issue_opened', $projects, $repos, $period, $from, $to, $as_of)
ORDER BY project, period
