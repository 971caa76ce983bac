import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { spreadOf, summarise } from '../../src/report/distribution.js';
import { distributionSpec, groupBarSpec } from '../../src/report/group-specs.js';
import type { BarChart, Cell, DistributionChart, Field, LineChart } from '../../src/report/model.js';
import { barSpec, chartSpec } from '../../src/report/specs.js';
import { CONFIG, SCHEMA, XSS, field, keys, warnings } from '../helpers/vega.js';

/** Golden tests of a groups page's charts, the joined rule and the all-projects figure: the exact Vega-Lite drawn. */

const common = { indicator: 'x', description: 'About it.', id: 'x' };

describe('spreadOf', () => {
  it('gives the median and quartiles interpolated between the sorted values, leaving out missing ones', () => {
    expect(spreadOf([10, null, 4, 7])).toEqual({ count: 3, min: 4, q1: 5.5, median: 7, q3: 8.5, max: 10 });
    // Four values: the median between the middle two; quartiles a quarter and three quarters of the way.
    expect(spreadOf([1, 2, 3, 10])).toEqual({ count: 4, min: 1, q1: 1.75, median: 2.5, q3: 4.75, max: 10 });
    expect(spreadOf([5])).toEqual({ count: 1, min: 5, q1: 5, median: 5, q3: 5, max: 5 });
    expect(spreadOf([null])).toBeUndefined();
  });
});

/**
 * G1 = A, B, C; G2 = C, D (C in both); All = A, B, C, D. D has no value (a ratio of nothing). A
 * group's own row (project null) is its figure counted as one unit, not a sum: G1 is 15, not 21.
 */
describe('distributionSpec, groups side by side', () => {
  const chart: DistributionChart = {
    ...common,
    type: 'distribution',
    title: 'Contributions per contributor',
    unit: 'contributions per person',
    group: field('group', 'Group', 'text'),
    project: field('project', 'Project', 'text'),
    value: field('value', 'Contributions per contributor', 'number'),
    n: field('contributors', 'Contributors', 'count'),
    groups: ['G1', XSS, 'All projects'],
    total: 'All projects',
  };
  const fields = [chart.group, chart.project, chart.value, field('contributors', 'Contributors', 'count')];
  const rows: Cell[][] = [
    ['G1', 'A', 10, 3],
    ['G1', 'B', 4, 5],
    ['G1', XSS, 7, 2],
    ['G1', null, 15, 8],
    [XSS, XSS, 7, 2],
    [XSS, 'D', null, 0],
    [XSS, null, 9, 2],
    ['All projects', 'A', 10, 3],
    ['All projects', 'B', 4, 5],
    ['All projects', XSS, 7, 2],
    ['All projects', 'D', null, 0],
    ['All projects', null, 20, 9],
  ];
  const spec = distributionSpec(chart, fields, rows);

  it('summarises each group: its projects, their spread, and its own figure with its n', () => {
    expect(summarise(chart, fields, rows).map((g) => [g.group, g.projects.length, g.spread?.median, g.own])).toEqual([
      ['G1', 3, 7, { value: 15, n: 8 }],
      [XSS, 2, 7, { value: 9, n: 2 }],
      ['All projects', 4, 7, { value: 20, n: 9 }],
    ]);
  });

  it('draws each group as a row: whiskers, a box over the middle half, the median, a dot per project and a diamond for the group', () => {
    const y = { field: 'group', type: 'nominal', title: null, scale: { domain: ['G1', XSS, 'All projects'] }, axis: { labelLimit: 180 } };
    const x = (f: string) => ({ field: f, type: 'quantitative', title: 'Contributions per contributor', axis: { format: ',.2~f' } });
    const color = { field: 'group', type: 'nominal', scale: { domain: ['G1', XSS, 'All projects'], range: ['#4c78a8', '#f58518', '#59636e'] }, legend: null };
    const shape = {
      field: 'kind',
      type: 'nominal',
      title: null,
      scale: { domain: ['A project', 'The group as a whole (each person once)'], range: ['circle', 'diamond'] },
      legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 320 },
    };
    const spreadTooltip = [
      { field: 'group', type: 'nominal', title: 'Group' },
      { field: 'count', type: 'quantitative', title: 'Projects', format: ',d' },
      { field: 'median', type: 'quantitative', title: 'Median of its projects', format: ',.2~f' },
      { field: 'q1', type: 'quantitative', title: '25th percentile', format: ',.2~f' },
      { field: 'q3', type: 'quantitative', title: '75th percentile', format: ',.2~f' },
      { field: 'min', type: 'quantitative', title: 'Lowest', format: ',.2~f' },
      { field: 'max', type: 'quantitative', title: 'Highest', format: ',.2~f' },
    ];
    const pointTooltip = [
      { field: 'name', type: 'nominal', title: 'Project or group' },
      { field: 'group', type: 'nominal', title: 'Group' },
      { field: 'value', type: 'quantitative', title: 'Contributions per contributor', format: ',.2~f' },
      { field: 'n', type: 'quantitative', title: 'Contributors', format: ',d' },
    ];
    const spreads = {
      values: [
        { group: 'G1', count: 3, min: 4, q1: 5.5, median: 7, q3: 8.5, max: 10 },
        { group: XSS, count: 1, min: 7, q1: 7, median: 7, q3: 7, max: 7 },
        { group: 'All projects', count: 3, min: 4, q1: 5.5, median: 7, q3: 8.5, max: 10 },
      ],
    };
    const point = (group: string, name: string, value: number, n: number) => ({ group, name, value, n, kind: 'A project' });
    const own = (group: string, value: number, n: number) => ({ group, name: group, value, n, kind: 'The group as a whole (each person once)' });
    expect(spec).toEqual({
      $schema: SCHEMA,
      description: 'Groups side by side, each with the spread of its projects and its own figure: Contributions per contributor. About it.',
      title: {
        text: 'Contributions per contributor',
        subtitle: ['Dots: its projects; box: their middle half; bar: median; whiskers: range.', 'Diamond: the group as a whole, each person counted once.'],
      },
      width: 'container',
      config: CONFIG,
      autosize: { type: 'fit-x', contains: 'padding' },
      height: 144,
      data: {
        values: [
          point('G1', 'A', 10, 3),
          point('G1', 'B', 4, 5),
          point('G1', XSS, 7, 2),
          own('G1', 15, 8),
          point(XSS, XSS, 7, 2),
          own(XSS, 9, 2),
          point('All projects', 'A', 10, 3),
          point('All projects', 'B', 4, 5),
          point('All projects', XSS, 7, 2),
          own('All projects', 20, 9),
        ],
      },
      layer: [
        { data: spreads, mark: { type: 'rule', color: '#59636e' }, encoding: { y, x: x('min'), x2: { field: 'max' }, tooltip: spreadTooltip } },
        { data: spreads, mark: { type: 'bar', size: 20, opacity: 0.3 }, encoding: { y, x: x('q1'), x2: { field: 'q3' }, color, tooltip: spreadTooltip } },
        { data: spreads, mark: { type: 'tick', thickness: 3, size: 26, color: '#1f2328' }, encoding: { y, x: x('median'), tooltip: spreadTooltip } },
        {
          transform: [{ filter: { field: 'kind', equal: 'A project' } }],
          mark: { type: 'point', filled: true, size: 70, opacity: 0.9, stroke: 'white', strokeWidth: 1 },
          encoding: { y, x: x('value'), color, shape, tooltip: pointTooltip },
        },
        {
          transform: [{ filter: { field: 'kind', equal: 'The group as a whole (each person once)' } }],
          mark: { type: 'point', filled: true, size: 130, color: '#1f2328', stroke: 'white', strokeWidth: 1 },
          encoding: { y, x: x('value'), shape, tooltip: pointTooltip },
        },
      ],
    });
  });

  it('compiles without a warning, and carries names only as data and domain values', () => {
    expect(warnings(spec)).toEqual([]);
    for (const key of ['expr', 'signal', 'url', 'href', 'calculate']) expect(keys(spec)).not.toContain(key);
    expect(JSON.stringify((spec as { layer: object[] }).layer.map((l) => ('transform' in l ? l.transform : null)))).not.toContain(XSS);
  });
});

describe('groupBarSpec, one bar per project coloured by its group', () => {
  const chart: BarChart = {
    ...common,
    type: 'bar',
    title: 'Active contributors',
    unit: 'contributions per person',
    category: field('project', 'Project', 'text'),
    value: field('contributors', 'Active contributors', 'count'),
    details: [field('maturity', 'Maturity', 'text')],
    color: { field: field('group', 'Group', 'text'), domain: ['G1', 'G2'] },
  };
  const fields = [chart.category, field('maturity', 'Maturity', 'text'), field('group', 'Group', 'text'), chart.value];
  const rows: Cell[][] = [
    ['A', 'graduated', 'G1', 3],
    ['B', null, 'G1', 5],
    ['C', 'sandbox', 'G1', 9],
    ['C', 'sandbox', 'G2', 9],
    ['D', null, 'G2', null],
  ];
  const spec = groupBarSpec(chart, fields, rows);

  it('orders bars highest first, colours them by group, and puts a project of two groups in two bars of its row', () => {
    expect(spec).toEqual({
      $schema: SCHEMA,
      description: 'Bar chart, one bar per project coloured by group: Active contributors. About it.',
      title: 'Active contributors',
      width: 'container',
      config: CONFIG,
      autosize: { type: 'fit-x', contains: 'padding' },
      height: 3 * 22 * 2,
      data: {
        values: [
          { project: 'C', maturity: 'sandbox', group: 'G1', contributors: 9 },
          { project: 'C', maturity: 'sandbox', group: 'G2', contributors: 9 },
          { project: 'B', maturity: null, group: 'G1', contributors: 5 },
          { project: 'A', maturity: 'graduated', group: 'G1', contributors: 3 },
        ],
      },
      encoding: {
        y: { field: 'project', type: 'nominal', title: null, sort: null, axis: { labelLimit: 160 } },
        x: { field: 'contributors', type: 'quantitative', title: 'Active contributors', axis: { format: ',d', tickMinStep: 1 } },
        yOffset: { field: 'group', type: 'nominal', scale: { domain: ['G1', 'G2'] } },
        tooltip: [
          { field: 'project', type: 'nominal', title: 'Project' },
          { field: 'maturity', type: 'nominal', title: 'Maturity' },
          { field: 'group', type: 'nominal', title: 'Group' },
          { field: 'contributors', type: 'quantitative', title: 'Active contributors', format: ',d' },
        ],
      },
      layer: [
        {
          mark: { type: 'bar', cornerRadiusEnd: 2 },
          encoding: { color: { field: 'group', type: 'nominal', title: 'Group', scale: { domain: ['G1', 'G2'], range: ['#4c78a8', '#f58518'] }, legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 200 } } },
        },
        { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { text: { field: 'contributors', type: 'quantitative', format: ',d' } } },
      ],
    });
    expect(warnings(spec)).toEqual([]);
  });

  it('is what chartSpec draws for a bar chart coloured by group', () => {
    expect(chartSpec(chart, fields, rows, 'month')).toEqual(spec);
  });
});

describe('the all-projects figure', () => {
  it('draws the all-projects bar in dark grey, says it counts each person once, and shows each bar’s n', () => {
    const chart: BarChart = { ...common, type: 'bar', title: 'Per contributor', unit: 'contributions per person', category: field('project', 'Project', 'text'), value: field('value', 'Per contributor', 'number'), n: field('contributors', 'Contributors', 'count'), total: 'All projects' };
    const fields = [chart.category, chart.value, field('contributors', 'Contributors', 'count')];
    const spec = barSpec(chart, fields, [['A', 4, 10], ['All projects', 3.5, 12], ['B', 2, 3]]) as unknown as { title: { subtitle: string[] }; encoding: { tooltip: object[] }; layer: { encoding?: object }[] };
    expect(spec.title.subtitle).toEqual(['All projects: every project at once, each person counted once however many of the projects they contributed to (not a sum).']);
    expect(spec.layer[0]?.encoding).toEqual({ color: { field: 'project', type: 'nominal', scale: { domain: ['A', 'All projects', 'B'], range: ['#4c78a8', '#3d444d', '#4c78a8'] }, legend: null } });
    expect(spec.encoding.tooltip).toContainEqual({ field: 'contributors', type: 'quantitative', title: 'Contributors', format: ',d' });
    expect(warnings(spec as unknown as TopLevelSpec)).toEqual([]);
  });

  it('draws the all-projects line in dark grey beside the projects’ colours', () => {
    const chart: LineChart = { ...common, type: 'line', title: 'Active', unit: 'people', series: 'project', fields: [field('value', 'Active', 'count')], band: null, sample: null, periods: [], period: 'month', total: 'All projects' };
    const fields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Active', 'count')];
    const spec = chartSpec(chart, fields, [['A', '2024-01-01', 2], ['B', '2024-01-01', 3], ['All projects', '2024-01-01', 4]], 'month') as unknown as { encoding: { color: { scale: unknown } } };
    expect(spec.encoding.color.scale).toEqual({ domain: ['A', 'B', 'All projects'], range: ['#4c78a8', '#f58518', '#3d444d'] });
  });
});

describe('the joined rule', () => {
  const line = (series: LineChart['series'], joined: Record<string, string> | undefined): LineChart => ({
    ...common,
    type: 'line',
    title: 'Commits',
    unit: 'commits',
    series,
    fields: [field('value', 'Commits', 'count')],
    band: null,
    sample: null,
    periods: ['month'],
    period: 'month',
    ...(joined === undefined ? {} : { joined }),
  });
  const rule = (day: string, label: string) => {
    const x = { field: 'joined', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null };
    const data = { values: [{ joined: day, label }] };
    return [
      { data, mark: { type: 'rule', color: '#59636e', strokeDash: [4, 2], strokeWidth: 1.5 }, encoding: { x } },
      { data, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 2, fontSize: 11, color: '#59636e' }, encoding: { x, text: { field: 'label', type: 'nominal' } } },
    ];
  };

  it('draws the day a project joined as a labelled rule over its project page’s chart', () => {
    const fields = [field('period', 'Month', 'month'), field('value', 'Commits', 'count')];
    const rows = [['2019-02-01', 3], ['2019-03-01', 5]];
    const spec = chartSpec(line('field', { [XSS]: '2019-03-12' }), fields, rows, 'month') as unknown as { layer: object[]; description: string; mark?: unknown };
    expect(spec.mark).toBeUndefined();
    expect(spec.layer).toHaveLength(3);
    expect(spec.layer.slice(1)).toEqual(rule('2019-03-12', 'Joined 2019-03-12'));
    expect(spec.description).toContain(`A dashed rule marks the day ${XSS} joined the foundation, 2019-03-12.`);
    expect(warnings(spec as unknown as TopLevelSpec)).toEqual([]);
  });

  it('adds it to a chart with a band, after the band and the line', () => {
    const chart = { ...line('field', { P: '2019-03-12' }), band: [field('p15', 'Low', 'count'), field('p85', 'High', 'count')] as [Field, Field] };
    const fields = [field('period', 'Month', 'month'), field('value', 'Commits', 'count'), field('p15', 'Low', 'count'), field('p85', 'High', 'count')];
    const spec = chartSpec(chart, fields, [['2019-02-01', 3, 1, 5]], 'month') as unknown as { layer: object[] };
    expect(spec.layer.slice(2)).toEqual(rule('2019-03-12', 'Joined 2019-03-12'));
  });

  it('on an overview, draws it only when the chart shows one project, and keeps the legend’s selection on the lines', () => {
    const chart = line('project', { A: '2019-03-12', B: '2020-01-01' });
    const fields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Commits', 'count')];
    const two = chartSpec(chart, fields, [['A', '2019-02-01', 3], ['B', '2019-02-01', 4]], 'month') as unknown as { layer?: unknown; params: unknown };
    expect(two.layer).toBeUndefined();
    const one = chartSpec(chart, fields, [['A', '2019-02-01', 3]], 'month') as unknown as { layer: object[] };
    expect(one.layer.slice(1)).toEqual(rule('2019-03-12', 'A joined 2019-03-12'));
    const withTotal = chartSpec({ ...chart, total: 'All' }, fields, [['B', '2019-02-01', 3], ['All', '2019-02-01', 9]], 'month') as unknown as { layer: { params?: unknown }[] };
    expect(withTotal.layer.slice(1)).toEqual(rule('2020-01-01', 'B joined 2020-01-01'));
    expect(withTotal.layer[0]?.params).toEqual([{ name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' }]);
    expect(warnings(withTotal as unknown as TopLevelSpec)).toEqual([]);
    // A project without a joined day: no rule.
    expect((chartSpec(line('field', undefined), [field('period', 'Month', 'month'), field('value', 'Commits', 'count')], [['2019-02-01', 3]], 'month') as { layer?: unknown }).layer).toBeUndefined();
  });
});

describe('the joined rule in small multiples', () => {
  const chart: LineChart = { ...common, type: 'line', title: 'Commits', unit: 'commits', series: 'project', fields: [field('value', 'Commits', 'count')], band: null, sample: null, periods: ['month'], period: 'month', joined: { p3: '2024-02-15', gone: '2020-01-01' }, panels: 2 };
  const fields = [field('project', 'Project', 'text'), field('period', 'Month', 'month'), field('value', 'Commits', 'count')];
  const rows = ['p1', 'p2', 'p3'].flatMap((p, i) => ['2024-01-01', '2024-02-01', '2024-03-01'].map((month, m) => [p, month, i + m]));
  const spec = chartSpec(chart, fields, rows, 'month') as unknown as { data: { values: object[] }; spec: { layer: { transform: object[]; mark: { type: string } }[] } };

  it('adds a row per project shown that joined, and a rule and label in its panel only; the lines keep their own rows', () => {
    expect(spec.data.values.slice(-1)).toEqual([{ series: 'p3', joined: '2024-02-15', label: 'joined 2024-02-15' }]);
    expect(spec.spec.layer.map((l) => [l.mark.type, l.transform])).toEqual([
      ['line', [{ filter: { field: 'period', valid: true } }]],
      ['rule', [{ filter: { field: 'joined', valid: true } }]],
      ['text', [{ filter: { field: 'joined', valid: true } }]],
    ]);
    expect(warnings(spec as unknown as TopLevelSpec)).toEqual([]);
  });

  it('draws the rule in one panel of the image', async () => {
    const { renderChart } = await import('../../src/report/render.js');
    const svg = (await renderChart(spec as unknown as TopLevelSpec, 'svg')).toString();
    expect(svg.match(/>joined 2024-02-15</g)).toHaveLength(1);
    expect(svg.match(/role-mark[^"]*mark-rule|mark-rule role-mark/g)?.length ?? 0).toBeGreaterThan(0);
  });
});
