import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config/load.js';
import { EXIT_USAGE, UserError, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { formatRows, type Format } from '../query/format.js';
import { openWithPeople } from '../identity/session.js';
import { plainValue, type Row } from '../store/values.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readSql(sql: string | undefined, file: string | undefined): Promise<{ text: string; source: string }> {
  if (sql !== undefined && file !== undefined) throw new UserError('give the SQL either as an argument or with --file, not both', EXIT_USAGE);
  if (file !== undefined) {
    try {
      return { text: await readFile(file, 'utf8'), source: file };
    } catch (error) {
      throw new UserError(`cannot read ${file}: ${errorMessage(error)}`, EXIT_USAGE);
    }
  }
  if (sql === '-' || (sql === undefined && !process.stdin.isTTY)) return { text: await readStdin(), source: 'standard input' };
  if (sql === undefined) throw new UserError('no SQL given: `cdstats query "select …"`, `--file F` or `-` for standard input', EXIT_USAGE);
  return { text: sql, source: 'the command line' };
}

/** `cdstats query`: read-only SQL, a table on a terminal and CSV otherwise. */
export async function runQuery(configFile: string | undefined, sql: string | undefined, options: { file?: string; format?: Format }, log: Log): Promise<void> {
  const { text, source } = await readSql(sql, options.file);
  if (text.trim() === '') throw new UserError(`the SQL from ${source} is empty`, EXIT_USAGE);
  const config = await loadConfig(configFile, log);
  const db = await openWithPeople(config, log);
  let columns: string[];
  let rows: Row[];
  try {
    const reader = await db.connection.runAndReadAll(text);
    columns = reader.columnNames();
    rows = (await reader.convertRowObjects(plainValue)) as Row[];
  } catch (error) {
    throw new UserError(`query from ${source} failed: ${errorMessage(error)}`);
  } finally {
    db.close();
  }
  const format = options.format ?? (process.stdout.isTTY ? 'table' : 'csv');
  process.stdout.write(formatRows(format, columns, rows));
}
