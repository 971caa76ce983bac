/**
 * What a page knows about its charts, shared by the site builder (Node) and the page script
 * (browser): the resolved chart definitions, the compact data the page carries, and the
 * pure functions that turn it into rows, table cells and CSV. No Node or DOM APIs here.
 */
import { formatCsv } from '../csv.js';

export const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const FORMATS = ['count', 'number', 'percent', 'date', 'week', 'month', 'quarter', 'year', 'weekday', 'trend', 'text'] as const;
/** How a value is shown: in tables, tooltips and axes. */
export type Format = (typeof FORMATS)[number];

export type Cell = string | number | boolean | null;

/** One column of an indicator's result, with its heading and format. */
export interface Field {
  field: string;
  label: string;
  format: Format;
}

interface ChartCommon {
  /** Unique on its page: the element ids and download file names derive from it. */
  id: string;
  indicator: string;
  title: string;
  description: string;
  /** The indicator's unit (plural noun), for the value axis. */
  unit: string;
  /**
   * A company figure's affiliation coverage (its indicator's `-- coverage:` columns): shown
   * beside the figure in the table, the tooltip, the CSV and the subtitle. Absent for others.
   */
  coverage?: CoverageFields;
  /** A chart over one window up to as-of (its indicator's `window` parameter): its length in days, for the caption. Absent for others. */
  window?: number;
  /**
   * The name of the series, bar, row or group that counts every project at once (the `all` unit,
   * each person once): drawn apart, and kept whatever projects or groups the reader picks.
   */
  total?: string;
}

/** The columns of a company figure's affiliation coverage: the share, known of n contributions by people. */
export interface CoverageFields {
  share: Field;
  known: Field;
  n: Field;
}

/**
 * A time series. On an overview page one line per project (the first field); on a project
 * page one line per field, with an optional band (e.g. 15th–85th percentile) around a single
 * line. `periods` lists the periods the reader can switch between (empty: the indicator has
 * a fixed period, `period`).
 */
export interface LineChart extends ChartCommon {
  type: 'line';
  /** `project`: one line per project (or group: a groups page); `field`: one line per field. */
  series: 'project' | 'field';
  /** What a line of `series: 'project'` is, when it is not a project: `Group`. */
  seriesLabel?: string;
  fields: Field[];
  band: [Field, Field] | null;
  /** The n behind a ratio (its indicator's `-- sample:` column), shown beside each point; null for none. */
  sample: Field | null;
  periods: Period[];
  period: Period;
  /**
   * Past this many lines, one small panel per line (small multiples) instead of one chart of
   * coloured lines; absent: SMALL_MULTIPLES_ABOVE (specs.ts). From the definition's `panels`.
   */
  panels?: number;
  /** The day each project of the chart joined the foundation (`joined:`), drawn as a rule where one project is shown. */
  joined?: Record<string, string>;
}

/** One bar per category (a project, a company…), longest first. */
export interface BarChart extends ChartCommon {
  type: 'bar';
  category: Field;
  value: Field;
  /** A groups page: each bar coloured by this column (its group), groups in this order. */
  color?: { field: Field; domain: string[] };
  /** The n behind each value (the people or items it is of), in the tooltip, table and CSV. */
  n?: Field;
  /** More columns of each bar (the project's maturity), in the tooltip, table and CSV. */
  details?: Field[];
}

/**
 * Groups side by side (a groups page): for each group the values of its projects (dots), their
 * median and middle half, and the group's own figure, which counts each person once. Its rows:
 * `group`, `project` (null on the group's own row), the value and its n.
 */
export interface DistributionChart extends ChartCommon {
  type: 'distribution';
  group: Field;
  project: Field;
  value: Field;
  n: Field | null;
  /** The groups in the config's order, the all-projects one (`total`) last. */
  groups: string[];
}

/** Colour by value over two ordinal axes (weekday × hour, cohort × quarter). */
export interface HeatmapChart extends ChartCommon {
  type: 'heatmap';
  x: Field;
  y: Field;
  value: Field;
}

/** Rows and columns, or (facts) the first row as a list of key figures. */
export interface TableChart extends ChartCommon {
  type: 'table' | 'facts';
  columns: Field[];
}

export type ChartModel = LineChart | BarChart | HeatmapChart | TableChart | DistributionChart;

/** Rows with named columns: what an indicator returned, cut to what a chart shows. */
export interface Table {
  columns: string[];
  rows: Cell[][];
}

/**
 * One line's values for one period kind, aligned to the page's list of period starts from
 * index `from` on: a page carries each period date once, however many series use it.
 */
export interface Series {
  key: string;
  from: number;
  values: Record<string, Cell[]>;
}

/** A chart and its data as the page carries it (inert JSON). */
export interface ChartPayload {
  chart: ChartModel;
  /** Line charts: the series of each period kind; other charts: one table. */
  data: { kind: 'series'; byPeriod: Partial<Record<Period, Series[]>>; running: RunningPeriods } | { kind: 'table'; table: Table };
}

/** The start (`YYYY-MM-DD`) of the period of each kind still running at as-of: its data is partial. */
export type RunningPeriods = Partial<Record<Period, string>>;

/** The first instant of the period holding `at`, UTC (weeks start on Monday). */
function periodStart(period: Period, at: Date): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  switch (period) {
    case 'week':
      return new Date(Date.UTC(year, month, at.getUTCDate() - ((at.getUTCDay() + 6) % 7)));
    case 'month':
      return new Date(Date.UTC(year, month, 1));
    case 'quarter':
      return new Date(Date.UTC(year, month - (month % 3), 1));
    default:
      return new Date(Date.UTC(year, 0, 1));
  }
}

function periodEnd(period: Period, start: Date): Date {
  const end = new Date(start);
  if (period === 'week') end.setUTCDate(end.getUTCDate() + 7);
  else end.setUTCMonth(end.getUTCMonth() + (period === 'month' ? 1 : period === 'quarter' ? 3 : 12));
  return end;
}

/**
 * The periods still running at `asOf`: those that end more than a second after it. An as-of in
 * the last second of June (a date as-of, `2024-06-30`, is its last millisecond) closes June, as
 * retention.sql reads it; an instant earlier in June leaves June partial.
 */
export function runningPeriods(asOf: Date): RunningPeriods {
  const out: RunningPeriods = {};
  for (const period of PERIODS) {
    const start = periodStart(period, asOf);
    if (periodEnd(period, start).getTime() > asOf.getTime() + 1000) out[period] = start.toISOString().slice(0, 10);
  }
  return out;
}

/**
 * The fewest people or items a ratio or trend is given for: the vocabulary's min_sample()
 * (queries/staging/70-samples.sql), which the indicators apply; the page only says it.
 */
export const MIN_SAMPLE = 10;

/** The column a line chart's table and CSV add: whether the period was still running at as-of. */
export const PARTIAL_FIELD: Field = { field: 'partial', label: 'Partial period', format: 'text' };

/** The period starts (`YYYY-MM-DD`) of each period kind used on a page, in order. */
export type PeriodIndex = Partial<Record<Period, string[]>>;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TRENDS: Record<string, string> = { Up: '▲ Up', Down: '▼ Down', Flat: '▬ Flat' };

/** The heading of a period column. */
export const PERIOD_LABEL: Record<Period, string> = { week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' };

function isDate(value: Cell): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
}

/** A value as text for a table cell, tooltip or CSV-adjacent display; null is an em dash. */
export function formatCell(value: Cell, format: Format): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    switch (format) {
      case 'percent':
        return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
      case 'weekday':
        return WEEKDAYS[value - 1] ?? String(value);
      case 'count':
        return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
      default:
        return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    }
  }
  if (isDate(value)) {
    const [year = '', month = '', day = ''] = value.slice(0, 10).split('-');
    switch (format) {
      case 'month':
        return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
      case 'quarter':
        return `${year} Q${Math.floor((Number(month) - 1) / 3) + 1}`;
      case 'year':
        return year;
      case 'week':
      case 'date':
        return `${year}-${month}-${day}`;
      default:
        return value;
    }
  }
  if (format === 'trend') return TRENDS[value] ?? value;
  return value;
}

/** The format a column gets when its definition names none: from its name, the unit and its values. */
export function inferFormat(field: string, unit: string, values: readonly Cell[]): Format {
  if (/(share|ratio|coverage)$/.test(field) || (field === 'value' && /^(ratio|share)$/.test(unit))) return 'percent';
  if (field === 'trend') return 'trend';
  if (field === 'weekday') return 'weekday';
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return present.every((v) => Number.isInteger(v)) ? 'count' : 'number';
  if (present.length > 0 && present.every(isDate)) return 'date';
  return 'text';
}

/**
 * The rows a chart shows for a period kind, wide (one column per field, project and period
 * first): the same table feeds the chart, its table alternative and its CSV download.
 */
export function chartTable(payload: ChartPayload, periods: PeriodIndex, period: Period): { fields: Field[]; rows: Cell[][] } {
  const { chart, data } = payload;
  if (data.kind === 'table') {
    const fields = displayedFields(chart);
    const index = fields.map((f) => data.table.columns.indexOf(f.field));
    return { fields, rows: data.table.rows.map((row) => index.map((i) => (i < 0 ? null : (row[i] ?? null)))) };
  }
  const line = chart as LineChart;
  const starts = periods[period] ?? [];
  const valueFields = lineValueFields(line);
  const periodField: Field = { field: 'period', label: PERIOD_LABEL[period], format: period };
  const projectField: Field = { field: 'project', label: 'Project', format: 'text' };
  const fields = line.series === 'project' ? [projectField, periodField, ...valueFields, PARTIAL_FIELD] : [periodField, ...valueFields, PARTIAL_FIELD];
  const rows: Cell[][] = [];
  for (const series of data.byPeriod[period] ?? []) {
    const length = Math.max(0, ...Object.values(series.values).map((v) => v.length));
    for (let i = 0; i < length; i++) {
      const values = valueFields.map((f) => series.values[f.field]?.[i] ?? null);
      const start = starts[series.from + i] ?? null;
      const partial = start !== null && start === data.running[period];
      rows.push(line.series === 'project' ? [series.key, start, ...values, partial] : [start, ...values, partial]);
    }
  }
  return { fields, rows };
}

/** The coverage columns of a company figure, in the order tables and CSV show them; none for others. */
export function coverageColumns(chart: ChartModel): Field[] {
  return chart.coverage === undefined ? [] : [chart.coverage.share, chart.coverage.known, chart.coverage.n];
}

/** A line chart's values per period: its lines, band, n and coverage. */
export function lineValueFields(line: LineChart): Field[] {
  return [...line.fields, ...(line.band ?? []), ...(line.sample ? [line.sample] : []), ...coverageColumns(line)];
}

/** The columns a non-line chart shows, in order. */
function displayedFields(chart: ChartModel): Field[] {
  switch (chart.type) {
    case 'line':
      return [...chart.fields, ...(chart.band ?? [])];
    case 'bar':
      return [chart.category, ...(chart.details ?? []), ...(chart.color ? [chart.color.field] : []), chart.value, ...(chart.n ? [chart.n] : []), ...coverageColumns(chart)];
    case 'distribution':
      return [chart.group, chart.project, chart.value, ...(chart.n ? [chart.n] : [])];
    case 'heatmap':
      return [chart.y, chart.x, chart.value];
    default:
      return chart.columns;
  }
}

/** True when every shown value is null: the source of the chart was not collected. */
export function allMissing(fields: readonly Field[], rows: readonly Cell[][], keys: readonly string[]): boolean {
  const valueIndexes = fields.map((f, i) => (keys.includes(f.field) ? -1 : i)).filter((i) => i >= 0);
  return rows.length > 0 && rows.every((row) => valueIndexes.every((i) => row[i] === null));
}

/** A chart's table as a CSV download: a header of column labels, CRLF line ends for spreadsheets. */
export function toCsv(fields: readonly Field[], rows: readonly Cell[][]): string {
  return formatCsv([fields.map((f) => f.label), ...rows], '\r\n');
}

/**
 * The payload cut to the selected projects (none selected: all of them): the lines of a chart
 * with one line per project, and the rows of a table or bar chart with a `project` column.
 * Charts without projects are returned as they are.
 */
export function selectProjects(payload: ChartPayload, selected: ReadonlySet<string>): ChartPayload {
  if (selected.size === 0) return payload;
  const { chart, data } = payload;
  // The all-projects figure stays: it is the reference the projects are read against.
  const kept = (name: string) => selected.has(name) || name === chart.total;
  if (data.kind === 'series') {
    if (chart.type !== 'line' || chart.series !== 'project' || chart.seriesLabel !== undefined) return payload;
    const byPeriod = Object.fromEntries(Object.entries(data.byPeriod).map(([period, list]) => [period, list.filter((s) => kept(s.key))]));
    return { chart, data: { ...data, byPeriod } };
  }
  // A groups page's charts are narrowed by group, not project (selectGroups).
  if (chart.type === 'distribution' || (chart.type === 'bar' && chart.color !== undefined)) return payload;
  const index = data.table.columns.indexOf('project');
  if (index < 0) return payload;
  return { chart, data: { kind: 'table', table: { columns: data.table.columns, rows: data.table.rows.filter((row) => kept(String(row[index]))) } } };
}

/**
 * The payload of a groups page's chart cut to the selected groups (none selected: all of them),
 * All projects kept: the groups side by side, the bars of their projects, the lines of a chart
 * with one line per group. Other charts are returned as they are.
 */
export function selectGroups(payload: ChartPayload, selected: ReadonlySet<string>): ChartPayload {
  if (selected.size === 0) return payload;
  const { chart, data } = payload;
  const kept = (name: string) => selected.has(name) || name === chart.total;
  if (data.kind === 'series') {
    if (chart.type !== 'line' || chart.seriesLabel === undefined) return payload;
    const byPeriod = Object.fromEntries(Object.entries(data.byPeriod).map(([period, list]) => [period, list.filter((s) => kept(s.key))]));
    return { chart, data: { ...data, byPeriod } };
  }
  const field = chart.type === 'distribution' ? chart.group.field : chart.type === 'bar' ? chart.color?.field.field : undefined;
  const index = field === undefined ? -1 : data.table.columns.indexOf(field);
  if (index < 0) return payload;
  const table = { columns: data.table.columns, rows: data.table.rows.filter((row) => kept(String(row[index]))) };
  return { chart: chart.type === 'distribution' ? { ...chart, groups: chart.groups.filter(kept) } : chart, data: { kind: 'table', table } };
}
