-- title: Pull requests opened
-- description: Pull requests opened in each period (createdAt), bots left out. Periods GitHub was not collected for are missing (NULL), not 0. devstats: "PRs opened".
-- unit: pull requests
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
SELECT * FROM event_counts('pr_opened', $projects, $repos, $period, $from, $to, $as_of)
ORDER BY project, period
