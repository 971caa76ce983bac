-- Pull requests and issues as indicators see them, and their events in one long table.

-- Pull requests of the scope opened by people (a bot's are left out), one row each per unit
-- asked (scope_units), with their createdAt, mergedAt and closedAt.
CREATE OR REPLACE TEMP MACRO staged_pull_requests(projects VARCHAR[], repos VARCHAR[]) AS TABLE
  SELECT k.project, k.repo, p.repo_id, p.node_id, p.created_at, p.merged_at, p.closed_at
  FROM scoped_contributions(projects, repos, TIMESTAMP 'infinity') k
  JOIN pull_requests p ON p.repo_id = k.repo_id AND p.node_id = k.ref
  WHERE k.kind = 'pr_opened' AND NOT k.is_bot;

-- Issues of the scope opened by people (a bot's are left out), one row each per unit asked
-- (scope_units), with their createdAt and closedAt.
CREATE OR REPLACE TEMP MACRO staged_issues(projects VARCHAR[], repos VARCHAR[]) AS TABLE
  SELECT k.project, k.repo, i.repo_id, i.node_id, i.created_at, i.closed_at
  FROM scoped_contributions(projects, repos, TIMESTAMP 'infinity') k
  JOIN issues i ON i.repo_id = k.repo_id AND i.node_id = k.ref
  WHERE k.kind = 'issue_opened' AND NOT k.is_bot;

-- One row per event of a pull request or issue of a person: pr_opened (createdAt), pr_merged
-- (mergedAt), pr_closed_unmerged (closedAt of one never merged), issue_opened, issue_closed
-- (closedAt: the last close of an issue closed, reopened and closed again).
CREATE OR REPLACE TEMP MACRO item_events(projects VARCHAR[], repos VARCHAR[]) AS TABLE
  SELECT project, repo, 'github_pull_requests' AS source, 'pr_opened' AS event, created_at AS happened_at FROM staged_pull_requests(projects, repos)
  UNION ALL
  SELECT project, repo, 'github_pull_requests', 'pr_merged', merged_at FROM staged_pull_requests(projects, repos) WHERE merged_at IS NOT NULL
  UNION ALL
  SELECT project, repo, 'github_pull_requests', 'pr_closed_unmerged', closed_at FROM staged_pull_requests(projects, repos) WHERE closed_at IS NOT NULL AND merged_at IS NULL
  UNION ALL
  SELECT project, repo, 'github_issues', 'issue_opened', created_at FROM staged_issues(projects, repos)
  UNION ALL
  SELECT project, repo, 'github_issues', 'issue_closed', closed_at FROM staged_issues(projects, repos) WHERE closed_at IS NOT NULL;

-- The count of one kind of item_events in each period, NULL where its source was not collected.
CREATE OR REPLACE TEMP MACRO event_counts(kind, projects VARCHAR[], repos VARCHAR[], period, from_ts, to_ts, as_of) AS TABLE
  WITH events AS (
    SELECT project, date_trunc(period, happened_at) AS bucket
    FROM item_events(projects, repos)
    WHERE event = kind AND in_window(happened_at, from_ts, to_ts, as_of)
  )
  SELECT b.project, CAST(b.bucket AS DATE) AS period, CASE WHEN b.collected THEN count(e.bucket) END AS value
  FROM period_buckets('events', period, from_ts, to_ts, as_of, [CASE WHEN kind LIKE 'pr_%' THEN 'github_pull_requests' ELSE 'github_issues' END]) b
  LEFT JOIN events e ON e.project = b.project AND e.bucket = b.bucket
  GROUP BY b.project, b.bucket, b.collected;

-- Per issue or pull request of a person opened up to as_of (project, item, opened_at): the
-- hours until the first comment or review by another person (not a bot) at least 30 s after opening
-- (devstats' rule), NULL while there is none by as_of.
CREATE OR REPLACE TEMP MACRO first_responses(projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  WITH items AS (
    SELECT project, ref AS item, person_id AS author, contributed_at AS opened_at
    FROM scoped_contributions(projects, repos, as_of)
    WHERE kind IN ('pr_opened', 'issue_opened') AND NOT is_bot
  ),
  responses AS (
    SELECT m.parent_node_id AS item, k.person_id, k.contributed_at AS at
    FROM contributions k
    JOIN comments m ON m.repo_id = k.repo_id AND m.node_id = k.ref
    WHERE k.kind IN ('pr_comment', 'issue_comment') AND NOT k.is_bot
    UNION ALL
    SELECT v.pr_node_id, k.person_id, k.contributed_at
    FROM contributions k
    JOIN pr_reviews v ON v.repo_id = k.repo_id AND v.node_id = k.ref
    WHERE k.kind = 'pr_review' AND NOT k.is_bot
  )
  SELECT i.project, i.item, i.opened_at, epoch(min(r.at) - i.opened_at) / 3600 AS hours
  FROM items i
  LEFT JOIN responses r ON r.item = i.item AND r.person_id <> i.author AND r.at >= i.opened_at + INTERVAL 30 SECOND AND r.at <= as_of
  GROUP BY i.project, i.item, i.opened_at;

-- Of the items of one source (github_pull_requests or github_issues) open at as_of, per
-- unit asked (scope_units) that had the source read: the median (value) and 85th percentile (p85) of their
-- age in days, and how many are open.
CREATE OR REPLACE TEMP MACRO open_item_ages(source, projects VARCHAR[], repos VARCHAR[], as_of TIMESTAMP) AS TABLE
  WITH items AS (
    SELECT project, created_at, closed_at FROM staged_pull_requests(projects, repos) WHERE source = 'github_pull_requests'
    UNION ALL
    SELECT project, created_at, closed_at FROM staged_issues(projects, repos) WHERE source = 'github_issues'
  ),
  open AS (
    SELECT project, created_at FROM items WHERE created_at <= as_of AND (closed_at IS NULL OR closed_at > as_of)
  )
  SELECT c.project,
    round(quantile_cont(epoch(as_of - i.created_at) / 86400, 0.5), 1) AS value,
    round(quantile_cont(epoch(as_of - i.created_at) / 86400, 0.85), 1) AS p85,
    count(i.created_at) AS open
  FROM collected_until([source]) c
  LEFT JOIN open i ON i.project = c.project
  WHERE c.project IN (SELECT unit FROM scope_units(projects))
  GROUP BY c.project;
