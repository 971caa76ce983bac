import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { EXIT_USAGE, UserError, errorMessage } from '../errors.js';
import { streamLog } from '../log.js';
import { movingAverage } from '../indicators/average.js';
import { coverageSpan, describeUnrepresented, unrepresentedProjects } from '../indicators/coverage.js';
import { isIndicatorId, listIndicators, readIndicator, runIndicatorTable } from '../indicators/load.js';
import { formatRows, type Format } from '../query/format.js';
import { indicatorValues, type IndicatorOptions } from './indicator.js';
import { openWithPeople } from '../identity/session.js';
import { plainValue, type Row } from '../store/values.js';
import type { CliIo, Input, Output } from './io.js';

async function readStdin(stdin: Input): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readSql(sql: string | undefined, file: string | undefined, io: CliIo): Promise<{ text: string; source: string }> {
  if (sql !== undefined && file !== undefined) throw new UserError('give the SQL either as an argument or with --file, not both', EXIT_USAGE);
  if (file !== undefined) {
    try {
      return { text: await readFile(path.resolve(io.cwd, file), 'utf8'), source: file };
    } catch (error) {
      throw new UserError(`cannot read ${file}: ${errorMessage(error)}`, EXIT_USAGE);
    }
  }
  if (sql === '-' || (sql === undefined && !io.stdin.isTTY)) return { text: await readStdin(io.stdin), source: 'standard input' };
  if (sql === undefined) throw new UserError('no SQL given: `cdstats query "select …"`, `--file F` or `-` for standard input', EXIT_USAGE);
  return { text: sql, source: 'the command line' };
}

export interface QueryOptions extends IndicatorOptions {
  file?: string;
  format?: Format;
  list?: boolean;
}

function print(stdout: Output, format: Format | undefined, columns: string[], rows: Row[]): void {
  stdout.write(formatRows(format ?? (stdout.isTTY ? 'table' : 'csv'), columns, rows));
}

/** `cdstats query --list`: the registry, one line per indicator. */
async function listAll(stdout: Output, format: Format | undefined): Promise<void> {
  const rows = (await listIndicators()).map((i) => ({ id: i.id, title: i.title, unit: i.unit, chart: i.chart, params: i.params.map((p) => p.name).join(', '), description: i.description }));
  print(stdout, format, ['id', 'title', 'unit', 'chart', 'params', 'description'], rows);
}

/**
 * `cdstats query`: read-only SQL, or an indicator of queries/ by id with its parameters;
 * a table on a terminal and CSV otherwise.
 */
export async function runQuery(configFile: string | undefined, sql: string | undefined, options: QueryOptions, io: CliIo): Promise<void> {
  if (options.list) return listAll(io.stdout, options.format);
  const indicatorId = sql !== undefined && options.file === undefined && isIndicatorId(sql) ? sql : undefined;
  const given = (['project', 'repo', 'period', 'from', 'to', 'asOf', 'param', 'average'] as const).filter((k) => options[k] !== undefined);
  if (indicatorId === undefined && given.length > 0) {
    throw new UserError(`--${given[0] === 'asOf' ? 'as-of' : given[0]} goes with an indicator id (\`cdstats query --list\`), not with SQL`, EXIT_USAGE);
  }
  const log = streamLog(io.stderr);
  const config = await loadConfig(configFile, log, io.cwd);
  if (indicatorId !== undefined) {
    const indicator = await readIndicator(indicatorId);
    const values = indicatorValues(indicator, options, config, io.now());
    const db = await openWithPeople(config, log);
    try {
      const { columns, rows } = await runIndicatorTable(db, indicator, values);
      if (options.average) print(io.stdout, options.format, [...columns, 'value_avg'], movingAverage(rows, 7));
      else print(io.stdout, options.format, columns, rows);
      // A company figure says on stderr where it is not representative, and what adds companies.
      for (const line of describeUnrepresented(indicator, await unrepresentedProjects(db, indicator, values), coverageSpan(indicator, values))) log.warn(line);
    } finally {
      db.close();
    }
    return;
  }
  const { text, source } = await readSql(sql, options.file, io);
  if (text.trim() === '') throw new UserError(`the SQL from ${source} is empty`, EXIT_USAGE);
  const db = await openWithPeople(config, log);
  let columns: string[];
  let rows: Row[];
  try {
    const reader = await db.connection.runAndReadAll(text);
    columns = reader.columnNames();
    rows = (await reader.convertRowObjects(plainValue)) as Row[];
  } catch (error) {
    const message = errorMessage(error);
    const outside = /^(Permission Error|Invalid Input Error: Cannot change configuration option)/.test(message);
    throw new UserError(`query from ${source} failed: ${message}${outside ? '\n(cdstats query reads the database only: no files, extensions or settings; to export, use --format csv or json and redirect the output)' : ''}`);
  } finally {
    db.close();
  }
  print(io.stdout, options.format, columns, rows);
}
