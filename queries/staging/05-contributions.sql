-- Contributions and who made them, decided per (name, email) for commits and co-authors.
-- These temporary views take the place of the stored ones of migration 3 in every cdstats
-- session (the stored copies, for other DuckDB clients, decide per email alone).

-- The (name, email) pairs whose person or bot-ness differ from their email's (a mailmap entry
-- qualified by the commit name, a bot's name on a person's email): filled when people are
-- resolved (src/identity/load.ts), empty until then.
CREATE TEMP TABLE IF NOT EXISTS identity_pairs (name VARCHAR NOT NULL, email VARCHAR NOT NULL, person_id VARCHAR NOT NULL, is_bot BOOLEAN NOT NULL);

-- One row per contribution with the key that identifies its author and, for commits and
-- co-authors, the lower-cased name written with it (NULL for GitHub logins).
CREATE OR REPLACE TEMP VIEW contribution_events AS
  SELECT r.project, r.name AS repo, c.repo_id, 'commit' AS kind, c.authored_at AS contributed_at, 'email' AS key_kind, lower(c.author_email) AS key, c.sha AS ref, lower(trim(coalesce(c.author_name, ''))) AS name
  FROM commits c JOIN repos r ON r.repo_id = c.repo_id
  -- A commit with a malformed date sits at 1970-01-01 (dates_known false): no time series counts it.
  WHERE c.dates_known
  UNION ALL
  SELECT r.project, r.name, t.repo_id, 'co_author', c.authored_at, 'email', lower(t.email), t.sha, lower(trim(coalesce(t.name, '')))
  FROM commit_trailers t JOIN commits c ON c.repo_id = t.repo_id AND c.sha = t.sha JOIN repos r ON r.repo_id = t.repo_id
  WHERE c.dates_known AND t.key = 'co-authored-by' AND t.email IS NOT NULL AND t.email <> ''
  UNION ALL
  SELECT r.project, r.name, p.repo_id, 'pr_opened', p.created_at, 'login', lower(p.author_login), p.node_id, NULL
  FROM pull_requests p JOIN repos r ON r.repo_id = p.repo_id WHERE p.author_login IS NOT NULL
  UNION ALL
  SELECT r.project, r.name, v.repo_id, 'pr_review', v.submitted_at, 'login', lower(v.author_login), v.node_id, NULL
  FROM pr_reviews v JOIN repos r ON r.repo_id = v.repo_id WHERE v.author_login IS NOT NULL AND v.submitted_at IS NOT NULL
  UNION ALL
  SELECT r.project, r.name, m.repo_id, CASE WHEN m.parent_kind = 'issue' THEN 'issue_comment' ELSE 'pr_comment' END, m.created_at, 'login', lower(m.author_login), m.node_id, NULL
  FROM comments m JOIN repos r ON r.repo_id = m.repo_id WHERE m.author_login IS NOT NULL
  UNION ALL
  SELECT r.project, r.name, i.repo_id, 'issue_opened', i.created_at, 'login', lower(i.author_login), i.node_id, NULL
  FROM issues i JOIN repos r ON r.repo_id = i.repo_id WHERE i.author_login IS NOT NULL;

-- Contributions with their person, company at that date and kind of identity: identity_kind
-- is 'bot' (the person is a bot, or the name written on the commit is a bot's), 'unknown'
-- (an email that names a machine, not a person: person_id 'unknown') or 'person'; is_person
-- is identity_kind = 'person', the one test people indicators use (people_contributions).
-- affiliation says what is known of the author's employer at that date: 'company' (company
-- names it), 'independent' (known to work for no company: gitdm's Independent, stored in
-- affiliations as the company 'Independent'; company is NULL) or 'unknown' (no affiliation
-- covers that date, or gitdm's NotFound).
CREATE OR REPLACE TEMP VIEW contributions AS
  WITH attributed AS (
    SELECT e.*, coalesce(x.person_id, i.person_id) AS person_id, coalesce(x.is_bot, false) AS bot_name
    FROM contribution_events e
    JOIN identities i ON i.key_kind = e.key_kind AND i.key = e.key
    LEFT JOIN identity_pairs x ON x.email = e.key AND x.name = e.name
  )
  SELECT e.project, e.repo, e.repo_id, e.person_id, p.name AS person, nullif(a.company, 'Independent') AS company, e.kind, e.contributed_at,
    p.is_bot OR e.bot_name AS is_bot, e.ref,
    CASE WHEN p.is_bot OR e.bot_name THEN 'bot' WHEN e.person_id = 'unknown' THEN 'unknown' ELSE 'person' END AS identity_kind,
    identity_kind = 'person' AS is_person,
    CASE WHEN a.company = 'Independent' THEN 'independent' WHEN a.company IS NOT NULL THEN 'company' ELSE 'unknown' END AS affiliation
  FROM attributed e
  JOIN people p ON p.person_id = e.person_id
  LEFT JOIN affiliations a ON a.person_id = e.person_id
    -- Written as a conjunction (not with OR IS NULL): DuckDB then joins by hash, some 250 times faster.
    AND e.contributed_at >= coalesce(a.from_date, TIMESTAMP '0001-01-01') AND e.contributed_at < coalesce(a.until_date, TIMESTAMP '9999-12-31');
