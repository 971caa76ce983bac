/**
 * Vega-Lite specs of a groups page: groups side by side (each group's projects, their median and
 * spread, and the group's own figure), and one bar per project coloured by its group. Pure, like
 * specs.ts: names from the config and the data are only ever values of the inline data and of
 * scale domains, never expressions.
 */
import type { TopLevelSpec } from 'vega-lite';
import { summarise } from './distribution.js';
import type { BarChart, Cell, DistributionChart, Field } from './model.js';
import { BAR_HEIGHT, COLORS, base, fitWidth, numberFormat, paletteWith, records, valueAxis } from './spec-base.js';

/** Room for a group's box and dots. */
const GROUP_HEIGHT = 48;
/** The all-projects group, and the text and rules that are no group's. */
const NEUTRAL = '#59636e';
const PROJECT_KIND = 'A project';
const OWN_KIND = 'The group as a whole (each person once)';

/** One colour per group in order, the all-projects one neutral. */
function groupColors(groups: readonly string[], total: string | undefined) {
  return paletteWith(groups, total, NEUTRAL);
}

/**
 * Groups side by side: a row per group with its projects as dots, a box over their middle half,
 * a dark bar at their median, whiskers to the lowest and highest, and a diamond at the group's
 * own figure, which counts each person once (not a sum nor a mean of its projects).
 */
export function distributionSpec(chart: DistributionChart, fields: readonly Field[], rows: readonly Cell[][]): TopLevelSpec {
  const groups = summarise(chart, fields, rows);
  const format = numberFormat(chart.value.format);
  const n = chart.n;
  const points = groups.flatMap((g) => [
    ...g.projects.filter((p) => p.value !== null).map((p) => ({ group: g.group, name: p.project, value: p.value, ...(n === null ? {} : { n: p.n }), kind: PROJECT_KIND })),
    ...(g.own.value === null ? [] : [{ group: g.group, name: g.group, value: g.own.value, ...(n === null ? {} : { n: g.own.n }), kind: OWN_KIND }]),
  ]);
  const spreads = groups.flatMap((g) => (g.spread === undefined ? [] : [{ group: g.group, ...g.spread }]));
  const y = { field: 'group', type: 'nominal', title: null, scale: { domain: chart.groups }, axis: { labelLimit: 180 } };
  const title = chart.value.label;
  const x = (field: string) => ({ field, type: 'quantitative', title, axis: valueAxis(chart.value.format) });
  const color = { field: 'group', type: 'nominal', scale: groupColors(chart.groups, chart.total), legend: null };
  const shape = { field: 'kind', type: 'nominal', title: null, scale: { domain: [PROJECT_KIND, OWN_KIND], range: ['circle', 'diamond'] }, legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 320 } };
  const spreadTooltip = [
    { field: 'group', type: 'nominal', title: 'Group' },
    { field: 'count', type: 'quantitative', title: 'Projects', format: ',d' },
    { field: 'median', type: 'quantitative', title: 'Median of its projects', format },
    { field: 'q1', type: 'quantitative', title: '25th percentile', format },
    { field: 'q3', type: 'quantitative', title: '75th percentile', format },
    { field: 'min', type: 'quantitative', title: 'Lowest', format },
    { field: 'max', type: 'quantitative', title: 'Highest', format },
  ];
  const pointTooltip = [
    { field: 'name', type: 'nominal', title: 'Project or group' },
    { field: 'group', type: 'nominal', title: 'Group' },
    { field: 'value', type: 'quantitative', title, format },
    ...(n === null ? [] : [{ field: 'n', type: 'quantitative', title: n.label, format: ',d' }]),
  ];
  const spreadData = { values: spreads };
  return {
    ...base(chart, 'Groups side by side, each with the spread of its projects and its own figure'),
    title: {
      text: chart.title,
      subtitle: [
        'Dots: its projects; box: their middle half; bar: median; whiskers: range.',
        'Diamond: the group as a whole, each person counted once.',
      ],
    },
    ...fitWidth(chart.groups.length, GROUP_HEIGHT),
    data: { values: points },
    layer: [
      { data: spreadData, mark: { type: 'rule', color: NEUTRAL }, encoding: { y, x: x('min'), x2: { field: 'max' }, tooltip: spreadTooltip } },
      { data: spreadData, mark: { type: 'bar', size: 20, opacity: 0.3 }, encoding: { y, x: x('q1'), x2: { field: 'q3' }, color, tooltip: spreadTooltip } },
      { data: spreadData, mark: { type: 'tick', thickness: 3, size: 26, color: '#1f2328' }, encoding: { y, x: x('median'), tooltip: spreadTooltip } },
      {
        transform: [{ filter: { field: 'kind', equal: PROJECT_KIND } }],
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9, stroke: 'white', strokeWidth: 1 },
        encoding: { y, x: x('value'), color, shape, tooltip: pointTooltip },
      },
      {
        transform: [{ filter: { field: 'kind', equal: OWN_KIND } }],
        mark: { type: 'point', filled: true, size: 130, color: '#1f2328', stroke: 'white', strokeWidth: 1 },
        encoding: { y, x: x('value'), shape, tooltip: pointTooltip },
      },
    ],
  } as TopLevelSpec;
}

/**
 * One bar per project, longest first, coloured by its group; a project in several groups has a
 * bar for each, side by side in its row.
 */
export function groupBarSpec(chart: BarChart, fields: readonly Field[], rows: readonly Cell[][]): TopLevelSpec {
  const colorBy = chart.color;
  const value = (r: Record<string, Cell>) => Number(r[chart.value.field]);
  const values = records(fields, rows)
    .filter((r) => r[chart.value.field] !== null)
    .sort((a, b) => value(b) - value(a));
  const categories = new Set(values.map((r) => r[chart.category.field]));
  const shared = categories.size < values.length;
  const format = numberFormat(chart.value.format);
  const y = { field: chart.category.field, type: 'nominal', title: null, sort: null, axis: { labelLimit: 160 } };
  const x = { field: chart.value.field, type: 'quantitative', title: chart.value.label, axis: valueAxis(chart.value.format) };
  const domain = colorBy?.domain ?? [];
  const color =
    colorBy === undefined
      ? { value: COLORS[0] }
      : { field: colorBy.field.field, type: 'nominal', title: colorBy.field.label, scale: groupColors(domain, undefined), legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 200 } };
  const offset = shared && colorBy !== undefined ? { yOffset: { field: colorBy.field.field, type: 'nominal', scale: { domain } } } : {};
  const most = Math.max(1, ...[...categories].map((c) => values.filter((r) => r[chart.category.field] === c).length));
  return {
    ...base(chart, `Bar chart, one bar per ${chart.category.label.toLowerCase()} coloured by group`),
    ...fitWidth(categories.size, BAR_HEIGHT * (shared ? Math.min(most, 3) : 1)),
    data: { values },
    encoding: {
      y,
      x,
      ...offset,
      tooltip: [
        { field: chart.category.field, type: 'nominal', title: chart.category.label },
        ...(chart.details ?? []).map((f) => ({ field: f.field, type: 'nominal', title: f.label })),
        ...(colorBy === undefined ? [] : [{ field: colorBy.field.field, type: 'nominal', title: colorBy.field.label }]),
        { field: chart.value.field, type: 'quantitative', title: chart.value.label, format },
        ...(chart.n === undefined ? [] : [{ field: chart.n.field, type: 'quantitative', title: chart.n.label, format: ',d' }]),
      ],
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2 }, encoding: { color } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: chart.value.field, type: 'quantitative', format } } },
    ],
  } as TopLevelSpec;
}
