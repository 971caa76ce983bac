import type { DuckDBAppender } from '@duckdb/node-api';
import type { Database } from './db.js';
import { duckdb } from './duckdb.js';

/** How one column of a row is appended; columns are listed in the table's order. */
export type ColumnKind = 'int' | 'bigint' | 'text' | 'bool' | 'timestamp' | 'texts';
export type Columns<R> = readonly (readonly [ColumnKind, (row: R) => unknown])[];

function appendValue(appender: DuckDBAppender, kind: ColumnKind, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  const client = duckdb();
  switch (kind) {
    case 'int':
      appender.appendInteger(Number(value));
      return;
    case 'bigint':
      appender.appendBigInt(BigInt(value as number));
      return;
    case 'text':
      appender.appendVarchar(String(value));
      return;
    case 'bool':
      appender.appendBoolean(Boolean(value));
      return;
    case 'timestamp': {
      const ms = typeof value === 'number' ? value * 1000 : Date.parse(String(value));
      if (Number.isNaN(ms)) throw new Error(`not a time: ${String(value)}`);
      appender.appendTimestamp(new client.DuckDBTimestampValue(BigInt(ms) * 1000n));
      return;
    }
    case 'texts':
      appender.appendList(value as string[], client.LIST(client.VARCHAR));
      return;
  }
}

/** Appends rows to a table with DuckDB's appender (inside the caller's transaction). */
export async function appendRows<R>(db: Database, table: string, columns: Columns<R>, rows: readonly R[], schema = 'main', catalog?: string): Promise<void> {
  if (rows.length === 0) return;
  const appender = await db.connection.createAppender(table, schema, catalog ?? null);
  for (const row of rows) {
    for (const [kind, get] of columns) appendValue(appender, kind, get(row));
    appender.endRow();
  }
  appender.closeSync();
}

/** Fills the per-connection temporary table `stage_ids` with these ids, for `IN (SELECT id FROM stage_ids)`. */
export async function stageIds(db: Database, ids: readonly string[]): Promise<void> {
  await db.run('CREATE TEMP TABLE IF NOT EXISTS stage_ids (id VARCHAR NOT NULL)');
  await db.run('DELETE FROM stage_ids');
  await appendRows(db, 'stage_ids', [['text', (id: string) => id]], ids, 'main', 'temp');
}
