-- title: Open pull request age
-- description: Of the pull requests open at as_of (bots' left out), how many, and the median and 85th percentile of their age in days; NULL where GitHub was not collected. devstats: "Open pull requests age".
-- unit: days
-- chart: table
-- groups: items
-- params: projects, repos, as_of
-- sources: github_pull_requests
SELECT * FROM open_item_ages('github_pull_requests', $projects, $repos, $as_of)
ORDER BY project
