import type { DuckDBAppender, DuckDBTimestampValue } from '@duckdb/node-api';
import { appendRows } from './append.js';
import type { Database } from './db.js';
import type { CommitRecord, Tag } from './rows.js';
import { saveSourceState } from './state.js';
import { duckdb } from './duckdb.js';

/** Per-connection staging tables: batches land here, then move to the public tables in one statement. */
const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS stage_commits AS SELECT * FROM commits LIMIT 0;
  CREATE TEMP TABLE IF NOT EXISTS stage_trailers AS SELECT * FROM commit_trailers LIMIT 0;
  CREATE TEMP TABLE IF NOT EXISTS stage_shas (sha VARCHAR NOT NULL);
`;

function timestamp(seconds: number): DuckDBTimestampValue {
  return new (duckdb().DuckDBTimestampValue)(BigInt(seconds) * 1_000_000n);
}

function appendNullableInt(appender: DuckDBAppender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendInteger(value);
}

function appendNullableText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

async function stage(db: Database, repoId: number, records: readonly CommitRecord[]): Promise<void> {
  await db.run(STAGING);
  await db.run('DELETE FROM stage_commits; DELETE FROM stage_trailers;');
  const commits = await db.connection.createAppender('stage_commits', 'main', 'temp');
  const trailers = await db.connection.createAppender('stage_trailers', 'main', 'temp');
  for (const c of records) {
    commits.appendInteger(repoId);
    commits.appendVarchar(c.sha);
    commits.appendVarchar(c.authorName);
    commits.appendVarchar(c.authorEmail);
    commits.appendTimestamp(timestamp(c.authoredAt));
    commits.appendSmallInt(c.authorTzOffset);
    commits.appendVarchar(c.committerName);
    commits.appendVarchar(c.committerEmail);
    commits.appendTimestamp(timestamp(c.committedAt));
    commits.appendSmallInt(c.committerTzOffset);
    commits.appendBoolean(c.isMerge);
    appendNullableInt(commits, c.filesChanged);
    appendNullableInt(commits, c.linesAdded);
    appendNullableInt(commits, c.linesDeleted);
    commits.appendBoolean(c.linesKnown);
    commits.appendVarchar(c.subject);
    commits.appendBoolean(c.datesKnown);
    commits.endRow();
    for (const t of c.trailers) {
      trailers.appendInteger(repoId);
      trailers.appendVarchar(c.sha);
      trailers.appendVarchar(t.key);
      trailers.appendVarchar(t.value);
      appendNullableText(trailers, t.name);
      appendNullableText(trailers, t.email);
      trailers.endRow();
    }
  }
  commits.closeSync();
  trailers.closeSync();
}

/**
 * Stores commits not already stored for the repository (a resumed run may see some twice).
 * Call inside a transaction. Returns how many were new.
 */
export async function insertCommits(db: Database, repoId: number, records: readonly CommitRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  await stage(db, repoId, records);
  await db.run('DELETE FROM stage_shas');
  await db.run(
    `INSERT INTO stage_shas SELECT s.sha FROM stage_commits s
       WHERE NOT EXISTS (SELECT 1 FROM commits c WHERE c.repo_id = $repo AND c.sha = s.sha)`,
    { repo: repoId },
  );
  const added = Number((await db.all('SELECT count(*) AS n FROM stage_shas'))[0]?.n ?? 0);
  await db.run(
    `INSERT INTO commits SELECT * FROM stage_commits WHERE sha IN (SELECT sha FROM stage_shas);
     INSERT INTO commit_trailers SELECT * FROM stage_trailers WHERE sha IN (SELECT sha FROM stage_shas);
     DELETE FROM stage_commits; DELETE FROM stage_trailers;`,
  );
  return added;
}

/** Removes the given commits of a repository (no longer reachable after a history rewrite). */
export async function deleteCommits(db: Database, repoId: number, shas: readonly string[]): Promise<void> {
  if (shas.length === 0) return;
  await db.run(STAGING);
  await db.run('DELETE FROM stage_shas');
  const appender = await db.connection.createAppender('stage_shas', 'main', 'temp');
  for (const sha of shas) {
    appender.appendVarchar(sha);
    appender.endRow();
  }
  appender.closeSync();
  await db.run('DELETE FROM commits WHERE repo_id = $repo AND sha IN (SELECT sha FROM stage_shas)', { repo: repoId });
  await db.run('DELETE FROM commit_trailers WHERE repo_id = $repo AND sha IN (SELECT sha FROM stage_shas)', { repo: repoId });
}

export async function storedShas(db: Database, repoId: number): Promise<string[]> {
  const reader = await db.connection.runAndReadAll('SELECT sha FROM commits WHERE repo_id = $repo', { repo: repoId });
  return reader.getColumnsJS()[0]?.map(String) ?? [];
}

/** Replaces a repository's tags and remembers their digest, so an unchanged set is not written again. */
export async function replaceTags(db: Database, repoId: number, runId: number, tags: readonly Tag[], digest: string): Promise<void> {
  await db.run('DELETE FROM tags WHERE repo_id = $repo', { repo: repoId });
  await appendRows(db, 'tags', [['int', () => repoId], ['text', (t: Tag) => t.name], ['text', (t: Tag) => t.sha], ['timestamp', (t: Tag) => t.taggedAt]], tags);
  await saveSourceState(db, repoId, runId, 'git_tags', { cursor: null, watermark: null, detail: { digest } }, true);
}
