import type { Row } from '../../src/store/values.js';
import { Database, openForRead, type Params } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { defineVocabulary } from '../../src/store/vocabulary.js';
import { silentLog } from '../../src/log.js';

/** Runs a read-only query against a cdstats database file. */
export async function queryDb(file: string, sql: string, params?: Params): Promise<Row[]> {
  const db = await openForRead(file, silentLog);
  try {
    return await db.all(sql, params);
  } finally {
    db.close();
  }
}

/** Every stored commit and trailer of the database, in a stable order, for whole-state comparisons. */
export async function dumpHistory(file: string): Promise<{ commits: Row[]; trailers: Row[] }> {
  const commits = await queryDb(file, 'SELECT r.name AS repo, c.* EXCLUDE (repo_id) FROM commits c JOIN repos r USING (repo_id) ORDER BY repo, sha');
  const trailers = await queryDb(file, 'SELECT r.name AS repo, t.* EXCLUDE (repo_id) FROM commit_trailers t JOIN repos r USING (repo_id) ORDER BY ALL');
  return { commits, trailers };
}

/** An empty database in memory with the schema and the indicators' vocabulary, as a command opens one. */
export async function memoryDatabase(): Promise<Database> {
  const db = await Database.open(':memory:', false);
  await migrate(db);
  await defineVocabulary(db);
  return db;
}
