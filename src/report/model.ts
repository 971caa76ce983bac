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
}

/**
 * A time series. On an overview page one line per project (the first field); on a project
 * page one line per field, with an optional band (e.g. 15th–85th percentile) around a single
 * line. `periods` lists the periods the reader can switch between (empty: the indicator has
 * a fixed period, `period`).
 */
export interface LineChart extends ChartCommon {
  type: 'line';
  /** `project`: one line per project; `field`: one line per field. */
  series: 'project' | 'field';
  fields: Field[];
  band: [Field, Field] | null;
  periods: Period[];
  period: Period;
}

/** One bar per category (a project, a company…), longest first. */
export interface BarChart extends ChartCommon {
  type: 'bar';
  category: Field;
  value: Field;
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

export type ChartModel = LineChart | BarChart | HeatmapChart | TableChart;

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
  data: { kind: 'series'; byPeriod: Partial<Record<Period, Series[]>> } | { kind: 'table'; table: Table };
}

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
  const valueFields = [...line.fields, ...(line.band ?? [])];
  const periodField: Field = { field: 'period', label: PERIOD_LABEL[period], format: period };
  const projectField: Field = { field: 'project', label: 'Project', format: 'text' };
  const fields = line.series === 'project' ? [projectField, periodField, ...valueFields] : [periodField, ...valueFields];
  const rows: Cell[][] = [];
  for (const series of data.byPeriod[period] ?? []) {
    const length = Math.max(0, ...Object.values(series.values).map((v) => v.length));
    for (let i = 0; i < length; i++) {
      const values = valueFields.map((f) => series.values[f.field]?.[i] ?? null);
      const start = starts[series.from + i] ?? null;
      rows.push(line.series === 'project' ? [series.key, start, ...values] : [start, ...values]);
    }
  }
  return { fields, rows };
}

/** The columns a non-line chart shows, in order. */
function displayedFields(chart: ChartModel): Field[] {
  switch (chart.type) {
    case 'line':
      return [...chart.fields, ...(chart.band ?? [])];
    case 'bar':
      return [chart.category, chart.value];
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
