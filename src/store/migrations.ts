import type { Database } from './db.js';

/**
 * Numbered schema migrations. Each runs in its own transaction and is recorded in
 * `schema_migrations`; append new ones, never edit one that has shipped.
 * The public tables are documented in docs/schema.md.
 */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'git history',
    sql: `
      CREATE TABLE projects (
        name VARCHAR PRIMARY KEY
      );
      CREATE SEQUENCE repo_id_seq START 1;
      CREATE TABLE repos (
        repo_id INTEGER PRIMARY KEY DEFAULT nextval('repo_id_seq'),
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
      CREATE SEQUENCE run_id_seq START 1;
      CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY DEFAULT nextval('run_id_seq'),
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
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export async function readSchemaVersion(db: Database): Promise<number> {
  const exists = await db.all(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'schema_migrations'",
  );
  if (exists[0]?.n === 0) return 0;
  const rows = await db.all('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return Number(rows[0]?.v ?? 0);
}

/** Applies every migration newer than the database's version, each atomically. */
export async function migrate(db: Database): Promise<void> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
  );
  const current = await readSchemaVersion(db);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    await db.transaction(async () => {
      await db.run(migration.sql);
      await db.run('INSERT INTO schema_migrations VALUES ($version, $name, now()::TIMESTAMP)', {
        version: migration.version,
        name: migration.name,
      });
    });
  }
}
