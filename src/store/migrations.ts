/**
 * Numbered schema migrations. Each runs in its own transaction and is recorded in
 * `schema_migrations`; append new ones, never edit one that has shipped.
 * The public tables are documented in docs/schema.md.
 * No column defaults call functions (such as nextval): DuckDB 1.5 cannot replay such DDL from
 * its write-ahead log after a crash, so ids are assigned by the code that inserts rows.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'git history',
    sql: `
      CREATE TABLE projects (
        name VARCHAR PRIMARY KEY
      );
      CREATE TABLE repos (
        repo_id INTEGER PRIMARY KEY,
        project VARCHAR NOT NULL,
        name VARCHAR NOT NULL UNIQUE,
        kind VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        default_branch VARCHAR
      );
      CREATE TABLE commits (
        repo_id INTEGER NOT NULL,
        sha VARCHAR NOT NULL,
        author_name VARCHAR NOT NULL,
        author_email VARCHAR NOT NULL,
        authored_at TIMESTAMP NOT NULL,
        author_tz_offset SMALLINT NOT NULL,
        committer_name VARCHAR NOT NULL,
        committer_email VARCHAR NOT NULL,
        committed_at TIMESTAMP NOT NULL,
        committer_tz_offset SMALLINT NOT NULL,
        is_merge BOOLEAN NOT NULL,
        files_changed INTEGER,
        lines_added INTEGER,
        lines_deleted INTEGER,
        lines_known BOOLEAN NOT NULL,
        subject VARCHAR NOT NULL
      );
      CREATE TABLE commit_trailers (
        repo_id INTEGER NOT NULL,
        sha VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        name VARCHAR,
        email VARCHAR
      );
      CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY,
        command VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL,
        repos INTEGER,
        repos_failed INTEGER,
        commits_added BIGINT,
        commits_removed BIGINT,
        commits_lines_unknown BIGINT,
        errors VARCHAR
      );
      CREATE TABLE sync_state (
        repo_id INTEGER NOT NULL,
        source VARCHAR NOT NULL,
        cursor VARCHAR,
        covered_from TIMESTAMP,
        covered_until TIMESTAMP,
        last_run_id INTEGER,
        last_success_at TIMESTAMP,
        last_error VARCHAR,
        last_error_at TIMESTAMP,
        PRIMARY KEY (repo_id, source)
      );
    `,
  },
  {
    version: 2,
    name: 'GitHub data',
    sql: `
      CREATE TABLE pull_requests (
        repo_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        author_login VARCHAR,
        author_is_bot BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        closed_at TIMESTAMP,
        merged_at TIMESTAMP,
        merged_by VARCHAR,
        state VARCHAR NOT NULL,
        is_draft BOOLEAN NOT NULL,
        additions INTEGER,
        deletions INTEGER,
        changed_files INTEGER,
        base_branch VARCHAR,
        labels VARCHAR[] NOT NULL,
        collected_at TIMESTAMP NOT NULL
      );
      CREATE TABLE pr_reviews (
        repo_id INTEGER NOT NULL,
        pr_number INTEGER NOT NULL,
        pr_node_id VARCHAR NOT NULL,
        node_id VARCHAR NOT NULL,
        author_login VARCHAR,
        author_is_bot BOOLEAN NOT NULL,
        state VARCHAR NOT NULL,
        submitted_at TIMESTAMP
      );
      CREATE TABLE issues (
        repo_id INTEGER NOT NULL,
        number INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        author_login VARCHAR,
        author_is_bot BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        closed_at TIMESTAMP,
        state VARCHAR NOT NULL,
        state_reason VARCHAR,
        labels VARCHAR[] NOT NULL,
        collected_at TIMESTAMP NOT NULL
      );
      CREATE TABLE comments (
        repo_id INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        parent_node_id VARCHAR NOT NULL,
        parent_kind VARCHAR NOT NULL,
        parent_number INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        author_login VARCHAR,
        author_is_bot BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL
      );
      CREATE TABLE releases (
        repo_id INTEGER NOT NULL,
        node_id VARCHAR NOT NULL,
        tag VARCHAR NOT NULL,
        name VARCHAR,
        created_at TIMESTAMP NOT NULL,
        published_at TIMESTAMP,
        is_prerelease BOOLEAN NOT NULL,
        is_draft BOOLEAN NOT NULL
      );
      CREATE TABLE repo_stats (
        repo_id INTEGER NOT NULL,
        run_id INTEGER NOT NULL,
        collected_at TIMESTAMP NOT NULL,
        stars INTEGER NOT NULL,
        forks INTEGER NOT NULL,
        watchers INTEGER NOT NULL,
        open_issues INTEGER NOT NULL,
        open_prs INTEGER NOT NULL
      );
      CREATE TABLE stargazers (
        repo_id INTEGER NOT NULL,
        login VARCHAR NOT NULL,
        user_id BIGINT,
        starred_at TIMESTAMP NOT NULL
      );
      CREATE TABLE commit_logins (
        repo_id INTEGER NOT NULL,
        sha VARCHAR NOT NULL,
        author_email VARCHAR,
        login VARCHAR,
        user_id BIGINT
      );
      ALTER TABLE sync_state ADD COLUMN watermark TIMESTAMP;
      ALTER TABLE sync_state ADD COLUMN detail VARCHAR;
      ALTER TABLE runs ADD COLUMN github_points INTEGER;
    `,
  },
  {
    version: 3,
    name: 'people, bots and companies',
    sql: `
      CREATE TABLE tags (
        repo_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        sha VARCHAR NOT NULL,
        tagged_at TIMESTAMP NOT NULL
      );
      CREATE TABLE repo_mailmaps (
        repo_id INTEGER NOT NULL,
        content VARCHAR NOT NULL
      );
      CREATE TABLE identities (
        key_kind VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        person_id VARCHAR NOT NULL
      );
      CREATE TABLE people (
        person_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        is_bot BOOLEAN NOT NULL,
        emails VARCHAR[] NOT NULL,
        logins VARCHAR[] NOT NULL
      );
      CREATE TABLE affiliations (
        person_id VARCHAR NOT NULL,
        company VARCHAR,
        from_date TIMESTAMP,
        until_date TIMESTAMP,
        source VARCHAR NOT NULL
      );
      CREATE TABLE identity_state (
        inputs VARCHAR NOT NULL
      );
      CREATE VIEW contribution_events AS
        SELECT r.project, r.name AS repo, c.repo_id, 'commit' AS kind, c.authored_at AS contributed_at, 'email' AS key_kind, lower(c.author_email) AS key, c.sha AS ref
        FROM commits c JOIN repos r ON r.repo_id = c.repo_id
        UNION ALL
        SELECT r.project, r.name, t.repo_id, 'co_author', c.authored_at, 'email', lower(t.email), t.sha
        FROM commit_trailers t JOIN commits c ON c.repo_id = t.repo_id AND c.sha = t.sha JOIN repos r ON r.repo_id = t.repo_id
        WHERE t.key = 'co-authored-by' AND t.email IS NOT NULL AND t.email <> ''
        UNION ALL
        SELECT r.project, r.name, p.repo_id, 'pr_opened', p.created_at, 'login', lower(p.author_login), p.node_id
        FROM pull_requests p JOIN repos r ON r.repo_id = p.repo_id WHERE p.author_login IS NOT NULL
        UNION ALL
        SELECT r.project, r.name, v.repo_id, 'pr_review', v.submitted_at, 'login', lower(v.author_login), v.node_id
        FROM pr_reviews v JOIN repos r ON r.repo_id = v.repo_id WHERE v.author_login IS NOT NULL AND v.submitted_at IS NOT NULL
        UNION ALL
        SELECT r.project, r.name, m.repo_id, CASE WHEN m.parent_kind = 'issue' THEN 'issue_comment' ELSE 'pr_comment' END, m.created_at, 'login', lower(m.author_login), m.node_id
        FROM comments m JOIN repos r ON r.repo_id = m.repo_id WHERE m.author_login IS NOT NULL
        UNION ALL
        SELECT r.project, r.name, i.repo_id, 'issue_opened', i.created_at, 'login', lower(i.author_login), i.node_id
        FROM issues i JOIN repos r ON r.repo_id = i.repo_id WHERE i.author_login IS NOT NULL;
      CREATE VIEW contributions AS
        SELECT e.project, e.repo, e.repo_id, i.person_id, p.name AS person, a.company, e.kind, e.contributed_at, p.is_bot, e.ref
        FROM contribution_events e
        JOIN identities i ON i.key_kind = e.key_kind AND i.key = e.key
        JOIN people p ON p.person_id = i.person_id
        LEFT JOIN affiliations a ON a.person_id = i.person_id
          -- Written as a conjunction (not with OR IS NULL): DuckDB then joins by hash, some 250 times faster.
          AND e.contributed_at >= coalesce(a.from_date, TIMESTAMP '0001-01-01') AND e.contributed_at < coalesce(a.until_date, TIMESTAMP '9999-12-31');
      CREATE MACRO period_step(period) AS
        CASE period WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
                    WHEN 'quarter' THEN INTERVAL 3 MONTH WHEN 'year' THEN INTERVAL 1 YEAR END;
      -- The periods of a time series, from the first one to the one holding the last instant
      -- counted: just before to_ts (exclusive) when given, never after as_of.
      CREATE MACRO period_series(first_bucket, period, to_ts, as_of) AS
        generate_series(first_bucket, date_trunc(period, least(coalesce(to_ts - INTERVAL 1 MICROSECOND, as_of), as_of)), period_step(period));
      CREATE VIEW coverage AS
        SELECT r.project, r.name AS repo, r.repo_id, s.source,
          CASE WHEN s.last_success_at IS NOT NULL THEN 'collected'
               WHEN s.last_error LIKE 'not collected:%' THEN 'not collected'
               WHEN s.last_error IS NOT NULL THEN 'failed'
               ELSE 'in progress' END AS status,
          s.covered_from, s.covered_until, s.last_success_at, s.last_error
        FROM sync_state s JOIN repos r ON r.repo_id = s.repo_id
        WHERE s.source <> 'github';
    `,
  },
  {
    version: 4,
    name: 'commits with malformed dates',
    // A commit whose date git cannot read is stored at 1970-01-01 00:00 UTC with dates_known
    // false; the vocabulary's contribution_events (queries/staging) leaves it out.
    // Nullable: DuckDB adds no column with a constraint, and a SET NOT NULL after it fails on a
    // table holding rows ("Cannot create index with outstanding updates"). DEFAULT true fills the
    // rows already stored; every writer gives a value.
    sql: `
      ALTER TABLE commits ADD COLUMN dates_known BOOLEAN DEFAULT true;
    `,
  },
  {
    version: 5,
    name: 'GitHub profiles',
    // The company of each GitHub login seen, read at collect (src/collect/github/profiles.ts)
    // and re-read after github.profileRefreshDays; organisations named as @handles, with their
    // display name. affiliations.read_at says when a profile-sourced period was read.
    sql: `
      CREATE TABLE github_profiles (
        login VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        user_id BIGINT,
        name VARCHAR,
        company_raw VARCHAR,
        company VARCHAR,
        read_at TIMESTAMP NOT NULL
      );
      ALTER TABLE affiliations ADD COLUMN read_at TIMESTAMP;
    `,
  },
  {
    version: 6,
    name: 'identity cache',
    // The stored resolution is also the cache `query`, `report` and `people` use while its
    // inputs are unchanged (src/identity/cache.ts): identity_pairs completes it, and
    // identity_state says what it was built from (run_id: the last collect run whose data it
    // read; sync: a digest of sync_state then) and which warnings it gave.
    sql: `
      CREATE TABLE identity_pairs (
        name VARCHAR NOT NULL,
        email VARCHAR NOT NULL,
        person_id VARCHAR NOT NULL,
        is_bot BOOLEAN NOT NULL
      );
      ALTER TABLE identity_state ADD COLUMN run_id INTEGER;
      ALTER TABLE identity_state ADD COLUMN sync VARCHAR;
      ALTER TABLE identity_state ADD COLUMN warnings VARCHAR;
      ALTER TABLE identity_state ADD COLUMN built_at TIMESTAMP;
    `,
  },
  {
    version: 7,
    name: 'GitHub account ids',
    // GitHub's numeric user id (databaseId) of each author, which a renamed account keeps:
    // identity resolution joins logins by it (src/identity/accounts.ts). NULL for a deleted
    // ("ghost") account, and for rows stored before this migration until they are read again
    // (an update, or collect --full).
    sql: `
      ALTER TABLE pull_requests ADD COLUMN author_id BIGINT;
      ALTER TABLE issues ADD COLUMN author_id BIGINT;
      ALTER TABLE pr_reviews ADD COLUMN author_id BIGINT;
      ALTER TABLE comments ADD COLUMN author_id BIGINT;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** What migrating needs of a database: db.ts's Database, which imports this module, not the reverse. */
interface Migratable {
  run(sql: string, params?: Record<string, number | string>): Promise<void>;
  all(sql: string): Promise<Record<string, unknown>[]>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

export async function readSchemaVersion(db: Migratable): Promise<number> {
  const exists = await db.all(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'schema_migrations'",
  );
  if (exists[0]?.n === 0) return 0;
  const rows = await db.all('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return Number(rows[0]?.v ?? 0);
}

/** Applies every migration newer than the database's version, each atomically. */
export async function migrate(db: Migratable): Promise<void> {
  const current = await readSchemaVersion(db);
  if (current === LATEST_VERSION) return;
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
  );
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    await db.transaction(async () => {
      await db.run(migration.sql);
      await db.run('INSERT INTO schema_migrations VALUES ($version, $name, now()::TIMESTAMP)', {
        version: migration.version,
        name: migration.name,
      });
    });
    await db.run('CHECKPOINT'); // the new schema goes into the file at once, not only into the log
  }
}
