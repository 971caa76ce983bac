-- title: Pull requests merged
-- description: Pull requests merged in each period (mergedAt), bots left out; missing (NULL) where GitHub was not collected. devstats: "PRs merged".
-- unit: pull requests
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
SELECT * FROM event_counts('pr_merged', $projects, $repos, $period, $from, $to, $as_of)
ORDER BY project, period
