-- title: Issue age
-- description: Of the issues open at as_of (bots' left out), how many, and the median and 85th percentile of their age in days; NULL where GitHub was not collected. devstats: "Open issues age".
-- unit: days
-- chart: table
-- groups: items
-- params: projects, repos, as_of
-- sources: github_issues
SELECT * FROM open_item_ages('github_issues', $projects, $repos, $as_of)
ORDER BY project
