-- title: Pull requests closed without merge
-- description: Pull requests closed without being merged in each period (closedAt), bots left out; missing (NULL) where GitHub was not collected.
-- unit: pull requests
-- chart: line
-- groups: items
-- params: projects, repos, period, from, to, as_of
-- sources: github_pull_requests
SELECT * FROM event_counts('pr_closed_unmerged', $projects, $repos, $period, $from, $to, $as_of)
ORDER BY project, period
