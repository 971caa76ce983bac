import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, errorMessage } from '../errors.js';
import type { Database, Params } from '../store/db.js';
import { duckdb } from '../store/duckdb.js';
import type { Row } from '../store/values.js';

/** The package's queries/ folder: two levels up from src/indicators/ and from dist/indicators/. */
export const QUERIES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../queries');

export const CHARTS = ['line', 'table'] as const;
export type Chart = (typeof CHARTS)[number];

/**
 * How an indicator counts a group of projects (`-- groups:`), where `project` then holds the
 * group's name: `people` counts each person (or company) once in the group, wherever in it they
 * contributed, and firsts and lasts are anywhere in the group; `items` counts each item (commit,
 * pull request, issue, release…) once over the group's projects, percentiles over all of them;
 * `no` is not asked for a group (a listing per project or repository).
 */
export const GROUPINGS = ['people', 'items', 'no'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A parameter's value: null stands for "not given" (all projects, no lower bound…). */
export type ParamValue = Date | string | number | string[] | null;

/** Parameter types an indicator may declare, with how a value is bound for DuckDB. */
const PARAM_TYPES = {
  TIMESTAMP: (value: ParamValue) => (value instanceof Date ? duckdb().timestampValueFromDate(value) : null),
  VARCHAR: (value: ParamValue) => (typeof value === 'string' ? value : null),
  INTEGER: (value: ParamValue) => (typeof value === 'number' ? value : null),
  'VARCHAR[]': (value: ParamValue) => (Array.isArray(value) && value.length > 0 ? duckdb().listValue(value) : null),
} as const;
export type ParamType = keyof typeof PARAM_TYPES;

/**
 * The parameters every indicator may take, with their types: which projects and repositories
 * (NULL: all), the period of a time series, the time range (NULL: unbounded) and the instant
 * the figures are computed for. An indicator declares the ones it uses in its header.
 */
export const STANDARD_PARAMS: Readonly<Record<string, ParamType>> = {
  projects: 'VARCHAR[]',
  repos: 'VARCHAR[]',
  period: 'VARCHAR',
  from: 'TIMESTAMP',
  to: 'TIMESTAMP',
  as_of: 'TIMESTAMP',
};

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export interface Param {
  name: string;
  type: ParamType;
  /** The value when none is given (an indicator's own parameters), as written in the header. */
  default: string | undefined;
}

/** One queries/*.sql file: its header and the SQL after it. */
export interface Indicator {
  /** The file name without `.sql`. */
  id: string;
  /**
   * The GitHub sources its data comes from only (`-- sources:`), none for an indicator that
   * git alone can feed: without them collected, the report says "not collected".
   */
  sources: string[];
  /** The column holding the n behind a ratio's `value` (`-- sample:`), shown beside it; null for none. */
  sample: string | null;
  /** Why `value` can be missing for a project other than an uncollected source (`-- missing:`), for the report to say; null for none. */
  missing: string | null;
  /**
   * A company figure's affiliation coverage (`-- coverage: share, known, n`): the columns holding
   * the share of contributions by people whose author had a known affiliation, how many, and of
   * how many; shown beside the figure. null for an indicator that is no company figure.
   */
  coverage: AffiliationCoverage | null;
  /** How a group of projects is counted (`-- groups:`); `no` refuses groups. */
  groups: Grouping;
  title: string;
  description: string;
  unit: string;
  chart: Chart;
  params: Param[];
  sql: string;
}

/** The columns of a company figure's affiliation coverage: the share, known of n. */
export interface AffiliationCoverage {
  share: string;
  known: string;
  n: string;
}

const KEYS = ['title', 'description', 'unit', 'chart', 'groups', 'params', 'sources', 'sample', 'missing', 'coverage'] as const;
/** Sources an indicator can name in `-- sources:`: those only GitHub provides. */
export const GITHUB_SOURCES = ['github_pull_requests', 'github_issues', 'github_releases', 'github_stargazers'] as const;
type Key = (typeof KEYS)[number];
const HEADER_LINE = /^--\s*([A-Za-z_]+)\s*:\s*(.*)$/;
const PARAM = /^([a-z_][a-z0-9_]*)(?:\s+([A-Z]+(?:\[\])?))?(?:\s*=\s*(.+))?$/;
const SQL_PARAM = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Parses an indicator file: leading `-- key: value` lines (title, description, unit, chart,
 * groups, params…), then the SQL. Pure; `file` only labels errors, which name file:line.
 */
export function parseIndicator(text: string, file: string, id: string): Indicator {
  function fail(line: number, message: string): never {
    throw new UserError(`${file}:${line}: ${message}`);
  }
  if (!/^[a-z][a-z0-9_]*$/.test(id)) fail(1, `indicator id "${id}" must be snake_case (the file name without .sql)`);
  const lines = text.split(/\r?\n/);
  const header = new Map<Key, { value: string; line: number }>();
  let index = 0;
  for (; index < lines.length && (lines[index] ?? '').startsWith('--'); index++) {
    const line = index + 1;
    const match = HEADER_LINE.exec(lines[index] ?? '');
    if (!match) fail(line, 'a header line must read `-- key: value`');
    const key = (match[1] ?? '').toLowerCase() as Key;
    if (!KEYS.includes(key)) fail(line, `unknown header key \`${key}\` (known: ${KEYS.join(', ')})`);
    if (header.has(key)) fail(line, `header key \`${key}\` is repeated (first on line ${header.get(key)?.line})`);
    header.set(key, { value: (match[2] ?? '').trim(), line });
  }
  const lastHeaderLine = Math.max(index, 1);
  const field = (key: Key): { value: string; line: number } => {
    const entry = header.get(key) ?? fail(lastHeaderLine, `the header needs a \`-- ${key}: …\` line`);
    if (entry.value === '' && key !== 'params') fail(entry.line, `\`${key}\` is empty`);
    return entry;
  };
  const chart = field('chart');
  if (!(CHARTS as readonly string[]).includes(chart.value)) fail(chart.line, `chart "${chart.value}" is not one of ${CHARTS.join(', ')}`);
  const params = parseParams(field('params'), fail);
  const groups = field('groups');
  if (!(GROUPINGS as readonly string[]).includes(groups.value)) fail(groups.line, `groups "${groups.value}" is not one of ${GROUPINGS.join(', ')}`);
  if (groups.value !== 'no' && !params.some((p) => p.name === 'projects')) fail(groups.line, `groups "${groups.value}" needs the parameter projects, which carries the groups asked`);
  const sourcesEntry = header.get('sources');
  const sources = sourcesEntry === undefined ? [] : sourcesEntry.value.split(',').map((s) => s.trim());
  for (const source of sources) {
    if (!(GITHUB_SOURCES as readonly string[]).includes(source)) fail(sourcesEntry?.line ?? 1, `source "${source}" is not one of ${GITHUB_SOURCES.join(', ')}`);
  }
  const coverageEntry = header.get('coverage');
  const coverageColumns = coverageEntry?.value.split(',').map((c) => c.trim()) ?? [];
  if (coverageEntry !== undefined && (coverageColumns.length !== 3 || coverageColumns.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c)))) {
    fail(coverageEntry.line, '`coverage` names three columns: the share, the known count and the n (`-- coverage: affiliation_coverage, affiliation_known, affiliation_n`)');
  }
  const [share = '', known = '', n = ''] = coverageColumns;
  const sql = lines.slice(index).join('\n').trim();
  if (sql === '') fail(lastHeaderLine, 'no SQL after the header');
  const used = new Set([...sql.matchAll(SQL_PARAM)].map((m) => m[1] ?? ''));
  const declared = new Set(params.map((p) => p.name));
  for (const name of used) if (!declared.has(name)) fail(field('params').line, `the SQL uses $${name}, which \`params\` does not declare`);
  for (const name of declared) if (!used.has(name)) fail(field('params').line, `\`params\` declares ${name}, which the SQL does not use`);
  return {
    id,
    title: field('title').value,
    description: field('description').value,
    unit: field('unit').value,
    chart: chart.value as Chart,
    groups: groups.value as Grouping,
    params,
    sources,
    sample: header.get('sample')?.value ?? null,
    missing: header.get('missing')?.value ?? null,
    coverage: coverageEntry === undefined ? null : { share, known, n },
    sql,
  };
}

function parseParams(entry: { value: string; line: number }, fail: (line: number, message: string) => never): Param[] {
  if (entry.value === '') return [];
  return entry.value.split(',').map((part) => {
    const match = PARAM.exec(part.trim());
    if (!match) return fail(entry.line, `parameter "${part.trim()}" must read \`name\` (a standard one: ${Object.keys(STANDARD_PARAMS).join(', ')}) or \`name TYPE = default\``);
    const [, name = '', written, fallback] = match;
    const standard = STANDARD_PARAMS[name];
    const type = written ?? standard;
    if (type === undefined) return fail(entry.line, `parameter ${name} needs a type (${Object.keys(PARAM_TYPES).join(', ')}): it is not a standard one`);
    if (standard !== undefined && type !== standard) fail(entry.line, `the standard parameter ${name} is ${standard}, not ${type}`);
    if (!(type in PARAM_TYPES)) fail(entry.line, `parameter ${name} has type ${type}; known types: ${Object.keys(PARAM_TYPES).join(', ')}`);
    if (standard === undefined && fallback === undefined) fail(entry.line, `parameter ${name} needs a default (\`${name} ${type} = …\`)`);
    return { name, type: type as ParamType, default: fallback?.trim() };
  });
}

/** Every indicator of the registry (the queries/ folder), by id. */
export async function listIndicators(dir: string = QUERIES_DIR): Promise<Indicator[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map((f) => readIndicator(f.slice(0, -4), dir)));
}

/** Whether queries/<id>.sql exists: `cdstats query <id>` runs it, anything else is SQL. */
export function isIndicatorId(text: string, dir: string = QUERIES_DIR): boolean {
  return /^[a-z][a-z0-9_]*$/.test(text) && existsSync(path.join(dir, `${text}.sql`));
}

/** Reads and parses queries/<id>.sql. */
export async function readIndicator(id: string, dir: string = QUERIES_DIR): Promise<Indicator> {
  const file = path.join(dir, `${id}.sql`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read indicator ${id}: ${errorMessage(error)}`);
  }
  return parseIndicator(text, file, id);
}

/** A parameter's value when none is given: monthly, as of now; all projects and no bounds are null. */
function defaultValue(param: Param): ParamValue {
  if (param.name === 'period') return 'month';
  if (param.name === 'as_of') return new Date();
  if (param.default === undefined) return null;
  if (param.type === 'INTEGER') return Number(param.default);
  if (param.type === 'VARCHAR') return param.default.replace(/^'(.*)'$/, '$1');
  return null;
}

/** Each parameter's value for DuckDB, by name: the given value, else the own parameter's default, else null. */
export function bindParams(params: readonly Param[], values: Record<string, ParamValue>): Params {
  return Object.fromEntries(params.map((param) => [param.name, PARAM_TYPES[param.type](values[param.name] ?? defaultValue(param))]));
}

/**
 * Runs an indicator, each declared parameter bound by name (never interpolated): the given
 * value, else the own parameter's default, else null (standard ones: all, unbounded).
 */
export async function runIndicator(db: Database, indicator: Indicator, values: Record<string, ParamValue>): Promise<Row[]> {
  return (await runIndicatorTable(db, indicator, values)).rows;
}

/** runIndicator, with the column names (which an empty result still has). */
export async function runIndicatorTable(db: Database, indicator: Indicator, values: Record<string, ParamValue>): Promise<{ columns: string[]; rows: Row[] }> {
  const bound = bindParams(indicator.params, values);
  try {
    return await db.table(indicator.sql, bound);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`indicator ${indicator.id} failed: ${errorMessage(error)}`);
  }
}
