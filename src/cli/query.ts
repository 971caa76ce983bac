import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { nearMiss } from '../config/yaml.js';
import { EXIT_USAGE, UserError, errorMessage } from '../errors.js';
import { streamLog } from '../log.js';
import { movingAverage } from '../indicators/average.js';
import { coverageSpan, describeUnrepresented, unrepresentedProjects } from '../indicators/coverage.js';
import { GROUPING_MEANING } from '../indicators/docs.js';
import { isIndicatorId, listIndicators, readIndicator, runIndicatorTable, type Param } from '../indicators/load.js';
import { fitWidth, formatRows, toTable, type Format } from '../query/format.js';
import { runSinceJoined } from '../indicators/joined.js';
import { indicatorValues, JOINED, joinedDates, type IndicatorOptions } from './indicator.js';
import { openWithPeople } from '../identity/session.js';
import type { Database } from '../store/db.js';
import type { Row } from '../store/values.js';
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
  long?: boolean;
}

function print(stdout: Output, format: Format | undefined, columns: string[], rows: Row[]): void {
  stdout.write(formatRows(format ?? (stdout.isTTY ? 'table' : 'csv'), columns, rows));
}

/**
 * `cdstats query --list`: the registry. On a terminal one line per indicator with the start of
 * its definition, cut to the terminal's width (definitions run to 700 characters); every column
 * in full with --long, a --format, or into a pipe.
 */
async function listAll(io: CliIo, format: Format | undefined, long: boolean): Promise<void> {
  const rows = (await listIndicators()).map((i) => ({ id: i.id, title: i.title, unit: i.unit, chart: i.chart, groups: i.groups, params: i.params.map((p) => p.name).join(', '), description: i.description }));
  const columns = ['id', 'title', 'unit', 'chart', 'groups', 'params', 'description'];
  if (long || format !== undefined || !io.stdout.isTTY) return print(io.stdout, format, columns, rows);
  io.stdout.write(fitWidth(toTable(['id', 'title', 'chart', 'description'], rows), io.stdout.columns ?? 80));
  io.stderr.write('(one line each; the full definitions: cdstats query --list --long, or cdstats query <id> --help)\n');
}

/** A parameter as the query header declares it: a standard one by name, an own one with its type and default. */
function paramText(param: Param): string {
  return param.default === undefined ? param.name : `${param.name} ${param.type} = ${param.default}`;
}

/** `cdstats query <id> --help`: the indicator's definition, printed before the usage; empty when `args` ask no help or name no indicator. */
export async function indicatorHelp(args: readonly string[]): Promise<string> {
  const id = args.find((arg) => isIndicatorId(arg));
  if (id === undefined || !args.some((arg) => arg === '--help' || arg === '-h')) return '';
  const indicator = await readIndicator(id);
  return `${indicator.id}: ${indicator.title}\n${indicator.description}\nUnit: ${indicator.unit}. Chart: ${indicator.chart}. Parameters: ${indicator.params.map(paramText).join(', ')}.\nGroups (--group): ${GROUPING_MEANING[indicator.groups]}.\n`;
}

/**
 * The repositories of the repository groups `--repo-group` names (every project's group of that
 * name), as the session's repo_groups table has them from the config and the collected repositories.
 */
async function repoGroupRepos(db: Database, id: string, names: readonly string[], takesRepos: boolean): Promise<string[]> {
  if (!takesRepos) throw new UserError(`indicator ${id} takes no --repo-group (it is not counted per repository)`, EXIT_USAGE);
  const rows = await db.all('SELECT repo_group, repo FROM repo_groups ORDER BY repo');
  const known = [...new Set(rows.map((r) => String(r.repo_group)))].sort();
  const repos: string[] = [];
  for (const name of names) {
    const members = rows.filter((r) => r.repo_group === name).map((r) => String(r.repo));
    if (members.length === 0) {
      const meant = nearMiss(name, known);
      const hint = known.length === 0 ? 'the config defines no repository groups (`repoGroups:` or `group:`)' : `repository groups: ${known.join(', ')}`;
      throw new UserError(`no repository in repository group "${name}"${meant === undefined ? '' : `: did you mean \`${meant}\`?`} (${hint}; a group of \`owner/*\` repositories has members once collected)`, EXIT_USAGE);
    }
    repos.push(...members);
  }
  return repos;
}

/** A lone word that is no indicator: a misspelt one (`active_contributor`), or SQL like `checkpoint`. */
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `show tables` as DuckDB answers it lists the names this session resolves anew (people,
 * identities, affiliations and the views over them: temporary, from the identity files as they
 * are now) twice, beside the copies collect stored. This lists each name once, with what it reads.
 */
const SHOW_TABLES = /^\s*show\s+tables\s*;?\s*$/i;
const TABLES = `
  WITH objects AS (
    SELECT table_name AS name, 'table' AS type, temporary, database_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal
    UNION ALL
    SELECT view_name, 'view', temporary, database_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
  )
  SELECT name, arg_max(type, temporary) AS type,
    CASE
      WHEN bool_or(temporary) AND bool_or(NOT temporary) THEN
        'this session''s, resolved now from the config and identity files (the last collect''s copy: '
        || any_value(CASE WHEN regexp_full_match(database_name, '[a-z_][a-z0-9_]*') THEN database_name ELSE '"' || replace(database_name, '"', '""') || '"' END) FILTER (WHERE NOT temporary)
        || '.main.' || name || ')'
      WHEN bool_or(temporary) THEN 'this session''s'
      ELSE 'stored'
    END AS reads
  FROM objects GROUP BY name ORDER BY name`;

/**
 * `cdstats query`: read-only SQL, or an indicator of queries/ by id with its parameters;
 * a table on a terminal and CSV otherwise.
 */
export async function runQuery(configFile: string | undefined, sql: string | undefined, options: QueryOptions, io: CliIo): Promise<void> {
  if (options.long && !options.list) throw new UserError('--long goes with --list', EXIT_USAGE);
  if (options.list) return listAll(io, options.format, options.long === true);
  const indicatorId = sql !== undefined && options.file === undefined && isIndicatorId(sql) ? sql : undefined;
  const word = sql !== undefined && options.file === undefined && indicatorId === undefined && WORD.test(sql) ? sql : undefined;
  const meant = word === undefined ? undefined : nearMiss(word, (await listIndicators()).map((i) => i.id));
  if (meant !== undefined) throw new UserError(`"${word}" is not an indicator: did you mean \`${meant}\`? (\`cdstats query --list\` lists them)`, EXIT_USAGE);
  const given = (['project', 'group', 'repo', 'repoGroup', 'period', 'from', 'to', 'asOf', 'param', 'average'] as const).filter((k) => options[k] !== undefined);
  if (indicatorId === undefined && given.length > 0) {
    const flag = given[0] === 'asOf' ? 'as-of' : given[0] === 'repoGroup' ? 'repo-group' : given[0];
    throw new UserError(`--${flag} goes with an indicator id (\`cdstats query --list\`), not with SQL`, EXIT_USAGE);
  }
  const log = streamLog(io.stderr);
  const config = await loadConfig(configFile, log, io.cwd);
  if (indicatorId !== undefined) {
    const indicator = await readIndicator(indicatorId);
    const values = indicatorValues(indicator, options, config, io.now());
    const joined = options.from === JOINED ? joinedDates(indicator, options, config) : undefined;
    const db = await openWithPeople(config, log);
    try {
      if (options.repoGroup !== undefined) values.repos = [...(options.repo ?? []), ...(await repoGroupRepos(db, indicator.id, options.repoGroup, indicator.params.some((p) => p.name === 'repos')))];
      const { columns, rows } = joined === undefined ? await runIndicatorTable(db, indicator, values) : await runSinceJoined(db, indicator, values, joined);
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
  let result: { columns: string[]; rows: Row[] };
  try {
    result = await db.table(SHOW_TABLES.test(text) ? TABLES : text);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = errorMessage(error);
    if (word !== undefined && message.startsWith('Parser Error')) throw new UserError(`"${word}" is neither an indicator (\`cdstats query --list\` lists them) nor SQL (${message})`);
    const outside = /^(Permission Error|Invalid Input Error: Cannot change configuration option)/.test(message);
    throw new UserError(`query from ${source} failed: ${message}${outside ? '\n(cdstats query reads the database only: no files, extensions or settings; to export, use --format csv or json and redirect the output)' : ''}`);
  } finally {
    db.close();
  }
  print(io.stdout, options.format, result.columns, result.rows);
}
