/**
 * From report definitions and indicator results to what a page carries: resolved charts with
 * their compact data, and whether each has data at all. Pure.
 */
import { EXIT_USAGE, UserError } from '../errors.js';
import type { Row } from '../store/values.js';
import type { ChartDefinition, FieldDefinition, Scope } from './definitions.js';
import {
  PERIODS,
  allMissing,
  coverageColumns,
  coverageTotals,
  inferFormat,
  isRepresentative,
  lineValueFields,
  runningPeriods,
  type Cell,
  type ChartModel,
  type ChartPayload,
  type CoverageFields,
  type CoverageOf,
  type Field,
  type Period,
  type PeriodIndex,
  type Series,
  type Table,
} from './model.js';
import { unitTitle } from './specs.js';

/** An indicator's result: its columns (which an empty result still has) and rows. */
export interface Result {
  columns: string[];
  rows: Row[];
}

/** The result of a chart's indicator at a period kind (null: the indicator takes no period). */
export type ResultLookup = (chart: ChartDefinition, period: Period | null) => Result;

/** The periods a line chart offers: all four when its indicator takes `period` and the definition fixes none. */
export function chartPeriods(chart: ChartDefinition): { periods: Period[]; initial: Period } {
  const switchable = chart.type === 'line' && chart.period === undefined && chart.indicator.params.some((p) => p.name === 'period');
  return { periods: switchable ? [...PERIODS] : [], initial: chart.period ?? 'month' };
}

/** The period kinds whose results a chart needs: null stands for a run without `period`. */
export function neededPeriods(chart: ChartDefinition): (Period | null)[] {
  if (chart.type !== 'line') return [null];
  const { periods, initial } = chartPeriods(chart);
  if (periods.length > 0) return periods;
  return [chart.indicator.params.some((p) => p.name === 'period') ? initial : null];
}

/** `first_contribution` → `First contribution`. */
function humanize(column: string): string {
  return unitTitle(column.replace(/_/g, ' '));
}

function cell(value: Row[string] | undefined): Cell {
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

interface Context {
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
  periods: Map<Period, Set<string>>;
  /** The period starts of each series, until alignSeries places them in the page's list. */
  starts: Map<Series, string[]>;
}

function resolveField(chart: ChartDefinition, result: Result, definition: FieldDefinition | undefined, fallback: string, label?: string): Field {
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

/** The coverage columns of a company figure's indicator (`-- coverage:`), labelled; undefined for others. */
function resolveCoverage(chart: ChartDefinition, result: Result): CoverageFields | undefined {
  const columns = chart.indicator.coverage;
  if (columns === null) return undefined;
  return {
    share: { ...resolveField(chart, result, undefined, columns.share), label: 'Affiliation coverage', format: 'percent' },
    known: { ...resolveField(chart, result, undefined, columns.known), label: 'Contributions with a known affiliation', format: 'count' },
    n: { ...resolveField(chart, result, undefined, columns.n), label: 'Contributions by people', format: 'count' },
  };
}

/** A row as cells, for the pure functions of model.ts. */
function cells(row: Row): Record<string, Cell> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, cell(value)]));
}

/** Rows of the page's projects: the one project, or every configured one in config order. */
function pageRows(result: Result, ctx: Context): Row[] {
  if (!result.columns.includes('project')) return result.rows;
  if (ctx.project !== null) return result.rows.filter((r) => r.project === ctx.project);
  const order = new Map(ctx.projects.map((p, i) => [p, i]));
  return result.rows.filter((r) => order.has(String(r.project))).sort((a, b) => (order.get(String(a.project)) ?? 0) - (order.get(String(b.project)) ?? 0));
}

/** `sort`, then `limit` rows per project. */
function sortAndLimit(chart: ChartDefinition, rows: Row[]): Row[] {
  let out = rows;
  const sort = chart.sort;
  if (sort !== undefined) {
    const direction = sort.descending ? -1 : 1;
    const key = (r: Row) => cell(r[sort.field]);
    out = [...out].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * direction;
    });
  }
  const limit = chart.limit;
  if (limit === undefined) return out;
  const seen = new Map<string, number>();
  return out.filter((r) => {
    const project = String(r.project ?? '');
    const n = (seen.get(project) ?? 0) + 1;
    seen.set(project, n);
    return n <= limit;
  });
}

function toTable(fields: readonly Field[], rows: readonly Row[]): Table {
  return { columns: fields.map((f) => f.field), rows: rows.map((r) => fields.map((f) => cell(r[f.field]))) };
}

/** Columns that name or place a row rather than measure something. */
function keyFields(fields: readonly Field[]): string[] {
  return fields.filter((f) => f.format === 'text' || f.field === 'project' || f.field === 'period').map((f) => f.field);
}

/** Whether a project has none of the GitHub sources an indicator's data comes from only. */
function lacksSources(chart: ChartDefinition, ctx: Context, project: string): boolean {
  const collected = ctx.collected(project);
  return chart.indicator.sources.length > 0 && !chart.indicator.sources.some((s) => collected.has(s));
}

/**
 * A chart with no rows is "not collected" rather than empty when its indicator needs GitHub
 * data that none of the page's projects has; on an overview, such projects are named.
 */
function settle(chart: ChartDefinition, ctx: Context, built: BuiltChart): BuiltChart {
  if (ctx.project !== null) return built.status === 'empty' && lacksSources(chart, ctx, ctx.project) ? { ...built, status: 'not collected' } : built;
  // Projects never collected at all are named once, at the top of the page, not at each chart.
  const active = ctx.projects.filter((p) => ctx.collected(p).size > 0);
  const lacking = active.filter((p) => lacksSources(chart, ctx, p));
  const notCollected = ctx.projects.filter((p) => built.notCollected.includes(p) || lacking.includes(p));
  const status = built.status === 'empty' && lacking.length > 0 && lacking.length === active.length ? 'not collected' : built.status;
  return { ...built, status, notCollected };
}

function buildLine(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  const { periods, initial } = chartPeriods(chart);
  const kinds = neededPeriods(chart);
  const first = ctx.lookup(chart, kinds[0] ?? null);
  const definitions = chart.fields.length > 0 ? chart.fields : [undefined];
  const overview = ctx.scope === 'overview';
  const fields = (overview ? definitions.slice(0, 1) : definitions).map((d) => resolveField(chart, first, d, 'value'));
  const band = !overview && chart.band ? ([resolveField(chart, first, chart.band[0], ''), resolveField(chart, first, chart.band[1], '')] as [Field, Field]) : null;
  const sample = chart.indicator.sample === null ? null : { ...resolveField(chart, first, undefined, chart.indicator.sample), label: `n (${chart.indicator.sample.replace(/_/g, ' ')})`, format: 'count' as const };
  const coverage = resolveCoverage(chart, first);
  const model: ChartModel = {
    type: 'line',
    id,
    indicator: chart.indicator.id,
    title: chart.title ?? chart.indicator.title,
    description: chart.indicator.description,
    unit: chart.indicator.unit,
    series: overview ? 'project' : 'field',
    fields,
    band,
    sample,
    periods,
    period: initial,
    ...(coverage === undefined ? {} : { coverage }),
    ...(chart.panels === undefined ? {} : { panels: chart.panels }),
  };
  const valueFields = lineValueFields(model);
  const byPeriod: Partial<Record<Period, Series[]>> = {};
  const notCollected = new Set<string>();
  let anyRows = false;
  for (const kind of kinds) {
    const period = kind ?? initial;
    const rows = pageRows(ctx.lookup(chart, kind), ctx);
    anyRows ||= rows.length > 0;
    const starts = ctx.periods.get(period) ?? new Set<string>();
    ctx.periods.set(period, starts);
    const byProject = new Map<string, Row[]>();
    for (const row of rows) {
      const key = String(row.project ?? ctx.project ?? '');
      const list = byProject.get(key);
      if (list === undefined) byProject.set(key, [row]);
      else list.push(row);
    }
    const series: Series[] = [];
    for (const [key, list] of byProject) {
      if (list.every((r) => valueFields.every((f) => r[f.field] === null || r[f.field] === undefined))) {
        notCollected.add(key);
        continue;
      }
      for (const r of list) starts.add(String(r.period));
      const one: Series = { key, from: 0, values: Object.fromEntries(valueFields.map((f) => [f.field, list.map((r) => cell(r[f.field]))])) };
      ctx.starts.set(one, list.map((r) => String(r.period)));
      series.push(one);
    }
    byPeriod[period] = series;
  }
  const shown = Object.values(byPeriod).some((s) => s.length > 0);
  const judged = coverage === undefined ? { coverage: [], unrepresentative: [] } : seriesCoverage(byPeriod[initial] ?? [], fields, coverage, overview);
  return {
    status: shown ? (!anyValue(byPeriod, fields) ? (coverage !== undefined ? 'not representative' : sample !== null ? 'too few' : 'shown') : 'shown') : anyRows ? 'not collected' : 'empty',
    payload: { chart: model, data: { kind: 'series', byPeriod, running: runningPeriods(ctx.asOf) } },
    notCollected: overview ? [...notCollected] : [],
    missing: chart.indicator.missing,
    ...judged,
  };
}

/**
 * The affiliation coverage of each line of a company figure over all its periods, and the lines
 * with no value in any period (every one not representative).
 */
function seriesCoverage(series: readonly Series[], fields: readonly Field[], coverage: CoverageFields, overview: boolean): { coverage: CoverageOf[]; unrepresentative: CoverageOf[] } {
  const all: CoverageOf[] = [];
  const unrepresentative: CoverageOf[] = [];
  for (const one of series) {
    const sum = (field: Field) => (one.values[field.field] ?? []).reduce<number>((total, v) => total + Number(v ?? 0), 0);
    const total = { key: overview ? one.key : null, known: sum(coverage.known), n: sum(coverage.n) };
    all.push(total);
    if (!fields.some((f) => one.values[f.field]?.some((v) => v !== null))) unrepresentative.push(total);
  }
  return { coverage: all, unrepresentative };
}

/** Whether any series has a value in one of `fields` (its n aside). */
function anyValue(byPeriod: Partial<Record<Period, Series[]>>, fields: readonly Field[]): boolean {
  return Object.values(byPeriod).some((list) => list.some((series) => fields.some((f) => series.values[f.field]?.some((v) => v !== null))));
}

/**
 * Aligns every series to the page's sorted list of period starts: `from` is the index of its
 * first period, and a gap (which continuous series do not have) becomes nulls.
 */
function alignSeries(payloads: readonly ChartPayload[], index: PeriodIndex, starts: ReadonlyMap<Series, string[]>): void {
  for (const { data } of payloads) {
    if (data.kind !== 'series') continue;
    for (const [period, list] of Object.entries(data.byPeriod) as [Period, Series[]][]) {
      const position = new Map((index[period] ?? []).map((start, i) => [start, i]));
      for (const series of list) {
        const own = starts.get(series) ?? [];
        const at = own.map((p) => position.get(p) ?? 0);
        const from = Math.min(...at);
        const length = Math.max(...at) - from + 1;
        series.values = Object.fromEntries(
          Object.entries(series.values).map(([field, values]) => {
            const aligned: Cell[] = Array.from({ length }, () => null);
            values.forEach((v, i) => (aligned[(at[i] ?? from) - from] = v));
            return [field, aligned];
          }),
        );
        series.from = from;
      }
    }
  }
}

/** The days of a chart over one window up to as-of: its `window` parameter, as the definition sets it or by default; undefined for others. */
export function chartWindow(chart: ChartDefinition): number | undefined {
  const value = chart.params.window ?? chart.indicator.params.find((p) => p.name === 'window')?.default;
  const days = Number(value);
  return value === undefined || !Number.isFinite(days) ? undefined : days;
}

function buildStatic(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  const result = ctx.lookup(chart, null);
  const window = chartWindow(chart);
  const common = { id, indicator: chart.indicator.id, title: chart.title ?? chart.indicator.title, description: chart.indicator.description, unit: chart.indicator.unit, ...(window === undefined ? {} : { window }) };
  let model: ChartModel;
  let fields: Field[];
  const coverage = resolveCoverage(chart, result);
  if (chart.type === 'bar') {
    model = { ...common, type: 'bar', category: resolveField(chart, result, chart.category, 'project', 'Project'), value: resolveField(chart, result, chart.value, 'value'), ...(coverage === undefined ? {} : { coverage }) };
    fields = [model.category, model.value, ...coverageColumns(model)];
  } else if (chart.type === 'heatmap') {
    if (chart.x === undefined || chart.y === undefined) throw new UserError(`${chart.origin.file}:${chart.origin.line}: a heatmap needs \`x\` and \`y\` columns`, EXIT_USAGE);
    model = { ...common, type: 'heatmap', x: resolveField(chart, result, chart.x, ''), y: resolveField(chart, result, chart.y, ''), value: resolveField(chart, result, chart.value, 'value') };
    fields = [model.y, model.x, model.value];
  } else {
    const definitions = chart.fields.length > 0 ? chart.fields : result.columns.map((c) => ({ field: c, label: undefined, format: undefined, origin: chart.origin }));
    const listed = definitions.filter((d) => !(ctx.scope === 'project' && d.field === 'project')).map((d) => resolveField(chart, result, d, d.field));
    // A company figure's coverage goes beside it, whether the definition lists it or not.
    const extra = coverage === undefined ? [] : [coverage.share, coverage.known, coverage.n].filter((c) => !listed.some((l) => l.field === c.field));
    const columns = [...listed, ...extra];
    model = { ...common, type: chart.type === 'facts' ? 'facts' : 'table', columns, ...(coverage === undefined ? {} : { coverage }) };
    fields = columns;
  }
  const sorted = sortAndLimit(chart, pageRows(result, ctx));
  const judged = coverage === undefined ? { coverage: [], unrepresentative: [], rows: sorted } : rowCoverage(sorted, coverage, ctx, model.type === 'bar');
  const all = judged.rows;
  const notCollected: string[] = [];
  let rows = all;
  if (ctx.scope === 'overview' && chart.type === 'bar' && model.type === 'bar' && model.category.field === 'project' && coverage === undefined) {
    rows = all.filter((r) => {
      const missing = r[model.value.field] === null || r[model.value.field] === undefined;
      if (missing) notCollected.push(String(r.project));
      return !missing;
    });
  }
  const table = toTable(fields, rows);
  const missing = rows.length === 0 ? notCollected.length > 0 : allMissing(fields, table.rows, keyFields(fields));
  // A ratio with an n (retention by cohort): every value left out as too small a sample.
  const valueField = model.type === 'bar' || model.type === 'heatmap' ? model.value.field : 'value';
  const tooFew = chart.indicator.sample !== null && rows.length > 0 && rows.every((r) => r[valueField] === null || r[valueField] === undefined);
  // A company figure none of whose projects is representative: no ranking at all.
  const unrepresentative = coverage !== undefined && judged.unrepresentative.length > 0 && judged.coverage.length === judged.unrepresentative.length;
  return {
    status: unrepresentative ? 'not representative' : tooFew ? 'too few' : rows.length === 0 && !missing ? 'empty' : missing ? 'not collected' : 'shown',
    payload: { chart: model, data: { kind: 'table', table } },
    notCollected,
    missing: chart.indicator.missing,
    coverage: judged.coverage,
    unrepresentative: judged.unrepresentative,
  };
}

/**
 * A company figure's rows: the coverage of each project, and the projects not representative.
 * A ranking (table, facts) keeps only the rows of representative projects; a bar chart keeps
 * them all (the indicator leaves the value NULL, so there is no bar) for its table and CSV.
 */
function rowCoverage(rows: Row[], coverage: CoverageFields, ctx: Context, keepAll: boolean): { coverage: CoverageOf[]; unrepresentative: CoverageOf[]; rows: Row[] } {
  const key = ctx.project === null ? 'project' : null;
  const representative = (row: Row) => isRepresentative(Number(row[coverage.known.field] ?? 0), Number(row[coverage.n.field] ?? 0));
  const all = coverageTotals(rows.map(cells), coverage, key);
  const left = coverageTotals(rows.filter((r) => !representative(r)).map(cells), coverage, key);
  return { coverage: all, unrepresentative: left, rows: keepAll ? rows : rows.filter(representative) };
}

/** A page's charts, each with its data and status, and the page's period index. */
export function buildCharts(charts: readonly ChartDefinition[], ctx: Omit<Context, 'periods' | 'starts'>): { built: BuiltChart[]; periods: PeriodIndex } {
  const context: Context = { ...ctx, periods: new Map(), starts: new Map() };
  const ids = new Map<string, number>();
  const built = charts.map((chart) => {
    const n = (ids.get(chart.indicator.id) ?? 0) + 1;
    ids.set(chart.indicator.id, n);
    const id = n === 1 ? chart.indicator.id : `${chart.indicator.id}-${n}`;
    return settle(chart, context, chart.type === 'line' ? buildLine(chart, id, context) : buildStatic(chart, id, context));
  });
  const periods: PeriodIndex = Object.fromEntries([...context.periods].map(([period, starts]) => [period, [...starts].sort()]));
  alignSeries(
    built.map((b) => b.payload),
    periods,
    context.starts,
  );
  return { built, periods };
}
