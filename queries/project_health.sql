-- title: Project health
-- description: One row per project as of as_of: last commit and last release (GitHub releases, else git tags, as the releases indicator counts them), days since the last commit; commits, contributors, new contributors, pull requests merged and issues opened over the last 3, 6 and 12 months; the trend of contributors (people) in the last 3 months against the 3 before, with both counts (Up or Down beyond ±10%, else Flat; none when neither count reaches the minimum sample of 10 people); median time to first response over the last 6 months (hours); bus factor and elephant factor over 12 months with the top company's share, and beside them the affiliation coverage of those 12 months (the share of the affiliation_n_12m contributions by people whose author had a known affiliation, a company or Independent, at that date); the elephant factor and top company share are NULL, not representative, under 50% coverage or 10 contributions. Bots left out; GitHub figures are NULL where GitHub was not collected. devstats: "Project health".
-- unit: mixed
-- chart: table
-- groups: people
-- params: projects, as_of
WITH base AS (
  -- Commits and issues of unknown (machine) identities count; people counts take persons only.
  SELECT * FROM scoped_contributions($projects, NULL, $as_of)
  WHERE NOT is_bot
),
names AS (
  SELECT DISTINCT unit AS project FROM scope_units($projects)
),
github AS (
  SELECT u.unit AS project, bool_or(s.source = 'github_pull_requests') AS prs, bool_or(s.source = 'github_issues') AS issues
  FROM collected_sources s JOIN scope_units($projects) u ON u.project = s.project GROUP BY u.unit
),
activity AS (
  SELECT n.project,
    max(b.contributed_at) FILTER (WHERE b.kind = 'commit') AS last_commit,
    count(DISTINCT b.ref) FILTER (WHERE b.kind = 'commit' AND b.contributed_at > $as_of - INTERVAL 3 MONTH) AS commits_3m,
    count(DISTINCT b.ref) FILTER (WHERE b.kind = 'commit' AND b.contributed_at > $as_of - INTERVAL 6 MONTH) AS commits_6m,
    count(DISTINCT b.ref) FILTER (WHERE b.kind = 'commit' AND b.contributed_at > $as_of - INTERVAL 12 MONTH) AS commits_12m,
    count(DISTINCT b.person_id) FILTER (WHERE b.is_person AND b.contributed_at > $as_of - INTERVAL 3 MONTH) AS contributors_3m,
    count(DISTINCT b.person_id) FILTER (WHERE b.is_person AND b.contributed_at > $as_of - INTERVAL 6 MONTH) AS contributors_6m,
    count(DISTINCT b.person_id) FILTER (WHERE b.is_person AND b.contributed_at > $as_of - INTERVAL 12 MONTH) AS contributors_12m,
    count(DISTINCT b.ref) FILTER (WHERE b.kind = 'issue_opened' AND b.contributed_at > $as_of - INTERVAL 3 MONTH) AS issues_opened_3m,
    count(DISTINCT b.ref) FILTER (WHERE b.kind = 'issue_opened' AND b.contributed_at > $as_of - INTERVAL 6 MONTH) AS issues_opened_6m,
    count(DISTINCT b.ref) FILTER (WHERE b.kind = 'issue_opened' AND b.contributed_at > $as_of - INTERVAL 12 MONTH) AS issues_opened_12m,
    count(DISTINCT b.person_id) FILTER (WHERE b.is_person AND b.contributed_at > $as_of - INTERVAL 6 MONTH AND b.contributed_at <= $as_of - INTERVAL 3 MONTH) AS contributors_prev_3m
  FROM names n LEFT JOIN base b ON b.project = n.project
  GROUP BY n.project
),
firsts AS (
  SELECT project, person_id, min(contributed_at) AS first_at FROM base WHERE is_person GROUP BY project, person_id
),
newcomers AS (
  SELECT project,
    count(*) FILTER (WHERE first_at > $as_of - INTERVAL 3 MONTH) AS new_3m,
    count(*) FILTER (WHERE first_at > $as_of - INTERVAL 6 MONTH) AS new_6m,
    count(*) FILTER (WHERE first_at > $as_of - INTERVAL 12 MONTH) AS new_12m
  FROM firsts GROUP BY project
),
merged AS (
  SELECT b.project,
    count(*) FILTER (WHERE p.merged_at > $as_of - INTERVAL 3 MONTH) AS merged_3m,
    count(*) FILTER (WHERE p.merged_at > $as_of - INTERVAL 6 MONTH) AS merged_6m,
    count(*) FILTER (WHERE p.merged_at > $as_of - INTERVAL 12 MONTH) AS merged_12m
  FROM base b JOIN pull_requests p ON p.repo_id = b.repo_id AND p.node_id = b.ref
  WHERE b.kind = 'pr_opened' AND p.merged_at <= $as_of
  GROUP BY b.project
),
releases_last AS (
  SELECT project, max(released_at) AS last_release FROM scoped_releases($projects, NULL, $as_of) GROUP BY project
),
recent_responses AS (
  SELECT project, hours
  FROM first_responses($projects, NULL, $as_of)
  WHERE opened_at > $as_of - INTERVAL 6 MONTH
),
response AS (
  SELECT project, round(quantile_cont(hours, 0.5), 2) AS ttfr_hours FROM recent_responses GROUP BY project
),
authors AS (
  SELECT project, person_id AS key, count(*) AS n FROM base
  WHERE is_person AND kind = 'commit' AND contributed_at > $as_of - INTERVAL 12 MONTH GROUP BY project, person_id
),
bus AS (
  SELECT project, min(rank) FILTER (WHERE running * 2 > total) AS bus_factor
  FROM ranked_shares('authors') GROUP BY project
),
companies AS (
  SELECT project, company AS key, count(*) AS n FROM base
  WHERE company IS NOT NULL AND contributed_at > $as_of - INTERVAL 12 MONTH GROUP BY project, company
),
elephant AS (
  SELECT project, min(rank) FILTER (WHERE running * 2 > total) AS elephant_factor, round(max(n) / any_value(total), 4) AS top_company_share
  FROM ranked_shares('companies') GROUP BY project
),
affiliated AS (
  SELECT * FROM affiliation_coverage($projects, NULL, $as_of, after_ts := $as_of - INTERVAL 12 MONTH)
)
SELECT a.project,
  CAST(a.last_commit AS DATE) AS last_commit,
  CAST(l.last_release AS DATE) AS last_release,
  CAST(floor(epoch($as_of - a.last_commit) / 86400) AS INTEGER) AS days_since_last_commit,
  a.commits_3m, a.commits_6m, a.commits_12m,
  a.contributors_3m, a.contributors_6m, a.contributors_12m, a.contributors_prev_3m,
  coalesce(nc.new_3m, 0) AS new_contributors_3m, coalesce(nc.new_6m, 0) AS new_contributors_6m, coalesce(nc.new_12m, 0) AS new_contributors_12m,
  CASE WHEN g.prs THEN coalesce(m.merged_3m, 0) END AS prs_merged_3m,
  CASE WHEN g.prs THEN coalesce(m.merged_6m, 0) END AS prs_merged_6m,
  CASE WHEN g.prs THEN coalesce(m.merged_12m, 0) END AS prs_merged_12m,
  CASE WHEN g.issues THEN a.issues_opened_3m END AS issues_opened_3m,
  CASE WHEN g.issues THEN a.issues_opened_6m END AS issues_opened_6m,
  CASE WHEN g.issues THEN a.issues_opened_12m END AS issues_opened_12m,
  -- No trend on a few people: 9 against 8 is noise (min_sample, README "Small samples").
  CASE WHEN greatest(a.contributors_3m, a.contributors_prev_3m) < min_sample() THEN NULL
       WHEN a.contributors_3m > a.contributors_prev_3m * 1.1 THEN 'Up' WHEN a.contributors_3m < a.contributors_prev_3m * 0.9 THEN 'Down' ELSE 'Flat' END AS trend,
  CASE WHEN g.prs OR g.issues THEN r.ttfr_hours END AS median_first_response_hours_6m,
  b.bus_factor,
  CASE WHEN f.representative THEN e.elephant_factor END AS elephant_factor,
  CASE WHEN f.representative THEN e.top_company_share END AS top_company_share,
  f.coverage AS affiliation_coverage_12m, coalesce(f.n, 0) AS affiliation_n_12m
FROM activity a
LEFT JOIN newcomers nc ON nc.project = a.project
LEFT JOIN github g ON g.project = a.project
LEFT JOIN merged m ON m.project = a.project
LEFT JOIN releases_last l ON l.project = a.project
LEFT JOIN response r ON r.project = a.project
LEFT JOIN bus b ON b.project = a.project
LEFT JOIN elephant e ON e.project = a.project
LEFT JOIN affiliated f ON f.project = a.project
ORDER BY a.project
