import type { TopLevelSpec } from 'vega-lite';
import { chartCaption, withCaption, type CaptionContext } from './caption.js';
import { distributionSpec, groupBarSpec } from './group-specs.js';
import { withJoinedRule } from './joined-rule.js';
import { coverageNotes, coverageTotals } from './coverage.js';
import { type BarChart, type Cell, type ChartModel, type Field, formatCell, type HeatmapChart, type LineChart, MIN_SAMPLE, type Period, PERIOD_LABEL } from './model.js';
import { DEFAULT_WIDTH, SMALL_MULTIPLES_ABOVE, latestOrder, smallMultiplesSpec } from './small-multiples.js';
import { COLORS, base, fitWidth, numberFormat, paletteWith, records, unitTitle, valueAxis } from './spec-base.js';

export type { CaptionContext } from './caption.js';

/**
 * Pure Vega-Lite spec builders, run in Node (golden tests, `cdstats report --format`) and in
 * the browser (each chart, at each period switch). Data from the database only ever appears
 * as inline data values and scale domains: never in expressions, field names or URLs, so
 * names from git are drawn as text and nothing in them is evaluated.
 */

const HEIGHT = 260;
/** The all-projects line or bar. */
const TOTAL_COLOR = '#3d444d';
/** More points than this and the dots on a line hide it. */
const MAX_DOTS = 60;
/** Dates are UTC: a local time unit would shift months and years a day back west of Greenwich. */
const TIME_UNIT: Record<Period, string> = { week: 'utcyearmonthdate', month: 'utcyearmonth', quarter: 'utcyearquarter', year: 'utcyear' };
const TIME_FORMAT: Record<Period, string> = { week: '%Y-%m-%d', month: '%b %Y', quarter: '%Y Q%q', year: '%Y' };

/**
 * A time series chart for the rows of `chartTable` at `period`: one line per project or field,
 * or past `chart.panels` lines (SMALL_MULTIPLES_ABOVE) one small panel per line, as many side by
 * side as `width` pixels hold.
 */
export function lineSpec(chart: LineChart, fields: readonly Field[], rows: readonly Cell[][], period: Period, width = DEFAULT_WIDTH): TopLevelSpec {
  const valueFields = chart.fields;
  const first = valueFields[0];
  const format = first?.format ?? 'count';
  const data = records(fields, rows);
  const sample = chart.sample;
  const coverage = chart.coverage;
  // The n behind a ratio, and a company figure's coverage, go with each point for its tooltip.
  const sampleOf = (r: Record<string, Cell>): Record<string, Cell> => ({
    ...(sample === null ? {} : { n: r[sample.field] ?? null }),
    ...(coverage === undefined ? {} : { coverage: r[coverage.share.field] ?? null, covered_n: r[coverage.n.field] ?? null }),
  });
  // A field with no value in any period (its source was not collected) gets no line nor legend
  // entry: the subtitle names it, so a reader does not take it for a line at 0.
  const drawnFields = valueFields.filter((f) => data.some((r) => r[f.field] !== null && r[f.field] !== undefined));
  const missing = chart.series === 'field' && data.length > 0 ? valueFields.filter((f) => !drawnFields.includes(f)).map((f) => f.label) : [];
  // Long form: one row per line and period, the line named by its project or its field's label.
  const long =
    chart.series === 'project'
      ? data.map((r) => ({ period: r.period ?? null, series: r.project ?? null, value: r[first?.field ?? 'value'] ?? null, ...sampleOf(r), partial: r.partial === true }))
      : data.flatMap((r) =>
          valueFields.filter((f) => !missing.includes(f.label)).map((f) => ({
            period: r.period ?? null,
            series: f.label,
            value: r[f.field] ?? null,
            ...(chart.band ? { low: r[chart.band[0].field] ?? null, high: r[chart.band[1].field] ?? null } : {}),
            ...sampleOf(r),
            partial: r.partial === true,
          })),
        );
  const values = dashedRunning(long);
  const running = values.length > long.length;
  const names = chart.series === 'project' ? [...new Set(data.map((r) => String(r.project)))] : valueFields.map((f) => f.label).filter((label) => !missing.includes(label));
  const dots = values.length / Math.max(1, names.length) <= MAX_DOTS;
  const x = { field: 'period', type: 'temporal', timeUnit: TIME_UNIT[period], title: PERIOD_LABEL[period], axis: { format: TIME_FORMAT[period], labelOverlap: true } };
  const title = unitTitle(chart.unit);
  const y = { field: 'value', type: 'quantitative', title, axis: valueAxis(format), ...(format === 'percent' ? { scale: { domain: [0, 1] } } : {}) };
  const single = names.length === 1;
  // Past ten lines the default palette repeats; tableau20 tells twenty apart.
  const color = {
    field: 'series',
    type: 'nominal',
    title: chart.series === 'project' ? (chart.seriesLabel ?? 'Project') : null,
    scale: totalScale(names, chart.total) ?? (names.length > COLORS.length ? { domain: names, scheme: 'tableau20' } : { domain: names }),
    legend: single ? null : { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 160, symbolType: 'stroke' },
  };
  const tooltip = [
    { field: 'series', type: 'nominal', title: chart.series === 'project' ? (chart.seriesLabel ?? 'Project') : 'Series' },
    { field: 'period', type: 'temporal', timeUnit: TIME_UNIT[period], title: PERIOD_LABEL[period], format: TIME_FORMAT[period] },
    { field: 'value', type: 'quantitative', title, format: numberFormat(format) },
    ...(chart.band
      ? [
          { field: 'low', type: 'quantitative', title: chart.band[0].label, format: numberFormat(format) },
          { field: 'high', type: 'quantitative', title: chart.band[1].label, format: numberFormat(format) },
        ]
      : []),
    ...(sample === null ? [] : [{ field: 'n', type: 'quantitative', title: sample.label, format: ',d' }]),
    ...coverageTooltip(chart, 'coverage', 'covered_n'),
    ...(running ? [{ field: 'note', type: 'nominal', title: 'Data' }] : []),
  ];
  // The running period's segment is dashed: the same line, drawn apart by `part`.
  const dash = running ? { strokeDash: { field: 'part', type: 'nominal', scale: { domain: ['complete', 'partial'], range: [[1, 0], [4, 3]] }, legend: null } } : {};
  const notes = [
    ...(missing.length > 0 ? [`Not collected, so not drawn: ${missing.join(', ')}.`] : []),
    ...(sample === null ? [] : [`No point where n is under ${MIN_SAMPLE}: too few to give a share. n is in the tooltip.`]),
    ...(coverage === undefined ? [] : coverageNotes(coverageTotals(data, coverage, chart.series === 'project' ? 'project' : null))),
    ...(running ? ['Dashed: the last period is partial, still running at the as-of date.'] : []),
    ...(chart.total !== undefined && names.includes(chart.total) ? [totalNote(chart.total)] : []),
  ];
  const mark = { type: 'line', point: dots ? { filled: true, size: 20 } : false };
  if (chart.band === null && names.length > (chart.panels ?? SMALL_MULTIPLES_ABOVE)) {
    const what = chart.series === 'project' ? 'project' : 'series';
    const top = {
      ...base(chart, `Small multiples, one line chart per ${what}`),
      title: { text: chart.title, subtitle: [`One panel per ${what}, highest latest value first, all on the same scales.`, ...notes] },
    };
    delete (top as { width?: unknown }).width;
    const panel = { mark: { ...mark, ...(dots ? { point: { filled: true, size: 12 } } : {}) }, encoding: { x: { ...x, title: null, axis: { ...x.axis, labelFlush: true } }, y, color: { value: COLORS[0] }, tooltip, ...dash } };
    return smallMultiplesSpec(top, values, panel, latestOrder(long, names), width);
  }
  const spec = {
    ...base(chart, chart.band ? 'Line chart with a band' : single ? 'Line chart' : `Line chart, one line per ${chart.series === 'project' ? 'project' : 'series'}`),
    ...(notes.length === 0 || chart.band ? {} : { title: { text: chart.title, subtitle: notes.length === 1 ? notes[0] : notes } }),
    height: HEIGHT,
    data: { values },
  };
  if (chart.band === null) {
    if (single) return { ...spec, mark, encoding: { x, y, color, tooltip, ...dash } } as TopLevelSpec;
    // Clicking a legend entry (shift-click for more) brings its line forward and fades the others.
    return {
      ...spec,
      params: [{ name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' }],
      mark,
      encoding: { x, y, color, tooltip, ...dash, opacity: { condition: { param: 'pick', value: 1 }, value: 0.15 } },
    } as TopLevelSpec;
  }
  const line = { mark, encoding: { x, y, color, tooltip, ...dash } };
  const band = {
    mark: { type: 'area', opacity: 0.18 },
    encoding: { x, y: { field: 'low', type: 'quantitative', title }, y2: { field: 'high' }, color: { ...color, legend: null } },
  };
  const subtitle = `${valueFields[0]?.label ?? 'Value'}, shaded from the ${chart.band[0].label} to the ${chart.band[1].label}`;
  return { ...spec, title: { text: chart.title, subtitle: notes.length === 0 ? subtitle : [subtitle, ...notes] }, layer: [band, line] } as TopLevelSpec;
}

/** What the all-projects figure is, beside the projects'. */
function totalNote(total: string): string {
  return `${total}: every project at once, each person counted once however many of the projects they contributed to (not a sum).`;
}

/** The colours of lines or bars one of which is the all-projects figure: the projects' palette, and a dark grey for it; undefined without one. */
function totalScale(names: readonly string[], total: string | undefined): { domain: string[]; range: string[] } | undefined {
  return total === undefined || !names.includes(total) ? undefined : paletteWith(names, total, TOTAL_COLOR);
}

const PARTIAL_NOTE = 'partial period: still running at the as-of date';

type Point = Record<string, Cell> & { series: Cell; partial: boolean };

/**
 * The points without their `partial` flag; when some period is partial, each point gets a
 * `part` (complete or partial) and a tooltip note saying which, and the last complete point of each line is
 * repeated as part of the partial segment, so that the dashed piece joins the solid line.
 */
function dashedRunning(points: readonly Point[]): Record<string, Cell>[] {
  const strip = (point: Point): Record<string, Cell> => Object.fromEntries(Object.entries(point).filter(([key]) => key !== 'partial'));
  if (!points.some((p) => p.partial)) return points.map(strip);
  const out: Record<string, Cell>[] = [];
  const lastComplete = new Map<Cell, Record<string, Cell>>();
  for (const point of points) {
    const rest = strip(point);
    if (!point.partial) {
      const complete = { ...rest, part: 'complete', note: 'complete period' };
      lastComplete.set(point.series, complete);
      out.push(complete);
      continue;
    }
    const joint = lastComplete.get(point.series);
    if (joint !== undefined) out.push({ ...joint, part: 'partial' });
    out.push({ ...rest, part: 'partial', note: PARTIAL_NOTE });
  }
  return out;
}

/** A company figure's coverage and its n in a tooltip, read from the given data fields; none for other charts. */
function coverageTooltip(chart: ChartModel, share: string, n: string): object[] {
  if (chart.coverage === undefined) return [];
  return [
    { field: share, type: 'quantitative', title: chart.coverage.share.label, format: numberFormat('percent') },
    { field: n, type: 'quantitative', title: chart.coverage.n.label, format: ',d' },
  ];
}

/** Horizontal bars, one per category, longest first, each labelled with its value. */
export function barSpec(chart: BarChart, fields: readonly Field[], rows: readonly Cell[][]): TopLevelSpec {
  const value = (r: Record<string, Cell>) => Number(r[chart.value.field]);
  const all = records(fields, rows);
  const values = all.filter((r) => r[chart.value.field] !== null).sort((a, b) => value(b) - value(a));
  // A company figure: the coverage of every category, those without a bar (not representative) too.
  const categories = values.map((r) => String(r[chart.category.field]));
  const total = totalScale(categories, chart.total);
  const notes = [
    ...(chart.coverage === undefined ? [] : coverageNotes(coverageTotals(all, chart.coverage, chart.category.field))),
    ...(total === undefined || chart.total === undefined ? [] : [totalNote(chart.total)]),
  ];
  const format = numberFormat(chart.value.format);
  // The all-projects bar in its own colour, the others in the first.
  const color = total === undefined ? {} : { encoding: { color: { field: chart.category.field, type: 'nominal', scale: { domain: total.domain, range: total.domain.map((c) => (c === chart.total ? TOTAL_COLOR : COLORS[0])) }, legend: null } } };
  const y = { field: chart.category.field, type: 'nominal', title: null, sort: null, axis: { labelLimit: 160 } };
  const x = { field: chart.value.field, type: 'quantitative', title: `${chart.value.label} (${chart.unit})`, axis: valueAxis(chart.value.format) };
  return {
    ...base(chart, 'Bar chart'),
    ...(notes.length === 0 ? {} : { title: { text: chart.title, subtitle: notes } }),
    ...fitWidth(values.length),
    data: { values },
    encoding: {
      y,
      x,
      tooltip: [
        { field: chart.category.field, type: 'nominal', title: chart.category.label },
        { field: chart.value.field, type: 'quantitative', title: chart.value.label, format },
        ...(chart.n === undefined ? [] : [{ field: chart.n.field, type: 'quantitative', title: chart.n.label, format: ',d' }]),
        ...(chart.coverage === undefined ? [] : coverageTooltip(chart, chart.coverage.share.field, chart.coverage.n.field)),
      ],
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2, color: COLORS[0] }, ...color },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: chart.value.field, type: 'quantitative', format } } },
    ],
  } as TopLevelSpec;
}

/** An ordinal axis: values shown formatted, in the order of the raw values. */
function ordinal(field: Field, data: Record<string, Cell>[]) {
  const raw = [...new Set(data.map((r) => r[field.field] ?? null))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return { labels: raw.map((v) => formatCell(v, field.format)), label: (v: Cell) => formatCell(v, field.format) };
}

/** Colour by value over two ordinal axes; values of several projects at one spot are summed. */
export function heatmapSpec(chart: HeatmapChart, fields: readonly Field[], rows: readonly Cell[][]): TopLevelSpec {
  const data = records(fields, rows);
  const x = ordinal(chart.x, data);
  const y = ordinal(chart.y, data);
  // A cell without a value (a share of too small a sample) stays blank.
  const values = data
    .filter((r) => r[chart.value.field] !== null && r[chart.value.field] !== undefined)
    .map((r) => ({ x: x.label(r[chart.x.field] ?? null), y: y.label(r[chart.y.field] ?? null), value: r[chart.value.field] ?? null }));
  const format = numberFormat(chart.value.format);
  return {
    ...base(chart, 'Heat map'),
    ...fitWidth(y.labels.length),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: chart.x.label, sort: x.labels, axis: { labelAngle: 0 } },
      y: { field: 'y', type: 'ordinal', title: chart.y.label, sort: y.labels },
      color: { aggregate: 'sum', field: 'value', type: 'quantitative', title: chart.value.label, scale: { scheme: 'blues' }, legend: { format, orient: 'bottom', direction: 'horizontal' } },
      tooltip: [
        { field: 'y', type: 'ordinal', title: chart.y.label },
        { field: 'x', type: 'ordinal', title: chart.x.label },
        { aggregate: 'sum', field: 'value', type: 'quantitative', title: chart.value.label, format },
      ],
    },
  } as TopLevelSpec;
}

/** How a chart is drawn beyond its data: where it says what it shows, and how wide it is. */
export interface SpecOptions {
  /** What its caption line says besides the chart itself (see caption.ts); no caption without it. */
  caption?: CaptionContext;
  /** The chart's width in pixels: its container's on a page; DEFAULT_WIDTH by default. */
  width?: number;
}

/** A chart's own spec, before its caption: tables and facts have none. */
function drawnSpec(chart: ChartModel, fields: readonly Field[], rows: readonly Cell[][], period: Period, width: number): TopLevelSpec | null {
  switch (chart.type) {
    case 'line':
      return withJoinedRule(lineSpec(chart, fields, rows, period, width), chart, fields, rows);
    case 'bar':
      return chart.color === undefined ? barSpec(chart, fields, rows) : groupBarSpec(chart, fields, rows);
    case 'distribution':
      return distributionSpec(chart, fields, rows);
    case 'heatmap':
      return heatmapSpec(chart, fields, rows);
    default:
      return null;
  }
}

/** The Vega-Lite spec of any drawn chart, with its caption; tables and facts have none. */
export function chartSpec(chart: ChartModel, fields: readonly Field[], rows: readonly Cell[][], period: Period, options: SpecOptions = {}): TopLevelSpec | null {
  const width = options.width ?? DEFAULT_WIDTH;
  const spec = drawnSpec(chart, fields, rows, period, width);
  if (spec === null) return null;
  return withCaption(spec, options.caption === undefined ? null : chartCaption(chart, period, options.caption), width);
}
