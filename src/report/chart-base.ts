/**
 * What every chart builder of a page shares: the results it reads, what became of a chart, the
 * page's context, and a column resolved from a definition. Pure.
 */
import type { Config } from '../config/types.js';
import { EXIT_USAGE, UserError } from '../errors.js';
import type { Row } from '../store/values.js';
import type { ChartDefinition, FieldDefinition, Scope } from './definitions.js';
import type { CoverageOf } from './coverage.js';
import { inferFormat, type Cell, type ChartPayload, type Field, type Period, type Series } from './model.js';
import { unitTitle } from './spec-base.js';

/** An indicator's result: its columns (which an empty result still has) and rows. */
export interface Result {
  columns: string[];
  rows: Row[];
}

/** The result of a chart's indicator at a period kind (null: the indicator takes no period). */
export type ResultLookup = (chart: ChartDefinition, period: Period | null) => Result;

/** `first_contribution` → `First contribution`. */
function humanize(column: string): string {
  return unitTitle(column.replace(/_/g, ' '));
}

export function cell(value: Row[string] | undefined): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * What became of a chart on one page. `too few`: a ratio whose every value was left out as its
 * n was under the minimum sample; `not representative`: a company figure whose every value was
 * left out as its affiliation coverage was under the minimum.
 */
export type ChartStatus = 'shown' | 'empty' | 'not collected' | 'too few' | 'not representative';

export interface BuiltChart {
  status: ChartStatus;
  payload: ChartPayload;
  /** Overview charts: projects left out because their source was not collected. */
  notCollected: string[];
  /**
   * Why those projects (or the whole chart, "not collected") have no value when it is not a
   * source that was not collected (the indicator's `-- missing:`, e.g. no affiliation data).
   */
  missing: string | null;
  /** A company figure: the affiliation coverage of what is shown, per project on an overview. Empty for others. */
  coverage: CoverageOf[];
  /** A company figure: the projects (key null on a project page) left out as not representative, with their coverage. */
  unrepresentative: CoverageOf[];
}

export interface Context {
  scope: Scope;
  /** The project of a project page; null on an overview page. */
  project: string | null;
  /** The configured projects, in order: what an overview shows. */
  projects: readonly string[];
  lookup: ResultLookup;
  /** The report's as-of: which periods are still running, so partial. */
  asOf: Date;
  /** The sources collected for a project (coverage status `collected`). */
  collected: (project: string) => ReadonlySet<string>;
  /** The config's groups of projects, in order (a groups page compares them). */
  groups: readonly GroupOf[];
  /** Maturity and joined day of each project that has them. */
  meta: ReadonlyMap<string, ProjectMeta>;
  periods: Map<Period, Set<string>>;
  /** The period starts of each series, until alignSeries places them in the page's list. */
  starts: Map<Series, string[]>;
}

export function resolveField(chart: ChartDefinition, result: Result, definition: FieldDefinition | undefined, fallback: string, label?: string): Field {
  const field = definition?.field ?? fallback;
  if (!result.columns.includes(field)) {
    const origin = definition?.origin ?? chart.origin;
    throw new UserError(`${origin.file}:${origin.line}: indicator ${chart.indicator.id} has no column \`${field}\` (its columns: ${result.columns.join(', ')})`, EXIT_USAGE);
  }
  const values = result.rows.map((r) => cell(r[field]));
  return {
    field,
    label: definition?.label ?? label ?? (field === 'value' ? unitTitle(chart.indicator.unit) : humanize(field)),
    format: definition?.format ?? inferFormat(field, chart.indicator.unit, values),
  };
}

/** The days of a chart over one window up to as-of: its `window` parameter, as the definition sets it or by default; undefined for others. */
export function chartWindow(chart: ChartDefinition): number | undefined {
  const value = chart.params.window ?? chart.indicator.params.find((p) => p.name === 'window')?.default;
  const days = Number(value);
  return value === undefined || !Number.isFinite(days) ? undefined : days;
}

/** What every chart model of a definition starts with: its id, indicator, title, description, unit and window. */
export function chartCommon(chart: ChartDefinition, id: string) {
  const window = chartWindow(chart);
  return { id, indicator: chart.indicator.id, title: chart.title ?? chart.indicator.title, description: chart.description ?? chart.indicator.description, unit: chart.indicator.unit, ...(window === undefined ? {} : { window }) };
}

/** A group of projects of the config (`groups:`). */
export interface GroupOf {
  name: string;
  projects: readonly string[];
}

/** What the config says of a project beyond its repositories: `maturity:` and `joined:` (YYYY-MM-DD). */
export interface ProjectMeta {
  maturity: string | null;
  joined: string | null;
}

/** The unit an indicator counts every project of the config in at once, each person once (`all`). */
export const ALL_UNIT = 'all';

/** The name the all-projects figure goes by: its label, unless a project or group has that name. */
export function totalKey(label: string, taken: readonly string[]): string {
  let key = label;
  for (let n = 2; taken.includes(key); n++) key = `${label} (${n})`;
  return key;
}

/**
 * The units a chart's indicator is asked for (its `projects` parameter): the configured projects;
 * on an overview chart with a `total`, `all` too; on a groups page every group and `all` as well
 * (its bars and distributions show the projects beside their groups); for a table `since: joined`,
 * the projects that have a joined day (each is run from its own).
 */
export function chartUnits(chart: ChartDefinition, scope: Scope, projects: readonly string[], groups: readonly GroupOf[], meta: ReadonlyMap<string, ProjectMeta>): string[] {
  if (chart.since === 'joined') return projects.filter((p) => (meta.get(p)?.joined ?? null) !== null);
  if (scope === 'groups') return [...projects, ...groups.map((g) => g.name), ALL_UNIT];
  if (scope === 'overview' && chart.total !== undefined) return [...projects, ALL_UNIT];
  return [...projects];
}

/** The columns the config adds to a result with a `project` column: its maturity, joined day and groups (`;`-separated). */
export const META_COLUMNS = ['maturity', 'joined', 'groups'] as const;

/** The result with the config's columns of each project (META_COLUMNS) that it does not have itself. */
export function withProjectMeta(result: Result, ctx: Pick<Context, 'meta' | 'groups'>): Result {
  if (!result.columns.includes('project')) return result;
  const added = META_COLUMNS.filter((c) => !result.columns.includes(c));
  const of = (project: string): Record<string, string | null> => ({
    maturity: ctx.meta.get(project)?.maturity ?? null,
    joined: ctx.meta.get(project)?.joined ?? null,
    groups: ctx.groups.filter((g) => g.projects.includes(project)).map((g) => g.name).join('; ') || null,
  });
  return {
    columns: [...result.columns, ...added],
    rows: result.rows.map((row) => {
      const meta = of(String(row.project));
      return { ...row, ...Object.fromEntries(added.map((c) => [c, meta[c] ?? null])) };
    }),
  };
}

/** What the config says of its projects beyond their repositories: its groups, and each project's maturity and joined day. */
export interface ProjectFacts {
  groups: readonly GroupOf[];
  meta: ReadonlyMap<string, ProjectMeta>;
}

/** No groups, no maturity nor joined day: a site without them. */
export const NO_FACTS: ProjectFacts = { groups: [], meta: new Map() };

/** The config's groups (in order) and the maturity and joined day of its projects. */
export function projectFacts(config: Pick<Config, 'projects' | 'groups'>): ProjectFacts {
  return {
    groups: config.groups.map((g) => ({ name: g.name, projects: [...g.projects] })),
    meta: new Map(config.projects.map((p) => [p.name, { maturity: p.maturity ?? null, joined: p.joined ?? null }])),
  };
}
