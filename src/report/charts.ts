/**
 * From report definitions and indicator results to what a page carries: resolved charts with
 * their compact data, and whether each has data at all. Pure.
 */
import { EXIT_USAGE, UserError } from '../errors.js';
import type { Row } from '../store/values.js';
import { ALL_UNIT, cell, chartCommon, chartUnits, resolveField, totalKey, withProjectMeta, type BuiltChart, type Context, type Result } from './chart-base.js';
import type { ChartDefinition } from './definitions.js';
import { buildDistribution, buildGroupBar } from './group-charts.js';
import { type CoverageOf, coverageTotals, isRepresentative } from './coverage.js';
import { allMissing, type Cell, type ChartModel, type ChartPayload, coverageColumns, type CoverageFields, type Field, lineValueFields, type Period, type PeriodIndex, PERIODS, runningPeriods, type Series, type Table } from './model.js';

export { chartWindow } from './chart-base.js';
export type { BuiltChart, ChartStatus, GroupOf, ProjectMeta, Result, ResultLookup } from './chart-base.js';

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

/**
 * The units a chart shows on its page, in order, each with the key its rows go by: on an overview
 * the configured projects, then the all-projects figure (`total`); on a groups page each group,
 * then all projects, or (`since: joined`) the projects that have a joined day.
 */
function pageUnits(chart: ChartDefinition, ctx: Context): { unit: string; key: string }[] {
  const own = (unit: string) => ({ unit, key: unit });
  const taken = [...ctx.projects, ...ctx.groups.map((g) => g.name)];
  if (ctx.scope === 'groups' && chart.since === undefined) return [...ctx.groups.map((g) => own(g.name)), { unit: ALL_UNIT, key: totalKey('All projects', taken) }];
  const projects = chartUnits(chart, ctx.scope, ctx.projects, ctx.groups, ctx.meta).filter((u) => u !== ALL_UNIT).map(own);
  return chart.total === undefined ? projects : [...projects, { unit: ALL_UNIT, key: totalKey(chart.total, taken) }];
}

/** Rows of the page's units (see pageUnits): the one project of a project page, or each unit in order, named by its key. */
function pageRows(chart: ChartDefinition, result: Result, ctx: Context): Row[] {
  if (!result.columns.includes('project')) return result.rows;
  if (ctx.project !== null) return result.rows.filter((r) => r.project === ctx.project);
  const units = pageUnits(chart, ctx);
  const order = new Map(units.map((u, i) => [u.unit, i]));
  const at = (r: Row) => order.get(String(r.project)) ?? 0;
  return result.rows
    .filter((r) => order.has(String(r.project)))
    .sort((a, b) => at(a) - at(b))
    .map((r) => ({ ...r, project: units[at(r)]?.key ?? String(r.project) }));
}

/** The key of a chart's all-projects figure on its page, if it has one. */
function pageTotal(chart: ChartDefinition, ctx: Context): string | undefined {
  return ctx.project === null ? pageUnits(chart, ctx).find((u) => u.unit === ALL_UNIT)?.key : undefined;
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

/**
 * What a line chart adds on its page: the all-projects line (an overview's `total`, a groups
 * page's All projects), and the day each of its projects joined, for the rule where one is shown.
 */
function lineExtras(chart: ChartDefinition, ctx: Context): { total?: string; joined?: Record<string, string>; seriesLabel?: string } {
  const total = pageTotal(chart, ctx);
  const shown = ctx.project !== null ? [ctx.project] : ctx.scope === 'overview' ? ctx.projects : [];
  const joined = Object.fromEntries(shown.flatMap((p) => {
    const day = ctx.meta.get(p)?.joined ?? null;
    return day === null ? [] : [[p, day]];
  }));
  return { ...(total === undefined ? {} : { total }), ...(Object.keys(joined).length === 0 ? {} : { joined }), ...(ctx.scope === 'groups' ? { seriesLabel: 'Group' } : {}) };
}

function buildLine(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  const { periods, initial } = chartPeriods(chart);
  const kinds = neededPeriods(chart);
  const first = ctx.lookup(chart, kinds[0] ?? null);
  const definitions = chart.fields.length > 0 ? chart.fields : [undefined];
  // An overview or groups page compares units (projects, groups): one line each, of the first field.
  const overview = ctx.scope !== 'project';
  const fields = (overview ? definitions.slice(0, 1) : definitions).map((d) => resolveField(chart, first, d, 'value'));
  const band = !overview && chart.band ? ([resolveField(chart, first, chart.band[0], ''), resolveField(chart, first, chart.band[1], '')] as [Field, Field]) : null;
  const sample = chart.indicator.sample === null ? null : { ...resolveField(chart, first, undefined, chart.indicator.sample), label: `n (${chart.indicator.sample.replace(/_/g, ' ')})`, format: 'count' as const };
  const coverage = resolveCoverage(chart, first);
  const model: ChartModel = {
    type: 'line',
    id,
    indicator: chart.indicator.id,
    title: chart.title ?? chart.indicator.title,
    description: chart.description ?? chart.indicator.description,
    unit: chart.indicator.unit,
    series: overview ? 'project' : 'field',
    fields,
    band,
    sample,
    periods,
    period: initial,
    ...(coverage === undefined ? {} : { coverage }),
    ...(chart.panels === undefined ? {} : { panels: chart.panels }),
    ...lineExtras(chart, ctx),
  };
  const valueFields = lineValueFields(model);
  const byPeriod: Partial<Record<Period, Series[]>> = {};
  const notCollected = new Set<string>();
  let anyRows = false;
  for (const kind of kinds) {
    const period = kind ?? initial;
    const rows = pageRows(chart, ctx.lookup(chart, kind), ctx);
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

function buildStatic(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  // A table may show what the config says of each project (maturity, joined, groups) as columns.
  const result = chart.type === 'table' ? withProjectMeta(ctx.lookup(chart, null), ctx) : ctx.lookup(chart, null);
  const common = chartCommon(chart, id);
  let model: ChartModel;
  let fields: Field[];
  const coverage = resolveCoverage(chart, result);
  const total = pageTotal(chart, ctx);
  if (chart.type === 'bar') {
    const n = chart.n === undefined ? undefined : resolveField(chart, result, chart.n, '');
    model = {
      ...common,
      type: 'bar',
      category: resolveField(chart, result, chart.category, 'project', 'Project'),
      value: resolveField(chart, result, chart.value, 'value'),
      ...(coverage === undefined ? {} : { coverage }),
      ...(n === undefined ? {} : { n }),
      ...(total === undefined ? {} : { total }),
    };
    fields = [model.category, model.value, ...(n === undefined ? [] : [n]), ...coverageColumns(model)];
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
    model = { ...common, type: chart.type === 'facts' ? 'facts' : 'table', columns, ...(coverage === undefined ? {} : { coverage }), ...(total === undefined ? {} : { total }) };
    fields = columns;
  }
  const sorted = sortAndLimit(chart, pageRows(chart, result, ctx));
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
function buildOne(chart: ChartDefinition, id: string, ctx: Context): BuiltChart {
  if (chart.type === 'line') return buildLine(chart, id, ctx);
  if (chart.type === 'distribution') return buildDistribution(chart, id, ctx);
  if (chart.type === 'bar' && ctx.scope === 'groups') return buildGroupBar(chart, id, ctx);
  return buildStatic(chart, id, ctx);
}

/**
 * A page's charts, each with its data and status, and the page's period index. Without `groups`
 * and `meta` the config has no groups, and no maturity or joined day for any project.
 */
export function buildCharts(
  charts: readonly ChartDefinition[],
  ctx: Omit<Context, 'periods' | 'starts' | 'groups' | 'meta'> & Partial<Pick<Context, 'groups' | 'meta'>>,
): { built: BuiltChart[]; periods: PeriodIndex } {
  const context: Context = { groups: [], meta: new Map(), ...ctx, periods: new Map(), starts: new Map() };
  const ids = new Map<string, number>();
  const built = charts.map((chart) => {
    const n = (ids.get(chart.indicator.id) ?? 0) + 1;
    ids.set(chart.indicator.id, n);
    const id = n === 1 ? chart.indicator.id : `${chart.indicator.id}-${n}`;
    return settle(chart, context, buildOne(chart, id, context));
  });
  const periods: PeriodIndex = Object.fromEntries([...context.periods].map(([period, starts]) => [period, [...starts].sort()]));
  alignSeries(
    built.map((b) => b.payload),
    periods,
    context.starts,
  );
  return { built, periods };
}
